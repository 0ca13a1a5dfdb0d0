// @ts-check
// Keyshift's background (Chrome's service worker, Firefox's event page): loads the Rust
// engine (wasm) and delivers messages to it. Every decision is the engine's; this file
// only loads state, passes messages on and applies the effects the engine returns
// (storage writes, alarms, content scripts, host access).

import init, { Engine, __wbg_reset_state, memoryBytes } from './pkg/keyshift.js';
import { clearClipboard, doneWithClipboard, readClipboard } from './clipboard.js';
import { loadLocal, saveLocal } from './store.js';

// When each step of a start and of each message happened (ms since the epoch), for
// `make bench`'s split of a cold capture. Holds nothing but times.
const now = () => performance.timeOrigin + performance.now();
/** @typedef {{ kind: string, received: number, handled: number, replied: number }} MessageTime */
const timings = { start: now(), wasm: 0, state: 0, engine: 0, messages: /** @type {MessageTime[]} */ ([]) };
/** @type {any} */ (globalThis).keyshiftTimings = timings;

const ALARM = 'keyshift-expire';
const EXTRA_SCRIPT_ID = 'keyshift-extra-hosts';

// Held tokens live in storage.session: memory only, and hidden from content scripts.
// Firefox keeps storage.session from content scripts without being asked (no setAccessLevel).
const sessionLocked = chrome.storage.session.setAccessLevel
  ? chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
  : Promise.resolve();

const loaded = init({ module_or_path: new URL('./pkg/keyshift_bg.wasm', import.meta.url) }).then((w) => {
  timings.wasm = now();
  return w;
});

// For diagnostics and `make bench`: the engine's wasm memory in bytes. Holds nothing secret.
/** @type {any} */ (globalThis).keyshiftMemoryBytes = () => memoryBytes();

/** Minutes east of UTC: where the user's calendar day begins. */
const offset = () => -new Date().getTimezoneOffset();

// What an administrator set by policy; Firefox rejects when no policy exists at all.
function managedPolicy() {
  return chrome.storage.managed.get(null).catch(() => ({}));
}

// The Public Suffix List snapshot the package ships, for checking custom domains.
function suffixList() {
  return fetch(chrome.runtime.getURL('psl.dat')).then((r) => r.text());
}

/** A new engine from what storage holds, with its start-up effects applied. */
async function build() {
  await loaded;
  await sessionLocked;
  const [local, stored, suffixes] = await Promise.all([loadLocal(), chrome.storage.session.get('session'), suffixList()]);
  // The administrator's policy: the first read after the browser starts can take
  // seconds (measured: 4.9 s in Chromium), so the engine starts with the policy as last
  // read and takes the fresh one when it comes. The very first time, it waits for it.
  const fresh = managedPolicy().then(async (policy) => {
    await saveLocal({ managed: policy });
    return policy;
  });
  const known = 'managed' in local;
  const managed = known ? local.managed : await fresh;
  timings.state = now();
  const selfOrigin = new URL(chrome.runtime.getURL('/')).origin;
  const e = new Engine({ selfId: chrome.runtime.id, selfOrigin, ...local, managed, session: stored.session, suffixes });
  timings.engine = now();
  // What starting asks for (host access re-synced, a new salt kept, the alarm) happens
  // beside the first messages, not before them.
  apply(e.start(Date.now(), offset()).effects).catch((err) => console.warn('Keyshift:', err && err.name));
  if (known) {
    fresh
      .then((policy) => withEngine((x) => x.managed(policy, Date.now())))
      .then((out) => apply(out.effects))
      .catch((err) => console.warn('Keyshift:', err && err.name));
  }
  return e;
}

let engine = build();

/** Calls into the engine. A Rust panic traps the wasm instance and leaves it unusable:
 * the instance is then made afresh and the engine rebuilt from storage, so the next
 * message is answered. @template T @param {(e: Engine) => T} call @returns {Promise<T>} */
async function withEngine(call) {
  const e = await engine;
  try {
    return call(e);
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      __wbg_reset_state();
      engine = build();
    }
    throw err;
  }
}

/** Brings host access and the custom domains' content script in line with `patterns`
 * (the engine's match patterns for the custom domains in force).
 * @param {string[]} patterns */
