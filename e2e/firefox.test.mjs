// The Firefox package in Debian Firefox ESR: a legacy-key note, capture with one-click
// copy read back from the clipboard, and the popup copy after Done.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { launchFirefox, notes, waitForNote, noteButton, noteText, readClipboard, writeClipboard, copyFromNote, readAndAlive } from './firefox.mjs';
import { HOSTS, LEGACY_KEY, tokenFor, truncated } from './fixtures.mjs';
import { REVEALS, NOT_REVEALS, write } from './written.mjs';

let ff;
before(async () => {
  ff = await launchFirefox();
});
after(async () => {
  await ff?.close();
});

test('Firefox: the legacy key on the profile gets a note with a replacement link', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.syncro, '/profile'));
  const list = await waitForNote(driver, 'legacy-key');
  assert.equal(list.length, 1);
  assert.match(list[0].text, /Legacy API key/);
  assert.ok(!list[0].text.includes(LEGACY_KEY), 'the note does not repeat the key');
  const href = await driver.executeScript(() => document.querySelector('keyshift-note').shadowRoot.querySelector('a').getAttribute('href'));
  assert.match(href, /\/api_tokens\/new$/);
});

test('Firefox: a revealed token is captured and one click copies it whole', async () => {
  const { driver } = ff;
  const token = tokenFor('ff-copy');
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-copy&variant=spans'));
  await waitForNote(driver, 'captured-token');
  assert.equal(await writeClipboard(driver, 'before'), true);
  assert.equal(await copyFromNote(driver), token);
  assert.ok(!(await driver.getPageSource()).includes(`${token}<`), 'no note or attribute repeats the token');
});

test('Firefox: after Done the popup lists the token masked and copies it', async () => {
  const { driver } = ff;
  const token = tokenFor('ff-popup');
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-popup&variant=input'));
  await waitForNote(driver, 'captured-token');
  // Done without copying: the guard asks once, then lets the page move on.
  await driver.findElement(By.id('done')).click();
  const confirm = await driver.wait(until.elementLocated(By.css('keyshift-confirm')), 5000);
  const skip = await (await confirm.getShadowRoot()).findElement(By.css('button:not(.primary)'));
  await skip.click();
  await driver.wait(until.urlContains('done=ff-popup'), 5000);
  await waitForNote(driver, 'legacy-key'); // the token list has been read
  assert.deepEqual((await notes(driver)).filter((n) => n.kind === 'captured-token'), [], 'nothing to capture after Done');
  assert.ok((await driver.getPageSource()).includes(truncated(token)), 'the site now shows only the shortened token');

  const page = await driver.getWindowHandle();
  await ff.openExtensionPage('popup.html');
  const copy = await driver.wait(until.elementLocated(By.css('#held li button.primary')), 5000);
  const item = await driver.findElement(By.css('#held li'));
  const shown = await item.getText();
  assert.match(shown, /acme\.repairshopr\.com/);
  assert.ok(!shown.includes(token) && !(await driver.getPageSource()).includes(token), 'the popup shows the token masked');
  await copy.click();
  await driver.wait(async () => /copied/i.test(await driver.findElement(By.id('status')).getText()), 5000);
  await driver.close();
  await driver.switchTo().window(page);
  assert.equal(await readClipboard(driver), token);
});

