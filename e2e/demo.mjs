// `make demo`: serves the www/ replicas and opens Chromium with the extension loaded.
// With a display, the browser stays open on the profile page until it is closed. Without
// one, it walks through each page and writes screenshots to target/demo/: the README's
// pictures (English, and German for the words), and the stores' 1280×800 screenshots
// (target/demo/store/, copied into store/screenshots/).
import { mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, waitForNotes, rowAction } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';
import { INTEGRATIONS } from './server.mjs';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'demo');
const headed = Boolean(process.env.DISPLAY);
const integrationHosts = [...new Set(Object.values(INTEGRATIONS).map(([host]) => `https://${host}/*`))];

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

/** A 1280×800 picture of a page with the popup beside it, as the stores want them. */
async function storeShot(b, name, pagePng, popupPng, caption) {
  const canvas = await b.context.newPage();
  await canvas.setViewportSize({ width: 1280, height: 800 });
  const img = (png) => `data:image/png;base64,${png.toString('base64')}`;
  await canvas.setContent(`<!doctype html><html><body style="margin:0;width:1280px;height:800px;background:#e5e7eb;font:20px system-ui,sans-serif;overflow:hidden">
    <div style="padding:14px 24px;color:#111827">${caption}</div>
    <img src="${img(pagePng)}" style="position:absolute;left:24px;top:56px;width:${popupPng ? 820 : 1232}px;border:1px solid #9ca3af;box-shadow:0 8px 24px rgb(0 0 0 / .18)">
    ${popupPng ? `<img src="${img(popupPng)}" style="position:absolute;right:24px;top:56px;width:410px;border:1px solid #9ca3af;box-shadow:0 8px 24px rgb(0 0 0 / .25)">` : ''}
    </body></html>`);
  await canvas.screenshot({ path: join(OUT, 'store', `${name}.png`) });
  await canvas.close();
  console.log(`wrote target/demo/store/${name}.png`);
}

async function tour(lang) {
  const b = await launch({ lang, grantedHosts: integrationHosts });
  const suffix = lang === 'en' ? '' : `-${lang}`;
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 1100, height: 700 });
  const shot = async (name, target = page) => {
    await target.waitForTimeout(200);
    const png = await target.screenshot({ path: join(OUT, `${name}${suffix}.png`) });
    console.log(`wrote target/demo/${name}${suffix}.png`);
    return png;
  };

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
  if (lang === 'en') {
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('done-guard-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.locator('keyshift-confirm').getByRole('button').nth(1).click();
  await page.waitForURL(/done=demo/);
  await waitForNotes(page, 1);

  const popup = await popupOver(b, page, 300);
  const popupPng = await shot('popup', popup);
  await popup.close();

  if (lang === 'en') {
    const options = await b.context.newPage();
    await options.setViewportSize({ width: 800, height: 700 });
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    await options.waitForTimeout(300);
    await shot('options', options);
    await options.close();

    // Filling the new token into an integration: Zomentum's settings, the field marked,
    // the popup asking before it fills.
    const [host, path] = INTEGRATIONS.zomentum;
    const integration = await b.context.newPage();
    await integration.setViewportSize({ width: 1000, height: 700 });
    await integration.goto(`https://${host}${path}`);
    const fill = await popupOver(b, integration, 480);
    await rowAction(fill.locator('#held li').first(), /^Fill in on this page/);
    await fill.locator('#fill').getByRole('button', { name: 'Fill', exact: true }).waitFor();
    const fieldPng = await shot('fill-integration-page', integration);
    const askPng = await shot('fill-integration-popup', fill);
    await storeShot(b, '5-fill-integration', fieldPng, askPng, 'Fill a new API token into an integration: Keyshift finds the field, shows it, and fills it once you confirm.');
    await fill.close();
    await integration.close();

    await storeShot(b, '1-legacy-key', legacy, null, 'Legacy API keys stopped working on 1 Dec 2020: Keyshift says so where they are shown, with the way to replace them.');
    await storeShot(b, '2-token-list', list, null, 'Expired and expiring API tokens in the list, each with a link to the right replacement.');
    await storeShot(b, '3-captured', captured, null, 'A new API token is shown once: Keyshift captures it and copies it in one click.');
    await storeShot(b, '4-done-guard', done, popupPng, 'Done is held back until the token is copied; the toolbar popup can still copy it afterwards.');
  }
  await page.close();
  await b.close();
}