async function syncExtraHosts(patterns) {
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [EXTRA_SCRIPT_ID] });
  if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: [EXTRA_SCRIPT_ID] });
  /** @type {string[]} */
  const granted = [];
  for (const origin of patterns) {
    if (await chrome.permissions.contains({ origins: [origin] })) granted.push(origin);
  }
  // Least privilege: access to a custom domain the user removed (or never saved) is given back.
  const manifest = chrome.runtime.getManifest();
  const required = new Set([...(manifest.host_permissions || []), ...(manifest.content_scripts || []).flatMap((c) => c.matches || [])]);
  const { origins = [] } = await chrome.permissions.getAll();
  const stale = origins.filter((o) => !required.has(o) && !granted.includes(o));
  if (stale.length) await chrome.permissions.remove({ origins: stale }).catch(() => {});
  if (!granted.length) return;
  const js = (manifest.content_scripts || [])[0]?.js || [];
  await chrome.scripting.registerContentScripts([
    { id: EXTRA_SCRIPT_ID, matches: granted, js, allFrames: true, runAt: 'document_start', persistAcrossSessions: true },
  ]);
}

// The badge's colours: green while a new token is kept, amber for warnings (the engine
// says which, and the number).
const BADGE_COLOURS = { kept: '#047857', flagged: '#b45309', none: '#6b7280' };

/** The toolbar's badge and tooltip over each tab, as the engine says. A tab that closed
 * meanwhile is skipped. @param {import('./pkg/keyshift.js').Badge[]} badges */
function showBadges(badges) {
  return Promise.all(
    badges.map(async ({ tab, kind, count, title }) => {
      try {
        const params = title.params.map((p) => ('count' in p ? String(p.count) : ''));
        await chrome.action.setBadgeText({ tabId: tab, text: count ? String(count) : '' });
        await chrome.action.setBadgeBackgroundColor({ tabId: tab, color: BADGE_COLOURS[kind] });
        await chrome.action.setTitle({ tabId: tab, title: chrome.i18n.getMessage(title.id, params) || 'Keyshift' });
      } catch (_) {
        /* the tab is gone */
      }
    }),
  );
}

// Keyshift's fill window, while one is open: a new request reuses it (one window at a
// time), pointed at the tab that asked.
/** @type {number | null} */
let fillWindow = null;
/** @param {number} tab */
async function openFillWindow(tab) {
  const url = chrome.runtime.getURL(`popup.html?tab=${tab}`);
  if (fillWindow !== null) {
    try {
      const open = await chrome.windows.get(fillWindow, { populate: true });
      const page = open.tabs && open.tabs[0];
      if (page && page.id !== undefined) {
        await chrome.tabs.update(page.id, { url });
        await chrome.windows.update(fillWindow, { focused: true });
        return;
      }
    } catch (_) {
      /* it was closed */
    }
  }
  const made = await chrome.windows.create({ url, type: 'popup', width: 420, height: 560 });
  fillWindow = made && made.id !== undefined ? made.id : null;
}

// Writes to local storage coalesce: while one is in flight, what comes next waits and only
// the latest value of each key is written after it, so a burst of dismissals costs a few
// writes of the list, not one per dismissal.
/** @type {Record<string, unknown> | null} */
let queued = null;
/** @type {Promise<void> | null} */
let writing = null;
/** @param {Record<string, unknown>} values */
function saveSoon(values) {
  queued = { ...(queued || {}), ...values };
  if (!writing) {
    writing = (async () => {
      try {
        while (queued) {
          const next = queued;
          queued = null;
          await saveLocal(next);
        }
      } finally {
        writing = null;
      }
    })();
  }
  return writing;
}

/** Applies what the engine says the shell must do. @param {Partial<import('./pkg/keyshift.js').Effects>} effects */
function apply(effects) {
  const writes = [];
  if (effects.session) writes.push(chrome.storage.session.set({ session: effects.session }));
  /** @type {Record<string, unknown>} */
  const local = {};
  if (effects.settings) local.settings = effects.settings;
  if (effects.dismissed) local.dismissed = effects.dismissed;
  if (effects.health) local.health = effects.health;
  if (effects.salt) local.salt = effects.salt;
  if (Object.keys(local).length) writes.push(saveSoon(local));
  if (effects.hostPatterns) writes.push(syncExtraHosts(effects.hostPatterns));
  if (effects.alarmAt) writes.push(chrome.alarms.create(ALARM, { when: effects.alarmAt }));
  else writes.push(chrome.alarms.clear(ALARM));
  if (effects.readClipboard) writes.push(checkClipboard());
  // A field's note asked for a held token: Keyshift's own window, where the user
  // chooses and confirms, over that tab.
  if (effects.openFill) writes.push(openFillWindow(effects.openFill).catch(() => {}));
  if (effects.badges) writes.push(showBadges(effects.badges));
  if (effects.notify) writes.push(notify(effects.notify));
  return Promise.all(writes);
}

