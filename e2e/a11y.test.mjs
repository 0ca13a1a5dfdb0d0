// Accessibility: axe-core finds nothing on the popup, the options page and pages with
// each kind of note (in light and dark), and everything works from the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, waitForNotes, grantClipboard, readClipboard } from './harness.mjs';
import { HOSTS, tokenFor } from './fixtures.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let b;
before(async () => {
  b = await launch();
  await grantClipboard(b.context, `https://${HOSTS.repairshopr}`);
});
after(async () => {
  await b.close();
});

// A new page on the reveal replica, once its token was captured.
async function reveal(seed) {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, `/api_tokens/created?seed=${seed}&variant=input`));
  await waitForNotes(page, 1, 'captured-token');
  return page;
}

// axe-core's violations on the page, in both colour schemes. The script goes in through
// the DevTools protocol, which the pages' strict CSP does not stop. On pages with notes
// it also checks axe did read inside them (their contrast was checked and passed).
async function violations(page) {
  const found = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate(AXE);
    const result = await page.evaluate(async () => {
      const r = await globalThis.axe.run(document);
      const contrast = r.passes.find((p) => p.id === 'color-contrast');
      const inNotes = contrast ? contrast.nodes.filter((n) => /^keyshift-/.test(String(n.target[0]?.[0] ?? n.target[0]))).length : 0;
      return { violations: r.violations, inNotes, notes: document.querySelectorAll('keyshift-note, keyshift-confirm').length };
    });
    for (const v of result.violations) {
      found.push(`${colorScheme}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    }
    if (result.notes && !result.inNotes) found.push(`${colorScheme}: axe did not reach inside the notes`);
  }
  return found;
}

const PAGES = [
  { name: 'profile with a legacy-key note', host: HOSTS.repairshopr, path: '/profile', kinds: ['legacy-key'] },
  { name: 'token list with legacy, expired and expiring notes', host: HOSTS.syncro, path: '/api_tokens', kinds: ['legacy-key', 'token-expired', 'token-expiring'] },
  { name: 'reveal page with a captured-token note', host: HOSTS.repairshopr, path: '/api_tokens/created?seed=a11y&variant=spans', kinds: ['captured-token'] },
];

// `theme=dark`: the page drawn dark by its own stylesheet (www/dark.css).
const darkly = (path) => `${path}${path.includes('?') ? '&' : '?'}theme=dark`;

for (const p of PAGES) for (const dark of [false, true]) {
  test(`axe: ${p.name}${dark ? ' on a dark page' : ''}: no violations`, async () => {
    const page = await b.context.newPage();
    await page.goto(b.url(p.host, dark ? darkly(p.path) : p.path));
    const list = await waitForNotes(page, p.kinds.length);
    assert.deepEqual([...new Set(list.map((n) => n.kind))].sort(), [...p.kinds].sort());
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
}

test('axe: the Done question: no violations', async () => {
  const page = await reveal('a11y-confirm');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  assert.deepEqual(await violations(page), []);
  await page.close();
});

test('axe: the popup, empty and holding a token, and the options page: no violations', async () => {
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.locator('#empty:not([hidden]), #held li').first().waitFor();
  const empty = await violations(popup);
  const page = await reveal('a11y-popup');
  await popup.reload();
  await popup.locator('#held li').first().waitFor();
  const holding = await violations(popup);
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.locator('#holdMinutes').waitFor();
  await options.waitForFunction(() => document.getElementById('holdMinutes').value !== '');
  assert.deepEqual({ empty, holding, options: await violations(options) }, { empty: [], holding: [], options: [] });
  for (const p of [popup, page, options]) await p.close();
});

test('axe: the welcome page: no violations, and its link to the options is reachable by keyboard', async () => {
  const welcome = await b.context.newPage();
  await welcome.goto(`chrome-extension://${b.extensionId}/welcome.html`);
  await welcome.locator('#toolbar').filter({ hasText: /\S/ }).waitFor();
  assert.deepEqual(await violations(welcome), []);
  await welcome.keyboard.press('Tab');
  assert.equal(await welcome.evaluate(() => document.activeElement?.getAttribute('href')), 'options.html');
  await welcome.close();
});

// Tabs forward until the focused element (looking into shadow roots) has `name`.
async function tabTo(page, name, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let el = document.activeElement;
      while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
      return el ? (el.getAttribute('aria-label') || el.textContent || '').trim() : '';
    });
    if (focused.startsWith(name)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('keyboard: copy the captured token, then Done, without a mouse', async () => {
  const token = tokenFor('a11y-keys');
  const page = await reveal('a11y-keys');
  await tabTo(page, 'Copy token');
  await page.keyboard.press('Enter');
  await page.locator('keyshift-note').getByText('Copied to the clipboard.').waitFor();
  assert.equal(await readClipboard(page), token);
  await tabTo(page, 'Done');
  await page.keyboard.press('Enter');
  await page.waitForURL(/done=a11y-keys/);
  await page.close();
});

test('keyboard: the Done question opens on its first button and Escape returns to Done', async () => {
  const page = await reveal('a11y-esc');
  await tabTo(page, 'Done');
  await page.keyboard.press('Enter');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  const inside = () => page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.textContent);
  assert.equal(await inside(), 'Copy and continue');
  await page.keyboard.press('Tab');
  assert.equal(await inside(), 'I’ve saved it, continue');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('keyshift-confirm'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'done');
  await page.close();
});

test('keyboard: dismiss a legacy-key note, then restore it from the options page', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/profile'));
  await waitForNotes(page, 1, 'legacy-key');
  await tabTo(page, 'Dismiss this legacy key warning');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('keyshift-note'));
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.locator('#dismissed li').first().waitFor();
  await tabTo(options, 'Show again: legacy-key warning on');
  await options.keyboard.press('Enter');
  await options.locator('#noDismissed:not([hidden])').waitFor();
  await page.reload();
  await waitForNotes(page, 1, 'legacy-key');
  await options.close();
  await page.close();
});

test('dark mode: notes follow the page\'s own colours, the popup follows the system', async () => {
  const background = (page, selector) =>
    page.evaluate((sel) => {
      const [host, inner] = sel.split(' >>> ');
      const el = inner ? document.querySelector(host).shadowRoot.querySelector(inner) : document.querySelector(host);
      return getComputedStyle(el).backgroundColor;
    }, selector);
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  // A light page under a dark system: the note stays light, as the page around it is.
  const page = await b.context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  await waitForNotes(page, 1, 'legacy-key');
  const onLight = await background(page, 'keyshift-note >>> .note');
  // The same page restyled dark by its own stylesheet, under a light system: the note goes dark.
  const dark = await b.context.newPage();
  await dark.emulateMedia({ colorScheme: 'light' });
  await dark.goto(b.url(HOSTS.repairshopr, darkly('/profile')));
  await waitForNotes(dark, 1, 'legacy-key');
  const onDark = await background(dark, 'keyshift-note >>> .note');
  // A legacy key stopped working: the red of what is broken, in each scheme.
  assert.equal(onLight, 'rgb(254, 242, 242)');
  assert.equal(onDark, 'rgb(43, 10, 10)');
  const popupIn = {};
  for (const scheme of ['light', 'dark']) {
    await popup.emulateMedia({ colorScheme: scheme });
    popupIn[scheme] = await background(popup, 'body');
  }
  assert.deepEqual(popupIn, { light: 'rgb(255, 255, 255)', dark: 'rgb(17, 24, 39)' });
  await dark.close();
  await popup.close();
  await page.close();
});
