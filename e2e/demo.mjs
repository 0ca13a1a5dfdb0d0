// `make demo`: serves the www/ replicas and opens Chromium with the extension loaded.
// With a display, the browser stays open on the profile page until it is closed. Without
// one, it walks through each page and writes screenshots to target/demo/: the README's
// pictures (English, and German for the words), and the stores' 1280×800 screenshots in
// each (target/demo/store/<lang>/, copied into store/screenshots/<lang>/).
import { mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';
import { INTEGRATIONS } from './server.mjs';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'demo');
const headed = Boolean(process.env.DISPLAY);
const integrationHosts = [...new Set(Object.values(INTEGRATIONS).map(([host]) => `https://${host}/*`))];

/** Opens the popup as the toolbar does: a small window over `page`'s tab. */
async function popupOver(b, page, height = 420) {
  await page.bringToFront();
  const opened = b.context.waitForEvent('page', (p) => p.url().includes('popup.html'));
  await b.context.serviceWorkers()[0].evaluate((h) => chrome.windows.create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 410, height: h }), height);
  const popup = await opened;
  await popup.setViewportSize({ width: 410, height });
  await popup.locator('#held li').first().waitFor();
  return popup;
}

/** A 1280×800 store screenshot, one idea each, at 1:1: the page as the browser drew it
 * (1280×744 under the caption), the popup over its top right corner as the toolbar
 * opens it. Written per language (target/demo/store/<lang>/). */
async function storeShot(b, lang, name, pagePng, popupPng, caption) {
  const canvas = await b.context.newPage();
  await canvas.setViewportSize({ width: 1280, height: 800 });
  const img = (png) => `data:image/png;base64,${png.toString('base64')}`;
  await canvas.setContent(`<!doctype html><html lang="${lang}"><body style="margin:0;width:1280px;height:800px;background:#1e3a5f;font:600 19px/1.4 system-ui,sans-serif;overflow:hidden">
    <div style="height:56px;box-sizing:border-box;padding:15px 24px;color:#fff">${caption}</div>
    <img src="${img(pagePng)}" style="position:absolute;left:0;top:56px">
    ${popupPng ? `<img src="${img(popupPng)}" style="position:absolute;right:16px;top:64px;border:1px solid #9ca3af;box-shadow:0 8px 24px rgb(0 0 0 / .3)">` : ''}
    </body></html>`);
  mkdirSync(join(OUT, 'store', lang), { recursive: true });
  await canvas.screenshot({ path: join(OUT, 'store', lang, `${name}.png`) });
  await canvas.close();
  console.log(`wrote target/demo/store/${lang}/${name}.png`);
}

// The stores' captions: what each picture shows, and nothing it does not.
const CAPTIONS = {
  en: {
    legacy: 'Legacy API keys stopped working on 1 Dec 2020: Keyshift says so where they are shown.',
    list: 'Expired and expiring API tokens, flagged in the list, each with the way to replace it.',
    captured: 'A new API token is shown once: Keyshift captures it and copies it in one click.',
    done: 'Before Done, Keyshift asks whether you saved the token; the toolbar keeps it for a while.',
    fill: 'Fill the new token into an integration: Keyshift names the field and fills it once you confirm.',
  },
  de: {
    legacy: 'Alte API-Schlüssel funktionieren seit dem 1. Dez. 2020 nicht mehr: Keyshift sagt es dort, wo sie stehen.',
    list: 'Abgelaufene und bald ablaufende API-Tokens, in der Liste markiert, jeweils mit dem Weg zum Ersatz.',
    captured: 'Ein neues API-Token wird nur einmal gezeigt: Keyshift erfasst es und kopiert es mit einem Klick.',
    done: 'Vor „Fertig“ fragt Keyshift, ob Sie das Token gesichert haben; die Symbolleiste behält es eine Weile.',
    fill: 'Das neue Token in eine Integration eintragen: Keyshift nennt das Feld und trägt erst nach Ihrer Bestätigung ein.',
  },
};

