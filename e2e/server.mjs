// An HTTPS server for the replica pages in www/, answering for the real host names
// (the browser maps them to 127.0.0.1). Every page is sent with a strict CSP. It records
// each request so tests can check what reached the network.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEGACY_KEY, GUIDS, tokenFor, truncated } from './fixtures.mjs';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', 'www');
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

// The host names the replicas answer for: the vendor's, and an unrelated site for
// attacks that come from elsewhere.
export const CERT_NAMES = ['*.repairshopr.com', '*.syncromsp.com', 'evil.example', 'help.msp.test'];

function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'keyshift-cert-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=acme.repairshopr.com',
    '-addext', `subjectAltName=${CERT_NAMES.map((n) => `DNS:${n}`).join(',')}`,
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const pair = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// RepairShopr lists dates month first; the Syncro replica writes them out, so both forms are exercised.
function dateIn(days, syncro) {
  const d = new Date(Date.now() + days * 86400000);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  return syncro ? `${MONTHS[m]} ${day}, ${y}` : `${String(m + 1).padStart(2, '0')}/${String(day).padStart(2, '0')}/${y}`;
}

// Every token and key a page served so far has shown, for the suite-wide hygiene checks
// (harness.mjs): none may turn up in a console, a request or the profile directory.
export const shown = new Set();
function showing(html, secrets) {
  for (const s of secrets) if (html.includes(s)) shown.add(s);
  return html;
}

// Pages a test writes itself, by host and path, with the secrets each shows
// (e2e/meaning.test.mjs).
export const written = new Map();

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// A page as Chrome's own translation leaves it: every text in two <font> wrappers, the
// <html> marked translated-ltr, the token itself untouched. English is the page as served.
const TRANSLATIONS = {
  es: {
    'My Profile': 'Mi perfil', 'Profile/Password': 'Perfil/Contraseña', 'Full name': 'Nombre completo', Email: 'Correo electrónico',
    'API Key': 'Clave de API', reset: 'restablecer', 'Legacy keys are being replaced by': 'Las claves antiguas se sustituyen por',
    'API Tokens': 'Tokens de API', 'Avatar id': 'Id. de avatar', 'Update Profile': 'Actualizar perfil', 'API Token Created': 'Token de API creado',
    'Copy this token now. For your security it will not be shown again.': 'Copie este token ahora. Por su seguridad, no se volverá a mostrar.',
    'Your API Token': 'Su token de API', Done: 'Listo',
  },
  de: {
    'My Profile': 'Mein Profil', 'Profile/Password': 'Profil/Passwort', 'Full name': 'Vollständiger Name', Email: 'E-Mail',
    'API Key': 'API-Schlüssel', reset: 'zurücksetzen', 'Legacy keys are being replaced by': 'Alte Schlüssel werden ersetzt durch',
    'API Tokens': 'API-Tokens', 'Avatar id': 'Avatar-ID', 'Update Profile': 'Profil aktualisieren', 'API Token Created': 'API-Token erstellt',
    'Copy this token now. For your security it will not be shown again.': 'Kopieren Sie dieses Token jetzt. Aus Sicherheitsgründen wird es nicht erneut angezeigt.',
    'Your API Token': 'Ihr API-Token', Done: 'Fertig',
  },
  fr: {
    'My Profile': 'Mon profil', 'Profile/Password': 'Profil/Mot de passe', 'Full name': 'Nom complet', Email: 'E-mail',
    'API Key': 'Clé API', reset: 'réinitialiser', 'Legacy keys are being replaced by': 'Les anciennes clés sont remplacées par',
    'API Tokens': 'Jetons API', 'Avatar id': "Id d'avatar", 'Update Profile': 'Mettre à jour le profil', 'API Token Created': 'Jeton API créé',
    'Copy this token now. For your security it will not be shown again.': 'Copiez ce jeton maintenant. Pour votre sécurité, il ne sera plus affiché.',
    'Your API Token': 'Votre jeton API', Done: 'Terminé',
  },
  nl: {
    'My Profile': 'Mijn profiel', 'Profile/Password': 'Profiel/Wachtwoord', 'Full name': 'Volledige naam', Email: 'E-mail',
    'API Key': 'API-sleutel', reset: 'opnieuw instellen', 'Legacy keys are being replaced by': 'Oude sleutels worden vervangen door',
    'API Tokens': 'API-tokens', 'Avatar id': 'Avatar-id', 'Update Profile': 'Profiel bijwerken', 'API Token Created': 'API-token aangemaakt',
    'Copy this token now. For your security it will not be shown again.': 'Kopieer dit token nu. Voor uw veiligheid wordt het niet opnieuw getoond.',
    'Your API Token': 'Uw API-token', Done: 'Klaar',
  },
};
export const TRANSLATED = Object.keys(TRANSLATIONS);
function translate(lang, text) {
  const table = TRANSLATIONS[lang];
  if (!table) return text;
  const font = '<font style="vertical-align: inherit;">';
  return `${font}${font}${escape(table[text] ?? text)}</font></font>`;
}