/** A message's parameter in the browser's language (dates, counts, names).
 * @param {import('./pkg/keyshift.js').Param} p */
function written(p) {
  const lang = chrome.i18n.getUILanguage();
  if ('date' in p) return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${p.date}T00:00:00Z`));
  if ('count' in p) return new Intl.NumberFormat(lang).format(p.count);
  if ('name' in p) return p.name;
  if ('word' in p) return chrome.i18n.getMessage(p.word);
  return '';
}

/** Reminders as notifications; a click opens the account's token list (kept with the
 * notification's id in session storage, memory only).
 * @param {import('./pkg/keyshift.js').Notice[]} notices */
async function notify(notices) {
  if (!chrome.notifications) return; // the permission was taken back
  listenToNotifications();
  /** @type {Record<string, string>} */
  const noticeUrls = /** @type {any} */ ((await chrome.storage.session.get('noticeUrls')).noticeUrls) || {};
  for (const n of notices) {
    noticeUrls[n.id] = n.url;
    await chrome.notifications
      .create(n.id, {
        type: 'basic',
        iconUrl: chrome.runtime.getURL('icons/128.png'),
        title: chrome.i18n.getMessage('reminderTitle', [n.name, n.account]),
        message: chrome.i18n.getMessage(n.message.id, n.message.params.map(written)),
      })
      .catch(() => {});
  }
  await chrome.storage.session.set({ noticeUrls });
}

let listening = false;
function listenToNotifications() {
  if (listening || !chrome.notifications) return;
  listening = true;
  chrome.notifications.onClicked.addListener(async (id) => {
    /** @type {Record<string, string>} */
    const noticeUrls = /** @type {any} */ ((await chrome.storage.session.get('noticeUrls')).noticeUrls) || {};
    if (noticeUrls[id]) await chrome.tabs.create({ url: noticeUrls[id] }).catch(() => {});
    await chrome.notifications.clear(id).catch(() => {});
  });
}
// A click can wake the worker: listen from the start when the permission is there.
listenToNotifications();

// The engine decides from what the clipboard holds; it is emptied only if it still holds
// the copied token.
async function checkClipboard() {
  try {
    const text = await readClipboard();
    const out = await withEngine((e) => e.clipboard(text, Date.now()));
    if (out.reply.clear) await clearClipboard();
    await apply({ ...out.effects, readClipboard: false });
  } finally {
    await doneWithClipboard();
  }
}

// Errors go back as { error: { name, message, text } } (`text`: the engine's `_locales`
// id for it); their messages never hold a secret.
/** @param {any} e */
function failure(e) {
  return { error: { name: e && e.name ? e.name : 'Error', message: e && e.message ? e.message : String(e), text: e && e.text } };
}

// Listeners are registered synchronously so a restarted worker receives the message
// that woke it; each awaits the engine.
// A first install opens the welcome page: what Keyshift does and where it shows up.
chrome.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('welcome.html') }).catch(() => {});
});

chrome.runtime.onMessage.addListener((request, sender, sendResponse) => {
  if (request && request.offscreen) return false; // for the offscreen document, not us
  const from = { id: sender.id, url: sender.url, tab: sender.tab?.id, frame: sender.frameId, tabUrl: sender.tab?.url };
  const time = { kind: Object.keys(request || {})[0] || '', received: now(), handled: 0, replied: 0 };
  timings.messages = [...timings.messages.slice(-19), time];
  withEngine((e) => {
    const out = e.handle(request, from, Date.now(), offset());
    time.handled = now();
    return out;
  })
    .then(async (out) => {
      // The answer goes first: the page waits for it, not for storage. The effects are
      // applied right after, in the order the engine made them.
      sendResponse({ ok: out.reply });
      time.replied = now();
      await apply(out.effects);
    })
    .catch(async (e) => {
      // A refused request may still carry effects (host access re-synced after a refused save).
      if (e && e.effects) await apply(e.effects).catch(() => {});
      sendResponse(failure(e));
    });
  return true;
});

chrome.storage.onChanged.addListener((_, area) => {
  if (area !== 'managed') return;
  managedPolicy()
    .then((managed) => withEngine((e) => e.managed(managed, Date.now())))
    .then((out) => apply(out.effects))
    .catch((e) => console.warn('Keyshift:', e.name));
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== ALARM) return;
  withEngine((e) => e.tick(Date.now()))
    .then((out) => apply(out.effects))
    .catch((e) => console.warn('Keyshift:', e.name));
});
