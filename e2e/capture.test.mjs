// Capture on the reveal page, one-click copy read back from the clipboard, the Done guard,
// the popup after Done, and the hold surviving a service-worker stop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes, waitForNotes, noteButton, grantClipboard, readClipboard, filesContaining, copyFromNote, stopWorkers, rowAction } from './harness.mjs';
import { HOSTS, tokenFor, truncated } from './fixtures.mjs';
import { shown } from './server.mjs';

let b;
const seen = new Set(); // every token shown in this file, for the hygiene checks
before(async () => {
  b = await launch({ clipboard: true });
});
after(async () => {
  await b.close();
});

async function reveal(seed, variant, host = HOSTS.repairshopr) {
  const token = tokenFor(seed);
  seen.add(token);
  const page = await b.context.newPage();
  await page.goto(b.url(host, `/api_tokens/created?seed=${seed}&variant=${variant}`));
  const list = await waitForNotes(page, 1, 'captured-token');
  return { page, token, list };
}

async function setClipboard(page, text) {
  await page.bringToFront();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
}

for (const variant of ['input', 'spans', 'late', 'attr']) {
  test(`reveal (${variant}): captured at once, one click copies the full token`, async () => {
    const { page, token, list } = await reveal(`v-${variant}`, variant);
    assert.equal(list.length, 1);
    assert.ok(!list[0].html.includes(token), 'the note never holds the token');
    assert.ok(!list[0].html.includes(token.slice(1, 20)), 'nor a part of it');
    await setClipboard(page, 'before');
    assert.equal(await copyFromNote(page), token);
    await page.close();
  });
}

test('a page script cannot press Copy', async () => {
  const { page } = await reveal('synthetic', 'input');
  await setClipboard(page, 'untouched');
  await page.evaluate(() => document.querySelector('keyshift-note').shadowRoot.querySelector('button').click());
  await page.waitForTimeout(300);
  assert.equal(await readClipboard(page), 'untouched');
  await page.close();
});

test('Done guard: the first Done is held back; continuing without copying leaves', async () => {
  const { page } = await reveal('guard-skip', 'input');
  await page.click('#done');
  const confirm = page.locator('keyshift-confirm');
  await confirm.getByRole('alertdialog').waitFor();
  assert.match(page.url(), /\/api_tokens\/created/, 'still on the reveal page');
  assert.match(await page.evaluate(() => document.querySelector('keyshift-confirm').shadowRoot.textContent), /Keyshift: the site won’t show this token in full again\. You haven’t copied it with Keyshift\./);
  await confirm.getByRole('button', { name: 'I’ve saved it, continue' }).click();
  await page.waitForURL(/\/api_tokens\?done=guard-skip/);
  await page.close();
});

test('after Done, the site’s “token created” line says how long the toolbar still keeps the token', async () => {
  const { page, list } = await reveal('kept-after', 'input');
  assert.match(list[0].text, /before you click “Done”/, 'the page’s own Done, quoted');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('button', { name: 'I’ve saved it, continue' }).click();
  await page.waitForURL(/done=kept-after/);
  const kept = page.locator('p.alert keyshift-note[data-kind="kept"]');
  await kept.waitFor({ state: 'attached' });
  const text = await kept.evaluate((n) => n.shadowRoot.textContent);
  assert.match(text, /Keyshift still keeps the full token for (10|9) minutes: copy it from the Keyshift icon in the toolbar/);
  assert.equal(await page.locator('keyshift-note[data-kind="kept"]').count(), 1, 'once, beside the banner, not by each row');
  await page.close();
});

test('a translated reveal page: the note names its Done as the page writes it', async () => {
  const seed = 'kept-de';
  seen.add(tokenFor(seed));
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, `/api_tokens/created?seed=${seed}&variant=input&translated=de`));
  const [note] = await waitForNotes(page, 1, 'captured-token');
  assert.match(note.text, /before you click “Fertig”/);
  await page.close();
});