// Markup a page may hold that names Keyshift's old globals: it must change nothing.
const CLOBBER = '<div id="__keyshiftLoaded"></div><form id="__keyshift"><input name="read"><input name="notes"><input name="t"></form><img name="chrome" alt="">';

function reveal(variant, token, seed, lang) {
  switch (variant) {
    case 'textarea':
      return `<div class="field"><label for="token">Your API Token</label><textarea id="token" readonly rows="2" cols="60">${token}</textarea></div>`;
    case 'many':
      // Eight new tokens on one page: more than one site may keep.
      return Array.from({ length: 8 }, (_, i) => `<div class="field"><label for="t${i}">Token ${i + 1}</label><input id="t${i}" readonly value="${tokenFor(`${seed}-${i}`)}"></div>`).join('');
    case 'spans': {
      const parts = [token.slice(0, 9), token.slice(9, 30), token.slice(30)];
      return `<p>Your API Token:</p><code id="token">${parts.map((p) => `<span>${p}</span>`).join('')}</code>`;
    }
    case 'late':
      return `<template id="late-token">${token}</template><p>Generating your token…</p>`;
    case 'plain':
      return token;
    case 'attr':
      return `<button class="btn secondary" id="copy" data-clipboard-text="${token}">Copy to clipboard</button>`;
    default:
      return `<div class="field"><label for="token">${translate(lang, 'Your API Token')}</label><input id="token" readonly value="${token}"></div>`;
  }
}

// A token list of `n` rows for `make bench`: every tenth a legacy key, every tenth an
// expired token, every tenth one expiring; the rest healthy. Returns the page and how
// many notes Keyshift should place on it.
export function scaledList(n, syncro = false) {
  const rows = [];
  let expected = 0;
  for (let i = 0; i < n; i++) {
    const hex = tokenFor(`row-${i}`).slice(1, 12);
    const kind = i % 10;
    const name = kind === 0 ? 'Legacy API Key' : `Integration ${i}`;
    const shown = kind === 0 ? `${hex.slice(0, 8)}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-8${hex.slice(2, 5)}-${hex.slice(0, 11)}0` : `T${hex.slice(0, 7)}...${hex.slice(7, 11)}`;
    const expires = kind === 1 ? dateIn(-30, syncro) : kind === 2 ? dateIn(5, syncro) : kind === 0 ? '' : dateIn(300, syncro);
    expected += kind <= 2 ? 1 : 0;
    rows.push(`<tr><td>${name}</td><td>${shown}</td><td>Custom</td><td>${expires}</td><td><a href="#">Delete</a></td></tr>`);
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API Tokens</title><script src="/scale.js"></script><link rel="stylesheet" href="/site.css"></head>
<body><main><h1>API Tokens</h1><p><a class="btn" href="/api_tokens/new">New Token</a></p>
<table id="tokens"><thead><tr><th>Name</th><th>Token</th><th>Permissions</th><th>Expires</th><th>Actions</th></tr></thead><tbody>${rows.join('')}</tbody></table></main></body></html>`;
  return { html, expected };
}

// Oversized and hostile pages (e2e/stress.test.mjs), built by stress.js as the page
// named by the path: `nodes` (200,000 text nodes and a legacy key), `deep`, `flood`,
// `mover`.
export function stressPage(mode, query) {
  const token = tokenFor(query.get('seed') || mode);
  return showing(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stress: ${escape(mode)}</title><link rel="stylesheet" href="/site.css"><script src="/stress.js" defer></script></head>
<body data-stress="${escape(mode)}" data-reveal="${token}" data-key="${LEGACY_KEY}" data-depth="${Number(query.get('depth')) || 5000}" data-nodes="${Number(query.get('n')) || 200000}">
<main><h1>API Token Created</h1><div id="stage"></div><div id="reveal"></div></main></body></html>`, [token, LEGACY_KEY]);
}

