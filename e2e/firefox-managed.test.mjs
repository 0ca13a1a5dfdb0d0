// Managed deployment in Firefox: an enterprise policy's 3rdparty section reaches
// storage.managed, wins over the user's settings and shows locked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { launchFirefox, notes, waitForNote, GECKO_ID } from './firefox.mjs';
import { HOSTS } from './fixtures.mjs';

let ff;
before(async () => {
  ff = await launchFirefox({ policies: { policies: { '3rdparty': { Extensions: { [GECKO_ID]: { captureTokens: false, holdMinutes: 0 } } } } } });
});
after(async () => {
  await ff?.close();
});

test('Firefox policy: capture off: only the legacy-key note, Done goes straight through', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-managed&variant=input&legacy=1'));
  await waitForNote(driver, 'legacy-key'); // the same scan would have held a capture
  assert.deepEqual((await notes(driver)).map((n) => n.kind), ['legacy-key']);
  await driver.findElement(By.id('done')).click();
  await driver.wait(until.urlContains('done=ff-managed'), 5000);
});

test('Firefox policy: the options page shows the managed settings locked', async () => {
  const { driver } = ff;
  await ff.openExtensionPage('options.html');
  const note = await driver.wait(until.elementLocated(By.id('managedNote')), 5000); // drawn once the wasm is loaded
  await driver.wait(async () => !(await note.getAttribute('hidden')), 5000);
  assert.equal(await driver.findElement(By.id('captureTokens')).isEnabled(), false);
  assert.equal(await driver.findElement(By.id('captureTokens')).isSelected(), false);
  assert.equal(await driver.findElement(By.id('holdMinutes')).getAttribute('value'), '0');
  assert.equal(await driver.findElement(By.id('holdMinutes')).getAttribute('aria-readonly'), 'true');
  assert.match(await driver.findElement(By.css('label[for="holdMinutes"]')).getText(), /🔒/, 'with a lock mark');
  assert.equal(await driver.findElement(By.id('forgetAfterFill')).isEnabled(), true, 'what the policy leaves alone stays the user’s');
});
