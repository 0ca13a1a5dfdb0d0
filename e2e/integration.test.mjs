// Finishing the job where the token is used: "Fill in on this page" from the popup on the
// integrations' own settings pages (IT Glue, NinjaOne, Pax8, Zapier, Zomentum, an in-house
// form, a React-controlled form), a legacy key still in a field, a page with no field,
// the vendor's Swagger docs (through the content script, from a field's note), and the
// road from a warning on the token list to the right prebuilt token.
//
// Automation cannot press the toolbar button that grants activeTab, so this browser's
// copy of the extension is granted the replica hosts instead (`grantedHosts`); the code
// path is the same scripting.executeScript the toolbar click enables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes, noteButton, grantClipboard, readClipboard, rowAction } from './harness.mjs';
import { HOSTS, tokenFor } from './fixtures.mjs';
import { INTEGRATIONS, written } from './server.mjs';

const OLD_KEY = '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f';
// Forms written here, apart from the replicas, on an in-house tool's host.
const WRITTEN_HOST = 'tools.acme-msp.com';

let b;
before(async () => {
  const hosts = [...new Set(Object.values(INTEGRATIONS).map(([host]) => `https://${host}/*`)), `https://${WRITTEN_HOST}/*`];
  b = await launch({ grantedHosts: hosts });
  await grantClipboard(b.context, `https://${HOSTS.repairshopr}`);
});
after(async () => {
  await b.close();
});

/** Makes Keyshift hold a fresh token, as a user who just created one. */
async function hold(seed) {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, `/api_tokens/created?seed=${seed}&variant=input`));
  await waitForNotes(page, 1, 'captured-token');
  await page.close();
  return tokenFor(seed);
}

/** The fill question, naming the token by its name and mask, the field and the site. */
function confirmation(token, label, host) {
  const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const masked = `${token.slice(0, 8)}…${token.slice(-4)}`;
  return new RegExp(`^Fill “[^”]+” \\(${esc(masked)}\\) into “${esc(label)}” on ${esc(host)}\\?$`);
}

async function integration(name, query = '') {
  const [host, path] = INTEGRATIONS[name];
  const page = await b.context.newPage();
  await page.goto(`https://${host}${path}${query}`);
  return page;
}

/** The toolbar popup over `page`: its own small window, the page's tab active behind it. */
async function popupOver(page) {
  await page.bringToFront();
  const opened = b.context.waitForEvent('page', (p) => p.url().includes('popup.html'));
  await b.context.serviceWorkers()[0].evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 420, height: 640 }));
  const popup = await opened;
  await popup.locator('#held li').first().waitFor();
  return popup;
}

/** The newest held token's "Fill in on this page" (the list is newest first). */
async function startFill(popup) {
  await rowAction(popup.locator('#held li').first(), /^Fill in on this page: /);
}

/** The vendor's Swagger docs in a new tab, its Authorize dialog open and the field's
 * note (offering the held token) drawn. */
async function swaggerWithFieldNote() {
  const page = await b.context.newPage();
  await page.goto('https://api-docs.repairshopr.com/swagger/');
  await page.getByRole('button', { name: /Authorize/ }).first().click();
  await waitForNotes(page, 1, 'fill-field');
  return page;
}

/** Opens Keyshift's fill window from the field's note on `page`. */
async function fillWindowFrom(page) {
  const opened = b.context.waitForEvent('page', (p) => p.url().includes('popup.html?tab='));
  await noteButton(page, 'fill-field', 'Fill in new token').click();
  const popup = await opened;
  await popup.locator('#held li').first().waitFor();
  return popup;
}

/** The callout Keyshift draws above the field it means, or null. */
const callout = (page) => page.evaluate(() => document.querySelector('keyshift-callout')?.shadowRoot?.textContent ?? null);

const outline = (page, selector) => page.$eval(selector, (el) => el.style.getPropertyValue('outline'));

/** Nothing but the page's own value attribute may carry the token. */
async function tokenOnlyInValues(page, token) {
  return page.evaluate((t) => {
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (a.value.includes(t) && !(a.name === 'value' && el.tagName === 'INPUT')) return `${el.tagName} ${a.name}`;
    }
    return null;
  }, token);
}

