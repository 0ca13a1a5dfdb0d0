// @ts-check
// Keyshift's content script, one of its ES modules (tools/pack.py joins them into one
// content.js inside one closure, so nothing here is a global the page could clobber):
// reading the page. Gathers blocks of text, labels, headers, headings,
// controls, dialogs and fields, in time slices so a huge page stays responsive. It
// measures and copies; every judgement is the engine's.

import { keyshiftBox, keyshiftFieldFacts, keyshiftLabel, keyshiftSqueeze } from '../fields.js';
import { shownOf } from './visible.js';
import { CAPS, READING } from './tables.js';

// The types are the engine's own, from keyshift.d.ts (src/contract/contract.d.ts); the paths
// are those of the built package, where this part becomes content.js beside pkg/.
/** @typedef {import('./pkg/keyshift.js').Reading} Reading */
/** @typedef {import('./pkg/keyshift.js').Ancestor} Ancestor */
/** @typedef {import('./pkg/keyshift.js').Block} Block */
/** @typedef {import('./pkg/keyshift.js').Field} Field */

// Elements whose text is never page text, and inline elements whose text belongs to the
// block around them. A textarea is read by its value, not its child text.
/** Keyshift's own elements: never read, and their changes are not the page's. */
const OURS = new Set(['KEYSHIFT-NOTE', 'KEYSHIFT-CONFIRM', 'KEYSHIFT-SUMMARY']);
export const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', ...OURS]);
/** Whether `node` is one of Keyshift's own elements. @param {unknown} node */
export const ours = (node) => node instanceof Element && OURS.has(node.tagName);
export const INLINE = new Set([
  'SPAN', 'B', 'STRONG', 'I', 'EM', 'SMALL', 'MARK', 'CODE', 'KBD', 'SAMP', 'VAR', 'SUB', 'SUP', 'ABBR', 'FONT',
  'U', 'S', 'A', 'LABEL', 'TT', 'BDI', 'BDO', 'TIME', 'DATA', 'Q', 'CITE', 'DFN', 'INS', 'DEL', 'WBR', 'BR',
]);
// Attributes that carry a copy button's payload.
export const COPY_ATTRS = ['data-clipboard-text', 'data-copy', 'data-copy-text', 'data-token', 'data-value'];
// Controls: what the page marks as one, and what is styled as one (a `div.btn` with a
// click handler); inside dialogs, anything drawn with a pointer cursor too (landmarks.js).
export const CONTROLS = 'button, a[href], input[type=submit], input[type=button], input[type=image], [role=button], [role=link], [role=tab], [onclick], .btn, [data-dismiss], [data-bs-dismiss]';
export const HEADINGS = new Set(['H1', 'H2', 'H3']);
export const MAX_HEADINGS = CAPS.headings;
export const MAX_CONTROLS = CAPS.controls;
export const MAX_REGIONS = CAPS.regions;
const MAX_FIELDS = CAPS.fields;
export const VALUES = 'input:not([type]), input[type=text], input[type=url], input[type=search], input[type=password], textarea';
export const FIELDS = `${VALUES}, input[type=email], input[type=tel]`;
const CELLS = 'td, th, [role=gridcell], [role=cell], [role=columnheader], [role=rowheader]';
export const ROWS = 'tr, [role=row], li, [role=listitem]';
export const DIALOGS = 'dialog, [role=dialog], [role=alertdialog]';
export const CELL_OR_ITEM = new Set(['TD', 'TH', 'LI', 'DD']);
const LABELS = new Set(['LABEL', 'DT', 'TH', 'LEGEND']);
const SHORT = CAPS.short;
const ROW_TEXT = CAPS.rowText;
export const PATH = CAPS.path;
const NEAR = CAPS.near;
// Reading gives the page its main thread back every SLICE_MS, so a huge or busy page
// stays responsive (a frame is 16 ms; this leaves the page most of it).
const SLICE_MS = 8;
const CHECK_EVERY = 256; // nodes between clock reads

// The caps on what is read come from the engine's one table (caps.json, as CAPS).

