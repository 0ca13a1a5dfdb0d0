// @ts-check
// Keyshift's field reader and filler, shared by the content script (bundled into it) and
// the popup (which injects this file into the active tab on other sites, with the
// activeTab permission the toolbar click grants). It gathers what a page's text fields
// say about themselves and fills the one the user chose; which field asks for a
// RepairShopr/Syncro token is decided in Rust (`src/read/fill.rs`).
//
// Top-level declarations only. An ES module here (the content script imports it); the
// build also ships it as a classic script (tools/pack.py drops `export`), which runs in
// an isolated world, where declared names win over page markup named like them.

/** @typedef {HTMLInputElement | HTMLTextAreaElement} TextField */
/** @typedef {{ id: number, kind: string, label?: string, name?: string, placeholder?: string, near?: string, section?: string, group?: number, shape?: string, visible: boolean, editable: boolean }} FieldFacts */

/** Every input and textarea, in document order, open shadow roots included. Which of
 * them can take a token (their kind, whether shown and editable) is decided in Rust. */
function keyshiftFieldElements() {
  /** @type {TextField[]} */
  const out = [];
  /** @param {Document | ShadowRoot} root */
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return out;
}

/** Whitespace runs as one space, trimmed, at most `max` characters.
 * @param {string | null | undefined} text @param {number} [max] */
export function keyshiftSqueeze(text, max = 300) {
  const s = (text || '').replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max) : s;
}

/** An element's own label: aria-label, aria-labelledby, a <label>.
 * @param {Element} el */
export function keyshiftLabel(el) {
  const aria = el.getAttribute('aria-label');
  if (aria) return keyshiftSqueeze(aria);
  const by = el.getAttribute('aria-labelledby');
  const root = /** @type {Document | ShadowRoot} */ (el.getRootNode());
  if (by) return keyshiftSqueeze(by.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent || '').join(' '));
  const field = /** @type {HTMLInputElement} */ (el);
  if (field.labels && field.labels.length) return keyshiftSqueeze(field.labels[0].textContent);
  return undefined;
}

/** The part of the page a field belongs to: its form, fieldset, dialog or section.
 * @param {Element} el */
export function keyshiftBox(el) {
  return el.closest('form, fieldset, dialog, [role=dialog], [role=alertdialog], [role=form], section, article') || el.parentElement;
}

/** What the field's part of the page says around it: its headings, and the words just
 * before the field ("api_key (apiKey) Name: api_key In: query Value:").
 * @param {Element} el @param {Element | null} box */
function keyshiftNear(el, box) {
  const heads = box ? Array.from(box.querySelectorAll('h1, h2, h3, h4, h5, h6, legend, [role=heading]'), (h) => h.textContent).join(' ') : '';
  let before = '';
  for (let at = /** @type {Element | null} */ (el); at && at !== box && before.length < 200; at = at.parentElement) {
    for (let s = at.previousElementSibling; s && before.length < 200; s = s.previousElementSibling) before = `${s.textContent} ${before}`;
  }
  return keyshiftSqueeze(`${heads} ${before}`, 400) || undefined;
}

/** The value's shape, never the value: hex digits become `h`, `T` and `-` stay, anything
 * else is `x`. Enough to tell a legacy key or a token is already there.
 * @param {string} value */
function keyshiftShape(value) {
  const v = value.trim();
  if (!v) return '';
  if (v.length > 80) return 'x';
  return v.replace(/[0-9a-fA-F]/g, 'h').replace(/[^hT-]/g, 'x');
}

/** The heading of the field's part of the page ("PSA: RepairShopr"): its box's name or
 * heading, else the first heading of the nearest enclosing element that has one (a form
 * inside a titled card). @param {Element} el @param {Element | null} box */
function keyshiftSection(el, box) {
  const labelled = box && box.getAttribute('aria-labelledby');
  const named = labelled ? (/** @type {Document | ShadowRoot} */ (box.getRootNode())).getElementById?.(labelled.split(/\s+/)[0]) : null;
  if (named) return keyshiftSqueeze(named.textContent, 80) || undefined;
  let at = el.parentElement;
  for (let depth = 0; at && depth < 8; depth++, at = at.parentElement) {
    const head = at.querySelector('h1, h2, h3, h4, h5, h6, legend, [role=heading]');
    if (head) return keyshiftSqueeze(head.textContent, 80) || undefined;
  }
  return undefined;
}

/** The field's kind (`text`, `password`, `textarea`…) and its `name` and `id`: what
 * describes it, and what a fill checks is still the same field. @param {TextField} el */
function keyshiftKindAndName(el) {
  return {
    kind: el instanceof HTMLTextAreaElement ? 'textarea' : el.type || 'text',
    name: keyshiftSqueeze([el.name, el.id].filter(Boolean).join(' '), 200) || undefined,
  };
}

