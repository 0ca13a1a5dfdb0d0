// Keyshift's presence (issue 22): the toolbar badge and tooltip follow the tab — amber
// with the number of warnings on a vendor page, green while a new token from the tab is
// kept, nothing elsewhere.
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

/** The badge text and tooltip over the tab showing `page`, as the browser has them. */
async function badge(page) {
  await page.bringToFront();
  const worker = b.context.serviceWorkers()[0];
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }), colour: await chrome.action.getBadgeBackgroundColor({ tabId: tab.id }) };
  });
}

async function until(page, want) {
  for (let i = 0; i < 50; i++) {
    const now = await badge(page);
    if (want(now)) return now;
    await page.waitForTimeout(100);
  }
  return badge(page);
}

test('the badge counts the warnings on a vendor page, in amber, and the tooltip says what they are', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/api_tokens'));
  const list = await waitForNotes(page, 2);
  const warnings = list.filter((n) => ['legacy-key', 'token-expired', 'token-expiring'].includes(n.kind)).length;
  const shown = await until(page, (x) => x.text === String(warnings));
  assert.equal(shown.text, String(warnings));
  assert.deepEqual(shown.colour, [180, 83, 9, 255], 'amber');
  assert.match(shown.title, new RegExp(`^Keyshift: ${warnings} warnings on this page`));
  await page.close();
});

test('the badge turns green while a new token from the tab is kept, and the tooltip says so', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=badge&variant=input'));
  await waitForNotes(page, 1, 'captured-token');
  const shown = await until(page, (x) => x.text === '1');
  assert.equal(shown.text, '1');
  assert.deepEqual(shown.colour, [4, 120, 87, 255], 'green');
  assert.match(shown.title, /keeping 1 new API token from this tab/);
  // The popup marks the token nobody has copied yet: the row to act on.
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  const row = popup.locator('#held li').filter({ hasText: 'Not copied yet' });
  await row.first().waitFor();
  await page.close();
  await popup.close();
});

test('elsewhere the toolbar says nothing', async () => {
  const page = await b.context.newPage();
  await page.goto('https://evil.example/');
  const shown = await badge(page);
  assert.equal(shown.text, '');
  await page.close();
});

test('a first install opens the welcome page: what Keyshift does, where it shows up, how to pin it', () => {
  assert.ok(b.welcome, 'the welcome page opened');
  assert.match(b.welcome.text, /Keyshift is ready/);
  assert.match(b.welcome.text, /Beside keys and tokens on RepairShopr and Syncro pages/);
  assert.match(b.welcome.text, /keeps a new token for 10 minutes/);
  assert.match(b.welcome.text, /pin Keyshift/);
});

test('the popup opens with the brand and one line about this tab', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/api_tokens'));
  await waitForNotes(page, 2);
  await page.waitForTimeout(200);
  const warnings = (await page.$$eval('keyshift-note', (l) => l.map((n) => n.dataset.kind))).filter((k) => ['legacy-key', 'token-expired', 'token-expiring'].includes(k)).length;
  const [tab] = await b.context.serviceWorkers()[0].evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true })).map((t) => t.id));
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tab}`);
  await popup.locator('#here').getByText(`On this page: ${warnings} warnings`).waitFor();
  assert.equal(await popup.locator('.brand').textContent(), 'Keyshift');
  await popup.close();
  const other = await b.context.newPage();
  await other.goto('https://evil.example/');
  const [elsewhere] = await b.context.serviceWorkers()[0].evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true })).map((t) => t.id));
  const popup2 = await b.context.newPage();
  await popup2.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${elsewhere}`);
  await popup2.locator('#here').getByText('Keyshift works on RepairShopr and Syncro pages').waitFor();
  for (const p of [popup2, other, page]) await p.close();
});
