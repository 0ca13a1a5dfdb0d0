// Firefox ESR in German: the notes, their dates and relative days, and the Done question
// speak the locale the extension's words come from, and say so in `lang`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { launchFirefox, notes, waitForNote } from './firefox.mjs';
import { HOSTS } from './fixtures.mjs';

let ff;
before(async () => {
  ff = await launchFirefox({ lang: 'de' });
});
after(async () => {
  await ff?.close();
});

test('Firefox in German: legacy and expiry notes, "morgen" for tomorrow, lang="de" on notes and the Done question', async () => {
  const { driver } = ff;
  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens?soon=1'));
  await waitForNote(driver, 'token-expiring');
  await driver.wait(async () => (await notes(driver)).length >= 4, 10000);
  const list = await notes(driver);
  const text = (kind) => list.filter((n) => n.kind === kind).map((n) => n.text);
  assert.match(text('legacy-key')[0], /^Keyshift: Veralteter API-Schlüssel: seit dem 01\.12\.2020 ungültig\./);
  assert.ok(text('token-expiring').some((t) => /läuft morgen ab \(/.test(t)), text('token-expiring').join(' | '));
  assert.ok(text('token-expiring').some((t) => /läuft in 5 Tagen ab \(/.test(t)), text('token-expiring').join(' | '));
  const langs = await driver.executeScript(() => [...document.querySelectorAll('keyshift-note')].map((n) => n.lang));
  assert.deepEqual([...new Set(langs)], ['de']);

  await driver.get(ff.url(HOSTS.repairshopr, '/api_tokens/created?seed=ff-de&variant=input'));
  await waitForNote(driver, 'captured-token');
  await driver.findElement(By.id('done')).click();
  const confirm = await driver.wait(until.elementLocated(By.css('keyshift-confirm')), 5000);
  assert.equal(await confirm.getAttribute('lang'), 'de');
  const title = await driver.executeScript(() => document.querySelector('keyshift-confirm').shadowRoot.querySelector('#title').textContent);
  assert.equal(title, 'Keyshift: Die Seite zeigt dieses Token nicht mehr vollständig an.');
});
