// Replay of a missed-page report (https://acme.repairshopr.com/api_tokens/created), written by tools/replay.py. The
// report said: page token-reveal, reveal true, evidence done-nearby, once-text, reveal-address, reveal-heading, shown-as-value.
// Edit the expectation to what Keyshift should have done, then fix the engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes } from '../harness.mjs';
import { LEGACY_KEY } from '../fixtures.mjs';

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b.close();
});

test('replay example-reveal: a reveal', async () => {
  const page = await b.context.newPage();
  await page.goto(b.url('acme.repairshopr.com', '/api_tokens/created?replay=example-reveal'));
  // A legacy key added now gets its note once Keyshift has read the page before it.
  await page.evaluate((key) => document.body.append(Object.assign(document.createElement('p'), { id: 'probe', textContent: `API key: ${key}` })), LEGACY_KEY);
  await page.locator('#probe + keyshift-note').waitFor({ state: 'attached' });
  const captured = (await notes(page)).filter((n) => n.kind === 'captured-token').length;
  assert.equal(captured > 0, true);
  await page.close();
});
