// Before/after: warmCapture, coldCapture and popup open, measured the same way against
// any build of the Chrome package, so two commits can be compared in one session on one
// machine (make bench measures only the current build).
//   node tools/compare-builds.mjs <dist/chrome of a build> <label>
// prints the label and the medians of 9 runs, in ms. Run it from the repository root
// after `make` (it uses e2e/'s packages and replica server).
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../e2e/server.mjs';
import { stopWorkers } from '../e2e/harness.mjs';
const [dist, label = dist] = process.argv.slice(2);
if (!dist) throw new Error('usage: node tools/compare-builds.mjs <dist/chrome> [label]');
const server = await start();
const profile = mkdtempSync(join(tmpdir(), 'cmp-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: false,
  args: ['--headless=new', `--disable-extensions-except=${dist}`, `--load-extension=${dist}`, '--no-sandbox', `--host-resolver-rules=MAP *.repairshopr.com 127.0.0.1:${server.port}, MAP *.syncromsp.com 127.0.0.1:${server.port}`, '--ignore-certificate-errors', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
});
let sw = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker'));
const id = new URL(sw.url()).host;
await new Promise((r) => setTimeout(r, 6000)); // first start, policy read, settle
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
async function reveal(cold, i) {
  if (cold) await stopWorkers(context);
  else { const w = context.serviceWorkers().find((x) => x.url().includes(id)); if (w) await w.evaluate(() => 1).catch(() => {}); }
  const page = await context.newPage();
  await page.goto(`https://acme.repairshopr.com/scale/created?variant=input&seed=${label}-${cold}-${i}`);
  await page.waitForFunction(() => window.scale.captured > 0, null, { timeout: 20000 });
  const t = await page.evaluate(() => window.scale.captured - window.scale.dcl);
  await page.close();
  return t;
}
const out = {};
for (const cold of [false, true]) { const xs = []; for (let i = 0; i < 9; i++) xs.push(await reveal(cold, i)); out[cold ? "coldCapture" : "warmCapture"] = Math.round(median(xs) * 10) / 10; }
await context.addInitScript(() => {
  if (!location.pathname.endsWith('popup.html')) return;
  new MutationObserver((_, o) => { if (document.querySelector('#held li')) { window.__shown = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });
});
const pops = [];
for (let i = 0; i < 9; i++) {
  const p = await context.newPage();
  await p.goto(`chrome-extension://${id}/popup.html`);
  await p.waitForFunction(() => window.__shown > 0, null, { timeout: 20000 });
  pops.push(await p.evaluate(() => window.__shown));
  await p.close();
}
out.popupOpen = Math.round(median(pops) * 10) / 10;
console.log(label, JSON.stringify(out));
await context.close();
await server.close();
rmSync(profile, { recursive: true, force: true });
