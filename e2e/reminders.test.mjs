// Reminders before a token expires (issue 23): off until the user turns them on, then one
// notification per token and stage (30, 7, 1 days, and once after), named after the token
// and its account; never twice. (Headless Chromium
// cannot answer the notifications prompt: this run grants the permission up front.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';

let b;
before(async () => {
  b = await launch({ granted: ['notifications'] });
});
after(async () => {
  await b?.close();
});

/** The service worker, with each notification it shows recorded. */
async function recording() {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/popup.html`); // wakes the worker
  await page.close();
  const worker = b.context.serviceWorkers().at(-1);
  await worker.evaluate(() => {
    const w = /** @type {any} */ (self);
    if (w.shown) return;
    w.shown = [];
    const create = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (id, options) => {
      w.shown.push({ id, title: options.title, message: options.message });
      return create(id, options);
    };
  });
  return worker;
}

/** Fires the background's alarm now (what a day passing does) and returns what it showed. */
async function tick(worker) {
  await worker.evaluate(() => chrome.alarms.create('keyshift-expire', { when: Date.now() + 50 }));
  await new Promise((r) => setTimeout(r, 1500));
  return worker.evaluate(() => /** @type {any} */ (self).shown.splice(0));
}

test('reminders: off by default; turned on, one per token and stage, named after the token and its account, never twice', async () => {
  const list = await b.context.newPage();
  await list.goto(b.url(HOSTS.syncro, '/api_tokens'));
  await waitForNotes(list, 3);
  const worker = await recording();
  assert.deepEqual(await tick(worker), [], 'nothing while reminders are off');
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.waitForFunction(() => document.getElementById('holdMinutes').value !== '');
  await options.check('#remindBeforeExpiry');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  const shown = await tick(worker);
  const titles = shown.map((n) => n.title).sort();
  assert.deepEqual(titles, ['Keyshift: “IT Glue sync” on acme.syncromsp.com', 'Keyshift: “Old Zapier” on acme.syncromsp.com']);
  const glue = shown.find((n) => n.title.includes('IT Glue sync'));
  assert.match(glue.message, /^Expires in 5 days \(.+\)\. Replace it and update what uses it\.$/);
  assert.match(shown.find((n) => n.title.includes('Old Zapier')).message, /^Expired on .+: whatever still uses it has stopped connecting\.$/);
  assert.deepEqual(await tick(worker), [], 'each once');
  // A new visit of the list does not give them again (a restart of the background is
  // proven natively: backend::tests::remind, from what the shell stored).
  await list.reload();
  await waitForNotes(list, 3);
  assert.deepEqual(await tick(worker), [], 'not again after the list was read anew');
  await options.uncheck('#remindBeforeExpiry');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  for (const p of [options, list]) await p.close();
});
