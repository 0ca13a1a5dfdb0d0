// @ts-check
// Keyshift's content script, a module of it: drawing. The notes and the Done question, in
// open shadow roots (tests and assistive tools read them) styled by one adopted
// stylesheet. A page can restyle, move or rewrite them: every action here takes its
// target from this script's own state, never from the DOM, and acts only on trusted
// (user-made) events.

/** @typedef {import('./pkg/keyshift.js').Param} Param */
/** @typedef {import('./pkg/keyshift.js').Message} Message */
/** @typedef {import('./pkg/keyshift.js').Note} Note */

/** @param {string} id @param {string[]} [params] */
export const t = (id, params) => chrome.i18n.getMessage(id, params) || id;

// One language for the words, the dates and numbers in them, and the notes' `lang`:
// the locale chrome.i18n took the words from, not the browser's UI language. Read when
// the first note is drawn: the first getMessage loads the locale (~1.5 ms), which a
// page with nothing to note never needs.
/** @type {string | null} */
let locale = null;
const LOCALE = () => (locale = locale || t('locale'));

// Formatters are made on first use and kept: building one per date is slow on big lists,
// and building them on every page costs pages with nothing to note.
/** @type {Map<string, { format: (value: any, unit?: any) => string }>} */
const formatters = new Map();
/** @template {{ format: (value: any, unit?: any) => string }} F @param {string} key @param {() => F} make */
const formatter = (key, make) => {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
};

/** The engine passes numbers with their meaning; `Intl` writes them in the note's
 * language: a day, a count, "tomorrow" or "in 5 days", "2 minutes". @param {Param} p */
