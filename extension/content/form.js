// @ts-check
// Keyshift's content script: the New Token form. A trusted click on a control the
// engine's plan named (Create API Token, a prebuilt choice), or any trusted submit when
// the plan says no control reads as one, tells the background this tab just made a token,
// with what the user typed and chose. Part of the one bundled content script.

import { DIALOGS, element, labelOf, squeeze } from './read.js';
import { CAPS } from './tables.js';

/** @param {(request: any) => Promise<any>} ask */
export function newTokenForm(ask) {
  /** @type {{ controls: Map<Element, import('./pkg/keyshift.js').TokenKind>, name: number | null, submits: boolean } | null} */
  let watching = null;

  // ---- the New Token form -------------------------------------------------------------

  // A trusted click on a control the engine named (Create API Token, a prebuilt choice)
  // tells the background this tab just made a token, with the name typed for it. (Enter
  // in a field submits through a trusted click on the form's default button too.)
  /** @param {Element | null} target */
  function noteSubmit(target) {
    if (!watching || !target) return;
    for (const [control, kind] of watching.controls) {
      if (!control.contains(target)) continue;
      submitted(kind, control);
      return;
    }
  }

  // What the user typed for the name and chose in the form (a prebuilt radio, option or
  // tab): the engine names the token from them.
  /** @param {import('./pkg/keyshift.js').TokenKind} kind @param {Element} from */
  function submitted(kind, from) {
    if (!watching) return;
    const field = watching.name !== null ? /** @type {HTMLInputElement | undefined} */ (element(watching.name)) : undefined;
    const name = field && field.value ? squeeze(field.value, CAPS.name) : undefined;
    const scope = from.closest('form') || from.closest(DIALOGS) || document;
    /** @type {string[]} */
    const chosen = [];
    for (const el of scope.querySelectorAll('input[type=radio]:checked, option:checked, [role=tab][aria-selected=true], [aria-pressed=true], [aria-checked=true][role=radio]')) {
      if (chosen.length >= CAPS.chosen) break;
      const text = el instanceof HTMLInputElement ? labelOf(el) || (el.labels && el.labels[0] && el.labels[0].textContent) || el.value : el.textContent;
      const label = squeeze(text, CAPS.label);
      if (label) chosen.push(label);
    }
    ask({ submitted: { kind, name, chosen } });
  }

  // On a New Token page none of whose controls reads as one, any form the user sends is
  // the New Token form.
  /** @param {Event} ev */
  function onSubmit(ev) {
    try {
      if (ev.isTrusted && watching && watching.submits && ev.target instanceof HTMLFormElement) submitted('unknown', ev.target);
    } catch (_) {
      /* never throw into the page */
    }
  }

  // The user clicked a control the engine named.
  /** @param {MouseEvent} ev */
  function onClickCapture(ev) {
    try {
      if (ev.isTrusted) noteSubmit(/** @type {Element} */ (ev.composedPath()[0] || ev.target));
    } catch (_) {
      /* never throw into the page */
    }
  }

  document.addEventListener('click', onClickCapture, true);
  document.addEventListener('submit', onSubmit, true);
  return {
    /** @param {import('./pkg/keyshift.js').Watch} watch */
    watch(watch) {
      const controls = new Map();
      for (const [id, kind] of watch.controls) {
        const el = element(id);
        if (el) controls.set(el, kind);
      }
      watching = { controls, name: watch.name, submits: watch.submits };
    },
    stop() {
      document.removeEventListener('click', onClickCapture, true);
      document.removeEventListener('submit', onSubmit, true);
    },
  };
}