test('Done guard: "Copy and continue" copies, then leaves', async () => {
  const { page, token } = await reveal('guard-copy', 'spans');
  await setClipboard(page, 'before');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('button', { name: 'Copy and continue' }).click();
  await page.waitForURL(/\/api_tokens\?done=guard-copy/);
  assert.equal(await readClipboard(page), token);
  await page.close();
});

test('Done guard: after a copy, Done goes straight through', async () => {
  const { page } = await reveal('guard-none', 'input');
  await noteButton(page, 'captured-token', 'Copy').click();
  await page.locator('keyshift-note').getByText('Copied to the clipboard.').waitFor();
  await page.click('#done');
  await page.waitForURL(/\/api_tokens\?done=guard-none/);
  await page.close();
});

test('Done guard: Escape closes the question, returns focus to Done, and the guard stays', async () => {
  const { page } = await reveal('guard-esc', 'input');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('keyshift-confirm'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'done');
  // Escape is no answer: only copying or "I’ve saved it, continue" lets Done through.
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  assert.match(page.url(), /\/api_tokens\/created/);
  await page.locator('keyshift-confirm').getByRole('button', { name: 'I’ve saved it, continue' }).click();
  await page.waitForURL(/done=guard-esc/);
  await page.close();
});

test('Done guard: a copy that fails keeps the question open, says why, keeps focus inside, and stays armed', async () => {
  const { page } = await reveal('guard-fail', 'input');
  // The browser refuses this page the clipboard (as a denied site permission would).
  const cdp = await b.context.newCDPSession(page);
  const origin = `https://${HOSTS.repairshopr}:${new URL(page.url()).port}`;
  await cdp.send('Browser.setPermission', { permission: { name: 'clipboard-write' }, setting: 'denied', origin });
  try {
    await page.click('#done');
    const confirm = page.locator('keyshift-confirm');
    await confirm.getByRole('alertdialog').waitFor();
    await confirm.getByRole('button', { name: 'Copy and continue' }).click();
    await confirm.getByText('Could not copy here. Select the token and copy it yourself, or copy it from the Keyshift icon in the toolbar.').waitFor();
    assert.match(page.url(), /\/api_tokens\/created/, 'still on the reveal page');
    const focus = await page.evaluate(() => {
      const host = document.activeElement;
      return host && host.tagName === 'KEYSHIFT-CONFIRM' ? host.shadowRoot.activeElement?.className : null;
    });
    assert.equal(focus, 'status', 'focus moved to the reason, inside the question');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.querySelector('keyshift-confirm').shadowRoot.activeElement?.textContent), 'Copy and continue', 'Tab stays inside');
    // Only the user's choice disarms it.
    await confirm.getByRole('button', { name: 'I’ve saved it, continue' }).click();
    await page.waitForURL(/done=guard-fail/);
  } finally {
    await cdp.send('Browser.resetPermissions').catch(() => {});
    await grantClipboard(b.context, `https://${HOSTS.repairshopr}`);
  }
  await page.close();
});

// Marks the running worker (a restarted one has no mark), then stops it.
async function stopServiceWorker() {
  await b.context.serviceWorkers()[0].evaluate(() => {
    globalThis.keyshiftTestMarker = 1;
  });
  assert.equal(await stopWorkers(b.context), 0, 'the service worker stopped');
}

async function openPopup() {
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  return popup;
}