// Each form's token field, and the subdomain field Keyshift offers to fill beside it with
// the account the token came from (acme.repairshopr.com): none on NinjaOne (it asks for a
// Syncro account) nor on a form without one.
const SINGLE = [
  ['ninjaone', '#syncro-token', 'API Token', 'app.ninjarmm.com', null],
  ['pax8', 'input[name="psa.credential"]', 'RepairShopr API key', 'app.pax8.com', ['input[name="psa.subdomain"]', 'RepairShopr subdomain']],
  ['zapier', '#key', 'API Key (required)', 'zapier.com', ['#sub', 'Subdomain (required)']],
  ['zomentum', '#token', 'API Token', 'app.zomentum.com', ['#subdomain', 'Subdomain']],
  ['custom', 'input[name="rs"]', 'RepairShopr API token', 'sync.acme-msp.com', null],
];

for (const [name, selector, label, host, address] of SINGLE) {
  test(`${name}: the token field is found by meaning, shown, and filled only after the user confirms`, async () => {
    const token = await hold(`fill-${name}`);
    const page = await integration(name);
    const popup = await popupOver(page);
    await startFill(popup);
    await popup.getByText(confirmation(token, label, host)).waitFor();
    assert.match(await outline(page, selector), /solid/, 'the field is marked on the page');
    assert.equal(await callout(page), 'Keyshift fills the token in here', 'with a callout that says so');
    assert.equal(await page.$eval(selector, (el) => el.value), '', 'nothing filled before the user confirms');
    const also = popup.locator('#fill').getByRole('checkbox');
    if (address) {
      assert.equal(await popup.locator('#fill label.also').innerText(), `Also fill in “${address[1]}” with acme`);
      assert.ok(await also.isChecked(), 'ticked: the account the token came from');
    } else {
      assert.equal(await also.isVisible(), false, 'no subdomain offered');
    }
    await popup.locator('#fill').getByRole('button', { name: 'Fill', exact: true }).click();
    await popup.getByText(`Filled into “${label}”. Save the integration’s settings to finish.`).waitFor();
    assert.equal(await page.$eval(selector, (el) => el.value), token);
    assert.equal(await outline(page, selector), '', 'the mark is gone');
    assert.equal(await callout(page), null, 'and its callout');
    if (address) {
      await popup.getByText(`“${address[1]}” filled in with acme too.`).waitFor();
      assert.equal(await page.$eval(address[0], (el) => el.value), 'acme');
    }
    const touched = [selector, ...(address ? [address[0]] : [])].join(', ');
    const others = await page.$$eval('input', (els, s) => els.filter((e) => !e.matches(s)).map((e) => e.value).filter(Boolean), touched);
    assert.deepEqual(others, [], 'no other field was touched');
    assert.equal(await tokenOnlyInValues(page, token), null);
    assert.ok(!(await popup.content()).includes(token), 'the popup shows no token');
    await popup.close();
    await page.close();
  });
}

test('IT Glue: two integrations ask for a key; the user picks one, and a legacy key in the other is named', async () => {
  const token = await hold('fill-itglue');
  const page = await integration('itglue', '?existing=1');
  const popup = await popupOver(page);
  await startFill(popup);
  const panel = popup.locator('#fill');
  await panel.getByText('Several fields on this page could take the token. Choose one:').waitFor();
  assert.equal(await panel.getByRole('radio').count(), 2);
  await panel.getByText(/^This integration still uses a legacy API key, which stopped working on Dec 1, 2020\. Filling replaces it\.$/).waitFor();
  // Each choice is named by its part of the page; the mark follows the choice.
  const syncro = panel.getByRole('radio', { name: 'API Key (PSA: Syncro)' });
  const legacy = panel.getByRole('radio', { name: 'API Key (PSA: RepairShopr) — still holds a legacy API key' });
  // The field still holding the legacy key is the one to move: chosen first, and the
  // legacy warning speaks of the chosen field only.
  assert.ok(await legacy.isChecked(), 'the legacy key\'s field is chosen first');
  const legacyWarning = panel.getByText(/^This integration still uses a legacy API key/);
  await syncro.check();
  await page.waitForFunction(() => document.getElementById('syncro_api_key').style.getPropertyValue('outline') !== '');
  assert.equal(await legacyWarning.isVisible(), false, 'no legacy warning for the Syncro field');
  await legacy.check();
  await legacyWarning.waitFor();
  await page.waitForFunction(() => document.getElementById('api_key').style.getPropertyValue('outline') !== '');
  assert.equal(await outline(page, '#syncro_api_key'), '', 'only the chosen field is marked');
  await panel.getByRole('button', { name: 'Fill', exact: true }).click();
  await popup.getByText('Filled into “API Key”. Save the integration’s settings to finish.').waitFor();
  assert.equal(await page.$eval('#api_key', (el) => el.value), token, 'the legacy key is replaced');
  assert.equal(await page.$eval('#syncro_api_key', (el) => el.value), '');
  await popup.close();
  await page.close();
});

