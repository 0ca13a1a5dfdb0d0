import { test, before, after } from 'node:test';
import { launch } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';
let b;
before(async () => { b = await launch(); });
after(async () => { await b.stop(); });
test('x', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, `/scale/api_tokens?rows=100`));
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(b.url(HOSTS.repairshopr, '/assets/77'));
  await page.waitForTimeout(1000);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const total = profile.samples.length;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const s of profile.samples) counts.set(s, (counts.get(s) || 0) + 1);
  for (const [id, c] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) || 0) + c); }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
  const ms = (c) => (c * (profile.endTime - profile.startTime) / total / 1000).toFixed(1);
  console.log('TOTAL', ((profile.endTime - profile.startTime) / 1000).toFixed(0), 'ms');
  for (const [k, c] of top) console.log('PROF', ms(c), k);
});
