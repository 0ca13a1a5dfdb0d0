// The options page as settings (issue 22): sections, a setting that waits for its switch,
// a refused value explained beside its field, and a keyboard-only walk through it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b.close();
});

async function options() {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  await page.waitForFunction(() => document.getElementById('holdMinutes').value !== '');
  return page;
}

test('options: one section per kind of setting, in order, then the dismissed warnings', async () => {
  const page = await options();
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
  assert.deepEqual(headings, ['Capture & copy', 'Clipboard', 'Custom domains', 'Filling in', 'Reminders', 'Dismissed warnings']);
  const sectionOf = (id) => page.locator(`#${id}`).evaluate((el) => el.closest('section')?.querySelector('h2')?.textContent);
  assert.equal(await sectionOf('holdMinutes'), 'Capture & copy');
  assert.equal(await sectionOf('clearAfterSeconds'), 'Clipboard');
  assert.equal(await sectionOf('extraHosts'), 'Custom domains');
  assert.equal(await sectionOf('forgetAfterFill'), 'Filling in');
  assert.equal(await sectionOf('remindBeforeExpiry'), 'Reminders');
  await page.close();
});

test('options: "Clear after" waits for clearing to be on, and the keep time for capture', async () => {
  const page = await options();
  assert.equal(await page.isChecked('#clearClipboard'), false, 'clearing is off by default');
  assert.equal(await page.isDisabled('#clearAfterSeconds'), true, 'so its delay cannot be edited');
  await page.check('#clearClipboard');
  assert.equal(await page.isDisabled('#clearAfterSeconds'), false, 'turned on, the delay can be set');
  await page.uncheck('#clearClipboard');
  assert.equal(await page.isDisabled('#clearAfterSeconds'), true);
  assert.equal(await page.isDisabled('#holdMinutes'), false);
  await page.uncheck('#captureTokens');
  assert.equal(await page.isDisabled('#holdMinutes'), true, 'no keep time without capture');
  await page.check('#captureTokens');
  await page.close();
});

test('options: a refused value is explained beside its field, which is marked invalid and focused', async () => {
  const page = await options();
  await page.fill('#holdMinutes', '5000');
  await page.getByRole('button', { name: 'Save' }).click();
  const error = page.locator('#holdMinutesError');
  await error.waitFor();
  assert.match(await error.textContent(), /at most 1440 minutes/);
  assert.equal(await page.getAttribute('#holdMinutes', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#holdMinutes', 'aria-describedby'), /holdMinutesError/, 'a screen reader reads the error with the field');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'holdMinutes', 'focus goes to the field to fix');
  assert.match(await page.textContent('#status'), /Not saved/);
  // A custom domain that cannot be one: said under the domains, not by the Save button.
  await page.fill('#holdMinutes', '10');
  await page.fill('#extraHosts', '*.co.uk');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#extraHostsError:not([hidden])').waitFor();
  assert.match(await page.textContent('#extraHostsError'), /\*\.co\.uk/);
  assert.equal(await page.getAttribute('#holdMinutes', 'aria-invalid'), null, 'the fixed field is no longer marked');
  await page.fill('#extraHosts', '');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  assert.equal(await page.locator('#extraHostsError').isHidden(), true, 'and the error is gone once saved');
  await page.close();
});

test('options: keyboard only, Tab walks the settings in their sections, skipping what waits for a switch', async () => {
  const page = await options();
  await page.locator('h1').click();
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent));
  }
  assert.deepEqual(order.slice(0, 7), ['captureTokens', 'holdMinutes', 'clearClipboard', 'extraHosts', 'forgetAfterFill', 'remindBeforeExpiry', 'Save']);
  // Space on the switch, from the keyboard, frees its delay.
  await page.focus('#clearClipboard');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'clearAfterSeconds');
  await page.close();
});
