// Scan throughput in the browser: the engine as wasm, a JavaScript baseline doing the
// same job with the obvious regular expressions, and the bare hand-off into wasm. The
// result lands in window.benchResult for e2e/bench.mjs to read.
import init, { bench_count, bench_handoff } from './pkg/keyshift.js';

const RUNS = 9;
const TOKEN = /(?<![A-Za-z0-9-])T[0-9a-f]{17}-[0-9a-f]{32}(?![A-Za-z0-9-])/g;
const UUID = /(?<![A-Za-z0-9-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9-])/g;

// The same job: full tokens, and UUIDs whose own text names them a key (an `api_key=`
// right before, or "api key" among the 48 characters before and not inside a path).
function baseline(text) {
  let tokens = 0;
  for (const _ of text.matchAll(TOKEN)) tokens++;
  let keys = 0;
  for (const m of text.matchAll(UUID)) {
    const before = text.slice(Math.max(0, m.index - 48), m.index).toLowerCase();
    const after = text[m.index + m[0].length];
    if (before.endsWith('api_key=')) keys++;
    else if (!before.endsWith('/') && after !== '/' && before.replace(/\s+/g, ' ').includes('api key')) keys++;
  }
  return [tokens, keys];
}

function measure(fn, text) {
  const mbps = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = fn(text);
    mbps.push(text.length / 1e6 / ((performance.now() - start) / 1000));
  }
  mbps.sort((a, b) => a - b);
  return { median: mbps[RUNS >> 1], min: mbps[0], max: mbps[RUNS - 1], result: Array.from(result) };
}

try {
  await init({ module_or_path: new URL('./pkg/keyshift_bg.wasm', import.meta.url) });
  const text = await (await fetch('/bench/corpus.txt')).text();
  measure(bench_count, text.slice(0, 1e6)); // warm up both before timing
  measure(baseline, text.slice(0, 1e6));
  window.benchResult = {
    bytes: text.length,
    wasm: measure(bench_count, text),
    js: measure(baseline, text),
    handoff: measure((t) => [bench_handoff(t)], text),
  };
  document.getElementById('status').textContent = 'done';
} catch (e) {
  window.benchResult = { error: String(e) };
}
