// @ts-check
// Keyshift's content script: the page's landmarks (headings, controls, dialogs) for the
// engine to tell pages apart and find Done, and the missed-page report's raw tree. A
// module of the content script (tools/pack.py joins them into content.js).

import { CONTROLS, DIALOGS, FIELDS, HEADINGS, idOf, labelOf, MAX_CONTROLS, MAX_HEADINGS, MAX_REGIONS, regionOf, rest, roleOf, SKIP, squeeze, tired } from './read.js';
import { CAPS } from './tables.js';

/** The accessible name of a dialog. @param {Element} el */
function dialogName(el) {
  return squeeze(el.getAttribute('aria-label') || labelOf(el) || el.querySelector('h1, h2, h3, [role=heading]')?.textContent, CAPS.name);
}

/** @typedef {{ headings: Array<[string, number, Element]>, controls: Array<[number, string, number, Element]>, regions: Array<[number, string, Element]> }} Landmarks */

// The page's headings, controls and dialogs as last read. A scan of a few changed
// elements reads landmarks only inside them and keeps the rest: walking every element of
// a 10,000-row list for one appended row cost ~90 ms.
/** @type {Landmarks | null} */
let landmarks = null;

/** Headings, controls and dialogs inside `roots` (and the roots themselves), in document
 * order, up to the caps. Read in slices through a live collection: one selector query,
 * or one array of every element, over a 200,000-element page holds the thread 25 ms.
 * @param {Array<Element | ShadowRoot>} roots @returns {Promise<Landmarks>} */
async function landmarksIn(roots) {
  /** @type {Landmarks} */
  const out = { headings: [], controls: [], regions: [] };
  const full = () => out.headings.length >= MAX_HEADINGS && out.controls.length >= MAX_CONTROLS && out.regions.length >= MAX_REGIONS;
  /** @param {Element} el */
  const look = (el) => {
    const role = roleOf(el);
    if (out.headings.length < MAX_HEADINGS && (HEADINGS.has(el.tagName) || role === 'heading')) {
      const text = squeeze(el.textContent);
      if (text) out.headings.push([text, regionOf(el), el]);
    }
    if (out.controls.length < MAX_CONTROLS && el.matches(CONTROLS)) {
      const label = squeeze(el.getAttribute('aria-label') || el.textContent || /** @type {HTMLInputElement} */ (el).value);
      if (label) out.controls.push([idOf(el), label, regionOf(el), el]);
    }
    if (out.regions.length < MAX_REGIONS && el.matches(DIALOGS)) out.regions.push([idOf(el), dialogName(el), el]);
  };
  const queue = [...roots];
  for (let r = 0; r < queue.length; r++) {
    const root = queue[r];
    if (root instanceof Element) look(root);
    const all = root instanceof Element ? root.getElementsByTagName('*') : root.querySelectorAll('*');
    for (let i = 0; i < all.length && !full(); i++) {
      if (tired()) await rest();
      look(all[i]);
      // Open shadow roots (a dialog component, a Done button of a design system) too.
      const shadow = all[i].shadowRoot;
      if (shadow) queue.push(shadow);
    }
  }
  // Inside a dialog, what is drawn as pressable is a control too: a `<div>` with a
  // pointer cursor and a short label, as design systems draw their Done.
  const known = new Set(out.controls.map((c) => c[3]));
  for (const [, , dialog] of out.regions) {
    const inside = dialog.querySelectorAll('div, span, li, i, svg');
    for (let i = 0; i < inside.length && i < POINTER_SCAN && out.controls.length < MAX_CONTROLS; i++) {
      const el = inside[i];
      if (known.has(el) || el.closest(CONTROLS) || el.childElementCount > 2) continue;
      const label = squeeze(el.getAttribute('aria-label') || el.textContent);
      if (!label || label.length > 40 || getComputedStyle(el).cursor !== 'pointer') continue;
      out.controls.push([idOf(el), label, regionOf(el), el]);
      known.add(el);
    }
  }
  return out;
}

// Elements of a dialog looked at for a pointer cursor.
const POINTER_SCAN = CAPS.pointerScan;

/** Keeps what is still on the page and outside `roots`, adds what was read inside them,
 * in document order, within the caps. @template {Array<any>} T
 * @param {T[]} kept @param {T[]} fresh @param {Array<Element | ShadowRoot>} roots @param {number} cap */
