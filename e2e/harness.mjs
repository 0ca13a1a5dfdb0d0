// Starts the replica server and Debian Chromium with dist/chrome loaded, mapped so the
// real host names reach the local server. Shared by every end-to-end test file.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readdirSync, statSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, shown } from './server.mjs';
import { HOSTS, LEGACY_KEY } from './fixtures.mjs';

export const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'chrome');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Lets Playwright report the service worker's own requests too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

// The engine built with a request that panics (`make test-e2e` builds it apart), for the
// test that the background recovers from a trap. Never shipped.
const FAULTS_PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'pkg-faults');

// A copy of the built extension with some optional permissions already granted (made
// required), for features whose permission prompt a headless browser cannot answer;
// with `faults`, running the fault-injection build of the engine.
function withGranted(permissions, hosts, faults = false) {
  const dir = mkdtempSync(join(tmpdir(), 'keyshift-dist-'));
  cpSync(DIST, dir, { recursive: true });
  if (faults) {
    for (const f of ['keyshift.js', 'keyshift_bg.wasm']) cpSync(join(FAULTS_PKG, f), join(dir, 'pkg', f));
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.permissions.push(...permissions);
  manifest.optional_permissions = (manifest.optional_permissions || []).filter((p) => !permissions.includes(p));
  if (hosts.length) manifest.host_permissions = hosts;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

// Every host name the replicas answer for: the vendor's, an unrelated site, and the
// integrations' (www/integrations/).
export const RESOLVED = ['*.repairshopr.com', '*.syncromsp.com', 'help.msp.test', 'evil.example', '*.itglue.com', 'app.ninjarmm.com', 'app.pax8.com', 'zapier.com', 'app.zomentum.com', '*.acme-msp.com'];

// `lang` sets the browser's language (on Linux, Chromium takes it from LANGUAGE).
// `clipboard`: the vendor's pages may read the clipboard back (for the copy tests).
export async function launch({ headed = false, granted = [], grantedHosts = [], lang, faults = false, clipboard = false } = {}) {
  const dist = granted.length || grantedHosts.length || faults ? withGranted(granted, grantedHosts, faults) : DIST;
  const server = await start();
  const profile = mkdtempSync(join(tmpdir(), 'keyshift-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new below: extensions need the new headless mode
    ...(lang ? { env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` }, locale: lang } : {}),
    args: [
      ...(headed ? [] : ['--headless=new']),
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      `--host-resolver-rules=${RESOLVED.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ')}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-dev-shm-usage',
    ],
  });
  const requests = [];
  context.on('request', (r) => {
    let from = 'page';
    try {
      from = r.serviceWorker() ? 'service-worker' : r.frame().url();
    } catch {
      /* a request without a frame */
    }
    requests.push({ url: r.url(), from, body: r.postData() || '' });
  });
  const console_ = [];
  const watch = (page) => page.on('console', (m) => console_.push({ where: page.url(), text: m.text() }));
  context.on('page', watch);
  context.pages().forEach(watch);
  let worker = context.serviceWorkers()[0];
  if (!worker) worker = await context.waitForEvent('serviceworker');
  worker.on('console', (m) => console_.push({ where: 'service-worker', text: m.text() }));
  const extensionId = new URL(worker.url()).host;
  // A first install opens the welcome page: kept for the presence test, then closed.
  const isWelcome = (p) => p.url().startsWith(`chrome-extension://${extensionId}/welcome.html`);
  let welcome = context.pages().find(isWelcome) || (await context.waitForEvent('page', { predicate: isWelcome, timeout: 5000 }).catch(() => null));
  if (welcome) {
    await welcome.waitForFunction(() => document.querySelector('#toolbar')?.textContent.length > 0, null, { timeout: 5000 }).catch(() => {});
    const text = await welcome.locator('main').textContent().catch(() => '');
    await welcome.close();
    welcome = { text };
  }
  if (clipboard) for (const host of Object.values(HOSTS)) await grantClipboard(context, `https://${host}`);
  return {
    server,
    context,
    profile,
    extensionId,
    welcome,
    console: console_,
    requests,
    url: (host, path) => `https://${host}${path}`,
    closed: false,
    // Closes the browser and the server; the profile stays until `close`.
    async stop() {
      if (this.closed) return;
      this.closed = true;
      await context.close();
      await server.close();
    },
    // Where a token or key the pages showed turned up where it must not: a console
    // message of any context, a request (its address or body, as the browser sent it or
    // the server got it), a request from an extension context to anywhere but the
    // extension, or (once stopped) a file in the profile (HTTP caches aside).
    leaks() {
      const secrets = [...shown];
      const has = (text) => secrets.some((s) => text.includes(s));
      const out = [];
      for (const m of console_) if (has(m.text)) out.push(`console of ${m.where}`);
      for (const r of requests) if (has(r.url) || has(r.body)) out.push(`request to ${r.url}`);
      for (const r of server.requests) if (has(JSON.stringify(r))) out.push(`request received for ${r.url}`);
      const extension = `chrome-extension://${extensionId}/`;
      for (const r of requests) {
        if ((r.from === 'service-worker' || r.from.startsWith(extension)) && !r.url.startsWith(extension)) out.push(`extension fetched ${r.url}`);
      }
      if (this.closed) out.push(...filesContaining(profile, secrets));
      return out;
    },
    // Every test file's browser ends here: it fails the file if anything leaked.
    async close() {
      await this.stop();
      const leaks = this.leaks();
      rmSync(profile, { recursive: true, force: true });
      if (dist !== DIST) rmSync(dist, { recursive: true, force: true });
      if (leaks.length) throw new Error(`secrets leaked:\n${leaks.join('\n')}`);
    },
  };
}

// The notes on a page: kind, visible text and the markup of host and shadow root.
export async function notes(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('keyshift-note'), (n) => ({
      kind: n.dataset.kind,
      text: n.shadowRoot ? n.shadowRoot.textContent : '',
      html: n.outerHTML + (n.shadowRoot ? n.shadowRoot.innerHTML : ''),
      after: n.previousElementSibling ? n.previousElementSibling.tagName + (n.previousElementSibling.id ? `#${n.previousElementSibling.id}` : '') : null,
      parent: n.parentElement.tagName,
    })),
  );
}

export async function waitForNotes(page, count, kind) {
  const sel = kind ? `keyshift-note[data-kind="${kind}"]` : 'keyshift-note';
  await page.waitForFunction(([s, c]) => document.querySelectorAll(s).length >= c, [sel, count], { timeout: 10000 });
  return notes(page);
}

/** Proves the content script read the page and is alive: a legacy key added now gets its
 * note. Call it after the page's own content settled; then the page's notes are final. */
export async function readAndAlive(page) {
  await page.evaluate((key) => {
    const p = document.createElement('p');
    p.id = 'probe';
    p.textContent = `API key: ${key}`;
    document.querySelector('main').append(p);
  }, LEGACY_KEY);
  await page.locator('#probe + keyshift-note[data-kind="legacy-key"]').waitFor({ state: 'attached' });
}

/** Stops the extension's service worker for real (its memory is gone), as Chrome does
 * when it idles one out. Resolves to how many workers still run (0 once stopped). */
export async function stopWorkers(context) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const workers = async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker');
    for (const w of await workers()) await cdp.send('Target.closeTarget', { targetId: w.targetId });
    for (let i = 0; i < 250 && (await workers()).length; i++) await page.waitForTimeout(20);
    return (await workers()).length;
  } finally {
    await page.close();
  }
}

