import { test, before, after } from 'node:test';
import { launch } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';
let b;
before(async () => { b = await launch(); });
after(async () => { await b.stop(); });
test('x', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.syncro, `/scale/api_tokens?rows=10000`));
  await page.waitForFunction(() => window.scale.notes >= 3000, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  for (let i = 0; i < 4; i++) {
    const r = await page.evaluate(async (n) => {
      const before = window.scale.notes;
      const row = document.createElement('tr');
      row.innerHTML = `<td>Added</td><td>T00000${n}a...beef</td><td>Custom</td><td>Dec 1, 2026</td><td></td>`;
      const at = performance.timeOrigin + performance.now();
      document.querySelector('#tokens tbody').append(row);
      let raf = 0; requestAnimationFrame(() => { raf = performance.timeOrigin + performance.now(); });
      while (window.scale.notes === before) await new Promise((r) => setTimeout(r, 1));
      return { at, raf: raf - at, note: performance.timeOrigin + window.scale.last - at };
    }, i);
    const t = await b.context.serviceWorkers()[0].evaluate(() => globalThis.keyshiftTimings.messages.slice(-1)[0]);
    console.log('APPEND', JSON.stringify({ raf: r.raf.toFixed(1), note: r.note.toFixed(1), recv: (t.received - r.at).toFixed(1), handled: (t.handled - r.at).toFixed(1), replied: (t.replied - r.at).toFixed(1) }));
    await page.waitForTimeout(300);
  }
});
