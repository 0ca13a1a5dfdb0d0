// `make demo`: serves the www/ replicas and opens Chromium with the extension loaded.
// With a display, the browser stays open on the profile page until it is closed. Without
// one, it walks through each page and writes screenshots to target/demo/.
import { mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'demo');
const headed = Boolean(process.env.DISPLAY);
const b = await launch({ headed });

if (headed) {
  const page = b.context.pages()[0] || (await b.context.newPage());
  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  console.log('Keyshift demo: close the browser window to stop.');
  await new Promise((done) => b.context.on('close', done));
  await b.server.close();
} else {
  mkdirSync(OUT, { recursive: true });
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  const shot = async (name) => {
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`wrote target/demo/${name}.png`);
  };
  await page.goto(b.url(HOSTS.repairshopr, '/profile'));
  await waitForNotes(page, 1);
  await shot('profile-legacy-key');
  await page.goto(b.url(HOSTS.syncro, '/api_tokens'));
  await waitForNotes(page, 3);
  await shot('token-list');
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/new'));
  await shot('new-token');
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=demo&variant=input'));
  await waitForNotes(page, 1, 'captured-token');
  await shot('reveal-captured');
  await page.click('#done');
  await page.locator('keyshift-confirm').getByRole('alertdialog').waitFor();
  await shot('done-guard');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('done-guard-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('keyshift-confirm').getByRole('button', { name: 'Continue without copying' }).click();
  await page.waitForURL(/done=demo/);
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 390, height: 260 });
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await popup.getByRole('button', { name: /^Copy token/ }).waitFor();
  await popup.screenshot({ path: join(OUT, 'popup.png') });
  console.log('wrote target/demo/popup.png');
  const options = await b.context.newPage();
  await options.setViewportSize({ width: 800, height: 560 });
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.waitForTimeout(300);
  await options.screenshot({ path: join(OUT, 'options.png') });
  console.log('wrote target/demo/options.png');
  await b.close();
}