export function formatParam(p) {
  if ('date' in p) {
    return formatter('date', () => new Intl.DateTimeFormat(LOCALE(), { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(`${p.date}T00:00:00Z`));
  }
  if ('days' in p) return formatter('days', () => new Intl.RelativeTimeFormat(LOCALE(), { numeric: 'auto' })).format(p.days, 'day');
  if ('duration' in p) {
    const { value, unit } = p.duration;
    return formatter(unit, () => new Intl.NumberFormat(LOCALE(), { style: 'unit', unit, unitDisplay: 'long' })).format(value);
  }
  if ('name' in p) return p.name;
  if ('word' in p) return t(p.word);
  return formatter('count', () => new Intl.NumberFormat(LOCALE())).format(p.count);
}
/** @param {Message} message */
export const say = (message) => t(message.id, message.params.map(formatParam));

// Notes by severity: what stopped working (a legacy key, an expired token) red, what is
// about to (an expiring token) amber, the new token green, guidance (a field to fill, the
// replacement choice) neutral; each with a glyph, so colour is never the only sign. The
// question before a way out is amber: a question, not an error. Each colour is written
// once for a light and a dark page (`light-dark()`); the host's `data-theme` is the
// page's own scheme as the engine judged it (src/read/look.rs), not the desktop's.
const STYLE = `
  :host { all: initial; display: block; margin: 4px 0; font: 13px/1.4 system-ui, sans-serif; color-scheme: light; }
  :host([data-theme=dark]) { color-scheme: dark; }
  :host([data-theme=system]) { color-scheme: light dark; }
  .note { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; padding: 6px 10px; border-radius: 6px; border: 1px solid;
    --edge: light-dark(#b45309, #d97706); --paper: light-dark(#fffbeb, #2a1a05); --ink: light-dark(#451a03, #fde68a);
    border-color: var(--edge); background: var(--paper); color: var(--ink); }
  :host([data-kind=legacy-key]) .note, :host([data-kind=token-expired]) .note {
    --edge: light-dark(#b91c1c, #ef4444); --paper: light-dark(#fef2f2, #2b0a0a); --ink: light-dark(#450a0a, #fecaca); }
  :host([data-kind=captured-token]) .note, :host([data-kind=kept]) .note {
    --edge: light-dark(#047857, #10b981); --paper: light-dark(#ecfdf5, #052e22); --ink: light-dark(#022c22, #a7f3d0); }
  :host([data-kind=fill-field]) .note, :host([data-kind=replacement-choice]) .note {
    --edge: light-dark(#1d4ed8, #60a5fa); --paper: light-dark(#eff6ff, #0b1a3a); --ink: light-dark(#172554, #bfdbfe); }
  :host([data-kind=kept][data-corner]) { position: fixed; right: 16px; bottom: 16px; max-width: 420px; z-index: 2147483647; }
  .text { flex: 1 1 240px; }
  .text::before { content: "\\26A0\\FE0F  " / ""; }
  :host([data-kind=legacy-key]) .text::before, :host([data-kind=token-expired]) .text::before { content: "\\26D4  " / ""; }
  :host([data-kind=token-expiring]) .text::before { content: "\\23F3  " / ""; }
  :host([data-kind=captured-token]) .text::before, :host([data-kind=kept]) .text::before { content: "\\1F511  " / ""; }
  :host([data-kind=fill-field]) .text::before, :host([data-kind=replacement-choice]) .text::before { content: "\\2139\\FE0F  " / ""; }
  .confirm .text::before { content: "\\2753  " / ""; }
  /* In a table cell the words take the whole width and the controls go below them. */
  :host([data-in-cell]) .text { flex-basis: 100%; }
  /* A warning in a list's row: one line, so the row keeps its height; the whole text
     shows on hover or focus, and is read in full by assistive tools either way. */
  /* Zero width of its own, the row's full width to use: the note never widens a column
     or the page; its actions wrap below only where the row is too narrow for them. */
  :host([data-compact]) { margin: 2px 0; width: 0; min-width: 100%; }
  :host([data-compact]) .note { gap: 2px 6px; padding: 1px 8px; font-size: 12px; }
  :host([data-compact]) .text, :host([data-compact][data-in-cell]) .text { flex: 1 1 12em; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  :host([data-compact]:hover) .text, :host([data-compact]:focus-within) .text { white-space: normal; }
  :host([data-compact]) .brand { display: none; }
  :host([data-compact]) button { padding: 0 6px; }
  :host([data-compact]) a, :host([data-compact]) button { white-space: nowrap; flex: none; }
  /* The line above a list that counts its warnings. */
  .summary { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; padding: 4px 10px; border-radius: 6px;
    border: 1px solid light-dark(#9ca3af, #4b5563); background: light-dark(#f9fafb, #111827); color: light-dark(#111827, #e5e7eb); }
  .summary .part { white-space: nowrap; }
  .brand { font-weight: 600; margin-right: 4px; }
  button, a { font: inherit; color: inherit; }
  button { cursor: pointer; border: 1px solid currentColor; border-radius: 4px; padding: 2px 10px; background: transparent; }
  button.primary { background: light-dark(#047857, #10b981); color: light-dark(#fff, #022c22); border-color: light-dark(#047857, #10b981); }
  .confirm { --edge: light-dark(#b45309, #d97706); --paper: light-dark(#fffbeb, #2a1a05); --ink: light-dark(#451a03, #fde68a); }
  button:focus-visible, a:focus-visible, .status:focus-visible { outline: 2px solid light-dark(#2563eb, #93c5fd); outline-offset: 2px; }
  .status:empty { display: none; }`;

// The page's scheme, from the engine's last plan: every note drawn after takes it.
/** @type {import('./pkg/keyshift.js').Theme} */
let theme = 'light';
/** @param {import('./pkg/keyshift.js').Theme | undefined} next */
export function useTheme(next) {
  if (next) theme = next;
}

/** Runs `handler` only for events the user made; a page script's synthetic click does
 * nothing. Never throws into the page. @param {(ev: Event) => void} handler */
function onTrusted(handler) {
  return (/** @type {Event} */ ev) => {
    if (!ev.isTrusted) return;
    try {
      handler(ev);
    } catch (_) {
      /* never throw into the page */
    }
  };
}

// One stylesheet for every note, adopted by each shadow root: no inline <style>, so a
// page's strict style-src does not strip our look.
/** @type {CSSStyleSheet | null} */
let sheet = null;
/** @param {ShadowRoot} root */
function styled(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  root.adoptedStyleSheets = [sheet];
  return root;
}

/** @param {string} tag @param {Record<string, string>} [props] @param {...(Node | string)} children */
function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** A button whose action runs only on a trusted click. @param {string} label
 * @param {() => unknown} action @param {Record<string, string>} [props] */
export function button(label, action, props = {}) {
  const b = h('button', { type: 'button', text: label, ...props });
  b.addEventListener('click', onTrusted(() => action()));
  return b;
}

/** A link that goes where this script says, whatever the page later writes into its
 * `href`; a synthetic click goes nowhere. `before` runs first (it tells the background
 * which token the link is for). @param {string} label @param {string} href
 * @param {() => Promise<unknown>} [before] */
export function link(label, href, before) {
  const a = h('a', { href, text: label });
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    if (!ev.isTrusted) return;
    const go = () => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey) window.open(href, '_blank', 'noopener');
      else location.assign(href);
    };
    (before ? before().catch(() => {}) : Promise.resolve()).then(go);
  });
  return a;
}

