// Starts Debian Firefox ESR through geckodriver (selenium-webdriver), with the Firefox
// package installed as a temporary add-on and the real host names resolved to the
// local replica server. For firefox.test.mjs and firefox-managed.test.mjs.
import { Builder, By, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './server.mjs';
import { LEGACY_KEY } from './fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'dist', 'firefox', 'manifest.json'), 'utf8')).version;
export const PACKAGE = join(ROOT, 'dist', `keyshift-firefox-${VERSION}.zip`);
export const GECKO_ID = JSON.parse(readFileSync(join(ROOT, 'dist', 'firefox', 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const FIREFOX = process.env.FIREFOX || ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find(existsSync);
const GECKODRIVER = process.env.GECKODRIVER || join(process.env.CARGO_HOME || join(homedir(), '.cargo'), 'bin', 'geckodriver');

// `policies`: a Firefox enterprise policy file to start with (policies.json's contents).
// `lang`: the browser's language (its Debian langpack, firefox-esr-l10n-<lang>, must be
// installed; `make setup-firefox` installs German).
export async function launchFirefox({ policies, lang } = {}) {
  const server = await start();
  // A fixed internal UUID, so the test knows the popup's moz-extension:// address.
  const uuid = randomUUID();
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    // System access lets the test open the popup page in a tab, which WebDriver's own
    // navigation refuses for moz-extension:// addresses.
    .addArguments('-headless')
    .setAcceptInsecureCerts(true) // the replica's self-signed certificate
    .setPreference('network.dns.forceResolve', '127.0.0.1')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [GECKO_ID]: uuid }))
    // Lets the test read the clipboard back without a paste prompt, and grants optional
    // permissions (clipboard clearing) without the prompt a headless browser can't answer.
    .setPreference('dom.events.testing.asyncClipboard', true)
    .setPreference('extensions.webextOptionalPermissionPrompts', false)
    // A closed network: nothing phones home.
    .setPreference('app.update.disabledForTesting', true)
    .setPreference('browser.shell.checkDefaultBrowser', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('toolkit.telemetry.enabled', false)
    .setPreference('extensions.update.enabled', false)
    .setPreference('browser.safebrowsing.update.enabled', false)
    .setPreference('network.captive-portal-service.enabled', false)
    .setPreference('services.settings.server', 'https://127.0.0.1:9/');
  if (lang) {
    options.setPreference('intl.locale.requested', lang).setPreference('intl.accept_languages', lang);
  }
  // Firefox reads enterprise policy from distribution/policies.json beside its binary,
  // at start-up; the test writes one there (as root) and removes it on close.
  let policyFile = null;
  if (policies) {
    policyFile = join(dirname(realpathSync(FIREFOX)), 'distribution', 'policies.json');
    if (existsSync(policyFile)) throw new Error(`${policyFile} exists already; not overwriting it`);
    mkdirSync(dirname(policyFile), { recursive: true });
    writeFileSync(policyFile, JSON.stringify(policies));
  }
  let driver;
  try {
    driver = await new Builder()
      .forBrowser('firefox')
      .setFirefoxOptions(options)
      .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access'))
      .build();
    const before = await driver.getWindowHandle();
    await driver.installAddon(PACKAGE, true);
    // A first install opens the welcome page in a tab of its own: wait for it, close it.
    const welcome = await driver.wait(async () => (await driver.getAllWindowHandles()).find((h) => h !== before), 5000).catch(() => null);
    if (welcome) {
      await driver.switchTo().window(welcome);
      await driver.close();
      await driver.switchTo().window(before);
    }
  } catch (e) {
    if (policyFile) rmSync(policyFile, { force: true });
    await server.close();
    throw e;
  }
  return {
    driver,
    server,
    url: (host, path) => `https://${host}:${server.port}${path}`,
    extensionUrl: (path) => `moz-extension://${uuid}/${path}`,
    // Opens one of the extension's pages in a new tab and switches to it.
    async openExtensionPage(path) {
      const before = new Set(await driver.getAllWindowHandles());
      await driver.setContext(firefox.Context.CHROME);
      try {
        await driver.executeScript((url) => {
          const principal = Services.scriptSecurityManager.getSystemPrincipal();
          gBrowser.selectedTab = gBrowser.addTab(url, { triggeringPrincipal: principal });
        }, `moz-extension://${uuid}/${path}`);
      } finally {
        await driver.setContext(firefox.Context.CONTENT);
      }
      const handle = await driver.wait(async () => (await driver.getAllWindowHandles()).find((h) => !before.has(h)), 5000);
      await driver.switchTo().window(handle);
    },
    async close() {
      await driver.quit();
      await server.close();
      if (policyFile) rmSync(policyFile, { force: true });
    },
  };
}

// The notes on the current page: kind and visible text.
export function notes(driver) {
  return driver.executeScript(() =>
    Array.from(document.querySelectorAll('keyshift-note'), (n) => ({ kind: n.dataset.kind, text: n.shadowRoot ? n.shadowRoot.textContent : '' })),
  );
}

export async function waitForNote(driver, kind, timeout = 10000) {
  await driver.wait(until.elementLocated(By.css(`keyshift-note[data-kind="${kind}"]`)), timeout);
  return notes(driver);
}

// A button in the first note of `kind`, by the start of its text.
export async function noteButton(driver, kind, name) {
  const host = await driver.findElement(By.css(`keyshift-note[data-kind="${kind}"]`));
  const root = await host.getShadowRoot();
  for (const button of await root.findElements(By.css('button'))) {
    if ((await button.getText()).startsWith(name)) return button;
  }
  throw new Error(`no ${name} button in the ${kind} note`);
}

export async function noteText(driver, kind) {
  return driver.executeScript((k) => document.querySelector(`keyshift-note[data-kind="${k}"]`).shadowRoot.textContent, kind);
}

// Copies the captured token with the note's own button, as the user does, and reads the
// clipboard back.
export async function copyFromNote(driver) {
  await (await noteButton(driver, 'captured-token', 'Copy')).click();
  await driver.wait(async () => (await noteText(driver, 'captured-token')).includes('Copied to the clipboard.'), 5000);
  return readClipboard(driver);
}

// Proves the content script read the page and is alive: a legacy key added now gets its
// note. Call it after the page's own content settled; then the page's notes are final.
export async function readAndAlive(driver) {
  await driver.executeScript((key) => {
    const p = document.createElement('p');
    p.id = 'probe';
    p.textContent = `API key: ${key}`;
    document.querySelector('main').append(p);
  }, LEGACY_KEY);
  await driver.wait(until.elementLocated(By.css('#probe + keyshift-note[data-kind="legacy-key"]')), 10000);
}

export function readClipboard(driver) {
  return driver.executeAsyncScript((done) => navigator.clipboard.readText().then(done, (e) => done(`error: ${e}`)));
}

export function writeClipboard(driver, text) {
  return driver.executeAsyncScript((t, done) => navigator.clipboard.writeText(t).then(() => done(true), (e) => done(`error: ${e}`)), text);
}
