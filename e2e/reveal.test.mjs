// The reveal as one thing with a start and an end (issue 19), on pages written for these
// tests, apart from the replicas: every way out of a reveal asks first (a modal's ×,
// Escape and backdrop, a submit input, a Done in a shadow root, a div or a pointerdown
// control, a link away), the user's own copy counts, a reveal drawn hidden and shown later
// is read, a prebuilt choice names the token, a language Keyshift does not read is caught
// right after the New Token form, and no page can write its own evidence, hide its token
// or fill the quotas that the user's own reveal needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes, waitForNotes, readClipboard, readAndAlive } from './harness.mjs';
import { html, write, writeApp } from './written.mjs';
import { tokenFor } from './fixtures.mjs';
import { PAGES, newTokenPage } from './reveals.mjs';

let b;
before(async () => {
  b = await launch({ clipboard: true });
});
after(async () => {
  await b.close();
});

const question = (tab) => tab.locator('keyshift-confirm').getByRole('alertdialog');
const continueButton = (tab) => tab.locator('keyshift-confirm').getByRole('button', { name: 'I’ve saved it, continue' });

async function open(name, seed) {
  const token = tokenFor(`reveal-${seed}`);
  const tab = await b.context.newPage();
  await tab.goto(PAGES[name](token));
  // Through open shadow roots too: a note goes beside its token, wherever that is.
  await tab.locator('keyshift-note[data-kind="captured-token"]').first().waitFor({ state: 'attached' });
  return { tab, token };
}

// Each way out: the press is held, the question shows, the page keeps its token; the
// user's "continue" then lets the very same way out happen.
const EXITS = [
  ['the modal header ×', 'modal', (tab) => tab.click('#x')],
  ['Escape in the modal', 'modal', (tab) => tab.keyboard.press('Escape')],
  ['a press on the modal backdrop', 'modal', (tab) => tab.mouse.click(8, 8)],
  ['a div.btn Done with a click handler', 'modal', (tab) => tab.click('#done')],
  ['an input type=submit Done', 'submit', (tab) => tab.click('input[type=submit]')],
  ['a Done in a web component\'s shadow root', 'components', (tab) => tab.locator('token-reveal').getByRole('button', { name: 'Done' }).click()],
  ['a control that leaves on pointerdown', 'pointerdown', (tab) => tab.click('#done')],
  ['a link away in a single-page app', 'spa', (tab) => tab.click('#nav-tickets')],
];

for (const [what, page, leave] of EXITS) {
  test(`way out: ${what} asks first, then goes where it went`, async () => {
    const { tab } = await open(page, `exit-${what}`);
    await leave(tab);
    await question(tab).waitFor();
    assert.equal(await tab.evaluate(() => document.body.dataset.left || ''), '', 'the page did not act on it yet');
    await continueButton(tab).click();
    await tab.waitForFunction(() => document.body.dataset.left === 'yes' || location.pathname.endsWith('/after'), null, { timeout: 10000 });
    await tab.close();
  });
}

test('a reveal drawn hidden at load, filled by script and shown later by a class is captured and guarded', async () => {
  const { tab, token } = await open('late-modal', 'late');
  await tab.click('#done');
  await question(tab).waitFor();
  await tab.locator('keyshift-confirm').getByRole('button', { name: 'Copy and continue' }).click();
  await tab.waitForFunction(() => document.body.dataset.left === 'yes');
  assert.equal(await readClipboard(tab), token);
  await tab.close();
});

test('nested web components: the input two shadow roots down is read', async () => {
  const { tab, token } = await open('components', 'nested');
  const note = tab.locator('token-reveal keyshift-note[data-kind="captured-token"]');
  assert.equal(await note.count(), 1, 'beside the input, inside the components');
  assert.ok(!(await note.evaluate((n) => n.outerHTML + n.shadowRoot.innerHTML)).includes(token), 'the note never holds the token');
  await note.getByRole('button', { name: /^Copy/ }).click();
  await note.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await readClipboard(tab), token);
  await tab.close();
});

test('the user\'s own copy counts: a selection and Ctrl+C, then Done goes straight through', async () => {
  const { tab, token } = await open('submit', 'own-copy');
  await tab.locator('#token').selectText();
  await tab.keyboard.press('Control+C');
  await tab.locator('keyshift-note').getByText('You copied it yourself').waitFor();
  assert.equal(await readClipboard(tab), token);
  await tab.click('input[type=submit]');
  await tab.waitForURL((u) => u.pathname.endsWith('/after'));
  await tab.close();
});

