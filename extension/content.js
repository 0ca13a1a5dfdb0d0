// Keyshift's content script, part 3 of 3: gathers what the page shows (content-read.js),
// sends it to the background engine, and places the notes its plan asks for
// (content-notes.js). It decides nothing about keys, tokens or pages; it only gathers,
// places and clicks. It must never throw into the page.
(() => {
  'use strict';
  if (globalThis.__keyshiftLoaded || !globalThis.__keyshift) return;
  globalThis.__keyshiftLoaded = true;
  const { COPY_ATTRS, INLINE, CELL_OR_ITEM, element, blockFor, startSlice, tired, rest, gather, pageInfo, outermost } = globalThis.__keyshift.read;
  const { t, renderNote, confirmDone } = globalThis.__keyshift.notes;

  const BATCH_BLOCKS = 1500;
  const SMALL_CHANGE = 16;
  const OBSERVE = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: COPY_ATTRS.concat(['value']) };

  let alive = true;
  const notes = new Map(); // block id -> placed note elements
  const captures = new Map(); // capture id -> { token, note }
  let guard = null; // { control, capture } while the engine wants Done guarded

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

  const watched = new WeakSet();
  function watch(root) {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, OBSERVE);
  }

  // ---- scanning -----------------------------------------------------------------------

  async function scan(roots) {
    startSlice();
    const { blocks, rows, nodes } = await gather(roots, watch);
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
        const el = renderNote(n, noteActions);
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

  const noteActions = {
    copy: copyCapture,
    dismiss: async (fingerprint) => Boolean(await ask({ dismiss: { fingerprint } })),
  };

  // ---- the Done guard -----------------------------------------------------------------

  function onClickCapture(ev) {
    try {
      if (!guard || !ev.isTrusted || !guard.control || !guard.control.contains(ev.target)) return;
      const { control, capture } = guard;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      guard = null;
      ask({ 'done-clicked': { capture } }).then((reply) => {
        if (reply && reply.decision === 'confirm') confirmDone(control, (status) => copyCapture(capture, status));
        else control.click();
      });
    } catch (_) {
      /* never throw into the page */
    }
  }

  // ---- watching for changes -----------------------------------------------------------

  const dirty = new Set();
  let pending = false; // a flush is scheduled
  let running = false; // a scan is reading or waiting for the engine

  function ours(node) {
    return node.nodeType === 1 && (node.tagName === 'KEYSHIFT-NOTE' || node.tagName === 'KEYSHIFT-CONFIRM');
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
