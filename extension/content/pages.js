// @ts-check
// Keyshift's content script: what Keyshift's own extension pages ask this frame. Part of
// the one bundled content script (tools/pack.py).

import { keyshiftFields, keyshiftFill, keyshiftMark } from '../fields.js';
import { rawPage } from './landmarks.js';

// Keyshift's own pages ask the top frame: the missed-page report for the page's raw
// tree; the popup's "Fill into this page" for the fields, to mark one, and to fill it
// with the token the user chose. Only Keyshift's extension pages can send these
// (pages have no way to message content scripts).
/** @param {any} message (a `TabRequest`, once checked to come from Keyshift's own pages)
 *  @param {chrome.runtime.MessageSender} sender
 *  @param {(answer: import('./pkg/keyshift.js').PageAnswer | import('./pkg/keyshift.js').ResultAnswer) => void} reply */
export function answerKeyshiftPages(message, sender, reply) {
  try {
    if (!message || window !== window.top) return false;
    if (sender.id !== chrome.runtime.id || !String(sender.url).startsWith(chrome.runtime.getURL(''))) return false;
    if (message.report) reply({ page: rawPage() });
    else if (message.fields) reply({ page: keyshiftFields() });
    else if (message.mark) reply({ result: keyshiftMark(message.mark.at, message.mark.expect, Boolean(message.mark.on), String(message.mark.label || '')) });
    else if (message.fill) reply({ result: keyshiftFill(message.fill.at, message.fill.expect, String(message.fill.value)) });
  } catch (_) {
    /* never throw into the page */
  }
  return false;
}