test('the page\'s own copy button counts, and says so; Done then goes straight through', async () => {
  const { tab, token } = await open('modal', 'page-copy');
  await tab.click('#page-copy');
  await tab.locator('keyshift-note').getByText(/(You copied it yourself|Copied with the page)/).waitFor();
  assert.equal(await readClipboard(tab), token);
  await tab.click('#done');
  await tab.waitForFunction(() => document.body.dataset.left === 'yes');
  assert.equal(await tab.locator('keyshift-confirm').count(), 0);
  await tab.close();
});

test('if the page takes the token away by itself, a note says the toolbar still keeps it', async () => {
  const { tab } = await open('timer', 'timer');
  await tab.click('#start-timer');
  await tab.locator('keyshift-note[data-kind=kept]').getByText('Keyshift still keeps it').waitFor();
  await tab.close();
});

test('a prebuilt choice made with a radio names the token in the popup', async () => {
  const tab = await b.context.newPage();
  const token = tokenFor('reveal-radio');
  await tab.goto(newTokenPage('radio', token));
  await tab.check('#choice-zapier');
  await tab.click('#create');
  await waitForNotes(tab, 1, 'captured-token');
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  const masked = `${token.slice(0, 8)}…${token.slice(-4)}`;
  await popup.getByText(masked).waitFor();
  const row = popup.locator('li', { hasText: masked });
  assert.match(await row.textContent(), /Zapier/);
  assert.doesNotMatch(await row.textContent(), /IT Glue|Ninja|Pax/);
  await popup.close();
  await tab.close();
});

test('right after the New Token form, a reveal in a language Keyshift does not read is captured and guarded', async () => {
  const tab = await b.context.newPage();
  const token = tokenFor('reveal-swedish');
  await tab.goto(newTokenPage('swedish', token));
  await tab.fill('#name', 'Hudu');
  await tab.click('#create');
  await waitForNotes(tab, 1, 'captured-token');
  await tab.click('#klar');
  await question(tab).waitFor();
  await continueButton(tab).click();
  await tab.waitForURL((u) => u.pathname.endsWith('/after'));
  await tab.close();
});

