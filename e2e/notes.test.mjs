// Legacy-key and expiry notes on the replica pages, and pages that must stay quiet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes, waitForNotes, noteButton } from './harness.mjs';
import { HOSTS, LEGACY_KEY, GUIDS, tokenFor } from './fixtures.mjs';

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b.close();
});

function assertNoSecret(list) {
  for (const n of list) {
    assert.ok(!n.html.toLowerCase().includes(LEGACY_KEY), 'a note never holds the key');
    for (const g of GUIDS) assert.ok(!n.html.toLowerCase().includes(g.toLowerCase()));
  }
}

for (const host of [HOSTS.repairshopr, HOSTS.syncro]) {
  test(`profile on ${host}: the legacy key gets one note with a way to replace it`, async () => {
    const page = await b.context.newPage();
    await page.goto(b.url(host, '/profile'));
    const list = await waitForNotes(page, 1, 'legacy-key');
    assert.equal(list.length, 1);
    assert.equal(list[0].after, 'SPAN', 'placed right after the element showing the key');
    assert.match(list[0].text, /Legacy API key/);
    assert.match(list[0].text, /Dec 1, 2020/);
    const link = page.locator('keyshift-note').getByRole('link', { name: 'Create a replacement token' });
    assert.equal(await link.getAttribute('href'), `https://${host}/api_tokens/new`);
    assertNoSecret(list);
    // The note is styled despite the page's strict style-src.
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('keyshift-note').shadowRoot.querySelector('.note')).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)');
    await page.close();
  });
}

test('dismissing a legacy note keeps it away, and the options page brings it back', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  await waitForNotes(page, 1, 'legacy-key');
  await noteButton(page, 'legacy-key', 'Dismiss').click();
  await page.waitForFunction(() => !document.querySelector('keyshift-note'));
  await page.reload();
  await page.waitForTimeout(1500);
  assert.equal((await notes(page)).length, 0, 'dismissed on reload');
  // The same key on the token list is the same dismissal.
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens'));
  await waitForNotes(page, 1, 'token-expired');
  assert.equal((await notes(page)).filter((n) => n.kind === 'legacy-key').length, 0);

  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  const restore = options.getByRole('button', { name: /^Show again: legacy-key warning on acme\.repairshopr\.com/ });
  await restore.waitFor();
  assert.equal(await restore.count(), 1);
  // Which warning it was: where and when it was dismissed, never a fingerprint.
  await options.getByText(/^Legacy-key warning on acme\.repairshopr\.com, dismissed \w{3} \d{1,2}, \d{4}$/).waitFor();
  const html = await options.content();
  assert.ok(!html.includes(LEGACY_KEY), 'the options page lists fingerprints, never the key');
  await restore.click();
  await options.getByText('You have not dismissed any warnings.').waitFor();
  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  await waitForNotes(page, 1, 'legacy-key');
  await options.close();
  await page.close();
});

test('token list: legacy row, expired and expiring tokens get notes; healthy ones do not', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/api_tokens'));
  await waitForNotes(page, 3);
  await page.waitForTimeout(300);
  const list = await notes(page);
  const rowOf = async (kind) =>
    page.evaluate((k) => document.querySelector(`keyshift-note[data-kind="${k}"]`).closest('tr').cells[0].textContent, kind);
  assert.deepEqual(list.map((n) => n.kind).sort(), ['legacy-key', 'token-expired', 'token-expiring']);
  assert.equal(await rowOf('legacy-key'), 'Legacy API Key');
  assert.equal(await rowOf('token-expired'), 'Old Zapier');
  assert.equal(await rowOf('token-expiring'), 'IT Glue sync');
  assert.match(list.find((n) => n.kind === 'token-expiring').text, /expires in 5 days \(/);
  assertNoSecret(list);
  await page.close();
});

test('a token that expires tomorrow says "tomorrow", and expiry notes link to a replacement', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens?soon=1'));
  await waitForNotes(page, 4);
  const list = await notes(page);
  const expiring = list.filter((n) => n.kind === 'token-expiring').map((n) => n.text);
  assert.ok(expiring.some((t) => /This API token expires tomorrow \(/.test(t)), expiring.join(' | '));
  assert.ok(!expiring.some((t) => /in 1 day/.test(t)));
  const links = await page.evaluate(() =>
    [...document.querySelectorAll('keyshift-note[data-kind^="token-"]')].map((n) => n.shadowRoot.querySelector('a')?.getAttribute('href')),
  );
  assert.ok(links.length >= 3 && links.every((h) => h && h.endsWith('/api_tokens/new')), JSON.stringify(links));
  await page.close();
});

test('pages full of GUIDs and look-alikes get no notes', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/assets/77'));
  // Prove the content script is at work: a key added later is noted, and it is the only note.
  await page.waitForTimeout(500);
  await page.evaluate((key) => {
    const p = document.createElement('p');
    p.id = 'late-key';
    p.textContent = `API key: ${key}`;
    document.querySelector('main').append(p);
  }, LEGACY_KEY);
  const list = await waitForNotes(page, 1, 'legacy-key');
  await page.waitForTimeout(300);
  assert.equal((await notes(page)).length, 1, JSON.stringify(list.map((n) => n.kind)));
  assert.equal(list[0].after, 'P#late-key');
  assert.ok(!(await page.content()).includes('keyshift-note data-kind="captured-token"'));
  assert.equal(await page.evaluate(() => document.body.textContent.includes('x' + 'T')), true, 'the look-alikes were on the page');
  assert.ok(tokenFor('lookalike'));
  await page.close();
});

test('a token list: each warning on one line beside its row, and one line above the list that counts them', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/api_tokens'));
  await waitForNotes(page, 3);
  const summary = page.locator('keyshift-summary');
  await summary.waitFor({ state: 'attached' });
  const said = await summary.evaluate((s) => s.shadowRoot.textContent);
  assert.match(said, /^Keyshift on this list:/);
  assert.match(said, /Legacy keys: 1/);
  assert.match(said, /Expired: 1/);
  assert.match(said, /Expiring soon: \d/);
  assert.equal(await summary.evaluate((s) => s.nextElementSibling?.matches('table, [role=table], [role=grid], ul, ol')), true, 'it stands right above the list');
  const rows = await page.evaluate(() =>
    Array.from(document.querySelectorAll('keyshift-note'), (n) => {
      const box = /** @type {HTMLElement} */ (n.shadowRoot.querySelector('.note'));
      return { compact: n.hasAttribute('data-compact'), lines: box.clientHeight / parseFloat(getComputedStyle(box).lineHeight), text: n.shadowRoot.textContent };
    }),
  );
  assert.ok(rows.every((r) => r.compact), 'every warning in a row is compact');
  // Compact: at most a line of words and a line of actions, never the page's width.
  for (const r of rows) assert.ok(r.lines <= 2.5, `compact (${r.lines.toFixed(2)} lines for “${r.text.slice(0, 40)}…”)`);
  const overflow = await page.evaluate(() => {
    const table = document.querySelector('table');
    return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, table: table.getBoundingClientRect().width - table.parentElement.getBoundingClientRect().width };
  });
  assert.ok(overflow.page <= 0 && overflow.table <= 1, `the notes widen neither the list nor the page (${JSON.stringify(overflow)})`);
  assert.ok(rows.some((r) => /stopped working|legacy/i.test(r.text)), 'the whole text is still there for assistive tools');
  await page.close();
});
