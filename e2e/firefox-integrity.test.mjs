// Integrity findings in Firefox ESR that need a fresh profile and a background restart
// (issue 20): storage.local, which content scripts can write, never becomes a setting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { launchFirefox } from './firefox.mjs';

let ff;
before(async () => {
  ff = await launchFirefox();
});
after(async () => {
  await ff?.close();
});

/** The hold time the options page shows (the settings in force). */
async function holdShown(driver) {
  const hold = await driver.wait(until.elementLocated(By.id('holdMinutes')), 10000);
  await driver.wait(async () => (await hold.getAttribute('value')) !== '', 10000);
  return hold.getAttribute('value');
}

test('Firefox: a write to storage.local (what a compromised renderer can do) is ignored after a restart, even for a user who never saved the options', async () => {
  const { driver } = ff;
  await ff.openExtensionPage('options.html');
  assert.equal(await holdShown(driver), '10', 'the defaults, never saved');
  // storage.local is shared with content scripts: write what an attacker would want.
  const evil = { captureTokens: false, holdMinutes: 1440, clearClipboard: false, clearAfterSeconds: 30, extraHosts: ['evil.example'], forgetAfterFill: false };
  await driver.executeAsyncScript((s, done) => chrome.storage.local.set({ settings: s }).then(() => done(true)), evil);
  // Restart the background (the whole extension), as a browser restart would.
  await driver.executeScript(() => chrome.runtime.reload());
  await driver.sleep(1500);
  await ff.openExtensionPage('options.html');
  assert.equal(await holdShown(driver), '10', 'the settings in force are still the defaults');
  assert.equal(await driver.findElement(By.id('captureTokens')).isSelected(), true, 'capture is still on');
  const left = await driver.executeAsyncScript((done) => chrome.storage.local.get(null).then((v) => done(Object.keys(v))));
  assert.deepEqual(left, [], 'and storage.local was emptied');
});
