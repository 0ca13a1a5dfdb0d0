// One language for the words, the dates and numbers in them, and `lang`: the locale
// chrome.i18n picked from the browser's language, on notes, the Done question and the
// popup alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';

const NNBSP = '\u202f';
const CASES = [
  {
    lang: 'de',
    legacy: /^Keyshift: Veralteter API-Schlüssel: seit dem 01\.12\.2020 ungültig\. /,
    expired: /ist am .* abgelaufen/,
    tomorrow: /läuft morgen ab \(/,
    inFive: /läuft in 5 Tagen ab \(/,
    question: 'Keyshift: Die Seite zeigt dieses Token nicht mehr vollständig an.',
    popup: 'Aufbewahrte API-Tokens',
  },
  {
    lang: 'fr',
    legacy: new RegExp(`^Keyshift${NNBSP}: Ancienne clé API${NNBSP}: hors service depuis le 1 déc\\. 2020\\. `),
    expired: /a expiré le/,
    tomorrow: /expire demain \(/,
    inFive: /expire dans 5 jours \(/,
    question: `Keyshift${NNBSP}: le site n’affichera plus ce jeton en entier.`,
    popup: 'Jetons API conservés',
  },
];

for (const c of CASES) {
  test(`in ${c.lang}: notes, dates, relative days, the Done question and the popup speak it, and say so in lang`, async () => {
    const b = await launch({ lang: c.lang });
    try {
      const page = await b.context.newPage();
      await page.goto(b.url(HOSTS.repairshopr, '/api_tokens?soon=1'));
      const list = await waitForNotes(page, 4);
      const text = (kind) => list.filter((n) => n.kind === kind).map((n) => n.text);
      assert.match(text('legacy-key')[0], c.legacy);
      assert.match(text('token-expired')[0], c.expired);
      assert.ok(text('token-expiring').some((t) => c.tomorrow.test(t)), `tomorrow: ${text('token-expiring')}`);
      assert.ok(text('token-expiring').some((t) => c.inFive.test(t)), `in 5 days: ${text('token-expiring')}`);
      const langs = await page.evaluate(() => [...document.querySelectorAll('keyshift-note')].map((n) => n.lang));
      assert.deepEqual([...new Set(langs)], [c.lang], 'every note says its language to screen readers');

      await page.goto(b.url(HOSTS.repairshopr, `/api_tokens/created?seed=lang-${c.lang}`));
      await waitForNotes(page, 1, 'captured-token');
      await page.click('#done');
      const question = page.locator('keyshift-confirm');
      await question.waitFor();
      assert.equal(await question.getAttribute('lang'), c.lang);
      assert.equal(await page.evaluate(() => document.querySelector('keyshift-confirm').shadowRoot.querySelector('#title').textContent), c.question);

      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
      assert.equal(await popup.textContent('h1'), c.popup);
      assert.equal(await popup.getAttribute('html', 'lang'), c.lang);
    } finally {
      await b.close();
    }
  });
}
