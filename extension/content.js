// Keyshift's content script: gathers what the page shows, sends it to the background
// engine, and places the notes the engine's plan asks for. It decides nothing about keys,
// tokens or pages; it only gathers, places and clicks. It must never throw into the page.
(() => {
  'use strict';
  if (globalThis.__keyshiftLoaded) return;
  globalThis.__keyshiftLoaded = true;

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
  const BATCH_BLOCKS = 1500;
  const SMALL_CHANGE = 16;
  // Reading gives the page its main thread back every SLICE_MS, so a huge or busy page
  // stays responsive (a frame is 16 ms; this leaves the page most of it).
  const SLICE_MS = 8;
  const CHECK_EVERY = 256; // nodes between clock reads
  const OBSERVE = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: COPY_ATTRS.concat(['value']) };

  let alive = true;
  // Elements are named by number in messages; weak references let removed ones go, and
  // their entries go with them (a page adding rows for hours must not grow this list).
  const ids = new WeakMap();
  const elements = new Map(); // id -> WeakRef
  const forget = new FinalizationRegistry((id) => elements.delete(id));
  let nextId = 0;
  const element = (id) => elements.get(id)?.deref();
  const notes = new Map(); // block id -> placed note elements
  const captures = new Map(); // capture id -> { token, note }
  let guard = null; // { control, capture } while the engine wants Done guarded

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
  const t = (id, params) => chrome.i18n.getMessage(id, params) || id;

  // Dates and counts in the browser's language, the one chrome.i18n picked the words in.
  // One formatter for all notes, made on first use: building one per date is slow on big
  // lists, and building it on every page costs pages with nothing to note.
  let dates = null;
  function formatParam(p) {
    if (p && typeof p === 'object' && 'date' in p) {
      dates = dates || new Intl.DateTimeFormat(chrome.i18n.getUILanguage(), { dateStyle: 'medium', timeZone: 'UTC' });
      return dates.format(new Date(`${p.date}T00:00:00Z`));
    }
    if (p && typeof p === 'object' && 'count' in p) return p.count.toLocaleString(chrome.i18n.getUILanguage());
    return String(p);
  }
  const say = (message) => t(message.id, message.params.map(formatParam));

  // ---- talking to the background ------------------------------------------------------

  function goQuiet() {
    alive = false;
    observer.disconnect();
    document.removeEventListener('click', onClickCapture, true);
    for (const list of notes.values()) list.forEach((n) => n.remove());
    notes.clear();
    captures.clear();
  }

  async function ask(request) {
    if (!alive) return null;
    try {
      const answer = await chrome.runtime.sendMessage(request);
      if (answer && answer.ok) return answer.ok;
      return null;
    } catch (e) {
      // The extension was reloaded or removed: this script is an orphan now.
      if (!chrome.runtime || !chrome.runtime.id) goQuiet();
      return null;
    }
  }

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

  const watched = new WeakSet();
  function watch(root) {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, OBSERVE);
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
  // A plain task, queued behind the page's own (scheduler.yield would jump the queue).
  const yieldNow = () => new Promise((ok) => setTimeout(ok, 0));
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
  async function gather(roots) {
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
            watch(n.shadowRoot);
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

  // ---- scanning -----------------------------------------------------------------------

  async function scan(roots) {
    sliceStart = performance.now();
    const { blocks, rows, nodes } = await gather(roots);
    const page = await pageInfo();
    // Send in batches that end between rows, so a row's cells are read together. All
    // batches go out at once and their notes are placed together: placing per batch
    // would make the browser lay out a big table once per batch.
    const batches = [];
    for (let i = 0; i < blocks.length; ) {
      let end = Math.min(i + BATCH_BLOCKS, blocks.length);
      while (end < blocks.length && end > i + 1 && blocks[end].row !== undefined && blocks[end].row === blocks[end - 1].row) end--;
      batches.push(blocks.slice(i, end));
      i = end;
    }
    const asked = [];
    for (const batch of batches) {
      if (tired(true)) await rest();
      const batchRows = [...new Set(batch.map((b) => b.row).filter((r) => r !== undefined))].map((r) => rows.get(r));
      asked.push(ask({ scan: { snapshot: { page, blocks: batch, rows: batchRows } } }));
    }
    const replies = await Promise.all(asked);
    if (!alive) return;
    // A batch the engine refused loses its own notes only; its blocks keep old ones.
    const placed = new Set();
    replies.forEach((reply, i) => reply && apply(reply.plan, batches[i], nodes, placed));
    // Blocks that were read again and no longer need a note lose their old ones.
    replies.forEach((reply, i) => reply && batches[i].forEach((b) => placed.has(b.id) || clearNotes(b.id)));
  }

  // Removing a captured-token note also drops this script's copy of the token.
  function clearNotes(id) {
    for (const n of notes.get(id) || []) {
      n.remove();
      for (const [capture, c] of captures) if (c.note === n) captures.delete(capture);
    }
    notes.delete(id);
  }

  // ---- placing ------------------------------------------------------------------------

  // The element that shows the value: the outermost inline element around the text
  // node where it ends (`<code>` around split `<span>`s), or the input or button itself.
  function anchorFor(note, block, nodes) {
    const el = element(note.block);
    if (!el || !el.isConnected) return null;
    let anchor = el;
    const list = block && block.source === undefined ? nodes.get(note.block) : null;
    const node = list && list[note.span.end.seg];
    if (node && node.parentElement) {
      anchor = node.parentElement;
      while (anchor !== el && anchor.parentElement !== el && INLINE.has(anchor.parentElement.tagName)) anchor = anchor.parentElement;
    }
    // Never inside a button or link: a note there would be a control inside a control.
    return anchor.closest('button, a, [role=button]') || anchor;
  }

  function place(anchor, note) {
    if (CELL_OR_ITEM.has(anchor.tagName)) anchor.append(note);
    else anchor.after(note);
  }

  function tokenFrom(block, span) {
    const segs = block.segs;
    let out = '';
    for (let i = span.start.seg; i <= span.end.seg; i++) {
      const from = i === span.start.seg ? span.start.at : 0;
      const to = i === span.end.seg ? span.end.at : segs[i].length;
      out += segs[i].slice(from, to);
    }
    return out;
  }

  function apply(plan, batch, nodes, placedNow) {
    const byId = new Map(batch.map((b) => [b.id, b]));
    const fresh = new Map();
    for (const n of plan.notes) {
      if (!fresh.has(n.block)) fresh.set(n.block, []);
      fresh.get(n.block).push(n);
    }
    for (const [id, list] of fresh) {
      const key = JSON.stringify(list.map((n) => [n.kind, n.message, n.capture, n.dismiss]));
      placedNow.add(id);
      const old = notes.get(id);
      if (old && old.key === key && old.every((el) => el.isConnected)) continue;
      clearNotes(id);
      const placed = [];
      placed.key = key;
      for (const n of list) {
        const block = byId.get(n.block);
        const anchor = anchorFor(n, block, nodes);
        if (!anchor) continue; // the element left the page while the engine was reading it
        const el = renderNote(n);
        if (n.capture !== undefined && n.capture !== null && block) {
          captures.set(n.capture, { token: tokenFrom(block, n.span), note: el });
        }
        place(anchor, el);
        placed.push(el);
      }
      notes.set(id, placed);
    }
    if (plan.done) guard = { control: element(plan.done.control), capture: plan.done.capture };
  }

  // ---- notes --------------------------------------------------------------------------

  const STYLE = `
    :host { all: initial; display: block; margin: 4px 0; font: 13px/1.4 system-ui, sans-serif; }
    .note { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; padding: 6px 10px;
      border-radius: 6px; border: 1px solid #b45309; background: #fffbeb; color: #451a03; }
    :host([data-kind=captured-token]) .note { border-color: #047857; background: #ecfdf5; color: #022c22; }
    .text { flex: 1 1 240px; }
    .brand { font-weight: 600; margin-right: 4px; }
    button, a { font: inherit; color: inherit; }
    button { cursor: pointer; border: 1px solid currentColor; border-radius: 4px; padding: 2px 10px; background: transparent; }
    button.primary { background: #047857; color: #fff; border-color: #047857; }
    .confirm { border-color: #b91c1c; background: #fef2f2; color: #450a0a; }
    button:focus-visible, a:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
    .status:empty { display: none; }
    @media (prefers-color-scheme: dark) {
      .note { background: #2a1a05; color: #fde68a; border-color: #d97706; }
      :host([data-kind=captured-token]) .note { background: #052e22; color: #a7f3d0; border-color: #10b981; }
      button.primary { background: #10b981; color: #022c22; }
      .confirm { background: #2b0a0a; color: #fecaca; border-color: #ef4444; }
    }`;

  function onTrusted(handler) {
    return (ev) => {
      if (!ev.isTrusted) return; // a page script cannot press our buttons
      try {
        handler(ev);
      } catch (_) {
        /* never throw into the page */
      }
    };
  }

  // One stylesheet for every note, adopted by each shadow root: no inline <style>, so a
  // page's strict style-src does not strip our look.
  let sheet = null;
  function styled(root) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    root.adoptedStyleSheets = [sheet];
    return root;
  }

  function h(tag, props = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'text') e.textContent = v;
      else if (k === 'onclick') e.addEventListener('click', onTrusted(v));
      else e.setAttribute(k, v);
    }
    e.append(...children);
    return e;
  }

  function renderNote(n) {
    const host = h('keyshift-note', { 'data-kind': n.kind });
    const root = styled(host.attachShadow({ mode: 'open' }));
    const status = h('span', { class: 'status', 'aria-live': 'polite' });
    const box = h('div', { class: 'note', role: 'status' }, h('span', { class: 'text' }, h('span', { class: 'brand', text: 'Keyshift:' }), ' ', say(n.message)));
    if (n.action) box.append(h('a', { href: n.action.href, text: t(n.action.label) }));
    if (n.capture !== undefined && n.capture !== null) {
      box.append(h('button', { class: 'primary', text: t('copyToken'), onclick: () => copyCapture(n.capture, status) }));
    }
    if (n.dismiss) {
      const dismiss = async () => {
        if (await ask({ dismiss: { fingerprint: n.dismiss } })) host.remove();
      };
      box.append(h('button', { text: t('dismiss'), 'aria-label': t('dismissLabel'), onclick: dismiss }));
    }
    box.append(status);
    root.append(box);
    return host;
  }

  async function copyCapture(id, status) {
    const c = captures.get(id);
    if (!c) return false;
    try {
      await navigator.clipboard.writeText(c.token);
    } catch (_) {
      if (status) status.textContent = t('copyFailed');
      return false;
    }
    if (status) status.textContent = t('copied');
    const reply = await ask({ copied: { capture: id } });
    if (reply && !reply.guard && guard && guard.capture === id) guard = null;
    return true;
  }

  // ---- the Done guard -----------------------------------------------------------------

  function onClickCapture(ev) {
    try {
      if (!guard || !ev.isTrusted || !guard.control || !guard.control.contains(ev.target)) return;
      const { control, capture } = guard;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      guard = null;
      ask({ 'done-clicked': { capture } }).then((reply) => {
        if (reply && reply.decision === 'confirm') confirmDone(control, capture);
        else control.click();
      });
    } catch (_) {
      /* never throw into the page */
    }
  }

  function confirmDone(control, capture) {
    const host = h('keyshift-confirm');
    const root = styled(host.attachShadow({ mode: 'open' }));
    const status = h('span', { class: 'status', 'aria-live': 'polite' });
    const finish = (go) => {
      host.remove();
      if (go) control.click();
      else control.focus();
    };
    const copy = h('button', { class: 'primary', text: t('copyAndContinue'), onclick: async () => finish(await copyCapture(capture, status)) });
    const skip = h('button', { text: t('continueWithoutCopying'), onclick: () => finish(true) });
    root.append(
      h('div', { class: 'note confirm', role: 'alertdialog', 'aria-labelledby': 'title', 'aria-describedby': 'body' },
        h('span', { class: 'text' }, h('strong', { id: 'title', text: t('doneGuardTitle') }), ' ', h('span', { id: 'body', text: t('doneGuardBody') })),
        copy, skip, status),
    );
    host.addEventListener('keydown', onTrusted((ev) => ev.key === 'Escape' && finish(false)));
    control.after(host);
    copy.focus();
  }

  // ---- watching for changes -----------------------------------------------------------

  const dirty = new Set();
  let pending = false; // a flush is scheduled
  let running = false; // a scan is reading or waiting for the engine

  function ours(node) {
    return node.nodeType === 1 && (node.tagName === 'KEYSHIFT-NOTE' || node.tagName === 'KEYSHIFT-CONFIRM');
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

  function schedule() {
    if (pending || running || !dirty.size) return;
    pending = true;
    if (dirty.size <= SMALL_CHANGE) {
      // A token appearing or a row added: read it now, not a frame later.
      queueMicrotask(flush);
    } else {
      // A burst (a page rendering a list): gather it once per frame.
      requestAnimationFrame(flush);
      setTimeout(() => pending && flush(), 100); // rAF sleeps in background tabs
    }
  }

  // One scan at a time: changes made while one runs are read by the next, so a page
  // that never stops changing gets a steady, time-sliced reader, not a pile of them.
  function run(roots) {
    running = true;
    scan(roots)
      .catch(() => {})
      .finally(() => {
        running = false;
        schedule();
      });
  }

  function flush() {
    pending = false;
    if (!alive || running) return;
    // Notes that left the page with their element (a single-page app moved on) go, and
    // with them any token this script kept for copying.
    for (const [id, list] of notes) if (!list.some((n) => n.isConnected)) clearNotes(id);
    const changed = [];
    for (const n of dirty) {
      const el = n.nodeType === 1 ? n : n.parentElement;
      if (el && el.isConnected) changed.push(el);
    }
    dirty.clear();
    // A changed cell is re-read with its whole row, so the row's notes stay right.
    const roots = outermost(outermost(changed).map((el) => el.closest('tr') || blockFor(el)));
    if (roots.length) run(roots);
  }

  const observer = new MutationObserver((records) => {
    try {
      for (const r of records) {
        if (ours(r.target)) continue;
        if (r.type === 'childList') {
          for (const n of r.addedNodes) if (!ours(n)) dirty.add(n);
          if ([...r.removedNodes].some((n) => !ours(n))) dirty.add(r.target);
        } else {
          dirty.add(r.target);
        }
      }
      schedule();
    } catch (_) {
      /* never throw into the page */
    }
  });

  document.addEventListener('click', onClickCapture, true);
  watch(document.documentElement);
  run([document.body || document.documentElement]);
})();
