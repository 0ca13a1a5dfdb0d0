// The popup's hierarchy (issue 22): one main action per row (Fill in over a page with a
// field for the token, else Copy), the rest in a "⋯" menu that works by keyboard, and the
// question before forgetting an uncopied token asked inside its row, naming it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';

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

/** The toolbar popup over `page`, as a window of its own with the page's tab behind. */
async function popupOver(page) {
  await page.bringToFront();
  const opened = b.context.waitForEvent('page', (p) => p.url().includes('popup.html'));
  await b.context.serviceWorkers()[0].evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 400, height: 600 }));
  const popup = await opened;
  await popup.locator('#held li').first().waitFor();
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
