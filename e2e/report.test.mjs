// The missed-page report: from the popup, a redacted copy of the page the user reads in
// full, copies or saves; nothing secret in it; replayed by tools/replay.py into a replica
// that the engine judges the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, waitForNotes, grantClipboard, readClipboard } from './harness.mjs';
import { HOSTS, LEGACY_KEY, tokenFor } from './fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PLACEHOLDER = 'T00000000000000000-00000000000000000000000000000000';
let b;
let scratch;
before(async () => {
  b = await launch();
  await grantClipboard(b.context, `https://${HOSTS.repairshopr}`);
  scratch = mkdtempSync(join(tmpdir(), 'keyshift-report-'));
});
after(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await b.close();
});

/** The browser's id of the tab showing `page` (its address is hidden without `tabs`). */
async function tabId(page) {
  await page.bringToFront();
  return b.context.serviceWorkers()[0].evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
}

/** Opens the report page for the tab showing `page`, and reads the report it shows. */
async function report(page) {
  const id = await tabId(page);
  const rep = await b.context.newPage();
  await rep.goto(`chrome-extension://${b.extensionId}/report.html?tab=${id}`);
  await rep.waitForFunction(() => document.getElementById('report')?.textContent.length > 0);
  const json = JSON.parse(await rep.textContent('#report'));
  return { rep, json };
}

test('the popup offers a report on a Keyshift page; the report holds no secret and reads the page as the engine did', async () => {
  const token = tokenFor('report');
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?seed=report&variant=textarea&legacy=1'));
  await waitForNotes(page, 1, 'captured-token');
  await page.bringToFront();
  // The real popup is opened over the page: its own small window, the page's window behind.
  const worker = b.context.serviceWorkers()[0];
  const opened = b.context.waitForEvent('page', (p) => p.url().endsWith('popup.html'));
  await worker.evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 400, height: 400 }));
  const popup = await opened;
  const reportOpens = b.context.waitForEvent('page', (p) => p.url().includes('report.html'));
  await popup.getByRole('button', { name: 'Report a page Keyshift got wrong' }).click();
  const rep = await reportOpens;
  await rep.waitForFunction(() => document.getElementById('report')?.textContent.length > 0);
  const shown = await rep.textContent('body');
  assert.ok(!shown.includes(token) && !shown.includes(token.slice(1, 18)), 'no part of the token');
  assert.ok(!shown.includes(LEGACY_KEY), 'nor the legacy key');
  assert.ok(!shown.includes('Dana') && !shown.includes('dana@example.com'), 'nor the user\'s name or address');
  const json = JSON.parse(await rep.textContent('#report'));
  assert.equal(json.page, 'token-reveal');
  assert.equal(json.verdict.reveal, true);
  assert.ok(JSON.stringify(json).includes(PLACEHOLDER), 'the token is a placeholder of its shape');
  assert.match(await rep.textContent('#summary'), /a new token shown once/);
  assert.match(await rep.textContent('#where'), /issue tracker/, 'it says where a report goes');
  assert.equal(await rep.locator('#report').isVisible(), false, 'the JSON is folded away');
  await rep.getByText('Show what will be shared').click();
  assert.equal(await rep.locator('#report').isVisible(), true, 'and unfolds on request');
  // The user's own line goes in, with anything secret they paste replaced.
  await rep.getByLabel('What should Keyshift have done on this page?').fill(`Capture ${token} here`);
  await rep.waitForFunction(() => JSON.parse(document.getElementById('report').textContent).expected.startsWith('Capture'));
  const said = JSON.parse(await rep.textContent('#report')).expected;
  assert.ok(!said.includes(token) && said.includes(PLACEHOLDER), said);
  // Copy and save give exactly what is shown.
  await rep.getByRole('button', { name: 'Copy report' }).click();
  await rep.getByText('Copied the report.').waitFor();
  const reportText = await rep.textContent('#report');
  assert.equal(await readClipboard(page), reportText, 'read back in a page of the same browser');
  const download = rep.waitForEvent('download');
  await rep.getByRole('button', { name: 'Save as a file' }).click();
  const file = join(scratch, 'saved.json');
  await (await download).saveAs(file);
  assert.equal(readFileSync(file, 'utf8'), reportText);
  for (const p of [popup, rep, page]) await p.close();
});

