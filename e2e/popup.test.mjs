// The popup's hierarchy (issue 22): one main action per row (Fill in over a page with a
// field for the token, else Copy), the rest in a "⋯" menu that works by keyboard, and the
// question before forgetting an uncopied token asked inside its row, naming it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS, LEGACY_KEY } from './fixtures.mjs';

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b.close();
});

/** Keeps a new token from a reveal (named by the page), left uncopied. */
async function keep(seed) {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, `/api_tokens/created?seed=${seed}&variant=input`));
  await waitForNotes(page, 1, 'captured-token');
  return page;
}

/** The toolbar popup over `page`, as a window of its own with the page's tab behind;
 * `rows`: wait for the kept tokens' rows (off where nothing may be kept). */
async function popupOver(page, { rows = true } = {}) {
  await page.bringToFront();
  const opened = b.context.waitForEvent('page', (p) => p.url().includes('popup.html'));
  await b.context.serviceWorkers()[0].evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 400, height: 600 }));
  const popup = await opened;
  if (rows) await popup.locator('#held li').first().waitFor();
  return popup;
}

test('popup: each row has one main action, Copy, and a menu with the rest that works by keyboard', async () => {
  const page = await keep('menu');
  const popup = await popupOver(page);
  const row = popup.locator('#held li').first();
  assert.deepEqual(await row.locator('button.primary').allTextContents(), ['Copy'], 'one main button, Copy, on a page with no field for it');
  const more = row.getByRole('button', { name: /^More for / });
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.equal(await row.getByRole('menuitem').count(), 0, 'the menu is closed');
  await more.focus();
  await popup.keyboard.press('Enter');
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  const items = await row.getByRole('menuitem').allTextContents();
  assert.deepEqual(items, ['Fill in on this page', 'Forget']);
  const focused = () => popup.evaluate(() => document.activeElement?.textContent);
  assert.equal(await focused(), 'Fill in on this page', 'opening focuses the first item');
  await popup.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'Forget');
  await popup.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'Fill in on this page', 'the arrows go round');
  await popup.keyboard.press('Escape');
  assert.equal(await row.getByRole('menuitem').count(), 0, 'Escape closes it');
  assert.equal(await popup.evaluate(() => document.activeElement?.getAttribute('aria-haspopup')), 'menu', 'and returns to its button');
  const width = await popup.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(width[0] <= width[1], `no horizontal scroll (${width})`);
  await popup.close();
  await page.close();
});

test('popup: forgetting a token nobody copied asks inside its row, names it, and Keep keeps it', async () => {
  const page = await keep('ask-in-row');
  const popup = await popupOver(page);
  const row = popup.locator('#held li').first();
  const name = (await row.locator('strong').textContent()).trim();
  await row.getByRole('button', { name: /^More for / }).click();
  await row.getByRole('menuitem', { name: /^Forget / }).click();
  const question = row.getByRole('alert');
  await question.waitFor();
  assert.match(await question.textContent(), new RegExp(`“${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” was never copied`));
  assert.equal(await popup.evaluate(() => document.activeElement?.textContent), 'Keep', 'focus on the safe answer');
  await popup.keyboard.press('Enter');
  assert.equal(await question.isVisible(), false, 'Keep closes the question');
  assert.equal(await popup.locator('#held li', { hasText: name }).count() >= 1, true, 'and the token stays');
  await popup.close();
  await page.close();
});

test('popup: over a page with a field for the token, Fill in is the main action and Copy moves to the menu', async () => {
  const kept = await keep('fill-main');
  const docs = await b.context.newPage();
  await docs.goto('https://api-docs.repairshopr.com/swagger/');
  await docs.getByRole('button', { name: /Authorize/ }).first().click();
  await waitForNotes(docs, 1, 'fill-field');
  const popup = await popupOver(docs);
  const row = popup.locator('#held li').first();
  assert.deepEqual(await row.locator('button.primary').allTextContents(), ['Fill in on this page']);
  await row.getByRole('button', { name: /^More for / }).click();
  assert.deepEqual(await row.getByRole('menuitem').allTextContents(), ['Copy', 'Forget']);
  for (const p of [popup, docs, kept]) await p.close();
});

test('popup: the token health of the account the tab shows, each line naming its tokens, and a CSV with nothing secret', async () => {
  const list = await b.context.newPage();
  await list.goto(b.url(HOSTS.syncro, '/api_tokens'));
  await waitForNotes(list, 3);
  const page = await popupOver(list, { rows: false });
  const health = page.locator('#health');
  await health.locator('.account').first().waitFor();
  const account = health.locator('.account').first();
  assert.match(await account.locator('.account-line').textContent(), /acme\.syncromsp\.com · read .* · 4 of 5 tokens need action/);
  const lines = await account.locator('.problems li').allTextContents();
  assert.deepEqual(lines, [
    'Legacy key still listed: “Legacy API Key”',
    'Expired: “Old Zapier”',
    'Expires within 7 days: “IT Glue sync”',
    'Never expires: “Pax8 billing”',
  ]);
  assert.match(await account.locator('.problems a').first().getAttribute('href'), /^https:\/\/acme\.syncromsp\.com\/api_tokens$/, 'each line opens the list');
  const download = page.waitForEvent('download');
  await account.getByRole('button', { name: /^Export CSV: the token health of acme\.syncromsp\.com/ }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  const rows = csv.trim().split('\r\n');
  assert.equal(rows[0], 'account,name,kind,token,expires,permissions,needs');
  assert.equal(rows.length, 6, 'a row per token');
  assert.ok(!csv.includes(LEGACY_KEY), 'no legacy key');
  assert.ok(!/T[0-9a-f]{17}-[0-9a-f]{32}/i.test(csv), 'no whole token');
  assert.match(csv, /"Old Zapier","zapier","T1a2b3c4...9f9f","\d{4}-\d{2}-\d{2}","Zapier","expired"/);
  await page.close();
  await list.close();
});
