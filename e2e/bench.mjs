// `make bench`, browser part: scan throughput (wasm vs a JavaScript baseline vs the bare
// hand-off) and page-scale latency with the extension loaded, in Debian Chromium. Reads
// target/bench/native.json from the native part and writes bench/REPORT.md and
// bench/report.json. Nothing here asserts a time; it fails only if the three scanners
// disagree on what the corpus holds.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { launch, CHROMIUM, stopWorkers } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';
import { start } from './server.mjs';
import { markdown } from './bench-report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 7;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[s.length >> 1], min: s[0], max: s[s.length - 1], runs: s.length };
};

async function throughput(b) {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/bench/'));
  await page.waitForFunction(() => window.benchResult, null, { timeout: 600000 });
  const r = await page.evaluate(() => window.benchResult);
  await page.close();
  if (r.error) throw new Error(`bench page: ${r.error}`);
  return r;
}

// DOMContentLoaded to the last note, on token lists of n rows; and the page's own first
// frame after DOMContentLoaded, in the same runs (the browser's share).
async function listLatency(b, rows) {
  const times = [];
  const frames = [];
  let expected = 0;
  for (let i = 0; i < RUNS; i++) {
    const page = await b.context.newPage();
    await page.goto(b.url(HOSTS.syncro, `/scale/api_tokens?rows=${rows}`));
    expected = Math.round(rows * 0.3);
    await page.waitForFunction((n) => window.scale.notes >= n && window.scale.painted > 0, expected, { timeout: 120000 });
    times.push(await page.evaluate(() => window.scale.last - window.scale.dcl));
    frames.push(await page.evaluate(() => window.scale.painted - window.scale.dcl));
    await page.close();
  }
  return { rows, notes: expected, ms: stats(times), frame: stats(frames) };
}

// The same lists without Keyshift: DOMContentLoaded → the page's first frame.
async function listFrame(context, rows) {
  const frames = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(`https://${HOSTS.syncro}/scale/api_tokens?rows=${rows}`);
    await page.waitForFunction(() => window.scale.painted > 0, null, { timeout: 120000 });
    frames.push(await page.evaluate(() => window.scale.painted - window.scale.dcl));
    await page.close();
  }
  return stats(frames);
}

// One row appended to a 10,000-row list: time to its note, and blocks sent for it.
async function appendLatency(b, worker) {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, '/scale/api_tokens?rows=10000'));
  await page.waitForFunction(() => window.scale.notes >= 3000, null, { timeout: 120000 });
  await page.waitForTimeout(500);
  const times = [];
  const frames = [];
  const blocks = [];
  for (let i = 0; i < RUNS; i++) {
    await worker.evaluate(() => {
      globalThis.benchBlocks = [];
      if (!globalThis.benchListening) {
        globalThis.benchListening = true;
        chrome.runtime.onMessage.addListener((m) => {
          if (m && m.scan) globalThis.benchBlocks.push(m.scan.snapshot.blocks.length);
        });
      }
    });
    const ms = await page.evaluate(async (n) => {
      const before = window.scale.notes;
      const row = document.createElement('tr');
      const soon = new Date(Date.now() + 3 * 86400000);
      const date = soon.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
      row.innerHTML = `<td>Added ${n}</td><td>T${String(n).padStart(6, '0')}a...beef</td><td>Custom</td><td>${date}</td><td></td>`;
      const at = performance.now();
      document.querySelector('#tokens tbody').append(row);
      // The page's own relayout of the table: the first frame after the append.
      let frame = 0;
      requestAnimationFrame(() => setTimeout(() => (frame = performance.now() - at), 0));
      while (window.scale.notes === before || !frame) await new Promise((r) => setTimeout(r, 1));
      return [window.scale.last - at, frame];
    }, i);
    times.push(ms[0]);
    frames.push(ms[1]);
    await page.waitForTimeout(100);
    blocks.push((await worker.evaluate(() => globalThis.benchBlocks)).reduce((a, c) => a + c, 0));
  }
  await page.close();
  return { ms: stats(times), frame: stats(frames), blocks: stats(blocks) };
}

// A token inserted late by the page's own script, to the captured-token note.
async function captureLatency(b) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await b.context.newPage();
    await page.goto(b.url(HOSTS.repairshopr, `/scale/created?variant=late&seed=bench-${i}`));
    await page.waitForFunction(() => window.scale.captured > 0, null, { timeout: 20000 });
    times.push(await page.evaluate(() => window.scale.captured - window.tokenInsertedAt));
    await page.close();
  }
  return { ms: stats(times) };
}


// The reveal page loading, the case a user meets most: DOMContentLoaded → captured-token
// note. Warm: the worker awake. Cold: the worker stopped first; then also the worker's
// own split of the time (its start, the wasm, the state load, the engine's scan, the rest
// waiting on messages and placing the note).
async function revealLoad(b, cold) {
  const times = [];
  const split = { start: [], wasm: [], state: [], scan: [], rest: [] };
  for (let i = 0; i < RUNS; i++) {
    if (cold) await stopWorkers(b.context);
    else await (await sw(b)).evaluate(() => 1);
    const page = await b.context.newPage();
    await page.goto(b.url(HOSTS.repairshopr, `/scale/created?variant=input&seed=reveal-${cold ? 'cold' : 'warm'}-${i}`));
    await page.waitForFunction(() => window.scale.captured > 0, null, { timeout: 20000 });
    const page_ = await page.evaluate(() => ({ dcl: performance.timeOrigin + window.scale.dcl, note: performance.timeOrigin + window.scale.captured }));
    times.push(page_.note - page_.dcl);
    if (cold) {
      const t = await (await sw(b)).evaluate(() => globalThis.keyshiftTimings);
      const scans = t.messages.filter((m) => m.kind === 'scan' && m.replied);
      const scan = scans.reduce((a, m) => a + (m.handled - Math.max(m.received, t.engine)), 0);
      split.start.push(t.start - page_.dcl);
      split.wasm.push(t.wasm - t.start);
      split.state.push(t.engine - t.wasm);
      split.scan.push(scan);
      split.rest.push(page_.note - page_.dcl - (t.engine - page_.dcl) - scan);
    }
    await page.close();
  }
  return { ms: stats(times), ...(cold ? { split: Object.fromEntries(Object.entries(split).map(([k, v]) => [k, stats(v)])) } : {}) };
}