/** `actions.copy(status)` copies this note's token; `actions.dismiss()` resolves true
 * once the engine recorded the dismissal; `actions.follow()` says a replacement link is
 * followed; `actions.fill()` asks for Keyshift's fill window. All are bound to this note
 * by the caller, from its own state.
 * @param {Note} n @param {{ copy?: (status: HTMLElement) => Promise<boolean>, dismiss?: () => Promise<boolean>, follow?: () => Promise<unknown>, fill?: () => unknown }} actions */
export function renderNote(n, actions) {
  const host = h('keyshift-note', { 'data-kind': n.kind, 'data-theme': theme, lang: LOCALE() });
  if (n.compact) host.toggleAttribute('data-compact', true);
  const root = styled(host.attachShadow({ mode: 'open' }));
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const box = h('div', { class: 'note', role: 'status' }, h('span', { class: 'text' }, h('span', { class: 'brand', text: t('notePrefix') }), ' ', say(n.message)));
  if (n.action) box.append(link(say(n.action.label), n.action.href, actions.follow));
  const fill = actions.fill;
  if (fill) box.append(button(t('fillHeld'), () => fill(), { class: 'primary' }));
  const copy = actions.copy;
  if (copy) box.append(button(t('copyToken'), () => copy(status), { class: 'primary' }));
  const dismiss = actions.dismiss;
  if (dismiss) {
    box.append(
      button(t('dismiss'), async () => {
        if (await dismiss()) host.remove();
      }, { 'aria-label': t('dismissLabel') }),
    );
  }
  box.append(status);
  root.append(box);
  return host;
}

// The summary line above each list, by the list it stands before.
/** @type {Map<Element, HTMLElement>} */
const summaries = new Map();

/** Shows the engine's line above the list that holds `anchor` (replacing the one there):
 * the page's warnings, counted. @param {Element} anchor @param {import('./pkg/keyshift.js').Summary} summary */
export function showSummary(anchor, summary) {
  const list = anchor.closest('table, [role=table], [role=grid], [role=treegrid], ul, ol') || anchor;
  const host = h('keyshift-summary', { 'data-theme': theme, lang: LOCALE() });
  const root = styled(host.attachShadow({ mode: 'open' }));
  const parts = summary.parts.map((m) => h('span', { class: 'part', text: say(m) }));
  root.append(h('div', { class: 'summary', role: 'note' }, h('span', { class: 'brand', text: t('summaryTitle') }), ...parts));
  const old = summaries.get(list);
  if (old && old.isConnected && old.shadowRoot?.textContent === root.textContent) return;
  old?.remove();
  list.before(host);
  summaries.set(list, host);
}

/** Takes every summary line away (the extension went quiet). */
export function clearSummaries() {
  for (const s of summaries.values()) s.remove();
  summaries.clear();
}

