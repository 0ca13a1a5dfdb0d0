// Replay of a missed-page report, written by tools/replay.py: the report's own values
// are in REPORT (data only). Edit EXPECT to what Keyshift should have done, then fix the
// engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes } from '../harness.mjs';
import { LEGACY_KEY } from '../fixtures.mjs';

const NAME = "example-reveal";
const REPORT = {"format": 1, "url": "https://acme.repairshopr.com/api_tokens/created", "lang": "en", "title": "API Token Created | RepairShopr", "page": "token-reveal", "verdict": {"reveal": true, "evidence": ["done-nearby", "once-text", "reveal-address", "reveal-heading", "shown-as-value"]}};
const EXPECT = { reveal: Boolean(REPORT.verdict && REPORT.verdict.reveal) };

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b.close();
});

test(`replay ${NAME}: ${EXPECT.reveal ? 'a reveal' : 'no reveal'}`, async () => {
  const page = await b.context.newPage();
  const original = new URL(REPORT.url);
  await page.goto(b.url(original.hostname, `${original.pathname}?replay=${NAME}`));
  // A legacy key added now gets its note once Keyshift has read the page before it.
  await page.evaluate((key) => document.body.append(Object.assign(document.createElement('p'), { id: 'probe', textContent: `API key: ${key}` })), LEGACY_KEY);
  await page.locator('#probe + keyshift-note').waitFor({ state: 'attached' });
  const captured = (await notes(page)).filter((n) => n.kind === 'captured-token').length;
  assert.equal(captured > 0, EXPECT.reveal);
  await page.close();
});
