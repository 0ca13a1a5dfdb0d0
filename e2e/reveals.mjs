// Reveal pages written for reveal.test.mjs and firefox-reveal.test.mjs, apart from the
// replicas: each way out of a reveal the way other apps draw it. A page marks
// `body[data-left=yes]` (or goes to `…/after`) when its way out took effect.
import { html, write, writeApp } from './written.mjs';

const MODAL_CSS = `.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.5); display: none; }
.overlay.show { display: block; }
.modal-dialog { margin: 80px auto; width: 560px; background: #fff; padding: 16px; }
.btn { display: inline-block; padding: 4px 12px; border: 1px solid #888; cursor: pointer; }`;

const modal = (token, shown) => `<h1>API Tokens</h1>
<div class="overlay${shown ? ' show' : ''}" id="m" role="dialog" aria-modal="true">
  <div class="modal-dialog"><div class="modal-content">
    <div class="modal-header"><h2>API Token Created</h2><button type="button" id="x" class="btn-close" aria-label="Close">×</button></div>
    <div class="modal-body"><p>Copy it now, you won't be able to see it again.</p><input id="token" readonly aria-label="Token" value="${shown ? token : ''}"> <button type="button" id="page-copy" class="btn">Copy</button></div>
    <div class="modal-footer"><div class="btn btn-primary" id="done">Done</div></div>
  </div></div>
</div>`;

const MODAL_JS = `const m = document.getElementById('m');
const hide = () => { m.classList.remove('show'); document.body.dataset.left = 'yes'; };
document.getElementById('x').addEventListener('click', hide);
document.getElementById('done').addEventListener('click', hide);
m.addEventListener('click', (e) => { if (e.target === m) hide(); });
document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && m.classList.contains('show')) hide(); });
document.getElementById('page-copy').addEventListener('click', () => { const t = document.getElementById('token'); t.select(); document.execCommand('copy'); });`;

const afterPage = (address) => write(`${address}/after`, html('API Tokens', '<h1>API Tokens</h1><p>Token created.</p>'));

const plainReveal = (token, done = '<button type="button" id="done">Done</button>') =>
  `<h1>API Token Created</h1><p>Copy this token now. It will not be shown again.</p><div id="box"><label for="token">Token</label> <input id="token" readonly value="${token}"></div>${done}`;

