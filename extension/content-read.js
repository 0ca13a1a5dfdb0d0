// Keyshift's content script, part 1 of 3 (content-read.js, content-notes.js,
// content.js, loaded in that order): reading the page. Gathers blocks of text, labels,
// headers, headings and controls, in time slices so a huge page stays responsive.
// Decides nothing about keys, tokens or pages.
(() => {
  'use strict';
  const ks = (globalThis.__keyshift = globalThis.__keyshift || {});
  if (ks.read) return;

  // What is gathered. Elements that never hold visible text, and inline elements whose
  // text belongs to the block around them.
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'KEYSHIFT-NOTE', 'KEYSHIFT-CONFIRM', 'TEXTAREA']);
  const INLINE = new Set([
    'SPAN', 'B', 'STRONG', 'I', 'EM', 'SMALL', 'MARK', 'CODE', 'KBD', 'SAMP', 'VAR', 'SUB', 'SUP', 'ABBR', 'FONT',
    'U', 'S', 'A', 'LABEL', 'TT', 'BDI', 'BDO', 'TIME', 'DATA', 'Q', 'CITE', 'DFN', 'INS', 'DEL', 'WBR', 'BR',
  ]);
  // Attributes that carry a copy button's payload.
  const COPY_ATTRS = ['data-clipboard-text', 'data-copy', 'data-copy-text', 'data-token', 'data-value'];
  const CONTROLS = 'button, a[href], input[type=submit], input[type=button], [role=button]';
  const HEADINGS = new Set(['H1', 'H2', 'H3']);
  const MAX_HEADINGS = 30;
  const MAX_CONTROLS = 400;
  const VALUES = 'input:not([type]), input[type=text], input[type=url], input[type=search], textarea';
  const CELL_OR_ITEM = new Set(['TD', 'TH', 'LI', 'DD']);
  const LABELS = new Set(['LABEL', 'DT', 'TH', 'LEGEND']);
  const SHORT = 500;
  const ROW_TEXT = 1000;
  // Reading gives the page its main thread back every SLICE_MS, so a huge or busy page
  // stays responsive (a frame is 16 ms; this leaves the page most of it).
  const SLICE_MS = 8;
  const CHECK_EVERY = 256; // nodes between clock reads

  // Elements are named by number in messages; weak references let removed ones go, and
  // their entries go with them (a page adding rows for hours must not grow this list).
  const ids = new WeakMap();
  const elements = new Map(); // id -> WeakRef
  const forget = new FinalizationRegistry((id) => elements.delete(id));
  let nextId = 0;
  const element = (id) => elements.get(id)?.deref();
  const idOf = (el) => {
    let id = ids.get(el);
    if (id === undefined) {
      id = nextId++;
      elements.set(id, new WeakRef(el));
      forget.register(el, id);
      ids.set(el, id);
    }
    return id;
  };
  const squeeze = (s, max = SHORT) => (s || '').replace(/\s+/g, ' ').trim().slice(0, max);
  // ---- gathering ----------------------------------------------------------------------

  // The nearest element around `el` that is not inline: the block its text belongs to.
  function blockFor(el) {
    while (el && INLINE.has(el.tagName) && el.parentElement && el.parentElement !== document.documentElement) {
      el = el.parentElement;
    }
    return el;
  }

  function skipped(el) {
    for (let e = el; e; e = e.parentElement) if (SKIP.has(e.tagName)) return true;
    return false;
  }

  // Column headers, read once per table and gathering.
  let headers = new WeakMap();
  function headerOf(el) {
    const cell = el.closest('td, th');
    const table = cell && cell.closest('table');
    if (!table) return undefined;
    let head = headers.get(table);
    if (!head) {
      const row = table.tHead && table.tHead.rows.length ? table.tHead.rows[table.tHead.rows.length - 1] : table.rows[0];
      head = { row, texts: row ? Array.from(row.cells, (c) => squeeze(c.textContent)) : [] };
      headers.set(table, head);
    }
    return head.row !== cell.parentElement ? head.texts[cell.cellIndex] : undefined;
  }

  function labelOf(el) {
    const aria = el.getAttribute('aria-label');
    if (aria) return squeeze(aria);
    const by = el.getAttribute('aria-labelledby');
    if (by) return squeeze(by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' '));
    if (el.labels && el.labels.length) return squeeze(el.labels[0].textContent);
    if (el.placeholder) return squeeze(el.placeholder);
    // A sibling just before counts as a label only if it is one, or reads like one ("Key:").
    const prev = el.previousElementSibling;
    if (!prev || CELL_OR_ITEM.has(prev.tagName)) return undefined;
    const raw = prev.textContent;
    if (LABELS.has(prev.tagName)) return squeeze(raw);
    const text = raw.length <= 80 ? squeeze(raw) : '';
    return text.length <= 40 && text.endsWith(':') ? text : undefined;
  }

  function rowOf(el, rows) {
    const row = el.closest('tr, li');
    if (!row) return undefined;
    const id = idOf(row);
    if (!rows.has(id)) rows.set(id, [id, squeeze(row.textContent, ROW_TEXT)]);
    return id;
  }

  // Time-slicing: work yields to the page once the current slice used its budget.
  let sliceStart = 0;
  const startSlice = () => {
    sliceStart = performance.now();
  };
  // A plain task, queued behind the page's own: scheduler.yield() would jump the queue,
  // and setTimeout(0) would wait 4 ms each time once nested five deep.
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  const yieldNow = () =>
    new Promise((ok) => {
      waiting.push(ok);
      channel.port2.postMessage(0);
    });
  let sinceCheck = 0;
  // Whether this slice used its budget (`now`: a big step follows, check the clock now).
  // Callers write `if (tired()) await rest();`: an await on every node would itself cost
  // a promise per node.
  function tired(now = false) {
    if (!now && ++sinceCheck < CHECK_EVERY) return false;
    sinceCheck = 0;
    return performance.now() - sliceStart >= SLICE_MS;
  }
  async function rest() {
    await yieldNow();
    sliceStart = performance.now();
  }

  // Blocks inside `roots`: text blocks, input values and copy attributes. The page may
  // change while this yields; what left it by then is dropped when notes are placed.
  async function gather(roots, onShadowRoot) {
    headers = new WeakMap();
    const texts = new Map(); // block element -> text nodes
    const extra = []; // value and attribute blocks
    const rows = new Map();
    const seen = new Set();
    const queue = [...roots];
    for (let r = 0; r < queue.length; r++) {
      const root = queue[r];
      if (!root.isConnected || skipped(root)) continue;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
        acceptNode: (n) => (n.nodeType === 1 && SKIP.has(n.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let n = walker.currentNode; n; n = walker.nextNode()) {
        if (tired()) await rest();
        if (seen.has(n)) continue;
        seen.add(n);
        if (n.nodeType === 3) {
          if (!n.data.trim()) continue;
          const block = blockFor(n.parentElement);
          if (!block) continue;
          if (!texts.has(block)) texts.set(block, []);
          texts.get(block).push(n);
        } else {
          // Open shadow roots (web components) are read too, and watched for changes.
          if (n.shadowRoot && n.nodeType === 1) {
            queue.push(n.shadowRoot);
            onShadowRoot(n.shadowRoot);
          }
          if (n.nodeType !== 1) continue;
          if (n.matches(VALUES) && n.value) extra.push({ el: n, segs: [n.value], source: 'value', field: n.name || n.id || undefined });
          for (const a of COPY_ATTRS) {
            const v = n.getAttribute(a);
            if (v) extra.push({ el: n, segs: [v], source: 'attr' });
          }
        }
      }
    }
    const blocks = [];
    const nodes = new Map(); // block id -> text nodes, to anchor notes
    for (const [el, list] of texts) {
      if (tired()) await rest();
      const id = idOf(el);
      nodes.set(id, list);
      blocks.push({ id, segs: list.map((n) => n.data), label: labelOf(el), header: headerOf(el), row: rowOf(el, rows) });
    }
    for (const x of extra) {
      const id = idOf(x.el);
      blocks.push({ id, segs: x.segs, source: x.source, label: labelOf(x.el), header: headerOf(x.el), field: x.field, row: rowOf(x.el, rows) });
    }
    return { blocks, rows, nodes };
  }

  // Headings and controls (for the engine to tell the page apart and find Done), read in
  // slices: one selector query over a 200,000-element page holds the thread for 25 ms.
  async function pageInfo() {
    const headings = [];
    const controls = [];
    const all = document.getElementsByTagName('*');
    for (let i = 0; i < all.length && (headings.length < MAX_HEADINGS || controls.length < MAX_CONTROLS); i++) {
      if (tired()) await rest();
      const el = all[i];
      const tag = el.tagName;
      const role = el.getAttribute('role');
      if (headings.length < MAX_HEADINGS && (HEADINGS.has(tag) || role === 'heading')) {
        const text = squeeze(el.textContent);
        if (text) headings.push(text);
      }
      if (controls.length < MAX_CONTROLS && el.matches(CONTROLS)) {
        const label = squeeze(el.getAttribute('aria-label') || el.textContent || el.value);
        if (label) controls.push([idOf(el), label]);
      }
    }
    return { url: location.href, title: squeeze(document.title), headings, controls };
  }

  // The changed elements that no other changed element contains: one walk up per
  // element, stopping at the first ancestor already looked at, so a page nesting
  // thousands deep costs its depth once, not depth times the number of changes.
  function outermost(elements) {
    const marked = new Set(elements);
    const covered = new Map(); // element -> whether a marked element is above it
    const out = [];
    for (const el of elements) {
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

  ks.read = { COPY_ATTRS, INLINE, CELL_OR_ITEM, element, blockFor, startSlice, tired, rest, gather, pageInfo, outermost };
})();