test('Firefox: clipboard clearing empties the clipboard from the background page, without an offscreen document', async () => {
  const { driver } = ff;
  const token = tokenFor('ff-clear');
  const page = await driver.getWindowHandle();
  // Turn clearing on in the options page (the permission prompt is answered by a pref).
  await ff.openExtensionPage('options.html');
  const hold = await driver.wait(until.elementLocated(By.id('holdMinutes')), 5000); // drawn once the wasm is loaded
  await driver.wait(async () => (await hold.getAttribute('value')) !== '', 5000);
  const clear = await driver.findElement(By.id('clearClipboard'));
  if (!(await clear.isSelected())) await clear.click();
  const after = await driver.findElement(By.id('clearAfterSeconds'));
  await after.clear();
  await after.sendKeys('10');
  await driver.findElement(By.css('button[type=submit]')).click();
  await driver.wait(async () => (await driver.findElement(By.id('status')).getText()) === 'Saved.', 5000);
  await driver.close();
  await driver.switchTo().window(page);

  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-clear&variant=input'));
  await waitForNote(driver, 'captured-token');
  await (await noteButton(driver, 'captured-token', 'Copy')).click();
  // The note says when the clipboard will be emptied.
  await driver.wait(async () => (await noteText(driver, 'captured-token')).includes('Copied. The clipboard will be cleared in 10 seconds.'), 5000);
  assert.equal(await readClipboard(driver), token);
  const copiedAt = Date.now();
  await driver.wait(async () => (await readClipboard(driver)) === '', 30000, 'the clipboard was emptied');
  assert.ok(Date.now() - copiedAt >= 8000, 'not before the 10 s the options set');

  // Clearing off again, for the tests after this one.
  await ff.openExtensionPage('options.html');
  const again = await driver.wait(until.elementLocated(By.id('clearClipboard')), 5000);
  await driver.wait(async () => (await driver.findElement(By.id('holdMinutes')).getAttribute('value')) !== '', 5000);
  if (await again.isSelected()) await again.click();
  await driver.findElement(By.css('button[type=submit]')).click();
  await driver.wait(async () => (await driver.findElement(By.id('status')).getText()) === 'Saved.', 5000);
  await driver.close();
  await driver.switchTo().window(page);
});

// Reading by meaning, in Firefox ESR.
test('Firefox: API docs with curl samples: no capture, and the docs\' own Done goes through', async () => {
  const { driver } = ff;
  await driver.get(ff.url('api-docs.repairshopr.com', '/'));
  await readAndAlive(driver);
  assert.deepEqual((await notes(driver)).map((n) => n.kind), ['legacy-key']);
  await driver.findElement(By.id('done')).click();
  await driver.wait(async () => (await driver.findElement(By.id('checked')).getText()) === 'Checklist complete', 2000);
});

test('Firefox: a token in a read-only textarea is captured and copied whole', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.syncro, '/api_tokens/created?seed=ff-textarea&variant=textarea'));
  await waitForNote(driver, 'captured-token');
  assert.equal(await copyFromNote(driver), tokenFor('ff-textarea'));
});

test('Firefox: a reveal the browser translated into Spanish guards its "Listo"', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-tr&translated=es'));
  await waitForNote(driver, 'captured-token');
  const done = await driver.findElement(By.id('done'));
  assert.equal(await done.getText(), 'Listo');
  await done.click();
  const confirm = await driver.wait(until.elementLocated(By.css('keyshift-confirm')), 5000);
  assert.ok((await driver.getCurrentUrl()).includes('/api_tokens/created'), 'held back');
  await (await (await confirm.getShadowRoot()).findElement(By.css('button:not(.primary)'))).click();
  await driver.wait(until.urlContains('done=ff-tr'), 5000);
});

test('Firefox: pages written apart from the replicas: a token set apart in a sentence and a page whose stylesheet is late are reveals, a blog\'s example is not', async () => {
  const { driver } = ff;
  // The written page whose description has `what`, showing `token` (its last entry
  // makes the page).
  const open = async (/** @type {any[][]} */ pages, /** @type {string} */ what, /** @type {string} */ token) => {
    const entry = pages.find(([w]) => w.includes(what)) || [];
    const { hostname, pathname } = new URL(entry[1]);
    await driver.get(write(ff.url(hostname, pathname), entry.at(-1)(token), [token]));
  };
  const token = tokenFor('ff-written');
  await open(REVEALS, '<code>', token);
  await waitForNote(driver, 'captured-token');
  assert.equal(await copyFromNote(driver), token);

  const late = tokenFor('ff-slow-css');
  await open(REVEALS, 'stylesheet', late);
  await waitForNote(driver, 'captured-token');
  assert.equal(await copyFromNote(driver), late, 'measured again once its stylesheet arrived');

  await open(NOT_REVEALS, 'blog', tokenFor('ff-blog'));
  await readAndAlive(driver);
  assert.deepEqual((await notes(driver)).map((n) => n.kind), ['legacy-key']);
});

