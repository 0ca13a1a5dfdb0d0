// @ts-check
// Keyshift's content script, its entry module (wiring): sends what the page shows to the background
// engine, places the notes its plan asks for, arms the reveal's guard (guard.js) and
// reports the New Token form. It decides nothing about keys, tokens or pages; it only
// gathers, places and clicks. It must never throw into the page.

import { newTokenForm } from './form.js';
import { revealGuard } from './guard.js';
import { anchorFor, place, tokenFrom } from './place.js';
import { pageInfo } from './landmarks.js';
import { button, clearSummaries, renderNote, say, showSummary, t, useTheme } from './notes.js';
import { answerKeyshiftPages } from './pages.js';
import { blockFor, COPY_ATTRS, element, gather, mayHold, ours, outermost, rest, ROWS, startSlice, tired, VALUES } from './read.js';
import { hiddenBlocks } from './visible.js';
import { READING } from './tables.js';

/** @typedef {import('./pkg/keyshift.js').Plan} Plan */
/** @typedef {import('./pkg/keyshift.js').Request} Request */

// Loaded once per frame, even if injected twice (a custom domain that is also matched).
// A symbol, not a name: page markup cannot clobber it.
const LOADED = Symbol.for('keyshift.loaded');
/** @type {any} */
const world = globalThis;
if (!world[LOADED]) {
  world[LOADED] = true;
  start();
}

