// Pages written apart from the replicas in www/, as other sites and other versions of the
// vendor's pages write them, served at their own addresses (server.mjs `written`). Used by
// meaning.test.mjs (Chromium) and firefox.test.mjs.
import { written } from './server.mjs';

export const html = (title, body, lang = 'en', css = '/site.css') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="${css}"></head><body><main>${body}</main></body></html>`;

/** Serves `body` at `address`; `secrets` are what the page itself shows (the leak check's
 * list); `type`: its content type (a page's own script or stylesheet), HTML by default. */
export function write(address, page, secrets = [], type = undefined) {
  const url = new URL(address);
  written.set(`${url.hostname}${url.pathname}`, { html: page, secrets, type });
  return address;
}

/** A page with its own stylesheet and script (the replicas' CSP allows only same-origin
 * files): `css` and `js` are served beside it. */
export function writeApp(address, title, body, { css = '', js = '', lang = 'en' } = {}, secrets = []) {
  const url = new URL(address);
  const base = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
  write(`${base}.app.css`, css, secrets, 'text/css; charset=utf-8');
  write(`${base}.app.js`, js, secrets, 'text/javascript; charset=utf-8');
  const head = `<link rel="stylesheet" href="/site.css"><link rel="stylesheet" href="${url.pathname.replace(/\/$/, '')}.app.css"><script src="${url.pathname.replace(/\/$/, '')}.app.js" defer></script>`;
  return write(address, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><main>${body}</main></body></html>`, secrets);
}

export const REVEALS = [
  ['a native Spanish reveal in a <pre> with a "Listo" link', 'https://acme.repairshopr.com/api_tokens/77', 'es-pre', (t) =>
    html('Token de API', `<h1>Token de API creado</h1><p>Copie este token ahora. No se volverá a mostrar.</p><pre>${t}</pre><button type="button">Copiar</button> <a data-test="done" href="/api_tokens">Listo</a>`, 'es')],
  ['a sentence whose token is set apart in <code>, no heading', 'https://acme.repairshopr.com/api_tokens/78', 'alert-code', (t) =>
    html('API Tokens', `<div class="alert alert-success">Your new API token is: <code>${t}</code>. Make sure to copy it now, you won't be able to see it again.</div><a class="btn" data-test="done" href="/api_tokens">Done</a>`)],
  ['a modal over the New Token form, the address unchanged', 'https://acme.syncromsp.com/api_tokens/new', 'spa-modal', (t) =>
    html('New API Token', `<h1>New API Token</h1><div role="dialog" aria-modal="true" aria-labelledby="h"><h2 id="h">Token Created</h2><p>This is the only time the token will be shown.</p><input readonly aria-label="Token" value="${t}"><button type="button" data-test="done">Done</button></div>`)],
  ['a native German reveal with "Fertig"', 'https://acme.repairshopr.com/api_tokens/79', 'de', (t) =>
    html('API-Token', `<h1>API-Token erstellt</h1><p>Kopieren Sie dieses Token jetzt. Es wird nicht erneut angezeigt.</p><input readonly aria-label="Token" value="${t}"><a data-test="done" href="/api_tokens">Fertig</a>`, 'de')],
  ['a native French reveal with "Terminé"', 'https://acme.repairshopr.com/api_tokens/80', 'fr', (t) =>
    html('Jeton API', `<h1>Jeton API créé</h1><p>Copiez ce jeton maintenant : il ne sera plus affiché.</p><input readonly aria-label="Jeton" value="${t}"><button type="button" data-test="done">Terminé</button>`, 'fr')],
  ['a native Dutch reveal with "Klaar"', 'https://acme.syncromsp.com/api_tokens/81', 'nl', (t) =>
    html('API-token', `<h1>API-token aangemaakt</h1><p>Kopieer het nu, het wordt niet opnieuw getoond.</p><input readonly aria-label="Token" value="${t}"><button type="button" data-test="done">Klaar</button>`, 'nl')],
  ['a stylesheet still loading when the page is first read', 'https://acme.syncromsp.com/api_tokens/86', 'slow-css', (t) =>
    html('API Token', `<h1>API Token Created</h1><p>Copy this token now. It will not be shown again.</p><input readonly aria-label="Token" value="${t}"><a data-test="done" href="/api_tokens">Done</a>`, 'en', '/slow.css?ms=1500')],
  ['the new token in a table cell of its own', 'https://acme.repairshopr.com/api_tokens/82', 'table', (t) =>
    html('API Token', `<h1>Token created</h1><p>Copy it now.</p><table><tr><th>Name</th><th>Token</th></tr><tr><td>IT Glue</td><td><span class="mono">${t}</span></td></tr></table><a data-test="done" href="/api_tokens">Done</a>`)],
];

export const NOT_REVEALS = [
  ['a community forum post with a curl sample and a Close button', 'https://community.syncromsp.com/t/api-help/123', (t) =>
    html('API help - Syncro Community', `<h1>API help</h1><article class="post"><p>I created a token and tried:</p><pre><code>curl -H "Authorization: ${t}" https://acme.syncromsp.com/api/v1/customers</code></pre><button type="button">Reply</button><button type="button" data-test="done">Close</button></article>`)],
  ['a ticket: a customer\'s comment and a reply being drafted', 'https://acme.repairshopr.com/tickets/55', (t, u) =>
    html('Ticket #55', `<h1>Ticket #55: API not working</h1><div class="comment"><p>Customer: my token is ${t}, please check</p></div><label for="r">Reply</label><textarea id="r">Here is your new token: ${u}</textarea><button type="button" data-test="done">Done</button>`)],
  ['a blog post announcing tokens with an example', 'https://blog.repairshopr.com/api-tokens', (t) =>
    html('API tokens are here', `<h1>API tokens are here</h1><p>Create a token and copy it now, as it won't be shown again, e.g. <code>${t}</code>.</p><a data-test="done" href="/">Done</a>`)],
  ['a token the user pasted into an editable field', 'https://acme.syncromsp.com/settings/integrations', (t) =>
    html('Integrations', `<h1>Integrations</h1><label for="k">Zapier API token</label><input id="k" value="${t}"><button type="button">Save</button><button type="button" data-test="done">Done</button>`)],
  ['a hidden input on a token\'s own address', 'https://acme.repairshopr.com/api_tokens/83', (t) =>
    html('API Token', `<h1>API Tokens</h1><form><input type="hidden" name="t" value="${t}"></form><a data-test="done" href="/">Done</a>`)],
  ['a token only in an aria-label', 'https://acme.repairshopr.com/api_tokens/84', (t) =>
    html('API Token', `<h1>Token created</h1><button type="button" aria-label="${t}">Show</button><a data-test="done" href="/">Done</a>`)],
  ['a support chat widget', 'https://acme.repairshopr.com/dashboard', (t) =>
    html('Dashboard', `<h1>Dashboard</h1><aside class="chat-widget" role="log"><div class="msg">Support: try this token ${t}</div><button type="button" data-test="done">Done</button></aside>`)],
  ['a quotation of a reveal', 'https://acme.repairshopr.com/api_tokens/85', (t) =>
    html('API Token', `<h1>API Tokens</h1><blockquote>Your new API token is: <code>${t}</code></blockquote><a data-test="done" href="/">Done</a>`)],
];

