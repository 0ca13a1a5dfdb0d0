// The browser's language picks the words of notes and popup, and the form of dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';

const CASES = [
  { lang: 'de', legacy: /^Keyshift: Veralteter API-Schlüssel\. .* seit dem 01\.12\.2020 /, popup: 'Aufbewahrte API-Tokens', expired: /abgelaufen/ },
  { lang: 'fr', legacy: /^Keyshift: Ancienne clé API\. .* depuis le 1 déc\. 2020 /, popup: 'Jetons API conservés', expired: /a expiré le/ },
];

for (const c of CASES) {
  test(`in ${c.lang}: notes, dates and the popup are in the browser's language`, async () => {
    const b = await launch({ lang: c.lang });
    try {
      const page = await b.context.newPage();
      await page.goto(b.url(HOSTS.repairshopr, '/api_tokens'));
      const list = await waitForNotes(page, 3);
      const text = (kind) => list.find((n) => n.kind === kind).text;
      assert.match(text('legacy-key'), c.legacy);
      assert.match(text('token-expired'), c.expired);
      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
      assert.equal(await popup.textContent('h1'), c.popup);
      assert.equal(await popup.getAttribute('html', 'lang'), c.lang);
    } finally {
      await b.close();
    }
  });
}