function render(file, host, query) {
  const syncro = host.endsWith('syncromsp.com');
  const seed = query.get('seed') || 'default';
  const variant = query.get('variant') || 'input';
  const token = tokenFor(seed);
  const done = query.get('done');
  const lang = query.get('translated');
  const many = variant === 'many' ? Array.from({ length: 8 }, (_, i) => tokenFor(`${seed}-${i}`)) : [];
  const hidden = Array.from({ length: 6 }, (_, i) => tokenFor(`hidden-${i + 1}`));
  const vars = {
    token,
    subdomain: syncro ? 'acme.syncromsp.com' : 'acme.repairshopr.com',
    docToken: tokenFor('docs-sample'),
    docToken2: tokenFor('docs-sample-2'),
    ticketToken: tokenFor('ticket'),
    ticketToken2: tokenFor('ticket-2'),
    kbToken: tokenFor('kb'),
    ...Object.fromEntries(hidden.map((t, i) => [`hidden${i + 1}`, t])),
    translatedClass: TRANSLATIONS[lang] ? ' class="translated-ltr"' : '',
    name: escape(query.get('name') ?? 'n8n workflows'),
    clobber: query.get('clobber') ? CLOBBER : '',
    brand: syncro ? 'Syncro' : 'RepairShopr',
    host,
    legacyKey: LEGACY_KEY,
    guid1: GUIDS[0], guid2: GUIDS[1], guid3: GUIDS[2], guid4: GUIDS[3], GUID5: GUIDS[4],
    tokenLike: tokenFor('lookalike'),
    tokenUpper: tokenFor('upper').toUpperCase(),
    seed: escape(seed),
    variant: escape(variant),
    reveal: reveal(variant, token, seed, lang),
    // `faults=1`: a row whose text is 1,000 Japanese characters (3 bytes each in UTF-8)
    // and a paragraph of 600 text nodes, more than the engine takes in one block.
    faultRows: query.get('faults')
      ? `<tr><td>東京支店 sync</td><td>T7c7c7c7c...1b1b</td><td>${'東京支店の請求書と在庫の同期'.repeat(72)}</td><td>${dateIn(-3, syncro)}</td><td><a href="#">Delete</a></td></tr>`
      : '',
    // `soon=1`: a token that expires tomorrow (a relative day, not "in 1 days").
    soonRow: query.get('soon') ? `<tr><td>Zapier nightly</td><td>T5b5b5b5b...2c2c</td><td>Zapier</td><td>${dateIn(1, syncro)}</td><td><a href="#">Delete</a></td></tr>` : '',
    faultBlock: query.get('faults') ? `<p id="many-nodes">${Array.from({ length: 600 }, (_, i) => `<span>part ${i} </span>`).join('')}</p>` : '',
    // `legacy=1`: the old key on the same page, so one scan answers for both.
    legacyField: query.get('legacy') ? `<div class="field"><label>API Key</label><span class="api-key">${LEGACY_KEY}</span></div>` : '',
    doneBanner: done ? `<p class="alert">Token created: <code>${truncated(tokenFor(done))}</code></p>` : '',
  };
  let html = readFileSync(join(WWW, file), 'utf8').replace('{{header}}', readFileSync(join(WWW, '_header.html'), 'utf8'));
  html = html.replace(/\{\{date:([+-]\d+)\}\}/g, (_, n) => dateIn(Number(n), syncro));
  html = html.replace(/\{\{t:([^}]+)\}\}/g, (_, text) => translate(lang, text));
  html = html.replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? '');
  // `theme=dark`: the page drawn dark by its own stylesheet.
  if (query.get('theme') === 'dark') html = html.replace('</head>', '<link rel="stylesheet" href="/dark.css"></head>');
  // The reveal page shows its token even where the markup splits it into spans.
  if (file === 'api_tokens_created.html' || file === 'remount.html' || file === 'dialog.html') shown.add(token);
  many.forEach((t) => shown.add(t));
  return showing(html, [token, LEGACY_KEY, vars.tokenLike, vars.tokenUpper, vars.docToken, vars.docToken2, vars.ticketToken, vars.ticketToken2, vars.kbToken, ...hidden]);
}

