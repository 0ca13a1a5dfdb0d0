// Managed deployment: an administrator's Chromium policy (3rdparty extension policy,
// checked against extension/managed_schema.json) wins over the user's settings and is
// shown locked. Chromium reads policy only from /etc/chromium/policies/managed, so this
// file writes one there for its own run and removes it after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { launch, DIST, waitForNotes, notes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY = `${POLICY_DIR}/keyshift-e2e.json`;

// An unpacked extension's id: the SHA-256 of its path, first 32 hex digits as a-p.
function unpackedId(path) {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

let b;
before(async () => {
  const policy = { '3rdparty': { extensions: { [unpackedId(DIST)]: { captureTokens: false, holdMinutes: 0, extraHosts: ['help.example.com'] } } } };
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY, JSON.stringify(policy));
  } catch (e) {
    throw new Error(`this test writes a Chromium policy to ${POLICY} and needs root: ${e.message}`);
  }
  b = await launch();
  assert.equal(b.extensionId, unpackedId(DIST), 'the policy names the loaded extension');
});
after(async () => {
  rmSync(POLICY, { force: true });
  await b?.close();
});

test('policy: capture turned off by the administrator: no capture, no Done guard, nothing held', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=managed&variant=input&legacy=1'));
  // The legacy note comes from the same scan a capture would: once it is placed, the
  // scan's whole answer is in.
  await waitForNotes(page, 1, 'legacy-key');
  assert.deepEqual((await notes(page)).map((n) => n.kind), ['legacy-key']);
  await page.click('#done');
  await page.waitForURL(/done=managed/); // no question asked
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.locator('#empty:not([hidden])').waitFor();
  await popup.close();
  await page.close();
});

test('policy: the options page shows managed settings locked; the rest can still be saved', async () => {
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.locator('#managedNote:not([hidden])').waitFor();
  assert.equal(await options.isDisabled('#captureTokens'), true);
  assert.equal(await options.isChecked('#captureTokens'), false);
  assert.equal(await options.isDisabled('#holdMinutes'), true);
  assert.equal(await options.inputValue('#holdMinutes'), '0');
  assert.equal(await options.getAttribute('#holdMinutes', 'aria-readonly'), 'true', 'read as a value, not a broken field');
  assert.match(await options.textContent('label[for="holdMinutes"]'), /🔒 .*set by your organization/i, 'with a lock mark');
  assert.equal(await options.locator('#holdMinutesRow.locked').count(), 1);
  assert.equal(await options.isDisabled('#forgetAfterFill'), false, 'what the policy leaves alone stays the user’s');
  // Domains the policy added, which this browser has not let Keyshift read: Grant access.
  const grant = options.locator('#grant:not([hidden])');
  await grant.waitFor();
  assert.deepEqual(await grant.locator('li').allTextContents(), ['https://help.example.com/*']);
  await options.evaluate(() => {
    window.asked = [];
    chrome.permissions.request = async (p) => {
      window.asked.push(p);
      return true;
    };
  });
  await grant.getByRole('button', { name: 'Grant access' }).click();
  await grant.getByText('Keyshift may read these domains.').waitFor();
  assert.deepEqual(await options.evaluate(() => window.asked.map((p) => p.origins)), [['https://help.example.com/*']], 'exactly the policy’s patterns, asked in the click');
  await options.check('#forgetAfterFill');
  await options.click('button[type=submit]');
  await options.getByText('Saved.').waitFor();
  assert.equal((await options.evaluate(() => window.asked)).length, 1, 'saving asks for nothing the policy decides');
  await options.reload();
  await options.waitForFunction(() => document.getElementById('holdMinutes').value !== '');
  assert.equal(await options.isChecked('#forgetAfterFill'), true, 'saved');
  assert.equal(await options.inputValue('#holdMinutes'), '0', 'still the policy value');
  assert.equal(await options.isChecked('#captureTokens'), false);
  await options.uncheck('#forgetAfterFill');
  await options.click('button[type=submit]');
  await options.getByText('Saved.').waitFor();
  await options.close();
});