for (const [what, host, path, reveal] of [
  ['a reveal in a textarea', HOSTS.repairshopr, '/api_tokens/created?seed=replay&variant=textarea', true],
  ['API docs with a curl sample', 'api-docs.repairshopr.com', '/', false],
  ['a ticket with token-shaped comments', HOSTS.syncro, '/tickets/1234', false],
]) {
  test(`a report of ${what}, replayed, gets the same verdict`, async () => {
    const page = await b.context.newPage();
    await page.goto(b.url(host, path));
    await page.waitForTimeout(1000);
    const { rep, json } = await report(page);
    assert.equal(Boolean(json.verdict?.reveal), reveal);
    const file = join(scratch, 'report.json');
    writeFileSync(file, JSON.stringify(json));
    const name = `e2e-${what.replace(/[^a-z]+/g, '-').replace(/-$/, '')}`;
    execFileSync('python3', [join(ROOT, 'tools', 'replay.py'), file, name, '--out', join(ROOT, 'target', 'replays')]);
    const original = new URL(json.url);
    await page.goto(b.url(original.hostname, `${original.pathname}?replay=${name}`));
    if (reveal) await waitForNotes(page, 1, 'captured-token');
    else await page.waitForTimeout(1000);
    const again = await report(page);
    assert.equal(again.json.verdict?.reveal ?? false, json.verdict?.reveal ?? false);
    const evidence = (r) => (r.verdict?.evidence ?? []).filter((e) => e !== 'just-submitted').sort();
    assert.deepEqual(evidence(again.json), evidence(json), 'the same evidence decided');
    for (const p of [rep, again.rep, page]) await p.close();
  });
}

// Anyone can write a report: replaying one must never run what it says (issue 20, 1).
test('security: a forged report is refused with its reason, or replayed as data: its replay and replica run nothing', async () => {
  const replay = (report, name) => {
    const file = join(scratch, `${name}.json`);
    writeFileSync(file, JSON.stringify(report));
    return execFileSync('python3', [join(ROOT, 'tools', 'replay.py'), file, name, '--out', join(ROOT, 'target', 'replays')], { stdio: 'pipe' }).toString();
  };
  const payload = 'globalThis.pwned = 1';
  const base = { format: 1, url: 'https://acme.repairshopr.com/api_tokens/created', lang: 'en', title: 'API Token Created', page: 'token-reveal', verdict: { reveal: false, evidence: [] } };
  // A newline in `page` once ended the test's comment and ran what followed.
  assert.throws(() => replay({ ...base, page: `token-reveal\n${payload}; //`, body: ['BODY', [], '', []] }, 'forged-page'), /page is one of/);
  assert.throws(() => replay({ ...base, url: `https://evil.example/'); ${payload}; ('`, body: ['BODY', [], '', []] }, 'forged-url'), /url must be https/);
  assert.throws(() => replay({ ...base, format: 99, body: ['BODY', [], '', []] }, 'forged-format'), /format 1/);
  // Schema-valid, hostile inside: every value goes only into one JSON literal and into
  // escaped markup with no script, frame, handler or script URL.
  const hostile = {
    ...base,
    title: `*/ ${payload}; /* </title><script>${payload}</script>`,
    body: ['BODY', [], `*/ ${payload} //`, [
      ['SCRIPT', [], payload, []],
      ['IMG', [['src', '/x.png'], ['onerror', payload]], '', []],
      ['A', [['href', ` javascript:${payload}`], ['id', 'evil-link']], 'Tickets', []],
      ['IFRAME', [['src', 'https://evil.example/']], '', []],
      ['LINK', [['rel', 'stylesheet'], ['href', 'https://evil.example/x.css']], '', []],
      ['BUTTON', [['onclick', payload], ['id', 'evil-button']], 'Done', []],
      ['DIV', [['style', 'background:url(javascript:1)'], ['data-x', 'y']], 'text', []],
    ]],
  };
  replay(hostile, 'forged-hostile');
  const generated = readFileSync(join(ROOT, 'target', 'replays', 'forged-hostile.test.mjs'), 'utf8');
  execFileSync(process.execPath, ['--check', join(ROOT, 'target', 'replays', 'forged-hostile.test.mjs')]);
  const lines = generated.split('\n').filter((l) => l.includes('pwned'));
  assert.equal(lines.length, 1, 'the payload appears once');
  assert.ok(lines[0].startsWith('const REPORT = '), 'in the report literal');
  assert.equal(JSON.parse(lines[0].slice('const REPORT = '.length, -1)).title, hostile.title, 'as data');
  const replica = readFileSync(join(ROOT, 'target', 'replays', 'forged-hostile.html'), 'utf8');
  assert.doesNotMatch(replica, /<script|<iframe|<link[^>]*evil|onerror=|onclick=|javascript:|style=/i);
  const page = await b.context.newPage();
  await page.goto(b.url(HOSTS.repairshopr, '/api_tokens/created?replay=forged-hostile'));
  await page.click('#evil-button');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => globalThis.pwned), undefined, 'nothing ran');
  assert.equal(await page.evaluate(() => document.querySelectorAll('script, iframe, object, embed').length), 0);
  await page.close();
});