const ROUTES = {
  '/profile': 'profile.html',
  '/api_tokens': 'api_tokens.html',
  '/api_tokens/new': 'api_tokens_new.html',
  '/api_tokens/created': 'api_tokens_created.html',
  '/api_tokens/dialog': 'dialog.html',
  '/api_tokens/remount': 'remount.html',
  '/api_tokens/grid': 'grid.html',
  '/assets/77': 'negatives.html',
  '/assets/88': 'hidden.html',
  '/tickets/1234': 'ticket.html',
  '/kb/api-tokens': 'kb.html',
  '/settings/api': 'spa.html',
  '/': 'profile.html',
};
// The vendor's API documentation lives on its own host.
const DOCS_HOSTS = /^api-docs\./;
// Where the token is used, at the integrations' real host names (www/integrations/):
// their settings forms, an in-house form, a React-controlled form, a page with no field.
export const INTEGRATIONS = {
  itglue: ['acme.itglue.com', '/integrations/repairshopr', 'itglue.html'],
  ninjaone: ['app.ninjarmm.com', '/administration/apps/psa', 'ninjaone.html'],
  pax8: ['app.pax8.com', '/integrations/repairshopr', 'pax8.html'],
  zapier: ['zapier.com', '/app/connections/repairshopr/new', 'zapier.html'],
  zomentum: ['app.zomentum.com', '/settings/integrations/repairshopr', 'zomentum.html'],
  custom: ['sync.acme-msp.com', '/settings', 'custom.html'],
  react: ['sync.acme-msp.com', '/react', 'react.html'],
  nofield: ['sync.acme-msp.com', '/dashboard', 'nofield.html'],
};
const INTEGRATION_FILES = Object.fromEntries(Object.values(INTEGRATIONS).map(([host, path, file]) => [`${host}${path}`, file]));
const NODE = join(WWW, '..', 'e2e', 'node_modules');
// Third-party code the replicas run, from npm: React for the controlled form, Swagger UI
// for the vendor's API docs.
const VENDORED = {
  '/vendor/react.js': [join(NODE, 'react', 'umd', 'react.production.min.js'), 'text/javascript'],
  '/vendor/react-dom.js': [join(NODE, 'react-dom', 'umd', 'react-dom.production.min.js'), 'text/javascript'],
  '/swagger/swagger-ui-bundle.js': [join(NODE, 'swagger-ui-dist', 'swagger-ui-bundle.js'), 'text/javascript'],
  '/swagger/swagger-ui.css': [join(NODE, 'swagger-ui-dist', 'swagger-ui.css'), 'text/css'],
  '/swagger/': [join(WWW, 'integrations', 'swagger', 'index.html'), 'text/html; charset=utf-8'],
  '/swagger/init.js': [join(WWW, 'integrations', 'swagger', 'init.js'), 'text/javascript'],
  '/swagger/repairshopr.json': [join(WWW, 'integrations', 'swagger', 'repairshopr.json'), 'application/json'],
  '/integrations/integrations.css': [join(WWW, 'integrations', 'integrations.css'), 'text/css'],
  '/integrations/react-app.js': [join(WWW, 'integrations', 'react-app.js'), 'text/javascript'],
};
const STATIC = Object.fromEntries(
  ['reveal.js', 'stress.js', 'spa.js', 'scale.js', 'dialog.js', 'remount.js', 'docs.js', 'ticket.js'].map((f) => [`/${f}`, 'text/javascript']).concat([['/site.css', 'text/css'], ['/dark.css', 'text/css']]),
);

