// Clipboard clearing: off by default; when on, the clipboard is emptied after the delay
// only if it still holds the copied token. The permission prompt cannot be answered
// headless, so this browser runs a copy of the extension with those permissions granted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes, noteButton, grantClipboard, readClipboard } from './harness.mjs';
import { HOSTS, tokenFor } from './fixtures.mjs';

let b;
before(async () => {
  b = await launch({ granted: ['clipboardRead', 'clipboardWrite'] });
  await grantClipboard(b.context, `https://${HOSTS.repairshopr}`);
});
after(async () => {
  await b.close();
});

async function clipboardBecomes(page, want, ms) {
  const end = Date.now() + ms;
  let got;
  while (Date.now() < end) {
    got = await readClipboard(page);
    if (got === want) return got;
    await page.waitForTimeout(500);
  }
  return got;
}

test('turned on, the copied token is cleared after the delay; anything copied since is left alone', async () => {
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.waitForFunction(() => document.getElementById('clearAfterSeconds').value !== '');
  assert.equal(await options.getByLabel('Clear the clipboard after copying a token').isChecked(), false, 'off by default');
  await options.getByLabel('Clear the clipboard after copying a token').check();
  await options.getByLabel('Clear after (seconds)').fill('10');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  await options.close();

  const token = tokenFor('clear');
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=clear&variant=input'));
  await waitForNotes(page, 1, 'captured-token');
  await noteButton(page, 'captured-token', 'Copy').click();
  // The note says when the clipboard will be emptied.
  await page.locator('keyshift-note').getByText('Copied. The clipboard will be cleared in 10 seconds.').waitFor();
  assert.equal(await readClipboard(page), token);
  assert.equal(await clipboardBecomes(page, '', 30000), '', 'emptied once the delay passed');

  await noteButton(page, 'captured-token', 'Copy').click();
  assert.equal(await readClipboard(page), token);
  await page.evaluate(() => navigator.clipboard.writeText('lunch order: 2 pizzas'));
  await page.waitForTimeout(14000);
  assert.equal(await readClipboard(page), 'lunch order: 2 pizzas', 'what the user copied since stays');
  await page.close();
});
