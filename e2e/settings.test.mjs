// Options that change behaviour, and an extension reload under an open page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes, waitForNotes } from './harness.mjs';
import { HOSTS, LEGACY_KEY, tokenFor } from './fixtures.mjs';

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b.close();
});

test('hold time 0: a capture still guards Done, but the popup keeps nothing', async () => {
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  const hold = options.getByLabel('Keep new tokens for (minutes)');
  await options.waitForFunction(() => document.getElementById('holdMinutes').value !== '');
  assert.equal(await hold.inputValue(), '10', 'ten minutes by default');
  await hold.fill('0');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();

  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=nohold&variant=input'));
  await waitForNotes(page, 1, 'captured-token');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('button', { name: 'I’ve saved it, continue' }).click();
  await page.waitForURL(/done=nohold/);
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.getByText(/keep time in Options is 0/).waitFor();
  assert.ok(!(await popup.content()).includes(tokenFor('nohold').slice(0, 6)));

  await options.bringToFront();
  await hold.fill('1441');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.waitForTimeout(300);
  await options.reload();
  await options.waitForFunction(() => document.getElementById('holdMinutes').value !== '');
  assert.equal(await hold.inputValue(), '0', 'an out-of-range value is refused and nothing changes');
  for (const p of [options, page, popup]) await p.close();
});

// Last in this file: a reloaded command-line extension does not come back in this harness.
test('extension reloaded under an open page: the old content script goes quiet', async () => {
  const page = await b.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  await waitForNotes(page, 1, 'legacy-key');
  const worker = b.context.serviceWorkers()[0];
  await worker.evaluate(() => chrome.runtime.reload()).catch(() => {});
  await page.waitForTimeout(1000);
  // The page changes: the orphaned script notices it lost the extension and stands down.
  await page.evaluate((key) => {
    const p = document.createElement('p');
    p.textContent = `API key: ${key}`;
    document.querySelector('main').append(p);
  }, LEGACY_KEY);
  await page.waitForFunction(() => !document.querySelector('keyshift-note'), null, { timeout: 5000 });
  await page.waitForTimeout(300);
  assert.deepEqual(await notes(page), []);
  assert.deepEqual(errors, [], 'nothing thrown into the page');
  await page.close();
});