// A not-found page that echoes the address it was asked for, as many do.
function notFound(path) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title><link rel="stylesheet" href="/site.css"></head>
<body><main><h1>404: Page not found</h1><p>The page <code>${escape(decodeURIComponent(path))}</code> could not be found.</p><p><a class="btn" id="done" href="/">Done</a></p></main></body></html>`;
}

// An unrelated site that frames not-found pages of a vendor host whose addresses hold
// tokens of its choosing, or (`reveal=1`) the vendor's own reveal page with tokens it never put in an address
// (e2e/integrity.test.mjs).
function framing(query) {
  const n = Number(query.get('n')) || 8;
  const src = (i) => (query.get('reveal') ? `/api_tokens/created?seed=framed-${i}&amp;variant=input` : `/${tokenFor(`victim-${i}`)}`);
  const frames = Array.from({ length: n }, (_, i) => `<iframe title="f${i}" width="300" height="80" src="https://victim.repairshopr.com${src(i)}"></iframe>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cute cats</title></head><body><h1>Cute cats</h1>${frames.join('')}</body></html>`;
}
const ROOT = join(WWW, '..');
// The benchmark page runs the bench build's wasm, so it alone may compile WebAssembly.
const BENCH = {
  '/bench/': [join(WWW, 'bench', 'index.html'), 'text/html; charset=utf-8'],
  '/bench/bench.js': [join(WWW, 'bench', 'bench.js'), 'text/javascript'],
  '/bench/corpus.txt': [join(ROOT, 'target', 'bench', 'corpus.txt'), 'text/plain; charset=utf-8'],
  '/bench/pkg/keyshift.js': [join(ROOT, 'target', 'bench', 'pkg', 'keyshift.js'), 'text/javascript'],
  '/bench/pkg/keyshift_bg.wasm': [join(ROOT, 'target', 'bench', 'pkg', 'keyshift_bg.wasm'), 'application/wasm'],
};

export async function start() {
  const requests = [];
  const server = createServer(certificate(), (req, res) => {
    const url = new URL(req.url, `https://${req.headers.host}`);
    requests.push({ method: req.method, host: req.headers.host, url: req.url, headers: req.headers });
    const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
    if (BENCH[url.pathname]) {
      const [file, type] = BENCH[url.pathname];
      res.writeHead(200, { ...headers, 'content-security-policy': CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"), 'content-type': type });
      res.end(readFileSync(file));
    } else if (STATIC[url.pathname]) {
      res.writeHead(200, { ...headers, 'content-type': STATIC[url.pathname] });
      res.end(readFileSync(join(WWW, url.pathname.slice(1))));
    } else if (url.pathname === '/framed') {
      // A same-origin frame holding the reveal page.
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Settings</title></head><body><h1>Settings</h1><iframe title="token" width="900" height="400" src="/api_tokens/created?seed=${escape(url.searchParams.get('seed') || 'framed')}&variant=input"></iframe></body></html>`);
    } else if (url.pathname.startsWith('/stress/')) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(stressPage(url.pathname.slice('/stress/'.length), url.searchParams));
    } else if (url.pathname === '/scale/api_tokens') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(scaledList(Number(url.searchParams.get('rows')) || 100, url.hostname.endsWith('syncromsp.com')).html);
    } else if (url.pathname === '/scale/created') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(render('api_tokens_created.html', url.hostname, url.searchParams).replace('<head>', '<head><script src="/scale.js"></script>'));
    } else if (url.searchParams.get('replay') && /^[a-z0-9-]+$/.test(url.searchParams.get('replay'))) {
      // A page rebuilt from a missed-page report (tools/replay.py), at its original address.
      const name = `${url.searchParams.get('replay')}.html`;
      const file = [join(WWW, 'replays', name), join(ROOT, 'target', 'replays', name)].find((f) => existsSync(f));
      // Rebuilt from what anyone could write: no script of its own ever runs.
      const csp = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
      res.writeHead(file ? 200 : 404, { ...headers, 'content-security-policy': csp, 'content-type': 'text/html; charset=utf-8' });
      res.end(file ? readFileSync(file) : 'no such replay');
    } else if (url.pathname === '/slow.css') {
      // A stylesheet that arrives after DOMContentLoaded, as a busy CDN's does.
      setTimeout(() => {
        res.writeHead(200, { ...headers, 'content-type': 'text/css' });
        res.end(readFileSync(join(WWW, 'site.css')));
      }, Number(url.searchParams.get('ms')) || 1000);
    } else if (written.has(`${url.hostname}${url.pathname}`)) {
      const { html, secrets, type } = written.get(`${url.hostname}${url.pathname}`);
      res.writeHead(200, { ...headers, 'content-type': type || 'text/html; charset=utf-8' });
      res.end(showing(html, secrets));
    } else if (url.hostname === 'evil.example' && url.pathname === '/frames') {
      // Its own policy lets the vendor's pages into its frames, as an attacker's would.
      res.writeHead(200, { ...headers, 'content-security-policy': `${CSP}; frame-src https://*.repairshopr.com`, 'content-type': 'text/html; charset=utf-8' });
      res.end(framing(url.searchParams));
    } else if (VENDORED[url.pathname] && (!url.pathname.startsWith('/swagger/') || DOCS_HOSTS.test(url.hostname))) {
      const [file, type] = VENDORED[url.pathname];
      // Swagger UI sets styles from script: its page alone allows inline styles.
      const csp = url.pathname.startsWith('/swagger/') ? CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") : CSP;
      res.writeHead(200, { ...headers, 'content-security-policy': csp, 'content-type': type });
      res.end(readFileSync(file));
    } else if (INTEGRATION_FILES[`${url.hostname}${url.pathname}`]) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      const existing = url.searchParams.get('existing');
      const html = readFileSync(join(WWW, 'integrations', INTEGRATION_FILES[`${url.hostname}${url.pathname}`]), 'utf8')
        // `existing=1`: an integration set up before June 2020, still holding a legacy key.
        .replace('{{existingSubdomain}}', existing ? 'acme' : '')
        .replace('{{existingKey}}', existing ? LEGACY_KEY : '');
      res.end(showing(html, [LEGACY_KEY]));
    } else if (DOCS_HOSTS.test(url.hostname) && url.pathname === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(render('docs.html', url.hostname, url.searchParams));
    } else if (ROUTES[url.pathname]) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(render(ROUTES[url.pathname], url.hostname, url.searchParams));
    } else if (url.pathname.startsWith('/favicon')) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      res.end('not found');
    } else {
      // What a 404 echoes is the asker's own text, not a secret any page revealed.
      res.writeHead(404, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(notFound(url.pathname));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: server.address().port, requests, close: () => new Promise((ok) => server.close(ok)) };
}

// `node server.mjs` serves the replicas for a look by hand (see `make demo`).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await start();
  console.log(`serving www/ on 127.0.0.1:${s.port}`);
}
