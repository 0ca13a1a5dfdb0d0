// The toolbar popup: lists held tokens (masked) and copies one on request.
'use strict';

const list = document.getElementById('held');
const statusLine = document.getElementById('status');
let held = [];
let shownAt = Date.now();

function left(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return t('timeLeft', [`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`]);
}

function render() {
  list.replaceChildren();
  for (const h of held) {
    const li = document.createElement('li');
    const masked = document.createElement('code');
    masked.textContent = h.masked;
    const site = document.createElement('span');
    site.className = 'site';
    site.textContent = new URL(h.origin).host;
    const time = document.createElement('span');
    time.className = 'left';
    time.dataset.expires = String(shownAt + h.expiresInMs);
    time.textContent = left(h.expiresInMs);
    const copy = document.createElement('button');
    copy.className = 'primary';
    copy.textContent = t('copy');
    copy.setAttribute('aria-label', t('copyHeldLabel', [h.masked, site.textContent]));
    copy.addEventListener('click', () => run(copyHeld(h)));
    const forget = document.createElement('button');
    forget.textContent = t('forget');
    forget.setAttribute('aria-label', t('forgetHeldLabel', [h.masked]));
    forget.addEventListener('click', () => run(ask({ forget: { capture: h.id } }).then(show)));
    const name = document.createElement('strong');
    name.textContent = h.name || '';
    li.append(name, masked, copy, forget, site, time);
    if (h.copied) li.append(Object.assign(document.createElement('span'), { className: 'left', textContent: t('copiedMark') }));
    list.append(li);
  }
  document.getElementById('empty').hidden = held.length > 0;
  document.getElementById('forgetAll').hidden = held.length === 0;
}

function show(reply) {
  held = reply.held;
  shownAt = Date.now();
  render();
}

async function copyHeld(h) {
  const reply = await ask({ 'reveal-held': { capture: h.id } });
  await navigator.clipboard.writeText(reply.token);
  await ask({ copied: { capture: h.id } });
  statusLine.textContent = t('copiedHeld', [h.masked]);
}

function run(promise) {
  promise.catch((e) => {
    statusLine.textContent = e.message;
  });
}

document.getElementById('forgetAll').addEventListener('click', () => run(ask({ 'forget-all': {} }).then(show)));
localize();
run(ask({ 'list-held': {} }).then(show));
setInterval(() => {
  let due = false;
  for (const el of list.querySelectorAll('.left')) {
    const ms = Number(el.dataset.expires) - Date.now();
    el.textContent = left(ms);
    due = due || ms <= 0;
  }
  if (due) run(ask({ 'list-held': {} }).then(show));
}, 1000);