test('Firefox: an ARIA-grid list: legacy, expired and expiring rows from numeric and relative dates', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/grid'));
  await driver.wait(async () => (await notes(driver)).length >= 4, 10000);
  const rows = await driver.executeScript(() =>
    Array.from(document.querySelectorAll('keyshift-note'), (n) => `${n.dataset.kind} ${n.closest('[role=row]').firstElementChild.textContent}`).sort(),
  );
  assert.deepEqual(rows, ['legacy-key Legacy API Key', 'token-expired Old Zapier', 'token-expiring IT Glue sync', 'token-expiring Reports']);
});

// A captured token can't be lost or switched off by a page, in Firefox ESR.
test('Firefox: settings, salt and dismissals live where content scripts cannot reach them', async () => {
  const { driver } = ff;
  const page = await driver.getWindowHandle();
  await ff.openExtensionPage('options.html');
  const hold = await driver.wait(until.elementLocated(By.id('holdMinutes')), 5000);
  await driver.wait(async () => (await hold.getAttribute('value')) !== '', 5000);
  await hold.clear();
  await hold.sendKeys('7');
  await driver.findElement(By.css('button[type=submit]')).click();
  await driver.wait(async () => (await driver.findElement(By.id('status')).getText()) === 'Saved.', 5000);
  // storage.local is what a content script could read or write: nothing of Keyshift's is there.
  const local = await driver.executeAsyncScript((done) => chrome.storage.local.get(null).then((v) => done(Object.keys(v))));
  assert.deepEqual(local, []);
  await driver.navigate().refresh();
  const again = await driver.wait(until.elementLocated(By.id('holdMinutes')), 5000);
  await driver.wait(async () => (await again.getAttribute('value')) === '7', 5000);
  await again.clear();
  await again.sendKeys('10');
  await driver.findElement(By.css('button[type=submit]')).click();
  await driver.wait(async () => (await driver.findElement(By.id('status')).getText()) === 'Saved.', 5000);
  await driver.close();
  await driver.switchTo().window(page);
});

test('Firefox: the Done guard asks even after the engine forgot the capture', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-forgot&variant=input'));
  await waitForNote(driver, 'captured-token');
  const page = await driver.getWindowHandle();
  await ff.openExtensionPage('popup.html');
  const all = await driver.wait(until.elementLocated(By.id('forgetAll')), 5000);
  await driver.wait(until.elementIsVisible(all), 5000);
  await all.click();
  const yes = await driver.wait(until.elementLocated(By.css('[role=alert] button:not(.primary)')), 5000);
  await yes.click();
  await driver.wait(async () => !(await driver.findElement(By.id('empty')).getAttribute('hidden')), 5000);
  await driver.close();
  await driver.switchTo().window(page);
  await driver.findElement(By.id('done')).click();
  await driver.wait(until.elementLocated(By.css('keyshift-confirm')), 5000);
  assert.ok((await driver.getCurrentUrl()).includes('/api_tokens/created'), 'not left unasked');
});

test('Firefox: a Done the page draws again on its own still asks', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.syncro, '/api_tokens/created?seed=ff-redraw&variant=input'));
  await waitForNote(driver, 'captured-token');
  await driver.executeScript(() => {
    const done = document.getElementById('done');
    done.replaceWith(done.cloneNode(true));
  });
  await driver.sleep(300);
  await driver.findElement(By.id('done')).click();
  await driver.wait(until.elementLocated(By.css('keyshift-confirm')), 5000);
  assert.ok((await driver.getCurrentUrl()).includes('/api_tokens/created'), 'not left unasked');
});