function start() {
  const BATCH_BLOCKS = 1500;
  const SMALL_CHANGE = 16;
  // What shows or hides an element: a reveal drawn hidden is read again when shown.
  const SHOWING = ['class', 'style', 'hidden', 'open'];
  const OBSERVE = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: COPY_ATTRS.concat(['value'], SHOWING) };

  let alive = true;
  /** @type {Map<number, HTMLElement[] & { key?: string }>} */
  const notes = new Map(); // block id -> placed note elements
  /** @type {Set<Local>} */
  const tokens = new Set(); // what this script shows a Copy button for, with its token
  const guard = revealGuard({ ask, copy: (local, status) => copyToken(local, status), tokens: () => tokens });
  const form = newTokenForm(ask);

  // ---- talking to the background ------------------------------------------------------

  function goQuiet() {
    alive = false;
    observer.disconnect();
    form.stop();
    document.removeEventListener('input', onValue, true);
    document.removeEventListener('change', onValue, true);
    for (const list of notes.values()) list.forEach((n) => n.remove());
    notes.clear();
    clearSummaries();
    tokens.clear();
    guard.stop();
  }

  /** @param {Request} request @returns {Promise<any>} */
  async function ask(request) {
    if (!alive) return null;
    try {
      const answer = await chrome.runtime.sendMessage(request);
      return answer && answer.ok ? answer.ok : null;
    } catch (e) {
      // The extension was reloaded or removed: this script is an orphan now.
      if (!chrome.runtime || !chrome.runtime.id) goQuiet();
      return null;
    }
  }

  // Running at document_start, before the page is parsed: wake the background now, so
  // its engine loads while the page finishes loading. The first read needs no answer:
  // what to read closely (READING) is the engine's own table, bundled in as data.
  ask({ hello: {} });

  const watched = new WeakSet();
  /** @param {Node} root */
  function watch(root) {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, OBSERVE);
  }

  // ---- scanning -----------------------------------------------------------------------

  /** @param {Array<Element | ShadowRoot>} roots */
  async function scan(roots) {
    startSlice();
    const loaded = document.readyState === 'complete';
    const { blocks, rows, nodes, fields } = await gather(roots, watch, READING);
    const { page, regions } = await pageInfo(roots);
    // Send in batches that end between rows, so a row's cells are read together: a row
    // never spans two messages (the engine reads a row's expiry and name in one plan). All
    // batches go out at once and their notes are placed together: placing per batch
    // would make the browser lay out a big table once per batch.
    /** @type {Block[][]} */
    const batches = [];
    for (let i = 0; i < blocks.length || i === 0; ) {
      let end = Math.min(i + BATCH_BLOCKS, blocks.length);
      while (end < blocks.length && end > i + 1 && blocks[end].row !== undefined && blocks[end].row === blocks[end - 1].row) end--;
      batches.push(blocks.slice(i, end));
      i = Math.max(end, 1);
    }
    const asked = [];
    for (const [n, batch] of batches.entries()) {
      if (tired(true)) await rest();
      /** @type {Array<[number, string]>} */
      const batchRows = [];
      for (const r of new Set(batch.map((b) => b.row))) {
        const row = r === undefined || r === null ? undefined : rows.get(r);
        if (row) batchRows.push(row);
      }
      asked.push(ask({ scan: { snapshot: { page, blocks: batch, rows: batchRows, regions, fields: n === 0 ? fields : [] } } }));
    }
    const replies = await Promise.all(asked);
    if (!alive) return;
    if (!loaded) remeasureAtLoad(blocks);
    // A batch the engine refused loses its own notes only; its blocks keep old ones.
    const placed = new Set();
    replies.forEach((reply, i) => reply && apply(reply.plan, batches[i], nodes, placed));
    // Blocks that were read again and no longer need a note lose their old ones.
    replies.forEach((reply, i) => reply && batches[i].forEach((b) => placed.has(b.id) || clearNotes(b.id)));
  }

  // What is shown was measured before the page finished loading: stylesheets still
  // loading can make an element measure as unrendered (Firefox) or shown before the
  // page's CSS hides it. Those blocks are read again once the page has loaded.
  /** @type {Set<Element> | null} */
  let early = null;
  /** @param {Block[]} blocks */
  function remeasureAtLoad(blocks) {
    for (const b of blocks) {
      const el = b.shown ? element(b.id) : undefined;
      if (!el) continue;
      if (!early) {
        early = new Set();
        const again = () => {
          for (const e of early || []) dirty.add(e);
          early = null;
          schedule();
        };
        // The page may have finished loading while the engine was answering.
        if (document.readyState === 'complete') queueMicrotask(again);
        else addEventListener('load', again, { once: true });
      }
      early.add(el);
    }
  }

  // Removing a captured-token note also drops this script's copy of the token; if the
  // page took a guarded token away by itself, the guard says where Keyshift keeps it.
  /** @param {number} id */
  function clearNotes(id) {
    for (const n of notes.get(id) || []) {
      n.remove();
      for (const local of tokens) {
        if (local.note !== n) continue;
        tokens.delete(local);
        guard.removed(local);
      }
    }
    notes.delete(id);
  }

  // A captured token the user could see (its note on screen in a visible tab for a
  // moment) is one the engine keeps when the tab moves on; one a page only flashed is not.
  const VIEWED_MS = 600;
  /** @type {Map<Element, number>} */
  const timers = new Map();
  const seeing = new IntersectionObserver((entries) => {
    try {
      for (const e of entries) {
        clearTimeout(timers.get(e.target));
        if (!e.isIntersecting) continue;
        timers.set(e.target, setTimeout(() => {
          if (document.visibilityState !== 'visible' || !e.target.isConnected) return;
          seeing.unobserve(e.target);
          const local = [...tokens].find((l) => l.note === e.target);
          if (local && local.capture !== null) ask({ viewed: { capture: local.capture } });
        }, VIEWED_MS));
      }
    } catch (_) {
      /* never throw into the page */
    }
  });

  // ---- placing (place.js finds where a note goes) -------------------------------------

  /** @param {Plan} plan @param {Block[]} batch @param {Map<number, Text[]>} nodes @param {Set<number>} placedNow */
  function apply(plan, batch, nodes, placedNow) {
    const byId = new Map(batch.map((b) => [b.id, b]));
    useTheme(plan.theme);
    /** @type {Map<number, Note[]>} */
    const fresh = new Map();
    for (const n of plan.notes) {
      let list = fresh.get(n.block);
      if (!list) fresh.set(n.block, (list = []));
      list.push(n);
    }
    /** @type {Map<number | null, Local>} */
    const shownNow = new Map();
    for (const [id, list] of fresh) {
      const key = JSON.stringify(list.map((n) => [n.kind, n.message, n.capture, n.dismiss, n.action, n.fill, n.compact]));
      placedNow.add(id);
      const old = notes.get(id);
      if (old && old.key === key && old.every((el) => el.isConnected)) {
        for (const local of tokens) if (old.includes(local.note)) shownNow.set(local.capture, local);
        continue;
      }
      clearNotes(id);
      /** @type {HTMLElement[] & { key?: string }} */
      const placed = [];
      placed.key = key;
      for (const n of list) {
        const block = byId.get(n.block);
        const anchor = anchorFor(n, block, nodes);
        if (!anchor) continue; // the element left the page while the engine was reading it
        if (n.kind === 'captured-token' && block) {
          /** @type {Local} */
          const local = { token: tokenFrom(block, n.span), capture: n.capture ?? null, copied: false, note: /** @type {any} */ (null), ifCopyFails: n.copyFailed || 'copyFailedNoHold' };
          local.note = renderNote(n, { copy: (status) => copyToken(local, status) });
          tokens.add(local);
          if (local.capture !== null) seeing.observe(local.note);
          shownNow.set(local.capture, local);
          place(anchor, local.note);
          placed.push(local.note);
        } else {
          const { dismiss, action } = n;
          const el = renderNote(n, {
            dismiss: dismiss ? async () => Boolean(await ask({ dismiss: { fingerprint: dismiss } })) : undefined,
            follow: action ? () => ask({ replacing: { kind: action.kind } }) : undefined,
            fill: n.fill ? () => ask({ 'fill-open': {} }) : undefined,
          });
          place(anchor, el);
          placed.push(el);
        }
      }
      notes.set(id, placed);
    }
    if (plan.done) {
      // The capture's token shown in this batch, or still shown from an earlier one (a
      // Done the page drew again on its own).
      const capture = plan.done.capture ?? null;
      const local = shownNow.get(capture) || [...tokens].find((l) => l.capture === capture && guard.guards(l));
      if (local && !local.copied) guard.arm(plan.done, local);
    }
    if (plan.watch) form.watch(plan.watch);
    const counted = plan.summary && element(plan.summary.block);
    if (counted && plan.summary) showSummary(counted, plan.summary);
  }

  /** Copies a token this page shows, with the page's own clipboard access during the
   * user's click. @param {Local} local @param {HTMLElement} status */
  async function copyToken(local, status) {
    try {
      await navigator.clipboard.writeText(local.token);
    } catch (_) {
      status.textContent = t(local.ifCopyFails);
      return false;
    }
    status.textContent = t('copied');
    local.copied = true;
    guard.copied(local);
    // The engine says whether (and when) it will clear the clipboard.
    const reply = local.capture !== null ? await ask({ copied: { capture: local.capture } }) : null;
    if (reply && reply.said) status.textContent = say(reply.said);
    return true;
  }

  // ---- watching for changes -----------------------------------------------------------

  const dirty = new Set();
  let pending = false; // a flush is scheduled
  let running = false; // a scan is reading or waiting for the engine

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
  /** @param {Array<Element | ShadowRoot>} roots */
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
    /** @type {Element[]} */
    const changed = [];
    for (const n of dirty) {
      const el = n.nodeType === 1 ? n : n.parentElement;
      if (el && el.isConnected) changed.push(el);
    }
    dirty.clear();
    // A changed cell is re-read with its whole row (the one row notion, read.js ROWS), so
    // the row's notes stay right.
    const roots = outermost(outermost(changed).map((el) => el.closest(ROWS) || blockFor(el) || el));
    if (roots.length) run(roots);
  }

  // Shown now, after being read hidden: blocks measured hidden, and fields whose value a
  // script set (a property, so no mutation) inside what changed.
  /** @param {Element} el */
  function showing(el) {
    for (const c of hiddenBlocks) {
      if (!c.isConnected) hiddenBlocks.delete(c);
      else if (el === c || el.contains(c) || (c.getRootNode() instanceof ShadowRoot && el.contains(/** @type {ShadowRoot} */ (c.getRootNode()).host))) dirty.add(c);
    }
    for (const field of el.querySelectorAll(VALUES)) {
      const value = /** @type {HTMLInputElement} */ (field).value;
      if (value && mayHold(READING, value)) dirty.add(field);
    }
    if (el.shadowRoot) dirty.add(el);
  }

  const observer = new MutationObserver((records) => {
    try {
      for (const r of records) {
        if (ours(r.target)) continue;
        if (r.type === 'attributes' && r.attributeName && SHOWING.includes(r.attributeName)) {
          if (r.target.nodeType === 1) showing(/** @type {Element} */ (r.target));
          continue;
        }
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

  // A value typed or pasted into a field changes no attribute: read that field again.
  /** @param {Event} ev */
  function onValue(ev) {
    try {
      const target = ev.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
        dirty.add(target);
        schedule();
      }
    } catch (_) {
      /* never throw into the page */
    }
  }

  chrome.runtime.onMessage.addListener(answerKeyshiftPages);

  // A dialog that fades or slides in is read again once it has.
  /** @param {Event} ev */
  const settled = (ev) => {
    try {
      if (ev.target instanceof Element && hiddenBlocks.size) {
        showing(ev.target);
        schedule();
      }
    } catch (_) {
      /* never throw into the page */
    }
  };
  document.addEventListener('transitionend', settled, true);
  document.addEventListener('animationend', settled, true);
  document.addEventListener('input', onValue, true);
  document.addEventListener('change', onValue, true);
  // The first read, as soon as the document is parsed.
  const begin = () => {
    if (!alive) return;
    watch(document.documentElement);
    run([document.body || document.documentElement]);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', begin, { once: true });
  else begin();
}
