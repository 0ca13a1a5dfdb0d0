import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForNotes } from './harness.mjs';
import { HOSTS } from './fixtures.mjs';

test('smoke', async () => {
  const b = await launch();
  try {
    const page = await b.context.newPage();
    await page.goto(b.url(HOSTS.repairshopr, '/profile'));
    const n = await waitForNotes(page, 1);
    console.log(n);
    assert.equal(n.length, 1);
  } finally {
    console.log(b.console);
    await b.close();
  }
});
