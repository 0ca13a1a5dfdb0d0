// Pages that work against Keyshift: synthetic clicks, imitated messages, notes removed or
// hidden, tokens inside frames. Nothing may leak, crash, or be pressed by the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes, noteButton, grantClipboard, readClipboard, rowAction } from './harness.mjs';
import { HOSTS, tokenFor } from './fixtures.mjs';

let b;
before(async () => {
  b = await launch({ clipboard: true });
});
after(async () => {
  await b.close();
});

async function reveal(seed) {
  const page = await b.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(b.url(HOSTS.repairshopr, `/api_tokens/created?seed=${seed}&variant=input`));
  await waitForNotes(page, 1, 'captured-token');
  return { page, errors, token: tokenFor(seed) };
}

test('a page cannot answer the Done guard for the user', async () => {
  const { page, errors } = await reveal('hostile-guard');
  await page.evaluate(() => navigator.clipboard.writeText('untouched'));
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  await page.evaluate(() => {
    for (const button of document.querySelector('keyshift-confirm').shadowRoot.querySelectorAll('button')) button.click();
  });
  await page.waitForTimeout(300);
  assert.match(page.url(), /\/api_tokens\/created/, 'still on the reveal page');
  assert.equal(await page.locator('keyshift-confirm').count(), 1, 'the question is still open');
  assert.equal(await readClipboard(page), 'untouched', 'nothing was copied');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page that removes the question or draws its Done again still asks before leaving', async () => {
  const { page, token, errors } = await reveal('hostile-redraw');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  await page.evaluate(() => document.querySelector('keyshift-confirm').remove());
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  await page.evaluate(() => document.querySelector('keyshift-confirm').remove());
  // Its Done drawn again on its own (a framework re-rendering the footer), twice.
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => {
      const done = document.getElementById('done');
      done.replaceWith(done.cloneNode(true));
    });
    await page.waitForTimeout(300);
  }
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  assert.match(page.url(), /\/api_tokens\/created/, 'still on the reveal page');
  await page.locator('keyshift-confirm').getByRole('button', { name: 'Copy and continue' }).click();
  await page.waitForURL(/done=hostile-redraw/);
  assert.equal(await readClipboard(page), token);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page cannot reach the background: no messaging API, imitated messages ignored', async () => {
  const { page, errors } = await reveal('hostile-messages');
  const reachable = await page.evaluate((id) => {
    window.postMessage({ 'reveal-held': { capture: 1 } }, '*');
    window.postMessage({ scan: { snapshot: { page: { url: location.href } } } }, '*');
    try {
      return typeof chrome !== 'undefined' && !!chrome.runtime && typeof chrome.runtime.sendMessage === 'function'
        ? `sendMessage exists for ${id}`
        : 'no messaging';
    } catch (e) {
      return 'no messaging';
    }
  }, b.extensionId);
  assert.equal(reachable, 'no messaging');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('keyshift-note').count(), 1, 'the page carries on as before');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page that removes or hides the note loses nothing: the popup still copies the token', async () => {
  const { page, errors, token } = await reveal('hostile-remove');
  await page.evaluate(() => {
    const note = document.querySelector('keyshift-note');
    note.style.display = 'none';
    note.remove();
    const cover = document.createElement('div');
    cover.style.cssText = 'position:fixed;inset:0;background:transparent;z-index:2147483647';
    document.body.append(cover);
  });
  await page.waitForTimeout(300);
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  const masked = `${token.slice(0, 8)}…${token.slice(-4)}`;
  await rowAction(popup.locator('#held li', { hasText: masked }), new RegExp(`^Copy .*\\(${masked}, `));
  await popup.getByText(/^Copied .*\./).waitFor();
  assert.equal(await readClipboard(page), token);
  assert.deepEqual(errors, []);
  await popup.close();
  await page.close();
});

test('a token shown in a same-origin frame is captured there', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/framed?seed=framed'));
  const frame = page.frameLocator('iframe');
  await frame.locator('keyshift-note[data-kind="captured-token"]').waitFor();
  await frame.locator('keyshift-note').getByRole('button', { name: /^Copy/ }).click();
  await frame.locator('keyshift-note').getByText('Copied to the clipboard.').waitFor();
  assert.equal(await readClipboard(page), tokenFor('framed'));
  await page.close();
});

test('a token shown inside a web component (open shadow root) is captured there', async () => {
  const token = tokenFor('shadow');
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/api_tokens/created?seed=unused&variant=late'));
  await page.waitForTimeout(300);
  await page.evaluate((t) => {
    const host = document.createElement('token-panel');
    const root = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.append('Your API token: ', Object.assign(document.createElement('code'), { textContent: t }));
    root.append(p);
    document.querySelector('main').prepend(host);
  }, token);
  await page.locator('token-panel keyshift-note[data-kind="captured-token"]').waitFor();
  await page.locator('token-panel keyshift-note').getByRole('button', { name: /^Copy/ }).click();
  await page.locator('token-panel keyshift-note').getByText('Copied to the clipboard.').waitFor();
  assert.equal(await readClipboard(page), token);
  await page.close();
});

test('faults: a block the engine refuses, or a row of 1,000 Japanese characters, does not stop the other notes', async () => {
  const page = await b.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens?faults=1'));
  const list = await waitForNotes(page, 4);
  const kinds = list.map((n) => n.kind).sort();
  assert.deepEqual(kinds, ['legacy-key', 'token-expired', 'token-expired', 'token-expiring']);
  assert.equal(list.filter((n) => n.parent === 'TD').length, 4, 'each note in its row');
  assert.equal(await page.locator('#many-nodes keyshift-note').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