function merge(kept, fresh, roots, cap) {
  const el = (/** @type {T} */ x) => /** @type {Element} */ (x[x.length - 1]);
  const outside = kept.filter((x) => el(x).isConnected && !roots.some((r) => r.contains(el(x))));
  const all = outside.concat(fresh);
  all.sort((a, b) => (el(a).compareDocumentPosition(el(b)) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return all.slice(0, cap);
}

// The page's colours, read with each whole scan and once more after the page has loaded
// (a stylesheet that arrives late can turn it dark): a few computed styles.
/** @type {{ scheme: string, backgrounds: string[] } | null} */
let look = null;
let lookLoaded = false;
function lookOf() {
  const html = document.documentElement;
  const main = document.querySelector('main, [role=main]');
  const els = [main, document.body, html].filter((e) => e instanceof Element);
  return {
    scheme: getComputedStyle(html).colorScheme || '',
    backgrounds: els.map((e) => getComputedStyle(/** @type {Element} */ (e)).backgroundColor),
  };
}

/** The page's address, title, landmarks and look, for a scan of `roots`.
 * @param {Array<Element | ShadowRoot>} roots */
export async function pageInfo(roots) {
  const whole = !landmarks || roots.some((r) => r === document.body || r === document.documentElement);
  if (whole) {
    landmarks = await landmarksIn([document.documentElement]);
    if (document.body) look = lookOf();
  } else if (landmarks) {
    const fresh = await landmarksIn(roots);
    landmarks = {
      headings: merge(landmarks.headings, fresh.headings, roots, MAX_HEADINGS),
      controls: merge(landmarks.controls, fresh.controls, roots, MAX_CONTROLS),
      regions: merge(landmarks.regions, fresh.regions, roots, MAX_REGIONS),
    };
  }
  if (!whole && document.body && (!look || (!lookLoaded && document.readyState === 'complete'))) look = lookOf();
  if (document.readyState === 'complete') lookLoaded = true;
  const marks = /** @type {Landmarks} */ (landmarks);
  const html = document.documentElement;
  const page = {
    url: location.href,
    title: squeeze(document.title),
    lang: squeeze(html.lang, CAPS.lang),
    translated: /\btranslated-(ltr|rtl)\b/.test(html.className),
    headings: marks.headings.map(([text, region]) => /** @type {[string, number]} */ ([text, region])),
    controls: marks.controls.map(([id, label, region]) => /** @type {[number, string, number]} */ ([id, label, region])),
    ...(look ? { look } : {}),
  };
  const regions = marks.regions.map(([id, name]) => /** @type {[number, string]} */ ([id, name]));
  return { page, regions };
}

// ---- the missed-page report -------------------------------------------------------------

const REPORT_ELEMENTS = CAPS.reportElements;
const REPORT_DEPTH = CAPS.reportDepth;

/** @typedef {[string, Array<[string, string]>, string, any[]]} RawNode */

/** The page as a tree of `[tag, attributes, own text, children]`, with inputs' current
 * values, open shadow roots, and Keyshift's own notes left out. The engine redacts it
 * before anyone sees it (src/report.rs). */
export function rawPage() {
  let budget = REPORT_ELEMENTS;
  /** @param {Element} el @param {number} depth @returns {RawNode} */
  const walk = (el, depth) => {
    budget--;
    /** @type {Array<[string, string]>} */
    const attrs = Array.from(el.attributes, (a) => /** @type {[string, string]} */ ([a.name, a.value.slice(0, 500)]));
    if (el.matches(FIELDS)) attrs.push(['value', /** @type {HTMLInputElement} */ (el).value.slice(0, 500)]);
    let text = '';
    /** @type {RawNode[]} */
    const children = [];
    const kids = el.shadowRoot ? [...el.shadowRoot.childNodes, ...el.childNodes] : [...el.childNodes];
    for (const child of kids) {
      if (child.nodeType === 3) text += /** @type {Text} */ (child).data;
      else if (child.nodeType === 1 && !SKIP.has(/** @type {Element} */ (child).tagName) && budget > 0 && depth < REPORT_DEPTH) {
        children.push(walk(/** @type {Element} */ (child), depth + 1));
      }
    }
    return [el.tagName, attrs, squeeze(text, 2000), children];
  };
  const html = document.documentElement;
  return { url: location.href, lang: html.lang, title: document.title, body: walk(document.body || html, 0) };
}