test('a React-controlled form: React\'s own state takes the value, and it stays through re-renders', async () => {
  const token = await hold('fill-react');
  const page = await integration('react');
  await page.locator('#echo').waitFor();
  const popup = await popupOver(page);
  await startFill(popup);
  await popup.locator('#fill').getByRole('button', { name: 'Fill', exact: true }).click();
  await page.locator('#echo').getByText(`React state: API key of ${token.length} characters, starting T`).waitFor();
  await page.waitForFunction(() => Number(document.getElementById('echo').dataset.renders) > 3);
  await page.waitForTimeout(400);
  assert.equal(await page.$eval('#key', (el) => el.value), token, 'not reverted by the next render');
  await popup.close();
  await page.close();
});

test('forms written apart from the replicas: password fields, aria-labelledby, a chosen PSA, a textarea, and another vendor\'s key left alone', async () => {
  const form = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>`;
  const cases = [
    ['password', form('PSA', '<h1>PSA: RepairShopr</h1><label for="s">Subdomain</label><input id="s" name="subdomain"><label for="k">API Key</label><input type="password" id="k" name="api_key">'), 'API Key'],
    ['labelledby', form('Connect', '<h2>Connect Syncro</h2><span id="lbl">Syncro API token</span><input aria-labelledby="lbl" id="k">'), 'Syncro API token'],
    ['chooser', form('PSA', '<h1>PSA integration</h1><label>PSA <select><option>ConnectWise</option><option selected>RepairShopr</option></select></label><label for="k">API Key</label><input id="k">'), 'API Key'],
    ['textarea', form('Sync', '<h1>RepairShopr sync</h1><label for="k">RepairShopr API token</label><textarea id="k"></textarea>'), 'RepairShopr API token'],
    ['apibase', form('Sync', '<h1>RepairShopr sync</h1><label for="u">API base URL</label><input id="u" placeholder="https://yourcompany.repairshopr.com/api/v1"><label for="w">Slack webhook URL</label><input id="w"><label for="k">API token</label><input id="k">'), 'API token'],
    ['autotask', form('Autotask', '<h1>Autotask integration</h1><label for="k">Autotask API key</label><input id="k">'), null],
  ];
  const token = await hold('fill-written');
  for (const [name, html, label] of cases) {
    written.set(`${WRITTEN_HOST}/${name}`, { html, secrets: [] });
    const page = await b.context.newPage();
    await page.goto(`https://${WRITTEN_HOST}/${name}`);
    const popup = await popupOver(page);
    await startFill(popup);
    if (!label) {
      await popup.getByText(/^This page has no field for a RepairShopr or Syncro API token that Keyshift recognizes\./).waitFor();
    } else {
      await popup.getByText(confirmation(token, label, WRITTEN_HOST)).waitFor();
      // The token is RepairShopr's: only the form that names Syncro alone is told so.
      const warned = await popup.locator('#fill [role=alert]:not([hidden])').allTextContents();
      if (name === 'labelledby') assert.deepEqual(warned, ['This form asks for a Syncro API token, but this one is from RepairShopr: it will not work there.'], name);
      else assert.deepEqual(warned, [], name);
      await popup.locator('#fill').getByRole('button', { name: 'Fill', exact: true }).click();
      await popup.getByText(`Filled into “${label}”. Save the integration’s settings to finish.`).waitFor();
      assert.equal(await page.$eval('#k', (el) => el.value), token, name);
      // The account's address beside it, in the form the field asks for; nothing else.
      const values = await page.$$eval('input:not(#k)', (els) => Object.fromEntries(els.map((e) => [e.id, e.value])));
      if (name === 'password') assert.deepEqual(values, { s: 'acme' }, name);
      if (name === 'apibase') assert.deepEqual(values, { u: 'https://acme.repairshopr.com/api/v1', w: '' }, name);
    }
    await popup.close();
    await page.close();
  }
});