// Elements are named by number in messages; weak references let removed ones go, and
// their entries go with them (a page adding rows for hours must not grow this list).
const ids = new WeakMap();
/** @type {Map<number, WeakRef<Element>>} */
const elements = new Map();
const forgetElement = new FinalizationRegistry((/** @type {number} */ id) => elements.delete(id));
let nextId = 1; // 0 means "none" in messages
/** @param {number} id */
export const element = (id) => elements.get(id)?.deref();
/** @param {Element} el @returns {number} */
export const idOf = (el) => {
  let id = ids.get(el);
  if (id === undefined) {
    id = nextId++;
    elements.set(id, new WeakRef(el));
    forgetElement.register(el, id);
    ids.set(el, id);
  }
  return id;
};
/** @param {string | null | undefined} s */
export const squeeze = (s, max = SHORT) => keyshiftSqueeze(s, max);

/** The nearest element matching `selector` around `el`, across open shadow roots: a
 * dialog component's parts live in its shadow tree. @param {Element} el @param {string} selector */
const closest = (el, selector) => {
  for (let e = /** @type {Element | null} */ (el); e; ) {
    const found = e.closest(selector);
    if (found) return found;
    const root = e.getRootNode();
    e = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
};
/** @param {Element} el */
export const roleOf = (el) => el.getAttribute('role') || '';

// ---- gathering ----------------------------------------------------------------------

/** The nearest element around `el` that is not inline: the block its text belongs to.
 * @param {Element | null} el */
export function blockFor(el) {
  while (el && INLINE.has(el.tagName) && el.parentElement && el.parentElement !== document.documentElement) {
    el = el.parentElement;
  }
  return el;
}

/** @param {Element} el */
export function skipped(el) {
  for (let e = /** @type {Element | null} */ (el); e; e = e.parentElement) if (SKIP.has(e.tagName)) return true;
  return false;
}

/** The cells of an ARIA row, in order. @param {Element} row */
const ariaCells = (row) => Array.from(row.children).filter((c) => /^(gridcell|cell|columnheader|rowheader)$/.test(roleOf(c)));

// Column headers, read once per table (or ARIA grid) and gathering.
/** @type {WeakMap<Element, { row: Element | null, texts: string[], byIndex: Map<string, string> }>} */
let headers = new WeakMap();
/** @param {Element} el */
function headerOf(el) {
  const cell = closest(el, CELLS);
  if (!cell) return undefined;
  if (cell.tagName === 'TD' || cell.tagName === 'TH') {
    const table = closest(cell, 'table');
    if (!table) return undefined;
    const t = /** @type {HTMLTableElement} */ (table);
    let head = headers.get(t);
    if (!head) {
      const row = t.tHead && t.tHead.rows.length ? t.tHead.rows[t.tHead.rows.length - 1] : t.rows[0];
      head = { row, texts: row ? Array.from(row.cells, (c) => squeeze(c.textContent)) : [], byIndex: new Map() };
      headers.set(t, head);
    }
    return head.row !== cell.parentElement ? head.texts[/** @type {HTMLTableCellElement} */ (cell).cellIndex] : undefined;
  }
  // An ARIA grid of divs: the header row holds role=columnheader cells; cells match by
  // aria-colindex where the page gives it, else by position.
  const grid = closest(cell, '[role=grid], [role=table], [role=treegrid]');
  const row = closest(cell, '[role=row]');
  if (!grid || !row || roleOf(cell) === 'columnheader') return undefined;
  let head = headers.get(grid);
  if (!head) {
    const headerRow = Array.from(grid.querySelectorAll('[role=row]')).find((r) => r.querySelector('[role=columnheader]')) || null;
    const cells = headerRow ? ariaCells(headerRow) : [];
    const byIndex = new Map(cells.map((c, i) => [c.getAttribute('aria-colindex') || String(i + 1), squeeze(c.textContent)]));
    head = { row: headerRow, texts: cells.map((c) => squeeze(c.textContent)), byIndex };
    headers.set(grid, head);
  }
  const index = cell.getAttribute('aria-colindex') || String(ariaCells(row).indexOf(cell) + 1);
  return head.byIndex.get(index);
}

/** @param {Element} el */
export function labelOf(el) {
  const own = keyshiftLabel(el);
  if (own) return own;
  const input = /** @type {HTMLInputElement} */ (el);
  if (input.placeholder) return squeeze(input.placeholder);
  // A sibling just before counts as a label only if it is one, or reads like one ("Key:").
  const prev = el.previousElementSibling;
  if (!prev || CELL_OR_ITEM.has(prev.tagName)) return undefined;
  const raw = prev.textContent || '';
  if (LABELS.has(prev.tagName)) return squeeze(raw);
  const text = raw.length <= 80 ? squeeze(raw) : '';
  return text.length <= 40 && text.endsWith(':') ? text : undefined;
}

/** @param {Element} el @param {Map<number, [number, string]>} rows */
function rowOf(el, rows) {
  const row = closest(el, ROWS);
  if (!row) return undefined;
  const id = idOf(row);
  if (!rows.has(id)) rows.set(id, [id, squeeze(rowText(row), ROW_TEXT)]);
  return id;
}

/** A row's words with its cells apart ("Old Zapier | Zapier", not "Old ZapierZapier"),
 * so a name in one cell and a permission in the next stay words. @param {Element} row */
function rowText(row) {
  const cells = row instanceof HTMLTableRowElement ? Array.from(row.cells) : ariaCells(row);
  return cells.length ? cells.map((c) => c.textContent).join(' | ') : row.textContent || '';
}

/** The dialog an element is in, as an element id (0: none). @param {Element} el */
export function regionOf(el) {
  const dialog = closest(el, DIALOGS);
  return dialog ? idOf(dialog) : 0;
}

// Time-slicing: work yields to the page once the current slice used its budget.
let sliceStart = 0;
export const startSlice = () => {
  sliceStart = performance.now();
};
// A plain task, queued behind the page's own: scheduler.yield() would jump the queue,
// and setTimeout(0) would wait 4 ms each time once nested five deep.
const channel = new MessageChannel();
/** @type {Array<() => void>} */
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () =>
  new Promise((ok) => {
    waiting.push(() => ok(undefined));
    channel.port2.postMessage(0);
  });
let sinceCheck = 0;
// Whether this slice used its budget (`now`: a big step follows, check the clock now).
// Callers write `if (tired()) await rest();`: an await on every node would itself cost
// a promise per node.
export function tired(now = false) {
  if (!now && ++sinceCheck < CHECK_EVERY) return false;
  sinceCheck = 0;
  return performance.now() - sliceStart >= SLICE_MS;
}
export async function rest() {
  await yieldNow();
  sliceStart = performance.now();
}

// ---- the facts read closely, for texts that may hold a value ---------------------------

/** Whether a text may hold anything, by the engine's own filter (`scan::READING`).
 * @param {Reading | null} reading @param {string} text */
export function mayHold(reading, text) {
  return !!reading && text.length >= reading.minLen && reading.marks.some((m) => text.includes(m));
}

/** The element and its ancestors, nearest first: tag, role, class. @param {Element} el
 * @returns {Ancestor[]} */
function pathOf(el) {
  /** @type {Ancestor[]} */
  const out = [];
  for (let e = /** @type {Element | null} */ (el); e && out.length < PATH; e = e.parentElement) {
    const cls = typeof e.className === 'string' ? e.className : '';
    out.push([e.tagName, roleOf(e), cls.slice(0, 120)]);
  }
  return out;
}

/** Text just before `first` and just after `last` (the block's own first and last
 * nodes) within its dialog, or the page. @param {Element} el @param {Node} first
 * @param {Node} last @returns {[string, string]} */
function nearOf(el, first, last) {
  const root = el.closest(DIALOGS) || el.getRootNode();
  /** @param {boolean} back */
  const walk = (back) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement && skipped(n.parentElement) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    w.currentNode = back ? first : lastDescendant(last);
    let text = '';
    for (let i = 0; i < 400 && text.length < NEAR; i++) {
      const n = back ? w.previousNode() : w.nextNode();
      if (!n) break;
      const t = /** @type {Text} */ (n).data;
      text = back ? `${t} ${text}` : `${text} ${t}`;
    }
    return squeeze(text, NEAR * 2);
  };
  return [walk(true).slice(-NEAR), walk(false).slice(0, NEAR)];
}