test('popup: after Done the held token is listed masked and copies in one click', async () => {
  const { page, token } = await reveal('popup', 'input');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('button', { name: 'I’ve saved it, continue' }).click();
  await page.waitForURL(/done=popup/);
  assert.ok((await page.content()).includes(truncated(token)), 'the site now shows only a truncated token');
  const popup = await openPopup();
  const masked = `${token.slice(0, 8)}…${token.slice(-4)}`;
  await popup.getByText(masked).waitFor();
  assert.ok(!(await popup.content()).includes(token), 'the popup never shows the whole token');
  assert.match(await popup.textContent('body'), /acme\.repairshopr\.com/);
  assert.match(await popup.textContent('body'), /Forgotten in (9|10) min/, 'time left counts down from the 10-minute hold');
  await setClipboard(page, 'before');
  await popup.bringToFront();
  await rowAction(popup.locator('#held li', { hasText: masked }), new RegExp(`^Copy .*\\(${masked}, `));
  await popup.getByText(/^Copied .*\./).waitFor();
  assert.equal(await readClipboard(page), token, 'read back in a web page of the same browser');
  await popup.close();
  await page.close();
});

test('hold: the token survives a service-worker stop', async () => {
  const { page, token } = await reveal('restart', 'input');
  await stopServiceWorker();
  const popup = await openPopup();
  const masked = `${token.slice(0, 8)}…${token.slice(-4)}`;
  await popup.getByText(masked).waitFor();
  const restarted = b.context.serviceWorkers().at(-1);
  assert.equal(await restarted.evaluate(() => globalThis.keyshiftTestMarker), undefined, 'a fresh worker answered');
  await rowAction(popup.locator('#held li', { hasText: masked }), new RegExp(`^Copy .*\\(${masked}, `));
  await popup.getByText(/^Copied .*\./).waitFor();
  assert.equal(await readClipboard(page), token);
  await popup.bringToFront();
  // Earlier tests left tokens nobody copied: the popup asks before forgetting those.
  await popup.getByRole('button', { name: 'Forget all' }).click();
  await popup.getByRole('alert').getByText(/never copied/).waitFor();
  assert.equal(await popup.evaluate(() => document.activeElement.textContent), 'Keep', 'the safe answer has the focus');
  await popup.getByRole('alert').getByRole('button', { name: 'Forget' }).click();
  await popup.getByText(/Nothing to copy\. When you create/).waitFor();
  await popup.close();
  await page.close();
});

test('Syncro single-page app: a token inserted by script is captured and Done is guarded', async () => {
  const token = tokenFor('spa');
  seen.add(token);
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/settings/api?variant=plain&seed=spa'));
  await page.click('#new-token');
  await page.click('#create');
  await waitForNotes(page, 1, 'captured-token');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('button', { name: 'I’ve saved it, continue' }).click();
  await page.waitForURL(/list=1/);
  await page.getByText(`Token created: ${truncated(token)}`).waitFor();
  await page.waitForTimeout(300);
  assert.equal((await notes(page)).filter((n) => n.kind === 'captured-token').length, 0, 'the note leaves with the token');
  await page.close();
});

// Every file's browser is checked for leaks when it closes (harness.mjs); these check
// this file's run in detail, and that the watchers themselves see what they should.
test('no secret in any console message or request; extension contexts fetch nothing', () => {
  assert.ok(seen.size >= 8);
  for (const t of seen) assert.ok(shown.has(t), 'the server recorded every token it showed');
  const extension = `chrome-extension://${b.extensionId}/`;
  assert.ok(b.requests.some((r) => r.from === 'service-worker' || r.from.startsWith(extension)), 'extension contexts were watched');
  assert.ok(b.console.length > 0 || b.requests.length > 0);
  for (const r of b.requests) {
    assert.ok(r.url.startsWith(extension) || /^https:\/\/acme\.(repairshopr|syncromsp)\.com\//.test(r.url) || r.url.startsWith('about:'), r.url);
  }
  assert.deepEqual(b.leaks(), []);
});

test('after the browser closes, no token is anywhere in its profile (HTTP caches aside)', async () => {
  await b.stop();
  assert.deepEqual(b.leaks(), []);
  // The search itself works: it finds what the profile is known to hold.
  assert.ok(filesContaining(b.profile, ['acme.repairshopr.com']).length > 0);
});
