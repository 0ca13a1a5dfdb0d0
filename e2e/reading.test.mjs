// Reading pages by meaning: a fresh token is a fact about the page, not a shape. The
// reveal in a textarea, in a dialog, re-rendered; pages read through the browser's own
// translation; an ARIA-grid token list with numeric and relative dates. And the pages
// that only look like it: API docs, tickets, a knowledge-base article, a 404 echoing its
// address, hidden and attribute-only tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes, waitForNotes, noteButton, grantClipboard, readClipboard, copyFromNote, readAndAlive } from './harness.mjs';
import { HOSTS, tokenFor } from './fixtures.mjs';
import { TRANSLATED } from './server.mjs';

let b;
before(async () => {
  b = await launch({ clipboard: true });
});
after(async () => {
  await b.close();
});

async function open(host, path) {
  const page = await b.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(b.url(host, path));
  return { page, errors };
}

async function heldNames() {
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.locator('#empty:not([hidden]), #held li').first().waitFor();
  const names = await popup.locator('#held li').allTextContents();
  await popup.close();
  return names;
}

test('a token revealed in a read-only textarea is captured and copied whole', async () => {
  const token = tokenFor('textarea');
  const { page, errors } = await open(HOSTS.repairshopr, '/api_tokens/created?seed=textarea&variant=textarea');
  const list = await waitForNotes(page, 1, 'captured-token');
  assert.equal(list.length, 1);
  assert.equal(await copyFromNote(page), token);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a reveal in a dialog after Create API Token: captured under its name, and the link-styled Done is guarded', async () => {
  const token = tokenFor('dialog');
  const { page, errors } = await open(HOSTS.syncro, '/api_tokens/dialog?seed=dialog');
  await page.click('#new-token');
  await page.fill('#token-name', 'Hudu sync');
  await page.waitForTimeout(300); // the engine has seen the dialog (it watches its Create control)
  await page.click('#create');
  await waitForNotes(page, 1, 'captured-token');
  assert.equal(await page.locator('[role=dialog] keyshift-note[data-kind="captured-token"]').count(), 1, 'the note is in the dialog');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  assert.equal(await page.evaluate(() => Boolean(window.dialogDone)), false, 'Done was held back');
  await page.locator('keyshift-confirm').getByRole('button', { name: 'Copy and continue' }).click();
  await page.waitForFunction(() => window.dialogDone === true);
  assert.equal(await readClipboard(page), token);
  assert.ok((await heldNames()).some((n) => n.includes('Hudu sync')), 'the popup names the token as the user did');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a reveal re-rendered eight times is one capture, with one note, and its latest Done is guarded', async () => {
  const { page, errors } = await open(HOSTS.repairshopr, '/api_tokens/remount?seed=remount');
  await page.waitForFunction(() => window.renders === 8);
  await page.waitForTimeout(400);
  assert.equal((await notes(page)).filter((n) => n.kind === 'captured-token').length, 1);
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  assert.match(page.url(), /\/api_tokens\/remount/);
  const token = tokenFor('remount');
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.locator('#held li').first().waitFor();
  assert.equal(await popup.locator('#held li', { hasText: `${token.slice(0, 8)}…${token.slice(-4)}` }).count(), 1, 'held once');
  await popup.close();
  assert.deepEqual(errors, []);
  await page.close();
});

