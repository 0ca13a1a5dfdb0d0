// The options page: hold time, custom domains and dismissed warnings. The engine checks
// every value; this page only shows them and asks for host permissions.
'use strict';

const form = document.getElementById('form');
const statusLine = document.getElementById('status');
let settings = null;

function showSettings(reply) {
  settings = reply.settings;
  document.getElementById('hold').value = settings.holdMinutes;
  document.getElementById('clear').checked = settings.clearClipboard;
  document.getElementById('clearAfter').value = settings.clearAfterSeconds;
  document.getElementById('hosts').value = settings.extraHosts.join('\n');
}

function showDismissed(reply) {
  const list = document.getElementById('dismissed');
  list.replaceChildren();
  reply.fingerprints.forEach((print, i) => {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = t('dismissedItem', [String(i + 1), print.slice(0, 8)]);
    const undo = document.createElement('button');
    undo.textContent = t('restore');
    undo.setAttribute('aria-label', t('restoreLabel', [print.slice(0, 8)]));
    undo.addEventListener('click', () => ask({ undismiss: { fingerprint: print } }).then(showDismissed, fail));
    li.append(name, undo);
    list.append(li);
  });
  document.getElementById('noDismissed').hidden = reply.fingerprints.length > 0;
}

function fail(e) {
  statusLine.textContent = e.message;
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  statusLine.textContent = '';
  const extraHosts = document.getElementById('hosts').value.split(/\s+/).filter(Boolean);
  const next = {
    ...settings,
    holdMinutes: Number(document.getElementById('hold').value),
    clearClipboard: document.getElementById('clear').checked,
    clearAfterSeconds: Number(document.getElementById('clearAfter').value),
    extraHosts,
  };
  try {
    // Clearing only what we copied means reading the clipboard first, then writing it
    // from the background: ask for both here, inside the click.
    if (next.clearClipboard && !(await chrome.permissions.request({ permissions: ['clipboardRead', 'clipboardWrite'] }))) {
      throw new Error(t('clipboardDenied'));
    }
    // Host access must be asked for inside the click that saves.
    const origins = extraHosts.map((h) => `https://${h}/*`);
    if (origins.length && !(await chrome.permissions.request({ origins }))) throw new Error(t('hostsDenied'));
    showSettings(await ask({ 'set-settings': { settings: next } }));
    statusLine.textContent = t('saved');
  } catch (e) {
    fail(e);
  }
});

localize();
ask({ 'get-settings': {} }).then(showSettings, fail);
ask({ 'list-dismissed': {} }).then(showDismissed, fail);