// A button inside a note's shadow root, by the start of its accessible name.
/** A popup row's action, named `name` (a RegExp on its accessible name): the row's main
 * button if it is that one, else the item of its "⋯" menu, opened first. */
export async function rowAction(row, name) {
  await row.getByRole('button', { name: /^More for / }).waitFor(); // the row is drawn
  const main = row.getByRole('button', { name });
  if (await main.count()) return main.click();
  await row.getByRole('button', { name: /^More for / }).click();
  await row.getByRole('menuitem', { name }).click();
}

export function noteButton(page, kind, name) {
  return page.locator(`keyshift-note[data-kind="${kind}"]`).getByRole('button', { name: new RegExp(`^${name}`) });
}

// Copies the captured token with the note's own button, as the user does, and reads the
// clipboard back.
export async function copyFromNote(page) {
  await noteButton(page, 'captured-token', 'Copy').click();
  await page.locator('keyshift-note').getByText('Copied to the clipboard.').waitFor();
  return readClipboard(page);
}

export async function grantClipboard(context, origin) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
}

export async function readClipboard(page) {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

// Every file under `dir` (HTTP caches aside) that contains one of `secrets`.
export function filesContaining(dir, secrets) {
  const hits = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!/^(Cache|Code Cache|GPUCache|DawnGraphiteCache|DawnWebGPUCache|GrShaderCache|ShaderCache)$/.test(name)) walk(p);
      } else if (st.isFile() && st.size < 64 * 1024 * 1024) {
        const bytes = readFileSync(p);
        for (const s of secrets) {
          if (bytes.includes(Buffer.from(s)) || bytes.includes(Buffer.from(s, 'utf16le'))) hits.push(`${p}: ${s.slice(0, 6)}…`);
        }
      }
    }
  };
  walk(dir);
  return hits;
}