test('cancelling fills nothing; a page with no field says so and offers Copy', async () => {
  const token = await hold('fill-none');
  const page = await integration('zomentum');
  const popup = await popupOver(page);
  await startFill(popup);
  await popup.locator('#fill').getByRole('button', { name: 'Cancel' }).click();
  await page.waitForTimeout(300);
  assert.equal(await page.$eval('#token', (el) => el.value), '', 'nothing filled');
  assert.equal(await outline(page, '#token'), '', 'and nothing marked');
  await popup.close();
  await page.close();

  const nothing = await integration('nofield');
  const popup2 = await popupOver(nothing);
  await startFill(popup2);
  await popup2.getByText(/^This page has no field for a RepairShopr or Syncro API token that Keyshift recognizes\./).waitFor();
  await popup2.locator('#fill').getByRole('button', { name: 'Copy' }).click();
  await popup2.getByText(/^Copied /).waitFor();
  const vendor = await b.context.newPage();
  await vendor.goto(b.url(HOSTS.repairshopr, '/profile'));
  assert.equal(await readClipboard(vendor), token);
  for (const p of [popup2, nothing, vendor]) await p.close();
});

test('after filling, the popup offers to forget the token; with the option on, it is forgotten at once', async () => {
  await hold('fill-forget');
  const page = await integration('zapier');
  const popup = await popupOver(page);
  const before = await popup.locator('#held li').count();
  await startFill(popup);
  await popup.locator('#fill').getByRole('button', { name: 'Fill', exact: true }).click();
  await popup.locator('#fill').getByRole('button', { name: 'Forget it now' }).click();
  await popup.locator('#fill').getByText('Forgotten.').waitFor();
  await popup.waitForFunction((n) => document.querySelectorAll('#held li').length === n - 1, before);
  await popup.close();

  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.getByLabel('Forget a token once it has been filled').check();
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  await hold('fill-forget-2');
  await page.reload();
  const popup2 = await popupOver(page);
  const count = await popup2.locator('#held li').count();
  await startFill(popup2);
  await popup2.locator('#fill').getByRole('button', { name: 'Fill', exact: true }).click();
  await popup2.getByText(/^Keyshift has forgotten this token/).waitFor();
  await popup2.waitForFunction((n) => document.querySelectorAll('#held li').length === n - 1, count);
  await options.getByLabel('Forget a token once it has been filled').uncheck();
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  for (const p of [popup2, options, page]) await p.close();
});

test('the vendor\'s Swagger docs: a note beside the Authorize dialog\'s field fills a held token through Keyshift\'s own window', async () => {
  const token = await hold('fill-swagger');
  const page = await b.context.newPage();
  await page.goto('https://api-docs.repairshopr.com/swagger/');
  await page.getByRole('button', { name: /Authorize/ }).first().click();
  const field = page.locator('.auth-container input[type=text]');
  await field.waitFor();
  await waitForNotes(page, 1, 'fill-field');
  // A legacy key pasted in is named as one, and the note still offers the fill. (A key
  // of the test's own: one the pages showed would make the profile's form state a leak.)
  await field.fill(OLD_KEY);
  await waitForNotes(page, 1, 'legacy-key');
  const opened = b.context.waitForEvent('page', (p) => p.url().includes('popup.html?tab='));
  await noteButton(page, 'legacy-key', 'Fill in new token').click();
  const popup = await opened;
  await popup.locator('#held li').first().waitFor();
  await startFill(popup);
  await popup.locator('#fill').getByText('This integration still uses a legacy API key', { exact: false }).waitFor();
  await popup.locator('#fill').getByRole('button', { name: 'Fill', exact: true }).click();
  await popup.locator('#fill').getByText(/^Filled into /).waitFor();
  assert.equal(await field.inputValue(), token);
  await popup.close();
  await page.close();
});