/** The question before a way out of the reveal. `copy(status)` resolves whether the
 * token was copied; `leave()` records that the user chose to go without it; `proceed()`
 * takes the way out; `closed()` says the question went without an answer (Escape). Only
 * the user's choice closes it: a failed copy keeps it open and says why. A press on one of
 * its buttons counts only when it started on that button, and a key only on a button the
 * user moved to: a page cannot move focus or a press onto "continue" for the user.
 * @param {HTMLElement} anchor @param {(status: HTMLElement) => Promise<boolean>} copy @param {() => void} leave
 * @param {() => void} proceed @param {() => void} closed */
export function confirmDone(anchor, copy, leave, proceed, closed) {
  const host = h('keyshift-confirm', { 'data-theme': theme, lang: LOCALE() });
  const root = styled(host.attachShadow({ mode: 'open' }));
  const status = h('span', { class: 'status', 'aria-live': 'assertive', tabindex: '-1' });
  const close = () => host.remove();
  const copyButton = h('button', { type: 'button', class: 'primary', text: t('copyAndContinue') });
  const skip = h('button', { type: 'button', text: t('continueWithoutCopying') });
  const buttons = [copyButton, skip];
  /** @type {Element | null} */
  let pressed = null; // where the user's last press started
  /** @type {Element | null} */
  let moved = copyButton; // the button the user (or this question) moved focus to
  const actions = new Map([
    [copyButton, async () => {
      if (await copy(status)) {
        close();
        proceed();
      } else {
        status.focus();
      }
    }],
    [skip, () => {
      leave();
      close();
      proceed();
    }],
  ]);
  root.addEventListener('pointerdown', onTrusted((ev) => {
    pressed = /** @type {Element} */ (ev.composedPath()[0]);
    pressed = buttons.find((b) => b === pressed || b.contains(/** @type {Node} */ (pressed))) || null;
    if (pressed) moved = pressed;
  }));
  for (const [b, action] of actions) {
    b.addEventListener('click', onTrusted((ev) => {
      const mouse = /** @type {MouseEvent} */ (ev);
      // A pointer click (detail ≥ 1) must have started here; a key's click needs focus
      // the user put here.
      const ok = mouse.detail > 0 ? pressed === b : moved === b && root.activeElement === b;
      pressed = null;
      if (ok) action();
      else copyButton.focus();
    }));
  }
  root.append(
    h('div', { class: 'note confirm', role: 'alertdialog', 'aria-labelledby': 'title', 'aria-describedby': 'body' },
      h('span', { class: 'text' }, h('strong', { id: 'title', text: t('doneGuardTitle') }), ' ', h('span', { id: 'body', text: t('doneGuardBody') })),
      copyButton, skip, status),
  );
  // Focus that lands on "continue" any other way than the user's goes back to the safe
  // choice; Tab cycles inside the question; Escape closes it and the guard stays.
  root.addEventListener('focusin', (ev) => {
    if (ev.target === skip && moved !== skip) copyButton.focus();
  });
  host.addEventListener('keydown', onTrusted((ev) => {
    const key = /** @type {KeyboardEvent} */ (ev);
    if (key.key === 'Escape') {
      key.stopPropagation();
      close();
      closed();
      anchor.focus();
    } else if (key.key === 'Tab') {
      const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (root.activeElement));
      key.preventDefault();
      moved = buttons[(at + (key.shiftKey ? buttons.length - 1 : 1)) % buttons.length];
      /** @type {HTMLElement} */ (moved).focus();
    }
  }));
  anchor.after(host);
  copyButton.focus();
  return host;
}

/** Says that the page took the new token off the screen and that the toolbar still has
 * it: a note of its own at the page's corner, until the user closes it. */
export function showKept() {
  if (document.querySelector('keyshift-note[data-kind=kept]')) return;
  const host = h('keyshift-note', { 'data-kind': 'kept', 'data-corner': '', 'data-theme': theme, lang: LOCALE() });
  const root = styled(host.attachShadow({ mode: 'open' }));
  const box = h('div', { class: 'note', role: 'status' }, h('span', { class: 'text' }, h('span', { class: 'brand', text: t('notePrefix') }), ' ', t('tokenTakenAway')));
  box.append(button(t('tokenTakenAwayClose'), () => host.remove()));
  root.append(box);
  (document.body || document.documentElement).append(host);
  return host;
}