// The worker, after a stop: Playwright learns of the restarted one by itself.
async function sw(b) {
  for (let i = 0; i < 100; i++) {
    const w = b.context.serviceWorkers().find((x) => x.url().includes(b.extensionId));
    if (w) {
      try {
        await w.evaluate(() => 1);
        return w;
      } catch {
        /* the stopped one */
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no service worker');
}

// The toolbar popup opened → held tokens shown (its own performance mark).
async function popupOpen(b) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
    await popup.waitForFunction(() => performance.getEntriesByName('keyshift-popup-shown').length > 0, null, { timeout: 20000 });
    times.push(await popup.evaluate(() => performance.getEntriesByName('keyshift-popup-shown')[0].startTime));
    await popup.close();
  }
  return stats(times);
}

// Main-thread script time on a page with nothing to annotate, with and without Keyshift.
async function idleCost(context, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url);
    await page.waitForTimeout(1500);
    const { metrics } = await cdp.send('Performance.getMetrics');
    times.push(metrics.find((m) => m.name === 'ScriptDuration').value * 1000);
    await page.close();
  }
  return stats(times);
}

// The service worker's JavaScript heap, through a CDP session attached to its target.
async function workerHeap(b) {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(b.extensionId));
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  const reply = new Promise((ok) =>
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      if (m.id === 1) ok(m.result);
    }),
  );
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
  const heap = await reply;
  await page.close();
  return { usedBytes: heap.usedSize, totalBytes: heap.totalSize };
}

async function bare() {
  const server = await start();
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', `--host-resolver-rules=MAP *.repairshopr.com 127.0.0.1:${server.port}, MAP *.syncromsp.com 127.0.0.1:${server.port}`, '--ignore-certificate-errors', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  return { context, server, close: async () => (await context.close(), await server.close()) };
}

const native = JSON.parse(readFileSync(join(ROOT, 'target', 'bench', 'native.json'), 'utf8'));
const b = await launch();
const worker = b.context.serviceWorkers()[0];
const scan = await throughput(b);
const agree = [scan.wasm.result, scan.js.result].every((r) => r[0] === native.tokens && r[1] === native.keys);
const lists = [];
for (const rows of [100, 2000, 10000]) lists.push(await listLatency(b, rows));
const append = await appendLatency(b, worker);
const capture = await captureLatency(b);
const warm = await revealLoad(b, false);
const cold = await revealLoad(b, true);
const popup = await popupOpen(b);
const idleWith = await idleCost(b.context, b.url(HOSTS.repairshopr, '/assets/77'));
const memory = { wasmBytes: await (await sw(b)).evaluate(() => globalThis.keyshiftMemoryBytes()), jsHeap: await workerHeap(b) };
await b.close();
const plain = await bare();
const idleWithout = await idleCost(plain.context, `https://${HOSTS.repairshopr}/assets/77`);
const bareFrames = [];
for (const rows of [100, 2000]) bareFrames.push(await listFrame(plain.context, rows));
await plain.close();

// Two wasm modules ship: the background's engine, and the extension's own pages.
const wasmFile = join(ROOT, 'dist', 'chrome', 'pkg', 'keyshift_bg.wasm');
const pagesFile = join(ROOT, 'dist', 'chrome', 'pkg', 'keyshift_pages_bg.wasm');
const zip = execFileSync('bash', ['-c', `ls ${join(ROOT, 'dist')}/keyshift-chrome-*.zip`]).toString().trim();
const gzipped = (f) => Number(execFileSync('bash', ['-c', `gzip -9 -c '${f}' | wc -c`]).toString());
const size = {
  wasmRaw: readFileSync(wasmFile).length,
  wasmGzip: gzipped(wasmFile),
  pagesWasmRaw: readFileSync(pagesFile).length,
  pagesWasmGzip: gzipped(pagesFile),
  packageZip: readFileSync(zip).length,
};
const version = execFileSync(CHROMIUM, ['--version']).toString().trim();
const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
const report = {
  commit,
  browser: version,
  machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
  size,
  scan: { bytes: scan.bytes, native, wasm: scan.wasm, js: scan.js, handoff: scan.handoff, agree },
  lists,
  listFramesWithoutKeyshift: bareFrames,
  append,
  capture,
  warmCapture: warm,
  coldCapture: cold,
  popupOpen: popup,
  idle: { withKeyshift: idleWith, without: idleWithout },
  memory,
};
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'report.json'), JSON.stringify(report, null, 2) + '\n');

const md = markdown(report, RUNS);
writeFileSync(join(ROOT, 'bench', 'REPORT.md'), md);
console.log(md);
if (!agree) {
  console.error(`scanners disagree: native ${native.tokens}/${native.keys}, wasm ${scan.wasm.result}, js ${scan.js.result}`);
  process.exit(1);
}
