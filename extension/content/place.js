// @ts-check
// Keyshift's content script, a module of it: where a note goes. The element that shows
// the value, never inside a control; in a table cell or list item the note goes inside
// it, elsewhere right after; and the token a note is about, from its block's text.

import { CELL_OR_ITEM, element, INLINE, roleOf } from './read.js';

// The element that shows the value: the outermost inline element around the text
// node where it ends (`<code>` around split `<span>`s), or the input or button itself.
/** @param {import('./pkg/keyshift.js').Note} note @param {import('./pkg/keyshift.js').Block | undefined} block
 * @param {Map<number, Text[]>} nodes */
export function anchorFor(note, block, nodes) {
  const el = element(note.block);
  if (!el || !el.isConnected) return null;
  let anchor = el;
  const list = block && block.source === undefined ? nodes.get(note.block) : null;
  const node = list && list[note.span.end.seg];
  if (node && node.parentElement) {
    anchor = node.parentElement;
    while (anchor !== el && anchor.parentElement && anchor.parentElement !== el && INLINE.has(anchor.parentElement.tagName)) anchor = anchor.parentElement;
  }
  // Never inside a button or link: a note there would be a control inside a control.
  return anchor.closest('button, a, [role=button]') || anchor;
}

/** @param {Element} anchor @param {HTMLElement} note */
export function place(anchor, note) {
  // In a table cell the note's words take the cell's width (its style reads this).
  if (anchor.closest('td, th, [role=gridcell], [role=cell]')) note.toggleAttribute('data-in-cell', true);
  if (CELL_OR_ITEM.has(anchor.tagName) || /^(gridcell|cell)$/.test(roleOf(anchor))) anchor.append(note);
  else anchor.after(note);
}

/** @param {import('./pkg/keyshift.js').Block} block @param {import('./pkg/keyshift.js').Span} span */
export function tokenFrom(block, span) {
  const segs = block.segs;
  let out = '';
  for (let i = span.start.seg; i <= span.end.seg; i++) {
    const from = i === span.start.seg ? span.start.at : 0;
    const to = i === span.end.seg ? span.end.at : segs[i].length;
    out += segs[i].slice(from, to);
  }
  return out;
}