export const PAGES = {
  modal: (token) => writeApp('https://acme.repairshopr.com/api_tokens/101', 'API Tokens', modal(token, true), { css: MODAL_CSS, js: MODAL_JS }, [token]),
  'late-modal': (token) =>
    writeApp('https://acme.repairshopr.com/api_tokens/102', 'API Tokens', modal(token, false), {
      css: MODAL_CSS,
      // Filled by script (the property, not the attribute), then shown by a class.
      js: `${MODAL_JS}\nsetTimeout(() => { document.getElementById('token').value = ${JSON.stringify(token)}; }, 200);\nsetTimeout(() => m.classList.add('show'), 600);`,
    }, [token]),
  submit: (token) => {
    afterPage('https://acme.repairshopr.com/api_tokens/103');
    return write('https://acme.repairshopr.com/api_tokens/103', html('API Token', plainReveal(token, '<form action="/api_tokens/103/after" method="get"><input type="submit" value="Done"></form>')), [token]);
  },
  components: (token) =>
    writeApp('https://acme.syncromsp.com/api_tokens/104', 'API Tokens', '<h1>API Tokens</h1><token-reveal></token-reveal>', {
      // A dialog component holding a read-only input component: the real <input> is two
      // open shadow roots down, and so is Done.
      js: `customElements.define('x-field', class extends HTMLElement {
  connectedCallback() { if (this.shadowRoot) return; const r = this.attachShadow({ mode: 'open' }); const i = document.createElement('input'); i.readOnly = true; i.setAttribute('aria-label', 'Token'); i.value = ${JSON.stringify(token)}; r.append(i); }
});
customElements.define('token-reveal', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.setAttribute('role', 'dialog');
    const r = this.attachShadow({ mode: 'open' });
    r.innerHTML = '<h2>API Token Created</h2><p>Copy it now, it will not be shown again.</p><x-field></x-field> <button type="button">Done</button>';
    r.querySelector('button').addEventListener('click', () => { document.body.dataset.left = 'yes'; this.hidden = true; });
  }
});`,
    }, [token]),
  pointerdown: (token) => {
    afterPage('https://acme.repairshopr.com/api_tokens/105');
    return writeApp('https://acme.repairshopr.com/api_tokens/105', 'API Token', plainReveal(token, '<span id="done" class="btn" tabindex="0">Done</span>'), {
      css: '.btn { cursor: pointer; border: 1px solid #888; padding: 4px 12px; }',
      js: `document.getElementById('done').addEventListener('pointerdown', () => location.assign('/api_tokens/105/after'));`,
    }, [token]);
  },
  spa: (token) =>
    writeApp('https://acme.syncromsp.com/api_tokens/106', 'API Tokens', `<nav><a id="nav-tickets" href="/tickets">Tickets</a></nav>${plainReveal(token)}`, {
      js: `document.getElementById('nav-tickets').addEventListener('click', (e) => { e.preventDefault(); history.pushState({}, '', '/tickets'); document.querySelector('main').innerHTML = '<h1>Tickets</h1>'; document.body.dataset.left = 'yes'; });`,
    }, [token]),
  timer: (token) =>
    writeApp('https://acme.repairshopr.com/api_tokens/107', 'API Token', `${plainReveal(token)}<button type="button" id="start-timer">Remind me later</button>`, {
      js: `document.getElementById('start-timer').addEventListener('click', () => setTimeout(() => document.getElementById('box').remove(), 100));`,
    }, [token]),
  'focus-thief': (token) =>
    writeApp('https://acme.repairshopr.com/api_tokens/108', 'API Token', plainReveal(token), {
      // On every press and key of the user's, the page moves focus onto "continue".
      js: `document.getElementById('done').addEventListener('click', () => { document.body.dataset.left = 'yes'; });
const steal = () => { const c = document.querySelector('keyshift-confirm'); const b = c && c.shadowRoot.querySelectorAll('button')[1]; if (b) b.focus(); };
addEventListener('pointerdown', steal, true);
addEventListener('keydown', steal, true);`,
    }, [token]),
  plain: (token) => write('https://acme.repairshopr.com/api_tokens/109', html('API Token', plainReveal(token)), [token]),
};

/** A New Token form whose submit leads to a reveal of `token`. */
export function newTokenPage(kind, token) {
  const base = kind === 'swedish' ? 'https://acme.repairshopr.com/sv/api_tokens' : `https://acme.repairshopr.com/${kind}/api_tokens`;
  afterPage(`${base}/created`);
  if (kind === 'swedish') {
    writeApp(`${base}/created`, 'API-token', `<h1>Token skapad</h1><p>Kopiera den nu, den visas inte igen.</p><input readonly aria-label="Token" value="${token}"> <button type="button" id="klar">Klar</button>`, {
      js: `document.getElementById('klar').addEventListener('click', () => location.assign('${new URL(base).pathname}/created/after'));`,
      lang: 'sv',
    }, [token]);
    return write(`${base}/new`, html('Ny API-token', `<h1>Ny API-token</h1><form action="${new URL(base).pathname}/created" method="get"><label for="name">Namn</label> <input id="name" name="name"> <button id="create" type="submit">Skapa</button></form>`, 'sv'));
  }
  write(`${base}/created`, html('API Token', `<h1>API Token</h1><input readonly aria-label="Token" value="${token}"> <a id="done" href="${new URL(base).pathname}/created/after">Done</a>`), [token]);
  const choices = kind === 'radio'
    ? `<fieldset><legend>Prebuilt</legend>${[['itglue', 'IT Glue'], ['zapier', 'Zapier'], ['pax8', 'Pax 8']].map(([v, l], i) => `<label><input type="radio" name="prebuilt" id="choice-${v}" value="${v}"${i === 0 ? ' checked' : ''}> ${l}</label>`).join(' ')}</fieldset>`
    : '<label for="name">Name</label> <input id="name" name="name">';
  return write(`${base}/new`, html('New API Token', `<h1>New API Token</h1><form action="${new URL(base).pathname}/created" method="get">${choices} <button id="create" type="submit">Create API Token</button></form>`));
}
