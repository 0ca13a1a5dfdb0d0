// The options page: capture, hold time, clipboard clearing, custom domains and dismissed
// warnings; what a policy decides is shown locked. The engine checks every value; this
// page only shows them and asks for permissions.
'use strict';

const form = document.getElementById('form');
const statusLine = document.getElementById('status');
let settings = null;

// Settings a policy decides are shown, disabled, with a mark saying so.
function showLocked(locked) {
  for (const input of form.querySelectorAll('[data-setting]')) {
    const isLocked = locked.includes(input.dataset.setting);
    input.disabled = isLocked;
    const label = input.closest('label') || form.querySelector(`label[for="${input.id}"]`);
    let mark = label.querySelector('.lock');
    if (isLocked && !mark) {
      mark = Object.assign(document.createElement('span'), { className: 'lock', textContent: t('lockedByPolicy') });
      label.append(mark);
    } else if (!isLocked && mark) mark.remove();
  }
  document.getElementById('managedNote').hidden = locked.length === 0;
}

function showSettings(reply) {
  settings = reply.settings;
  showLocked(reply.locked);
  document.getElementById('capture').checked = settings.captureTokens;
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
    captureTokens: document.getElementById('capture').checked,
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
