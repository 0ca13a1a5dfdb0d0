// A custom domain added in the options: Keyshift runs there too, and only there. The
// host-access prompt cannot be answered headless, so this browser runs a copy of the
// extension with access to that one host already granted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes, waitForNotes } from './harness.mjs';

const HOST = 'help.msp.test';
let b;
before(async () => {
  b = await launch({ grantedHosts: [`https://${HOST}/*`] });
});
after(async () => {
  await b.close();
});

test('a custom domain is scanned once added in the options, and no longer once removed', async () => {
  const page = await b.context.newPage();
  await page.goto(`https://${HOST}/profile`);
  await page.waitForTimeout(1000);
  assert.deepEqual(await notes(page), [], 'not a vendor host, not added: nothing runs');

  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.waitForFunction(() => document.getElementById('holdMinutes').value !== '');
  await options.getByLabel('Custom domains').fill(HOST);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();

  await page.reload();
  const list = await waitForNotes(page, 1, 'legacy-key');
  assert.equal(list.length, 1);
  const link = page.locator('keyshift-note').getByRole('link', { name: 'Create a replacement token' });
  assert.equal(await link.getAttribute('href'), `https://${HOST}/api_tokens/new`);

  await options.getByLabel('Custom domains').fill('');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  await page.reload();
  await page.waitForTimeout(1000);
  assert.deepEqual(await notes(page), [], 'removed: the content script is unregistered');
  await options.close();
  await page.close();
});