/** @param {TextField} el @param {number} id @param {number} group @returns {FieldFacts} */
export function keyshiftFieldFacts(el, id, group) {
  const style = getComputedStyle(el);
  const box = keyshiftBox(el);
  return {
    id,
    ...keyshiftKindAndName(el),
    label: keyshiftLabel(el),
    placeholder: keyshiftSqueeze(el.placeholder) || undefined,
    near: keyshiftNear(el, box),
    section: keyshiftSection(el, box),
    group,
    shape: keyshiftShape(el.value),
    visible: el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none',
    editable: !el.disabled && !el.readOnly,
  };
}

/** This document's own random name: a fill is bound to the document the user saw the
 * question for, so a tab that navigated meanwhile (another page, another origin) gets
 * nothing. Kept under a symbol, which page markup cannot clobber; a new document gets a
 * new one. @returns {string} */
function keyshiftDoc() {
  const key = Symbol.for('keyshift.document');
  /** @type {any} */
  const world = globalThis;
  if (!world[key]) world[key] = crypto.randomUUID();
  return world[key];
}

/** Every text field of the page, numbered in document order. */
export function keyshiftFields() {
  /** @type {Map<Element | null, number>} */
  const groups = new Map();
  const fields = keyshiftFieldElements().map((el, at) => {
    const box = keyshiftBox(el);
    if (!groups.has(box)) groups.set(box, groups.size + 1);
    return keyshiftFieldFacts(el, at, /** @type {number} */ (groups.get(box)));
  });
  return { host: location.hostname, origin: location.origin, doc: keyshiftDoc(), title: keyshiftSqueeze(document.title), fields: fields.slice(0, 400) };
}

/** The field numbered `at`, if this is still the document the user approved (its name
 * and origin) and the field is still the one described by `kind` and `name`.
 * @param {number} at @param {{ kind: string, name?: string | null, doc?: string, origin?: string }} expect */
function keyshiftFieldAt(at, expect) {
  if (expect.doc !== keyshiftDoc() || expect.origin !== location.origin) return null;
  const el = keyshiftFieldElements()[at];
  if (!el) return null;
  const { kind, name } = keyshiftKindAndName(el);
  return kind === expect.kind && (name || null) === (expect.name || null) ? el : null;
}

/** Fills the field as typing would: through the element's own value setter (so a
 * framework's value tracking sees a change) and with `input` and `change` events (so
 * React, Vue and Angular update their state). Says what happened, never the value.
 * @param {number} at @param {{ kind: string, name?: string | null, doc?: string, origin?: string }} expect @param {string} value */
export function keyshiftFill(at, expect, value) {
  const el = keyshiftFieldAt(at, expect);
  if (!el) return 'changed';
  if (el.disabled || el.readOnly) return 'refused';
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (!setter) return 'refused';
  keyshiftMark(at, expect, false);
  el.focus();
  setter.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return el.value === value ? 'filled' : 'refused';
}

/** Shows (or stops showing) which field Keyshift means, before the user confirms: an
 * outline and a labelled callout above it (`label`: the engine's words, never a value).
 * @param {number} at @param {{ kind: string, name?: string | null, doc?: string, origin?: string }} expect @param {boolean} on @param {string} [label] */
export function keyshiftMark(at, expect, on, label) {
  const el = keyshiftFieldAt(at, expect);
  keyshiftCallout(on && el ? el : null, label || '');
  if (!el) return false;
  if (on) {
    el.style.setProperty('outline', '3px solid #1d4ed8', 'important');
    el.style.setProperty('outline-offset', '2px', 'important');
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
  } else {
    el.style.removeProperty('outline');
    el.style.removeProperty('outline-offset');
  }
  return true;
}

/** The one callout, above `el` (or none): in its own open shadow root with an adopted
 * sheet, so the page's styles and its strict style-src leave it as drawn.
 * @param {Element | null} el @param {string} label */
function keyshiftCallout(el, label) {
  const key = Symbol.for('keyshift.callout');
  /** @type {any} */
  const world = globalThis;
  world[key]?.remove();
  world[key] = null;
  if (!el || !label) return;
  const host = document.createElement('keyshift-callout');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    ':host { all: initial; position: absolute; z-index: 2147483647; pointer-events: none; }' +
      'p { margin: 0; font: 600 12px/1.4 system-ui, sans-serif; background: #1d4ed8; color: #fff; padding: 3px 8px;' +
      ' border-radius: 4px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.3); white-space: nowrap; }',
  );
  root.adoptedStyleSheets = [sheet];
  const p = document.createElement('p');
  p.setAttribute('role', 'note');
  p.textContent = label;
  root.append(p);
  const box = el.getBoundingClientRect();
  host.style.setProperty('left', `${Math.max(0, box.left + scrollX)}px`, 'important');
  host.style.setProperty('top', `${Math.max(0, box.top + scrollY - 28)}px`, 'important');
  document.documentElement.append(host);
  world[key] = host;
}
