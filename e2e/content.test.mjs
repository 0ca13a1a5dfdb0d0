// The content script's own tier: its ES modules (extension/content/*.js, fields.js) run
// in Debian Chromium against fixture pages, without the extension, so what each module
// gathers is checked where it is written. (The bundle the extension ships is built from
// the same modules by tools/pack.py, which this file checks too.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './harness.mjs';
import { readFile, mkdtemp, cp, writeFile, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION = join(ROOT, 'extension');
const ORIGIN = 'https://content.test';
const TOKEN = 'T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef';

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
after(async () => browser?.close());

/** A page at ORIGIN showing `body`, with the content script's modules served as the
 * extension ships their sources, and `window.ks` holding what the test imports. */
async function fixture(body) {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') {
      return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture</title></head><body>${body}</body></html>` });
    }
    const file = join(EXTENSION, path);
    if (!file.startsWith(EXTENSION)) return route.fulfill({ status: 404 });
    const type = path.endsWith('.json') ? 'application/json' : 'text/javascript';
    return route.fulfill({ contentType: type, body: await readFile(file, 'utf8') }).catch(() => route.fulfill({ status: 404 }));
  });
  await page.goto(`${ORIGIN}/`);
  await page.addScriptTag({
    type: 'module',
    content: `
      import * as read from '/content/read.js';
      import * as visible from '/content/visible.js';
      import * as landmarks from '/content/landmarks.js';
      import * as fields from '/fields.js';
      import { READING } from '/content/tables.js';
      window.ks = { read, visible, landmarks, fields, READING };`,
  });
  await page.waitForFunction(() => 'ks' in window);
  return page;
}

/** What `gather` sends the engine for the whole page, as plain data. */
const gathered = (page) =>
  page.evaluate(async () => {
    const { read, READING } = /** @type {any} */ (window).ks;
    const { blocks, fields } = await read.gather([document.body], () => {}, READING);
    return { blocks, fields };
  });

const blockWith = (blocks, text) => blocks.find((b) => b.segs.join('').includes(text));

test('content tier: a token list is read by its header and row, and a hidden token is measured hidden', async () => {
  const page = await fixture(`
    <table><thead><tr><th>Name</th><th>API Key</th><th>Expires</th></tr></thead>
      <tbody><tr><td>Zapier</td><td><code>T1a2b3c4…9f0e</code></td><td>Dec 31, 2026</td></tr></tbody></table>
    <p>Your new token: <span>${TOKEN}</span></p>
    <div style="display:none"><span>${TOKEN.replace('T5', 'T6')}</span></div>`);
  const { blocks } = await gathered(page);
  const ref = blockWith(blocks, 'T1a2b3c4');
  const name = blockWith(blocks, 'Zapier');
  assert.equal(ref.header, 'API Key', 'the cell is read under its column header');
  assert.ok(ref.row && ref.row === name.row, 'the shortened token and the name share a row');
  const shown = blockWith(blocks, TOKEN).shown;
  const hidden = blockWith(blocks, TOKEN.replace('T5', 'T6')).shown;
  assert.equal(shown[0], true, 'the visible token is measured shown');
  assert.ok(shown[3] > 0 && shown[4] > 0, 'with a box');
  assert.equal(hidden[0], false, 'the display:none token is measured hidden');
  await page.close();
});

test('content tier: a field is named by its label, aria-labelledby or placeholder, never by its value', async () => {
  const page = await fixture(`
    <label for="a">Syncro API token</label><input id="a" name="api_token" value="${TOKEN}">
    <span id="lbl">RepairShopr key</span><input aria-labelledby="lbl" id="b">
    <input id="c" placeholder="Paste your token">`);
  const { fields, blocks } = await gathered(page);
  assert.deepEqual(fields.map((f) => f.label), ['Syncro API token', 'RepairShopr key', 'Paste your token']);
  assert.match(fields[0].name, /\bapi_token\b/, 'with its name attribute');
  assert.ok(!JSON.stringify(fields).includes(TOKEN), 'a field carries the shape of its value, not the value');
  assert.equal(blockWith(blocks, TOKEN).source, 'value', 'the value itself is sent as a value block');
  await page.close();
});

test('content tier: a dialog is a region with its name, headings and controls; a shadow root is read too', async () => {
  const page = await fixture(`
    <h1>API Tokens</h1>
    <div role="dialog" aria-labelledby="t"><h2 id="t">API Token Created</h2><button>Done</button></div>
    <token-box></token-box>
    <script>
      customElements.define('token-box', class extends HTMLElement {
        connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<button>Copy token</button>'; }
      });
    </script>`);
  const info = await page.evaluate(async () => /** @type {any} */ (window).ks.landmarks.pageInfo([document.body]));
  assert.equal(info.regions.length, 1);
  const [dialog, name] = info.regions[0];
  assert.equal(name, 'API Token Created');
  const done = info.page.controls.find(([, label]) => label === 'Done');
  assert.equal(done[2], dialog, 'Done is in the dialog');
  assert.ok(info.page.headings.some(([text, region]) => text === 'API Token Created' && region === dialog));
  assert.ok(info.page.headings.some(([text, region]) => text === 'API Tokens' && region === 0), 'the page heading is in no dialog');
  assert.ok(info.page.controls.some(([, label]) => label === 'Copy token'), 'a control in an open shadow root');
  await page.close();
});

test('content tier: shownOf tells an element covered by another, or clipped away, from one a person sees', async () => {
  const page = await fixture(`
    <p id="plain">${TOKEN}</p>
    <div style="position:relative"><p id="covered">${TOKEN}</p>
      <div style="position:absolute;inset:0;background:#fff"></div></div>
    <div style="height:0;overflow:hidden"><p id="clipped">${TOKEN}</p></div>`);
  const seen = await page.evaluate(() => {
    const { shownOf } = /** @type {any} */ (window).ks.visible;
    return Object.fromEntries(['plain', 'covered', 'clipped'].map((id) => [id, shownOf(document.getElementById(id))]));
  });
  assert.equal(seen.plain[5], false, 'nothing hides the plain one');
  assert.equal(seen.covered[5], true, 'the covered one is unseen');
  assert.ok(seen.clipped[5] === true || seen.clipped[4] === 0, 'the clipped one is unseen or has no height');
  await page.close();
});

test('content tier: fields.js fills only the field the user approved, in the document approved', async () => {
  const page = await fixture(`<form><label for="k">API Token</label><input id="k" name="api_token"></form>`);
  const result = await page.evaluate(() => {
    const { fields } = /** @type {any} */ (window).ks;
    const found = fields.keyshiftFields();
    const f = found.fields[0];
    const expect = { kind: f.kind, name: f.name, origin: found.origin, doc: found.doc };
    const elsewhere = fields.keyshiftFill(0, { ...expect, doc: 'another-document' }, 'T-not-this');
    const renamed = fields.keyshiftFill(0, { ...expect, name: 'password' }, 'T-not-this');
    const untouched = /** @type {HTMLInputElement} */ (document.getElementById('k')).value;
    const filled = fields.keyshiftFill(0, expect, 'T-the-token');
    return { elsewhere, renamed, untouched, filled, value: /** @type {HTMLInputElement} */ (document.getElementById('k')).value };
  });
  assert.deepEqual(result, { elsewhere: 'changed', renamed: 'changed', untouched: '', filled: 'filled', value: 'T-the-token' });
  await page.close();
});

test('content tier: the build refuses a module that imports what another does not export', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'keyshift-pack-'));
  try {
    await cp(EXTENSION, scratch, { recursive: true });
    const form = join(scratch, 'content', 'form.js');
    const text = await readFile(form, 'utf8');
    await writeFile(form, text.replace("from './read.js';", "from './read.js';\nimport { noSuchThing } from './notes.js';"));
    let failure = '';
    try {
      execFileSync('python3', [join(ROOT, 'tools', 'pack.py'), 'bundle', scratch], { stdio: 'pipe' });
    } catch (e) {
      failure = String(e.stderr);
    }
    assert.match(failure, /form\.js imports noSuchThing from notes\.js, which does not export it/);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