test('Firefox: on the vendor\'s Swagger docs, the field\'s note fills a held token through Keyshift\'s own window', async () => {
  const { driver } = ff;
  const token = tokenFor('ff-fill');
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-fill&variant=input'));
  await waitForNote(driver, 'captured-token');
  // The user sees the token before moving on in the same tab (a token a page only
  // flashed before the tab moved on is not kept).
  await driver.sleep(1200);
  await driver.get(ff.url('api-docs.repairshopr.com', '/swagger/'));
  const authorize = await driver.wait(until.elementLocated(By.css('.auth-wrapper button.authorize')), 10000);
  await authorize.click();
  const field = await driver.wait(until.elementLocated(By.css('.auth-container input[type=text]')), 5000);
  await waitForNote(driver, 'fill-field');
  const page = await driver.getWindowHandle();
  const before = new Set(await driver.getAllWindowHandles());
  await (await noteButton(driver, 'fill-field', 'Fill in new token')).click();
  const window = await driver.wait(async () => (await driver.getAllWindowHandles()).find((h) => !before.has(h)), 5000);
  await driver.switchTo().window(window);
  await driver.wait(async () => /popup\.html\?tab=\d+/.test(await driver.getCurrentUrl()), 5000);
  await (await driver.wait(until.elementLocated(By.css('#held li button.fill')), 5000)).click();
  const fill = await driver.wait(until.elementLocated(By.css('#fill button.primary')), 5000);
  assert.equal(await field.getAttribute('value').catch(() => ''), '', 'nothing filled before the user confirms');
  const callout = () => driver.executeScript(() => document.querySelector('keyshift-callout')?.shadowRoot?.textContent ?? null);
  await driver.switchTo().window(page);
  assert.equal(await callout(), 'Keyshift fills the token in here', 'the field is named on the page, not just outlined');
  await driver.switchTo().window(window);
  await fill.click();
  await driver.wait(async () => (await driver.findElement(By.id('fill')).getText()).startsWith('Filled into'), 5000);
  await driver.close();
  await driver.switchTo().window(page);
  assert.equal(await driver.executeScript(() => document.querySelector('.auth-container input[type=text]').value), token);
  assert.equal(await callout(), null, 'the callout goes with the fill');
});

test('Firefox: a token list gets one-line warnings and the line that counts them above the list', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.syncro, '/api_tokens'));
  await driver.wait(until.elementLocated(By.css('keyshift-summary')), 10000);
  const said = await driver.executeScript(() => document.querySelector('keyshift-summary').shadowRoot.textContent);
  assert.match(said, /Legacy keys: 1/);
  assert.match(said, /Expired: 1/);
  const compact = await driver.executeScript(() => Array.from(document.querySelectorAll('keyshift-note'), (n) => n.hasAttribute('data-compact')));
  assert.ok(compact.length >= 3 && compact.every(Boolean), `${compact}`);
});

test('Firefox: the token list read, the popup shows the account’s token health', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.syncro, '/api_tokens'));
  await waitForNote(driver, 'legacy-key');
  await ff.openExtensionPage('popup.html');
  const line = await driver.wait(until.elementLocated(By.css('#health .account[data-origin^="https://acme.syncromsp.com"] .account-line')), 10000);
  assert.match(await line.getText(), /acme\.syncromsp\.com(:\d+)? · read .* · 4 of 5 tokens need action/, 'the test server’s port, in Firefox');
  const problems = await Promise.all(
    (await driver.findElements(By.css('#health .account[data-origin^="https://acme.syncromsp.com"] .problems li'))).map((li) => li.getText()),
  );
  assert.deepEqual(problems, ['Legacy key still listed: “Legacy API Key”', 'Expired: “Old Zapier”', 'Expires within 7 days: “IT Glue sync”', 'Never expires: “Pax8 billing”']);
});
