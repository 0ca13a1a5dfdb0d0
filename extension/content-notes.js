// Keyshift's content script, part 2 of 3: drawing. The notes and the Done question, in
// shadow roots styled by one adopted stylesheet, in the browser's language. Their
// buttons act only on trusted (user-made) events.
(() => {
  'use strict';
  const ks = (globalThis.__keyshift = globalThis.__keyshift || {});
  if (ks.notes) return;

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

  // `actions.copy(capture, status)` copies a captured token; `actions.dismiss(print)`
  // resolves true once the engine recorded the dismissal.
  function renderNote(n, actions) {
    const host = h('keyshift-note', { 'data-kind': n.kind });
    const root = styled(host.attachShadow({ mode: 'open' }));
    const status = h('span', { class: 'status', 'aria-live': 'polite' });
    const box = h('div', { class: 'note', role: 'status' }, h('span', { class: 'text' }, h('span', { class: 'brand', text: 'Keyshift:' }), ' ', say(n.message)));
    if (n.action) box.append(h('a', { href: n.action.href, text: t(n.action.label) }));
    if (n.capture !== undefined && n.capture !== null) {
      box.append(h('button', { class: 'primary', text: t('copyToken'), onclick: () => actions.copy(n.capture, status) }));
    }
    if (n.dismiss) {
      const dismiss = async () => {
        if (await actions.dismiss(n.dismiss)) host.remove();
      };
      box.append(h('button', { text: t('dismiss'), 'aria-label': t('dismissLabel'), onclick: dismiss }));
    }
    box.append(status);
    root.append(box);
    return host;
  }

  // The question before Done; `copy(status)` resolves whether the token was copied.
  function confirmDone(control, copy) {
    const host = h('keyshift-confirm');
    const root = styled(host.attachShadow({ mode: 'open' }));
    const status = h('span', { class: 'status', 'aria-live': 'polite' });
    const finish = (go) => {
      host.remove();
      if (go) control.click();
      else control.focus();
    };
    const copyButton = h('button', { class: 'primary', text: t('copyAndContinue'), onclick: async () => finish(await copy(status)) });
    const skip = h('button', { text: t('continueWithoutCopying'), onclick: () => finish(true) });
    root.append(
      h('div', { class: 'note confirm', role: 'alertdialog', 'aria-labelledby': 'title', 'aria-describedby': 'body' },
        h('span', { class: 'text' }, h('strong', { id: 'title', text: t('doneGuardTitle') }), ' ', h('span', { id: 'body', text: t('doneGuardBody') })),
        copyButton, skip, status),
    );
    host.addEventListener('keydown', onTrusted((ev) => ev.key === 'Escape' && finish(false)));
    control.after(host);
    copyButton.focus();
  }

  ks.notes = { t, renderNote, confirmDone };
})();