test('six tokens created in a row in one tab are all kept', async () => {
  const tab = await b.context.newPage();
  const tokens = [];
  for (let i = 0; i < 6; i++) {
    const token = tokenFor(`reveal-row-${i}`);
    tokens.push(token);
    await tab.goto(newTokenPage('custom', token));
    await tab.fill('#name', `Integration ${i + 1}`);
    await tab.click('#create');
    const [note] = (await waitForNotes(tab, 1, 'captured-token')).filter((n) => n.kind === 'captured-token');
    assert.match(note.text, /Copy/, `token ${i + 1} is kept`);
    assert.doesNotMatch(note.text, /could not keep|can't keep|not kept/i, `token ${i + 1} was not refused`);
    await tab.click('#done');
    await question(tab).waitFor();
    await continueButton(tab).click();
    await tab.waitForURL((u) => u.pathname.endsWith('/after'));
  }
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  for (const t of tokens) await popup.getByText(`${t.slice(0, 8)}…${t.slice(-4)}`).waitFor();
  await popup.close();
  await tab.close();
});

// ---- what a page cannot do -----------------------------------------------------------

async function nothingCaptured(tab) {
  await readAndAlive(tab);
  assert.deepEqual((await notes(tab)).map((n) => n.kind), ['legacy-key'], 'only the probe');
}

test('security: an input whose value writes its own evidence is no reveal', async () => {
  const token = tokenFor('forged-evidence');
  const tab = await b.context.newPage();
  await tab.goto(write('https://acme.repairshopr.com/customers/7', html('Customer', `<h1>Customer</h1><label for="n">Notes</label><input id="n" readonly value="Your new API token is ${token} Copy it now, it won't be shown again"><button type="button">Done</button>`), [token]));
  await nothingCaptured(tab);
  await tab.close();
});

test('security: a search box reflecting a percent-encoded query is no reveal', async () => {
  const token = tokenFor('reflected');
  const tab = await b.context.newPage();
  // Not listed as a secret the page shows: the test itself puts it in the address, so the
  // browser's own history holds it.
  const address = write('https://acme.repairshopr.com/api_tokens/search', html('API Token Created', `<h1>API Token Created</h1><p>Copy it now.</p><input readonly aria-label="Search" value="${token}"><button type="button">Done</button>`));
  await tab.goto(`${address}?q=%54${token.slice(1)}`);
  await nothingCaptured(tab);
  await tab.close();
});

test('security: a reveal in an opacity:0 section is not shown, so not captured', async () => {
  const token = tokenFor('transparent');
  const tab = await b.context.newPage();
  await tab.goto(writeApp('https://acme.repairshopr.com/api_tokens/95', 'API Token', `<section class="ghost"><h1>API Token Created</h1><p>Copy it now, it won't be shown again.</p><input readonly aria-label="Token" value="${token}"><button type="button">Done</button></section>`, { css: '.ghost { opacity: 0; }' }, [token]));
  await nothingCaptured(tab);
  await tab.close();
});

test('security: a page covered by another element is not shown, so not captured', async () => {
  const token = tokenFor('covered');
  const tab = await b.context.newPage();
  await tab.goto(writeApp('https://acme.repairshopr.com/api_tokens/96', 'API Token', `<h1>API Token Created</h1><p>Copy it now, it won't be shown again.</p><input readonly aria-label="Token" value="${token}"><button type="button">Done</button><div class="cover">Loading…</div>`, { css: '.cover { position: fixed; inset: 0; background: #fff; z-index: 10; }' }, [token]));
  await nothingCaptured(tab);
  await tab.close();
});

/** A page on `host` that looks like a reveal of `n` tokens, as an attacker's would. */
function strangerReveal(host, n, seed) {
  const tokens = Array.from({ length: n }, (_, i) => tokenFor(`${seed}-${i}`));
  const body = `<h1>API Token Created</h1><p>Copy it now, it won't be shown again.</p>${tokens.map((t, i) => `<div class="field"><label for="t${i}">Token</label><input id="t${i}" readonly value="${t}"></div>`).join('')}<button type="button">Done</button>`;
  return write(`https://${host}/api_tokens/${seed.length}`, html('API Token Created', body), tokens);
}

test('security: a stranger\'s page earlier in the same tab cannot fill the quota the user\'s reveal needs, nor name it', async () => {
  const tab = await b.context.newPage();
  await tab.goto(strangerReveal('evil.repairshopr.com', 4, 'same-tab'));
  await waitForNotes(tab, 4, 'captured-token');
  const { token } = { token: tokenFor('reveal-user-after-stranger') };
  await tab.goto(PAGES.plain(token));
  const [note] = await waitForNotes(tab, 1, 'captured-token');
  assert.match(note.text, /Copy it before|Copy/);
  assert.doesNotMatch(note.text, /too many|could not keep/i);
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.getByText(`${token.slice(0, 8)}…${token.slice(-4)}`).waitFor();
  assert.doesNotMatch(await popup.textContent('body'), /evil\.repairshopr\.com/, 'the stranger\'s unseen, uncopied tokens are gone');
  await popup.close();
  await tab.close();
});

test('security: captures from six origins do not refuse the user\'s confirmed reveal', async () => {
  const tabs = [];
  for (let o = 0; o < 6; o++) {
    const tab = await b.context.newPage();
    await tab.goto(strangerReveal(`evil${o}.syncromsp.com`, 4, `flood-${o}`));
    await waitForNotes(tab, 4, 'captured-token');
    tabs.push(tab);
  }
  const tab = await b.context.newPage();
  const token = tokenFor('reveal-after-flood');
  await tab.goto(newTokenPage('custom', token));
  await tab.fill('#name', 'After the flood');
  await tab.click('#create');
  const [note] = (await waitForNotes(tab, 1, 'captured-token')).filter((n) => n.kind === 'captured-token');
  assert.doesNotMatch(note.text, /too many|could not keep/i);
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.getByText(`${token.slice(0, 8)}…${token.slice(-4)}`).waitFor();
  await popup.close();
  for (const t of [...tabs, tab]) await t.close();
});

test('security: a page moving focus onto "continue" as the user presses does not make Enter leave without the token', async () => {
  const { tab, token } = await open('focus-thief', 'focus');
  await tab.evaluate(() => navigator.clipboard.writeText('before'));
  await tab.click('#done');
  await question(tab).waitFor();
  // A press elsewhere (press and release delivered together, as automation and switch
  // access do): the page moves focus onto "I’ve saved it, continue" as it lands.
  await tab.click('h1');
  await tab.keyboard.press('Enter');
  await tab.waitForTimeout(300);
  const left = await tab.evaluate(() => document.body.dataset.left === 'yes');
  if (left) assert.equal(await readClipboard(tab), token, 'it left only after copying');
  else await question(tab).waitFor();
  await tab.close();
});
