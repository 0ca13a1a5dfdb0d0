// Pages written apart from the replicas in www/, as other sites and other versions of the
// vendor's pages write them: each must be read as a person reads it. A reveal is captured,
// guards its Done and copies whole; anything else showing a token shape gets nothing, and
// its Done-like control is left alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes, waitForNotes, readClipboard, readAndAlive } from './harness.mjs';
import { REVEALS, NOT_REVEALS, html, write } from './written.mjs';
import { tokenFor, LEGACY_KEY } from './fixtures.mjs';

let b;
before(async () => {
  b = await launch({ clipboard: true });
});
after(async () => {
  await b.close();
});

for (const [what, address, seed, page] of REVEALS) {
  test(`a reveal: ${what}`, async () => {
    const token = tokenFor(`meaning-${seed}`);
    const tab = await b.context.newPage();
    await tab.goto(write(address, page(token), [token]));
    await waitForNotes(tab, 1, 'captured-token');
    const href = await tab.locator('[data-test=done]').getAttribute('href');
    await tab.locator('[data-test=done]').click();
    await tab.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
    assert.equal(new URL(tab.url()).pathname, new URL(address).pathname, 'Done waits for the answer');
    await tab.locator('keyshift-confirm').getByRole('button', { name: 'Copy and continue' }).click();
    // Then Done does what it does: a link leaves for its page.
    if (href) await tab.waitForURL((u) => u.pathname === href, { waitUntil: 'load' });
    else await tab.waitForFunction(() => !document.querySelector('keyshift-confirm'));
    assert.equal(await readClipboard(tab), token, 'copied whole');
    await tab.close();
  });
}

for (const [what, address, page] of NOT_REVEALS) {
  test(`no reveal: ${what}`, async () => {
    const [t, u] = [tokenFor(`not-${address}`), tokenFor(`not-draft-${address}`)];
    const tab = await b.context.newPage();
    await tab.goto(write(address, page(t, u), [t, u]));
    await readAndAlive(tab);
    assert.deepEqual((await notes(tab)).map((n) => n.kind), ['legacy-key'], 'only the probe');
    const link = (await tab.locator('[data-test=done]').evaluate((e) => e.tagName)) === 'A';
    await tab.locator('[data-test=done]').click();
    if (link) await tab.waitForURL((u) => u.pathname === '/');
    else await tab.waitForTimeout(300);
    assert.equal(await tab.locator('keyshift-confirm').count(), 0, 'its Done-like control is left alone');
    await tab.close();
  });
}

test('no reveal: a search page echoing a token from its address', async () => {
  const token = tokenFor('searched');
  const tab = await b.context.newPage();
  const address = write('https://acme.repairshopr.com/search', html('Search', `<h1>Search results</h1><p>No results for <strong>${token}</strong></p>`));
  await tab.goto(`${address}?q=${token}`);
  await readAndAlive(tab);
  assert.deepEqual((await notes(tab)).map((n) => n.kind), ['legacy-key']);
  await tab.close();
});

test('warnings on lists and profiles written in other languages', async () => {
  const cases = [
    ['https://fr.repairshopr.com/api_tokens', html('Jetons API', `<h1>Jetons API</h1><table><tr><th>Nom</th><th>Jeton</th><th>Créé le</th><th>Expire le</th></tr><tr><td>A</td><td>T1a2b3c...9f8e</td><td>01/02/2019</td><td>15/03/2020</td></tr><tr><td>B</td><td>T4d5e6f...1a2b</td><td>13/03/2020</td><td>28/12/2099</td></tr></table>`, 'fr'), ['token-expired']],
    ['https://es.repairshopr.com/api_tokens', html('Tokens', `<h1>Tokens de API</h1><table><tr><th>Nombre</th><th>Clave de API</th></tr><tr><td>Vieja</td><td>${LEGACY_KEY}</td></tr></table>`, 'es'), ['legacy-key']],
    ['https://de.repairshopr.com/profile', html('Profil', `<h1>Profil</h1><label>API-Schlüssel</label> <span>${LEGACY_KEY}</span>`, 'de'), ['legacy-key']],
  ];
  for (const [address, page, kinds] of cases) {
    const tab = await b.context.newPage();
    await tab.goto(write(address, page));
    await waitForNotes(tab, kinds.length);
    await tab.waitForTimeout(300);
    assert.deepEqual((await notes(tab)).map((n) => n.kind), kinds, address);
    await tab.close();
  }
});
