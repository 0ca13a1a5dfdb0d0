// @ts-check
// Keyshift's content script: the reveal's ways out. While a reveal's token is neither
// copied nor left on purpose, every way out the engine named (`DoneGuard`: its Done-like
// and close controls, Escape and the backdrop of its dialog, a form sent or a link that
// leaves) is held back on the user's own (trusted) press and the engine is asked what it
// means (`reveal::life`); a way out the user then takes is replayed as it came. The
// user's own copy (a copy event carrying the token, or a press on the page's own copy
// control) counts as copied. Part of the one bundled content script (tools/pack.py).

import { button, confirmDone, formatParam, link, showKept, t } from './notes.js';
import { element, ours, skipped } from './read.js';

/** @typedef {import('./pkg/keyshift.js').DoneGuard} DoneGuard */
/** @typedef {import('./pkg/keyshift.js').Exit} Exit */
/** @typedef {{ token: string, capture: number | null, copied: boolean, note: HTMLElement, ifCopyFails: string }} Local */

// A press held back also holds back the rest of its events (mousedown … click) this long.
const PRESS_MS = 2000;

/** @param {{ ask: (request: any) => Promise<any>, copy: (local: Local, status: HTMLElement) => Promise<boolean>, tokens: () => Iterable<Local> }} io */
export function revealGuard(io) {
  /** @type {{ plan: DoneGuard, local: Local, exits: Element[], copies: Element[], region: Element | null } | null} */
  let armed = null;
  let passing = false; // replaying a way out the user let through
  let swallowUntil = 0; // the rest of a held press
  let deciding = false; // the engine is deciding on a way out
  /** @type {HTMLElement | null} */
  let open = null; // the question on screen (a page may remove it: then it is not open)

  /** @param {Element} region */
  const modal = (region) => region.getAttribute('aria-modal') === 'true' || (typeof region.matches === 'function' && safeMatches(region, ':modal'));
  /** @param {Element} el @param {string} selector */
  function safeMatches(el, selector) {
    try {
      return el.matches(selector);
    } catch (_) {
      return false;
    }
  }

  /** A link that takes the page elsewhere: another address, or another route of an app
   * that routes by `#/…`. A new tab leaves the reveal where it is. @param {HTMLAnchorElement} a */
  function leaves(a) {
    if (!a.href || a.target === '_blank' || a.hasAttribute('download')) return false;
    let to;
    try {
      to = new URL(a.href, location.href);
    } catch (_) {
      return false;
    }
    if (to.protocol !== 'https:' && to.protocol !== 'http:') return false;
    const here = new URL(location.href);
    if (to.origin !== here.origin || to.pathname !== here.pathname || to.search !== here.search) return true;
    return to.hash !== here.hash && /^#[!/]/.test(to.hash || here.hash);
  }

  /** Which way out an event is, if any. @param {Event} ev @param {EventTarget[]} path @returns {Exit | null} */
  function exitOf(ev, path) {
    if (!armed) return null;
    const { plan, exits, region } = armed;
    const inRegion = !region || path.includes(region);
    if (ev.type === 'keydown') {
      return /** @type {KeyboardEvent} */ (ev).key === 'Escape' && plan.dialog && region && region.isConnected ? 'escape' : null;
    }
    if (ev.type === 'submit') return inRegion ? 'submit' : null;
    if (exits.some((e) => path.includes(e))) return 'activate';
    const link = path.find((n) => n instanceof HTMLAnchorElement);
    if (link && inRegion && leaves(/** @type {HTMLAnchorElement} */ (link))) return 'link';
    if (plan.dialog && region && region.isConnected && (path[0] === region || (!inRegion && modal(region)))) return 'backdrop';
    return null;
  }

  /** The way out, as it came, once the user let it through. @param {Event} ev @param {Exit} how
   * @param {Element} target @param {Element | null} region */
  function replayer(ev, how, target, region) {
    const mouse = /** @type {MouseEvent} */ (ev);
    return () => {
      passing = true;
      try {
        if (how === 'escape') {
          target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true, composed: true, cancelable: true }));
          if (region instanceof HTMLDialogElement && region.open) region.close();
        } else if (how === 'submit') {
          const form = /** @type {HTMLFormElement} */ (target);
          const submitter = /** @type {SubmitEvent} */ (ev).submitter;
          try {
            form.requestSubmit(/** @type {HTMLElement | null} */ (submitter) || undefined);
          } catch (_) {
            form.requestSubmit();
          }
        } else {
          const init = { bubbles: true, composed: true, cancelable: true, clientX: mouse.clientX, clientY: mouse.clientY, button: 0 };
          if (ev.type !== 'click') {
            target.dispatchEvent(new PointerEvent('pointerdown', init));
            target.dispatchEvent(new MouseEvent('mousedown', init));
            target.dispatchEvent(new PointerEvent('pointerup', init));
            target.dispatchEvent(new MouseEvent('mouseup', init));
          }
          if (target instanceof HTMLElement) target.click();
          else target.dispatchEvent(new MouseEvent('click', init));
        }
      } finally {
        passing = false;
      }
    };
  }

  /** Holds a way out back and asks the engine, then the user. @param {Event} ev @param {Exit} how @param {EventTarget[]} path */
  function hold(ev, how, path) {
    ev.preventDefault();
    ev.stopImmediatePropagation();
    if (ev.type !== 'click' && ev.type !== 'keydown' && ev.type !== 'submit') swallowUntil = Date.now() + PRESS_MS;
    if (deciding || (open && open.isConnected) || !armed) return;
    deciding = true;
    const g = armed;
    const target = /** @type {Element} */ (how === 'submit' ? ev.target : path[0]);
    const replay = replayer(ev, how, target, g.region);
    const proceed = () => {
      open = null;
      armed = null;
      replay();
    };
    /** @param {string | null} decision */
    const answer = (decision) => {
      deciding = false;
      if (decision === 'allow') return proceed();
      const exit = how === 'activate' ? g.exits.find((e) => path.includes(e)) : undefined;
      const anchor = exit instanceof HTMLElement ? exit : g.local.note;
      if (!anchor.isConnected) return proceed();
      const leave = () => {
        if (g.local.capture !== null) io.ask({ 'done-skipped': { capture: g.local.capture } });
      };
      open = confirmDone(anchor, (status) => io.copy(g.local, status), leave, proceed, () => {
        open = null;
      });
    };
    // When the engine keeps no record, or does not answer, this script asks by itself.
    if (g.local.capture === null) return answer('confirm');
    io.ask({ 'done-clicked': { capture: g.local.capture, how } }).then((reply) => answer(reply ? reply.decision : 'confirm'));
  }

  /** @param {Event} ev */
  function onEvent(ev) {
    try {
      if (!ev.isTrusted || passing || !armed) return;
      const path = ev.composedPath();
      if (path.some(ours)) return;
      if (armed.local.copied) {
        armed = null;
        return;
      }
      const press = ev.type !== 'keydown' && ev.type !== 'submit';
      if (press && ev.type !== 'pointerdown' && Date.now() < swallowUntil) {
        ev.preventDefault();
        ev.stopImmediatePropagation();
        if (ev.type === 'click') swallowUntil = 0;
        return;
      }
      if (ev.type === 'click' && armed.copies.some((c) => path.includes(c))) {
        copiedHere(armed.local, 'page');
        return;
      }
      const how = exitOf(ev, path);
      if (how) hold(ev, how, path);
    } catch (_) {
      /* never throw into the page */
    }
  }

  /** What a copy event puts on the clipboard: what the page set, else the selection
   * (inside a field, or on the page). @param {ClipboardEvent} ev */
  function copiedText(ev) {
    if (ev.defaultPrevented && ev.clipboardData) return ev.clipboardData.getData('text/plain');
    /** @type {Element | null} */
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
      const { selectionStart: a, selectionEnd: b } = active;
      if (a !== null && b !== null && b > a) return active.value.slice(a, b);
    }
    return String(document.getSelection() || '');
  }

  /** @param {Event} ev */
  function onCopy(ev) {
    try {
      if (!ev.isTrusted) return;
      const text = copiedText(/** @type {ClipboardEvent} */ (ev)).trim();
      if (!text) return;
      for (const local of io.tokens()) if (local.token === text) copiedHere(local, 'user');
    } catch (_) {
      /* never throw into the page */
    }
  }

  /** The user copied the token without Keyshift: say so, and ask nothing at Done.
   * @param {Local} local @param {'user' | 'page'} by */
  function copiedHere(local, by) {
    if (local.copied) return;
    local.copied = true;
    const status = local.note.shadowRoot && local.note.shadowRoot.querySelector('.status');
    const done = [formatParam(armed ? armed.plan.done : { word: 'doneWord' })];
    if (status) status.textContent = by === 'user' ? t('copiedByYou', done) : t('copiedByPage', done);
    if (armed && armed.local === local) armed = null;
    if (local.capture !== null) io.ask({ copied: { capture: local.capture, by } });
  }

  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'keydown', 'submit']) {
    addEventListener(type, onEvent, true);
  }
  // After the page's own handlers: a copy control may set the clipboard's text itself.
  addEventListener('copy', onCopy, false);

  return {
    /** @param {DoneGuard} plan @param {Local} local */
    arm(plan, local) {
      /** @param {number} id */
      const el = (id) => element(id);
      armed = {
        plan,
        local,
        exits: /** @type {Element[]} */ (plan.exits.map(el).filter(Boolean)),
        copies: /** @type {Element[]} */ (plan.copies.map(el).filter(Boolean)),
        region: plan.region !== null ? el(plan.region) || null : null,
      };
    },
    /** @param {Local} local */
    guards: (local) => Boolean(armed && armed.local === local),
    /** Keyshift copied it. @param {Local} local */
    copied(local) {
      if (armed && armed.local === local) armed = null;
    },
    /** The page took the guarded token off the screen by itself: if Keyshift still keeps
     * it, say where. @param {Local} local */
    removed(local) {
      if (!armed || armed.local !== local || local.copied) return;
      armed = null;
      if (local.capture === null) return;
      io.ask({ 'done-clicked': { capture: local.capture, how: 'removed' } }).then((reply) => {
        if (reply && reply.decision === 'kept') showKept();
      });
    },
    stop() {
      armed = null;
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'keydown', 'submit']) {
        removeEventListener(type, onEvent, true);
      }
      removeEventListener('copy', onCopy, false);
    },
  };
}