test('a page script cannot open the fill window: only a trusted click on the note does', async () => {
  await hold('fill-untrusted');
  const page = await swaggerWithFieldNote();
  let windows = 0;
  const count = (p) => p.url().includes('popup.html?tab=') && windows++;
  b.context.on('page', count);
  await page.evaluate(() => document.querySelector('keyshift-note').shadowRoot.querySelector('button').click());
  await page.waitForTimeout(800);
  b.context.off('page', count);
  assert.equal(windows, 0);
  await page.close();
});

test('from a warning to the right token: an expired Zapier token\'s note links to the prebuilt Zapier token, which the New Token page marks', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens'));
  await waitForNotes(page, 3);
  const expired = page.locator('keyshift-note[data-kind="token-expired"]');
  const link = expired.getByRole('link', { name: 'Create a prebuilt Zapier token' });
  await link.waitFor();
  // The page rewriting the link's target changes nothing: the note goes where it means to.
  await page.evaluate(() => document.querySelector('keyshift-note[data-kind="token-expired"]').shadowRoot.querySelector('a').setAttribute('href', 'https://evil.example/'));
  await link.click();
  await page.waitForURL(/\/api_tokens\/new$/);
  const mark = await waitForNotes(page, 1, 'replacement-choice');
  assert.match(mark[0].text, /To replace it, choose Zapier: it creates the prebuilt Zapier token\./);
  assert.equal(mark[0].after, 'BUTTON', 'beside the Zapier button');
  assert.equal(await page.evaluate(() => document.querySelector('keyshift-note').previousElementSibling.textContent), 'Zapier');
  await page.close();
});

// Issue 20, finding 5: two tabs taking turns once opened 20 Keyshift windows in a second.
test('security: two tabs asking for the fill window in turn get one Keyshift window, reused', async () => {
  await hold('fill-flood');
  const tabs = [];
  for (let i = 0; i < 2; i++) {
    tabs.push(await swaggerWithFieldNote());
  }
  const windows = [];
  const count = (p) => p.url().includes('popup.html?tab=') && windows.push(p);
  b.context.on('page', count);
  for (let i = 0; i < 10; i++) {
    const page = tabs[i % 2];
    await page.bringToFront();
    await noteButton(page, 'fill-field', 'Fill in new token').click();
  }
  await tabs[0].waitForTimeout(1500);
  b.context.off('page', count);
  assert.equal(windows.length, 1, `one window, reused (${windows.length} opened)`);
  for (const p of [...windows, ...tabs]) await p.close();
});

// Issue 20, finding 3: the tab navigated between "Fill … on A?" and the click, and the
// token went to B.
test('security: a fill goes only to the document the user approved; a tab that navigated meanwhile gets nothing', async () => {
  const token = await hold('fill-moved');
  const page = await swaggerWithFieldNote();
  const popup = await fillWindowFrom(page);
  await startFill(popup);
  const fill = popup.locator('#fill').getByRole('button', { name: 'Fill', exact: true });
  await fill.waitFor();
  // Meanwhile the tab goes elsewhere: another origin with a field that would take it.
  const { write, html } = await import('./written.mjs');
  // Its field looks like the approved one (the same place, type and id), so only the
  // binding to the approved document tells them apart.
  const fields = '<p><label for="api_key_value">API Token</label> <input type="text" id="api_key_value"></p>';
  await page.goto(write('https://evil.repairshopr.com/settings/api', html('Integration', `<h1>Connect</h1>${fields}<button type="button">Save</button>`)));
  await page.locator('input').first().waitFor();
  await page.waitForTimeout(300);
  await popup.bringToFront();
  await fill.click();
  await popup.locator('#fill').getByText(/The page changed before Keyshift could fill it|Filled into/).waitFor();
  const values = await page.$$eval('input', (list) => list.map((i) => i.value));
  assert.ok(!values.includes(token), 'the other page got nothing');
  await popup.locator('#fill').getByText('The page changed before Keyshift could fill it', { exact: false }).waitFor();
  await popup.close();
  await page.close();
});