async function tour(lang) {
  const b = await launch({ lang, grantedHosts: integrationHosts });
  const suffix = lang === 'en' ? '' : `-${lang}`;
  const captions = CAPTIONS[lang];
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 1280, height: 744 });
  const shot = async (name, target = page) => {
    await target.waitForTimeout(200);
    const png = await target.screenshot({ path: join(OUT, `${name}${suffix}.png`) });
    console.log(`wrote target/demo/${name}${suffix}.png`);
    return png;
  };

  // The page a first install opens.
  const welcome = await b.context.newPage();
  await welcome.setViewportSize({ width: 900, height: 760 });
  await welcome.goto(`chrome-extension://${b.extensionId}/welcome.html`);
  await welcome.waitForFunction(() => document.querySelector('#toolbar')?.textContent.length > 0);
  await shot('welcome', welcome);
  await welcome.close();

  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  await waitForNotes(page, 1);
  const legacy = await shot('profile-legacy-key');
  await page.goto(b.url(HOSTS.syncro, '/api_tokens?soon=1'));
  await waitForNotes(page, 4);
  const list = await shot('token-list');
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=demo&variant=input'));
  await waitForNotes(page, 1, 'captured-token');
  const captured = await shot('reveal-captured');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  const done = await shot('done-guard');
  await page.locator('keyshift-confirm').getByRole('button').nth(1).click();
  await page.waitForURL(/done=demo/);
  await page.locator('keyshift-note[data-kind="kept"]').waitFor({ state: 'attached' });
  await shot('kept-after-done');

  const popup = await popupOver(b, page, 300);
  const popupPng = await shot('popup', popup);
  await popup.close();

  if (lang === 'en') {
    // A page drawn dark by its own stylesheet: the notes and the question take its colours.
    await page.goto(b.url(HOSTS.syncro, '/api_tokens?soon=1&theme=dark'));
    await waitForNotes(page, 4);
    await shot('token-list-dark-page');
    await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=demo-dark&variant=input&theme=dark'));
    await waitForNotes(page, 1, 'captured-token');
    await page.click('#done');
    await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
    await shot('done-guard-dark');

    const options = await b.context.newPage();
    await options.setViewportSize({ width: 800, height: 700 });
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    await options.waitForTimeout(300);
    await shot('options', options);
    await options.close();
  }

  // Filling the new token into an integration: Zomentum's settings, the field marked and
  // named, the popup asking before it fills (and offering the subdomain).
  const [host, path] = INTEGRATIONS.zomentum;
  const integration = await b.context.newPage();
  await integration.setViewportSize({ width: 1280, height: 744 });
  await integration.goto(`https://${host}${path}`);
  const fill = await popupOver(b, integration, 480);
  // Fill in: the row's main action where the page has a field for it, else in its menu.
  const row = fill.locator('#held li').first();
  await row.locator('button.more').waitFor();
  const fillIn = /^(Fill in on this page|Auf dieser Seite eintragen)/;
  if (await row.getByRole('button', { name: fillIn }).count()) await row.getByRole('button', { name: fillIn }).click();
  else {
    await row.locator('button.more').click();
    await row.getByRole('menuitem', { name: fillIn }).click();
  }
  await fill.locator('#fill button.primary').waitFor();
  const fieldPng = await shot('fill-integration-page', integration);
  const askPng = await shot('fill-integration-popup', fill);
  await fill.close();
  await integration.close();

  await storeShot(b, lang, '1-legacy-key', legacy, null, captions.legacy);
  await storeShot(b, lang, '2-token-list', list, null, captions.list);
  await storeShot(b, lang, '3-captured', captured, null, captions.captured);
  await storeShot(b, lang, '4-done-guard', done, popupPng, captions.done);
  await storeShot(b, lang, '5-fill-integration', fieldPng, askPng, captions.fill);
  await page.close();
  await b.close();
}

// Last: the tour uses the tables above.
if (headed) {
  const b = await launch({ headed, grantedHosts: integrationHosts });
  const page = b.context.pages()[0] || (await b.context.newPage());
  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  console.log('Keyshift demo: close the browser window to stop.');
  await new Promise((done) => b.context.on('close', done));
  await b.server.close();
} else {
  mkdirSync(join(OUT, 'store'), { recursive: true });
  await tour('en');
  await tour('de');
}