for (const host of ['api-docs.repairshopr.com', 'api-docs.syncromsp.com']) {
  test(`API docs on ${host}: curl samples are no fresh token, and the docs' own Done is not held back`, async () => {
    const { page, errors } = await open(host, '/');
    await readAndAlive(page);
    assert.deepEqual((await notes(page)).map((n) => n.kind), ['legacy-key'], 'only the probe');
    await page.click('#done');
    await page.getByText('Checklist complete').waitFor({ timeout: 2000 });
    assert.equal(await page.locator('keyshift-confirm').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a ticket whose comments hold token-shaped text: no capture, and Close closes', async () => {
  const { page, errors } = await open(HOSTS.syncro, '/tickets/1234');
  await readAndAlive(page);
  assert.equal((await notes(page)).filter((n) => n.kind === 'captured-token').length, 0);
  await page.click('#close');
  await page.locator('#status', { hasText: 'Closed' }).waitFor({ timeout: 2000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a knowledge-base article with an example token: no capture', async () => {
  const { page } = await open(HOSTS.repairshopr, '/kb/api-tokens');
  await readAndAlive(page);
  assert.equal((await notes(page)).filter((n) => n.kind === 'captured-token').length, 0);
  await page.close();
});

test('a 404 page echoing a token in its address: no capture, its Done goes through', async () => {
  const token = tokenFor('echo');
  const { page } = await open(HOSTS.repairshopr, `/${token}`);
  await readAndAlive(page);
  assert.equal((await notes(page)).filter((n) => n.kind === 'captured-token').length, 0);
  await page.click('#done');
  await page.waitForURL(/\/$/, { timeout: 2000 });
  await page.close();
});

test('hidden and attribute-only tokens on a page that is no reveal: no notes, Done not held', async () => {
  const { page } = await open(HOSTS.repairshopr, '/assets/88');
  await readAndAlive(page);
  assert.deepEqual((await notes(page)).map((n) => n.kind), ['legacy-key'], 'only the probe');
  await page.click('#done');
  assert.equal(await page.locator('keyshift-confirm').count(), 0);
  const names = await heldNames();
  for (let i = 1; i <= 6; i++) {
    const t = tokenFor(`hidden-${i}`);
    assert.ok(!names.some((n) => n.includes(t.slice(0, 8))), `hidden token ${i} is not held`);
  }
  await page.close();
});

test('an ARIA-grid token list: legacy, expired and expiring rows by the Expires column only, numeric and relative dates', async () => {
  for (const host of Object.values(HOSTS)) {
    const { page } = await open(host, '/api_tokens/grid');
    await waitForNotes(page, 4);
    await page.waitForTimeout(300);
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('keyshift-note'), (n) => [n.dataset.kind, n.closest('[role=row]').firstElementChild.textContent, n.parentElement.getAttribute('role')]),
    );
    assert.deepEqual(rows.sort(), [
      ['legacy-key', 'Legacy API Key', 'gridcell'],
      ['token-expired', 'Old Zapier', 'gridcell'],
      ['token-expiring', 'IT Glue sync', 'gridcell'],
      ['token-expiring', 'Reports', 'gridcell'],
    ].sort(), host);
    await page.close();
  }
});

for (const lang of TRANSLATED) {
  test(`a profile and a reveal translated by the browser into ${lang} read like native ones`, async () => {
    const { page } = await open(HOSTS.repairshopr, `/profile?translated=${lang}`);
    assert.equal(await page.evaluate(() => document.documentElement.className), 'translated-ltr');
    await waitForNotes(page, 1, 'legacy-key');
    await page.goto(b.url(HOSTS.repairshopr, `/api_tokens/created?seed=tr-${lang}&translated=${lang}`));
    await waitForNotes(page, 1, 'captured-token');
    const done = await page.locator('#done').textContent();
    assert.notEqual(done, 'Done', 'the Done control reads in the other language');
    await page.click('#done');
    await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
    await page.locator('keyshift-confirm').getByRole('button', { name: 'I’ve saved it, continue' }).click();
    await page.waitForURL(new RegExp(`done=tr-${lang}`));
    await page.close();
  });
}

test('a token made from the New Token form carries the name typed there and its kind', async () => {
  const { page } = await open(HOSTS.repairshopr, '/api_tokens/new?seed=named&name=Quoter%20sync');
  await page.waitForTimeout(400);
  await page.getByRole('button', { name: 'Create API Token' }).click();
  await page.waitForURL(/\/api_tokens\/created/);
  await waitForNotes(page, 1, 'captured-token');
  const names = await heldNames();
  assert.ok(names.some((n) => n.includes('Quoter sync')), JSON.stringify(names));
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/new?seed=prebuilt'));
  await page.waitForTimeout(400);
  await page.getByRole('button', { name: 'IT Glue' }).click();
  await page.waitForURL(/\/api_tokens\/created/);
  await waitForNotes(page, 1, 'captured-token');
  assert.ok((await heldNames()).some((n) => n.includes('IT Glue')), 'a prebuilt token is named for its integration');
  await page.close();
});
