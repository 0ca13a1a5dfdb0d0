// Keyshift's background (Chrome's service worker, Firefox's event page): loads the Rust
// engine (wasm) and delivers messages to it.
// Every decision is the engine's; this file only loads state, passes messages on and
// applies the effects the engine returns (storage writes, alarms, content scripts).

import init, { Engine } from './pkg/keyshift.js';
import { clearClipboard, doneWithClipboard, readClipboard } from './clipboard.js';

const ALARM = 'keyshift-expire';
const EXTRA_SCRIPT_ID = 'keyshift-extra-hosts';

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Held tokens live in storage.session: memory only, and hidden from content scripts.
// Firefox keeps storage.session from content scripts without being asked (no setAccessLevel).
const sessionLocked = chrome.storage.session.setAccessLevel
  ? chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
  : Promise.resolve();

let wasmMemory = null;
// For diagnostics (and `make bench`): the engine's memory in bytes. Holds nothing secret.
globalThis.keyshiftMemoryBytes = () => (wasmMemory ? wasmMemory.buffer.byteLength : 0);

const engine = (async () => {
  const exports = await init({ module_or_path: new URL('./pkg/keyshift_bg.wasm', import.meta.url) });
  wasmMemory = exports.memory;
  await sessionLocked;
  const [local, stored, managed] = await Promise.all([
    chrome.storage.local.get(['settings', 'dismissed', 'salt']),
    chrome.storage.session.get('session'),
    managedPolicy(),
  ]);
  // The salt makes dismissal fingerprints useless outside this profile; it is not secret.
  const salt = local.salt || hex(crypto.getRandomValues(new Uint8Array(16)));
  if (!local.salt) await chrome.storage.local.set({ salt });
  const selfOrigin = new URL(chrome.runtime.getURL('/')).origin;
  return new Engine(chrome.runtime.id, selfOrigin, salt, local.settings, managed, local.dismissed, stored.session);
})();

// What an administrator set by policy; Firefox rejects when no policy exists at all.
function managedPolicy() {
  return chrome.storage.managed.get(null).catch(() => ({}));
}

async function syncExtraHosts(hosts) {
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [EXTRA_SCRIPT_ID] });
  if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: [EXTRA_SCRIPT_ID] });
  const granted = [];
  for (const host of hosts) {
    const origin = `https://${host}/*`;
    if (await chrome.permissions.contains({ origins: [origin] })) granted.push(origin);
  }
  // Least privilege: access to a custom domain the user removed is given back.
  const manifest = chrome.runtime.getManifest();
  const required = new Set([...(manifest.host_permissions || []), ...manifest.content_scripts.flatMap((c) => c.matches)]);
  const { origins = [] } = await chrome.permissions.getAll();
  const stale = origins.filter((o) => !required.has(o) && !granted.includes(o));
  if (stale.length) await chrome.permissions.remove({ origins: stale }).catch(() => {});
  if (!granted.length) return;
  await chrome.scripting.registerContentScripts([
    { id: EXTRA_SCRIPT_ID, matches: granted, js: manifest.content_scripts[0].js, allFrames: true, runAt: 'document_end', persistAcrossSessions: true },
  ]);
}

function apply(effects) {
  const writes = [];
  if (effects.session) writes.push(chrome.storage.session.set({ session: effects.session }));
  if (effects.settings) writes.push(chrome.storage.local.set({ settings: effects.settings }));
  if (effects.extraHosts) writes.push(syncExtraHosts(effects.extraHosts));
  if (effects.dismissed) writes.push(chrome.storage.local.set({ dismissed: effects.dismissed }));
  if (effects.alarmAt) writes.push(chrome.alarms.create(ALARM, { when: effects.alarmAt }));
  else writes.push(chrome.alarms.clear(ALARM));
  if (effects.readClipboard) writes.push(checkClipboard());
  return Promise.all(writes);
}

// The engine decides from what the clipboard holds; it is emptied only if it still holds
// the copied token.
async function checkClipboard() {
  const e = await engine;
  try {
    const out = JSON.parse(e.clipboard(await readClipboard(), Date.now()));
    if (out.reply.clear) await clearClipboard();
    await apply({ ...out.effects, readClipboard: false });
  } finally {
    await doneWithClipboard();
  }
}

// Errors go back as { error: { name, message, text } } (`text`: the engine's `_locales`
// id for it); their messages never hold a secret.
function failure(e) {
  return { error: { name: e && e.name ? e.name : 'Error', message: e && e.message ? e.message : String(e), text: e && e.text } };
}

// Listeners are registered synchronously so a restarted worker receives the message
// that woke it; each awaits the engine.
chrome.runtime.onMessage.addListener((request, sender, sendResponse) => {
  if (request && request.offscreen) return false; // for the offscreen document, not us
  engine
    .then(async (e) => {
      const out = JSON.parse(e.handle(request, sender.id, sender.url, sender.tab ? sender.tab.id : undefined, Date.now()));
      await apply(out.effects);
      sendResponse({ ok: out.reply });
    })
    .catch((e) => sendResponse(failure(e)));
  return true;
});

chrome.storage.onChanged.addListener((_, area) => {
  if (area !== 'managed') return;
  Promise.all([engine, managedPolicy()])
    .then(([e, managed]) => apply(JSON.parse(e.managed(managed, Date.now())).effects))
    .catch((e) => console.warn('Keyshift:', e.name));
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== ALARM) return;
  engine.then((e) => apply(JSON.parse(e.tick(Date.now())).effects)).catch((e) => console.warn('Keyshift:', e.name));
});
