// Integrity findings in Firefox ESR that need a fresh profile and a background restart
// (issue 20): storage.local, which content scripts can write, never becomes a setting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { launchFirefox } from './firefox.mjs';
import { HOSTS } from './fixtures.mjs';

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

test('Firefox: the options page in sections, "Clear after" waiting for its switch, a refused value beside its field', async () => {
  const { driver } = ff;
  await ff.openExtensionPage('options.html');
  await holdShown(driver);
  const headings = await Promise.all((await driver.findElements(By.css('h2'))).map((h) => h.getText()));
  assert.deepEqual(headings, ['Capture & copy', 'Clipboard', 'Custom domains', 'Filling in', 'Reminders', 'Dismissed warnings']);
  const delay = await driver.findElement(By.id('clearAfterSeconds'));
  assert.equal(await delay.isEnabled(), false, 'no delay while clearing is off');
  await driver.findElement(By.id('clearClipboard')).click();
  assert.equal(await delay.isEnabled(), true);
  await driver.findElement(By.id('clearClipboard')).click();
  const hold = await driver.findElement(By.id('holdMinutes'));
  await hold.clear();
  await hold.sendKeys('5000');
  await driver.findElement(By.css('button[type=submit]')).click();
  const error = await driver.wait(until.elementLocated(By.css('#holdMinutesError:not([hidden])')), 5000);
  assert.match(await error.getText(), /at most 1440 minutes/);
  assert.equal(await hold.getAttribute('aria-invalid'), 'true');
  assert.equal(await driver.executeScript(() => document.activeElement?.id), 'holdMinutes');
  await hold.clear();
  await hold.sendKeys('10');
  await driver.findElement(By.css('button[type=submit]')).click();
  await driver.wait(async () => (await driver.findElement(By.id('status')).getText()) === 'Saved.', 5000);
  assert.equal(await hold.getAttribute('aria-invalid'), null);
});

test('Firefox: reminders, once turned on, notify once per token and stage from the token list read', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.syncro, '/api_tokens'));
  await driver.wait(until.elementLocated(By.css('keyshift-summary')), 10000);
  await ff.openExtensionPage('options.html');
  await holdShown(driver);
  await driver.findElement(By.id('remindBeforeExpiry')).click();
  await driver.findElement(By.css('button[type=submit]')).click();
  await driver.wait(async () => (await driver.findElement(By.id('status')).getText()) === 'Saved.', 5000);
  // Headless Firefox has nowhere to show a notification and closes it at once: the
  // options page hears of each one the background made (shown or closed), by id.
  await driver.executeScript(() => {
    const w = /** @type {any} */ (window);
    w.heard = new Set();
    const hear = (id) => w.heard.add(id);
    chrome.notifications.onShown?.addListener(hear);
    chrome.notifications.onClosed.addListener(hear);
  });
  const shown = async () => {
    const open = await driver.executeAsyncScript((done) => chrome.notifications.getAll().then((all) => done(Object.keys(all))));
    const heard = await driver.executeScript(() => [.../** @type {any} */ (window).heard]);
    await driver.executeScript(() => /** @type {any} */ (window).heard.clear());
    // Still open from before is not new: only what was heard since counts then.
    return [...new Set([...heard, ...open.filter((id) => !seen.has(id))])].sort();
  };
  const seen = new Set();
  const tick = async () => {
    await driver.executeScript(() => chrome.alarms.create('keyshift-expire', { when: Date.now() + 50 }));
    await driver.sleep(1500);
    return shown();
  };
  const first = await tick();
  first.forEach((id) => seen.add(id));
  assert.deepEqual(first.map((id) => id.replace(/^keyshift:https:\/\/acme\.syncromsp\.com(:\d+)?:/, '')), ['IT Glue sync:week', 'Old Zapier:expired']);
  assert.deepEqual(await tick(), [], 'each once');
  await driver.findElement(By.id('remindBeforeExpiry')).click();
  await driver.findElement(By.css('button[type=submit]')).click();
});