/** @param {Node} el */
function lastDescendant(el) {
  let n = el;
  while (n.lastChild) n = n.lastChild;
  return n;
}

/** Adds the close facts to a block whose text may hold a value. @param {Block} block
 * @param {Element} el @param {Reading | null} reading @param {Text[]} [own] its text nodes */
function readClosely(block, el, reading, own) {
  if (!mayHold(reading, block.segs.join(''))) return;
  block.path = pathOf(el);
  block.shown = shownOf(el, own);
  block.near = own && own.length ? nearOf(el, own[0], own[own.length - 1]) : nearOf(el, el, el);
  if (block.source === 'attr') block.inner = squeeze(el.textContent || /** @type {HTMLInputElement} */ (el).value, CAPS.label);
}

/** Blocks inside `roots`: text blocks, input and textarea values, copy attributes, and
 * the page's text fields. The page may change while this yields; what left it by then is
 * dropped when notes are placed.
 * @param {Array<Element | ShadowRoot>} roots @param {(root: ShadowRoot) => void} onShadowRoot
 * @param {Reading | null} reading */
export async function gather(roots, onShadowRoot, reading) {
  headers = new WeakMap();
  /** @type {Map<Element, Text[]>} */
  const texts = new Map();
  /** @type {Array<{ el: Element, segs: string[], source: 'value' | 'attr', field?: string }>} */
  const extra = [];
  /** @type {Map<number, [number, string]>} */
  const rows = new Map();
  /** @type {Field[]} */
  const fields = [];
  const seen = new Set();
  const queue = [...roots];
  for (let r = 0; r < queue.length; r++) {
    const root = queue[r];
    if (!root.isConnected || (root instanceof Element && skipped(root))) continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (n) =>
        (n.nodeType === 1 && SKIP.has(/** @type {Element} */ (n).tagName)) || (n.nodeType === 3 && n.parentElement?.tagName === 'TEXTAREA')
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let n = /** @type {Node | null} */ (walker.currentNode); n; n = walker.nextNode()) {
      if (tired()) await rest();
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.nodeType === 3) {
        const t = /** @type {Text} */ (n);
        if (!t.data.trim()) continue;
        const block = blockFor(t.parentElement);
        if (!block) continue;
        let list = texts.get(block);
        if (!list) texts.set(block, (list = []));
        list.push(t);
      } else if (n.nodeType === 1) {
        const el = /** @type {Element} */ (n);
        // Open shadow roots (web components) are read too, and watched for changes.
        if (el.shadowRoot) {
          queue.push(el.shadowRoot);
          onShadowRoot(el.shadowRoot);
        }
        if (el.matches(FIELDS)) {
          const input = /** @type {HTMLInputElement} */ (el);
          if (input.value && el.matches(VALUES)) extra.push({ el, segs: [input.value], source: 'value', field: input.name || input.id || undefined });
          if (fields.length < MAX_FIELDS) {
            // What fields.js says of any field (the popup reads the same), with this
            // script's ids and its fuller label.
            const box = keyshiftBox(el);
            const facts = keyshiftFieldFacts(input, idOf(el), box ? idOf(box) : 0);
            fields.push({ ...facts, label: labelOf(el), region: regionOf(el) || undefined });
          }
        }
        for (const a of COPY_ATTRS) {
          const v = el.getAttribute(a);
          if (v) extra.push({ el, segs: [v], source: 'attr', field: a });
        }
      }
    }
  }
  /** @type {Block[]} */
  const blocks = [];
  /** @type {Map<number, Text[]>} */
  const nodes = new Map(); // block id -> text nodes, to anchor notes
  for (const [el, list] of texts) {
    if (tired()) await rest();
    const id = idOf(el);
    nodes.set(id, list);
    /** @type {Block} */
    const block = { id, segs: list.map((t) => t.data), label: labelOf(el), header: headerOf(el), row: rowOf(el, rows), region: regionOf(el) || undefined };
    readClosely(block, el, reading, list);
    blocks.push(block);
  }
  for (const x of extra) {
    /** @type {Block} */
    const block = { id: idOf(x.el), segs: x.segs, source: x.source, label: labelOf(x.el), header: headerOf(x.el), field: x.field, row: rowOf(x.el, rows), region: regionOf(x.el) || undefined };
    readClosely(block, x.el, reading);
    blocks.push(block);
  }
  return { blocks, rows, nodes, fields };
}

/** The changed elements that no other changed element contains: one walk up per
 * element, stopping at the first ancestor already looked at, so a page nesting
 * thousands deep costs its depth once, not depth times the number of changes.
 * @param {Element[]} list */
export function outermost(list) {
  const marked = new Set(list);
  /** @type {Map<Element, boolean>} */
  const covered = new Map(); // element -> whether a marked element is above it
  const out = [];
  for (const el of list) {
    const path = [];
    let above = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (covered.has(p)) {
        above = covered.get(p) || marked.has(p);
        break;
      }
      if (marked.has(p)) {
        above = true;
        break;
      }
      path.push(p);
    }
    for (const p of path) covered.set(p, above);
    if (!above) out.push(el);
  }
  return out;
}
