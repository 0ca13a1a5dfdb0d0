import { test, before, after } from 'node:test';
import { launch } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';
let b;
before(async () => { b = await launch(); });
after(async () => { await b.stop(); });
test('x', async () => {
  for (const rows of [100, 100, 2000]) {
    const page = await b.context.newPage();
    const logs = []; page.on('console', (m) => m.text().startsWith('KS') && logs.push(m.text()));
    await page.goto(b.url(HOSTS.syncro, `/scale/api_tokens?rows=${rows}`));
    await page.waitForFunction((n) => window.scale.notes >= n, Math.round(rows * 0.3));
    const p = await page.evaluate(() => ({ dcl: window.scale.dcl, last: window.scale.last }));
    console.log('LIST', rows, JSON.stringify(p), logs.join(' || '));
    await page.close();
  }
  const page = await b.context.newPage();
  const logs = []; page.on('console', (m) => m.text().startsWith('KS') && logs.push(m.text()));
  await page.goto(b.url(HOSTS.syncro, `/scale/api_tokens?rows=10000`));
  await page.waitForFunction(() => window.scale.notes >= 3000, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  logs.length = 0;
  const ms = await page.evaluate(async () => {
    const before = window.scale.notes;
    const row = document.createElement('tr');
    row.innerHTML = `<td>Added</td><td>T000001a...beef</td><td>Custom</td><td>Dec 1, 2026</td><td></td>`;
    const at = performance.now();
    document.querySelector('#tokens tbody').append(row);
    while (window.scale.notes === before) await new Promise((r) => setTimeout(r, 1));
    return [at, window.scale.last - at];
  });
  console.log('APPEND', JSON.stringify(ms), logs.join(' || '));
  const q = await b.context.newPage();
  const ql = []; q.on('console', (m) => m.text().startsWith('KS') && ql.push(m.text()));
  await q.goto(b.url(HOSTS.repairshopr, '/assets/77'));
  await q.waitForTimeout(1000);
  console.log('QUIET', ql.join(' || '));
});
