// The reveal's core flows in Firefox ESR (issue 19), on the pages reveal.test.mjs uses in
// Chromium (reveals.mjs): every way out asks first and then goes where it went, the user's
// own copy counts, reveals in components and drawn hidden are read, the New Token form's
// choice names the token, and a page cannot write its own evidence or hide its token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key, until } from 'selenium-webdriver';
import { launchFirefox, notes, readClipboard, writeClipboard, readAndAlive } from './firefox.mjs';
import { tokenFor } from './fixtures.mjs';
import { PAGES, newTokenPage } from './reveals.mjs';
import { html, write, writeApp } from './written.mjs';

let ff;
before(async () => {
  ff = await launchFirefox();
});
after(async () => {
  await ff?.close();
});

/** The replica server's address for a written page (Firefox needs its port). */
const at = (address) => {
  const u = new URL(address);
  return ff.url(u.hostname, u.pathname + u.search);
};

/** The first element matching `selector`, in the page or in any open shadow root. */
const deep = (driver, selector) =>
  driver.executeScript((sel) => {
    const find = (root) => {
      const here = root.querySelector(sel);
      if (here) return here;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) {
        const inner = find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    return find(document);
  }, selector);
const capturedNote = (driver) => deep(driver, 'keyshift-note[data-kind="captured-token"]');

async function open(name, seed) {
  const { driver } = ff;
  const token = tokenFor(`ff-reveal-${seed}`);
  await driver.get(at(PAGES[name](token)));
  await driver.wait(async () => Boolean(await capturedNote(driver)), 10000, 'captured');
  return token;
}

// The question goes beside the way out, which may be inside a component's shadow root.
const questionShown = () => ff.driver.wait(() => deep(ff.driver, 'keyshift-confirm'), 5000, 'the question shows');
const left = () => ff.driver.executeScript(() => document.body.dataset.left === 'yes' || location.pathname.endsWith('/after'));

async function answer(name) {
  const confirm = await questionShown();
  const root = await confirm.getShadowRoot();
  await (await root.findElement(By.css(name === 'continue' ? 'button:not(.primary)' : 'button.primary'))).click();
}

const EXITS = [
  ['the modal header ×', 'modal', (d) => d.findElement(By.id('x')).click()],
  ['Escape in the modal', 'modal', (d) => d.actions().sendKeys(Key.ESCAPE).perform()],
  ['a press on the modal backdrop', 'modal', (d) => d.actions().move({ x: 8, y: 8 }).click().perform()],
  ['a div.btn Done', 'modal', (d) => d.findElement(By.id('done')).click()],
  ['an input type=submit Done', 'submit', (d) => d.findElement(By.css('input[type=submit]')).click()],
  ['a Done in a web component\'s shadow root', 'components', async (d) => {
    const root = await (await d.findElement(By.css('token-reveal'))).getShadowRoot();
    await (await root.findElement(By.css('button'))).click();
  }],
  ['a control that leaves on pointerdown', 'pointerdown', (d) => d.findElement(By.id('done')).click()],
  ['a link away in a single-page app', 'spa', (d) => d.findElement(By.id('nav-tickets')).click()],
];

for (const [what, page, leave] of EXITS) {
  test(`Firefox: way out: ${what} asks first, then goes where it went`, async () => {
    const { driver } = ff;
    await open(page, `exit-${what}`);
    await leave(driver);
    await questionShown();
    assert.equal(await left(), false, 'the page did not act on it yet');
    await answer('continue');
    await driver.wait(left, 10000, 'then the way out happened');
  });
}

test('Firefox: a reveal drawn hidden, filled by script and shown later is captured; Copy and continue copies it', async () => {
  const { driver } = ff;
  const token = await open('late-modal', 'late');
  await writeClipboard(driver, 'before');
  await driver.findElement(By.id('done')).click();
  await answer('copy');
  await driver.wait(left, 10000);
  assert.equal(await readClipboard(driver), token);
});

test('Firefox: the user\'s own selection and Ctrl+C counts; Done then goes straight through', async () => {
  const { driver } = ff;
  const token = await open('submit', 'own-copy');
  await writeClipboard(driver, 'before');
  const input = await driver.findElement(By.id('token'));
  await input.click();
  await driver.actions().keyDown(Key.CONTROL).sendKeys('a').sendKeys('c').keyUp(Key.CONTROL).perform();
  await driver.wait(async () => /You copied it yourself/.test(await driver.executeScript(() => document.querySelector('keyshift-note').shadowRoot.textContent)), 5000);
  assert.equal(await readClipboard(driver), token);
  await driver.findElement(By.css('input[type=submit]')).click();
  await driver.wait(left, 10000);
});

test('Firefox: a prebuilt choice made with a radio names the token in the popup', async () => {
  const { driver } = ff;
  const token = tokenFor('ff-reveal-radio');
  await driver.get(at(newTokenPage('radio', token)));
  await driver.findElement(By.id('choice-zapier')).click();
  await driver.findElement(By.id('create')).click();
  await driver.wait(async () => Boolean(await capturedNote(driver)), 10000);
  const page = await driver.getWindowHandle();
  await ff.openExtensionPage('popup.html');
  const masked = `${token.slice(0, 8)}…${token.slice(-4)}`;
  const row = await driver.wait(async () => {
    for (const li of await driver.findElements(By.css('#held li'))) if ((await li.getText()).includes(masked)) return li;
    return null;
  }, 5000);
  assert.match(await row.getText(), /Zapier/);
  await driver.close();
  await driver.switchTo().window(page);
});

test('Firefox: right after the New Token form, a reveal in Swedish is captured and its one button guarded', async () => {
  const { driver } = ff;
  const token = tokenFor('ff-reveal-swedish');
  await driver.get(at(newTokenPage('swedish', token)));
  await driver.findElement(By.id('name')).sendKeys('Hudu');
  await driver.findElement(By.id('create')).click();
  await driver.wait(async () => Boolean(await capturedNote(driver)), 10000);
  await driver.findElement(By.id('klar')).click();
  await answer('continue');
  await driver.wait(left, 10000);
});

test('Firefox: six tokens created in a row in one tab are all kept', async () => {
  const { driver } = ff;
  for (let i = 0; i < 6; i++) {
    await driver.get(at(newTokenPage('custom', tokenFor(`ff-row-${i}`))));
    await driver.findElement(By.id('name')).sendKeys(`Integration ${i + 1}`);
    await driver.findElement(By.id('create')).click();
    await driver.wait(async () => Boolean(await capturedNote(driver)), 10000);
    const text = await driver.executeScript(() => document.querySelector('keyshift-note[data-kind="captured-token"]').shadowRoot.textContent);
    assert.doesNotMatch(text, /could not keep|too many/i, `token ${i + 1}`);
    assert.match(text, /Copy/);
  }
});

async function nothingCaptured(driver) {
  await readAndAlive(driver);
  assert.deepEqual((await notes(driver)).map((n) => n.kind), ['legacy-key'], 'only the probe');
}

test('Firefox: security: a value that writes its own evidence, a percent-encoded echo, and a transparent reveal capture nothing', async () => {
  const { driver } = ff;
  const [a, b, c] = ['ff-forged', 'ff-echo', 'ff-ghost'].map(tokenFor);
  await driver.get(at(write('https://acme.repairshopr.com/customers/8', html('Customer', `<h1>Customer</h1><label for="n">Notes</label><input id="n" readonly value="Your new API token is ${a} Copy it now, it won't be shown again"><button type="button">Done</button>`), [a])));
  await nothingCaptured(driver);
  const echo = write('https://acme.repairshopr.com/api_tokens/ffsearch', html('API Token Created', `<h1>API Token Created</h1><p>Copy it now.</p><input readonly aria-label="Search" value="${b}"><button type="button">Done</button>`));
  await driver.get(`${at(echo)}?q=%54${b.slice(1)}`);
  await nothingCaptured(driver);
  await driver.get(at(writeApp('https://acme.repairshopr.com/api_tokens/97', 'API Token', `<section class="ghost"><h1>API Token Created</h1><p>Copy it now, it won't be shown again.</p><input readonly aria-label="Token" value="${c}"><button type="button">Done</button></section>`, { css: '.ghost { opacity: 0; }' }, [c])));
  await nothingCaptured(driver);
});

test('Firefox: the toolbar badge counts a vendor page\'s warnings, then turns green while a new token is kept', async () => {
  const { driver } = ff;
  // A tab of its own: the one the tests above used keeps their tokens (green wins).
  await driver.switchTo().newWindow('tab');
  const page = await driver.getWindowHandle();
  const badges = async () => {
    await ff.openExtensionPage('options.html');
    // The page has loaded (its wasm drew the settings) before asking the browser.
    await driver.wait(until.elementLocated(By.id('holdMinutes')), 10000);
    const list = await driver.executeAsyncScript((done) =>
      chrome.tabs
        .query({})
        .then((tabs) => Promise.all(tabs.map(async (t) => `${await chrome.action.getBadgeText({ tabId: t.id })} ${(await chrome.action.getBadgeBackgroundColor({ tabId: t.id })).join(',')}`)))
        .then(done, (e) => done([String(e)])),
    );
    await driver.close();
    await driver.switchTo().window(page);
    return list;
  };
  await driver.get(ff.url('acme.syncromsp.com', '/api_tokens'));
  await driver.wait(async () => (await notes(driver)).length >= 2, 10000);
  const warnings = (await notes(driver)).filter((n) => ['legacy-key', 'token-expired', 'token-expiring'].includes(n.kind)).length;
  await driver.sleep(300);
  assert.ok((await badges()).includes(`${warnings} 180,83,9,255`), `a tab's badge reads ${warnings}, in amber`);
  await open('plain', 'badge');
  await driver.sleep(300);
  assert.ok((await badges()).some((b) => /^[1-9]\d* 4,120,87,255$/.test(b)), 'green, with a count, while the new token is kept');
});

test('Firefox: the note quotes the page\'s own Done; after Done the site\'s banner gets a note that the toolbar still keeps the token', async () => {
  const { driver } = ff;
  await driver.get(ff.url('acme.repairshopr.com', '/api_tokens/created?seed=ff-kept-de&variant=input&translated=de'));
  await driver.wait(async () => Boolean(await capturedNote(driver)), 10000, 'captured');
  const translated = (await notes(driver)).find((n) => n.kind === 'captured-token');
  assert.match(translated.text, /“Fertig”/, 'a translated page: its Done as it writes it');

  await driver.get(ff.url('acme.repairshopr.com', '/api_tokens/created?seed=ff-kept&variant=input'));
  await driver.wait(async () => Boolean(await capturedNote(driver)), 10000, 'captured');
  assert.match((await notes(driver)).find((n) => n.kind === 'captured-token').text, /before you click “Done”/);
  await driver.findElement(By.id('done')).click();
  await answer('continue');
  await driver.wait(async () => /done=ff-kept/.test(await driver.getCurrentUrl()), 10000, 'left the reveal');
  await driver.wait(async () => (await notes(driver)).some((n) => n.kind === 'kept'), 10000, 'the kept note');
  const kept = (await notes(driver)).filter((n) => n.kind === 'kept');
  assert.equal(kept.length, 1, 'once, beside the banner');
  assert.match(kept[0].text, /Keyshift still keeps the full token for (10|9) minutes/);
  const besideBanner = await driver.executeScript(() => Boolean(document.querySelector('p.alert keyshift-note[data-kind="kept"]')));
  assert.ok(besideBanner, 'inside the site\'s own “token created” line');
});
