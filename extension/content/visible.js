// @ts-check
// Keyshift's content script: what a person can see of a block. CSS visibility (opacity
// included), its box, and whether an ancestor clips it away or another element covers it;
// the blocks measured hidden are remembered so that what shows them later reads them
// again (main.js `showing`). A module of the content script
// (tools/pack.py joins them into content.js).

import { PATH } from './read.js';

// Blocks that may hold a value but were measured hidden: read again when something
// around them changes how it is shown (main.js `showing`).
/** @type {Set<Element>} */
export const hiddenBlocks = new Set();
const MAX_HIDDEN = 200;

/** Whether a person still cannot see a box CSS shows: an ancestor clips it away, or
 * another element covers its centre. @param {Element} el @param {DOMRect} r */
function unseenOf(el, r) {
  if (r.width <= 0 || r.height <= 0) return false; // no size: the engine sees that itself
  for (let e = el.parentElement, i = 0; e && i < PATH * 2; e = e.parentElement, i++) {
    // Only what cannot be scrolled to: a scroll box's hidden part is a scroll away.
    const style = getComputedStyle(e);
    const clips = (/** @type {string} */ v) => v === 'hidden' || v === 'clip';
    if (!clips(style.overflowX) && !clips(style.overflowY) && style.clipPath === 'none') continue;
    const c = e.getBoundingClientRect();
    if (c.width < 1 || c.height < 1 || r.right <= c.left || r.left >= c.right || r.bottom <= c.top || r.top >= c.bottom) return true;
  }
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false; // scrolled away, not covered
  const root = /** @type {Document | ShadowRoot} */ (el.getRootNode());
  const hit = typeof root.elementFromPoint === 'function' ? root.elementFromPoint(x, y) : document.elementFromPoint(x, y);
  if (!hit) return false;
  // A hit inside the block (its own text element), or the block inside the hit (a label
  // around an input), is the block itself.
  return !(hit === el || el.contains(hit) || hit.contains(el));
}

/** Whether CSS shows what a person would see of a block (transparent counts as not
 * shown), its box in document coordinates, and whether something clips or covers it: its
 * own text nodes where it has them (a wrapper with `display: contents` has no box of its
 * own), else the element. @param {Element} el @param {Text[]} [own]
 * @returns {[boolean, number, number, number, number, boolean]} */
export function shownOf(el, own) {
  let box = el;
  /** @type {{ getBoundingClientRect(): DOMRect }} */
  let measured = el;
  if (own && own.length) {
    const range = document.createRange();
    range.setStartBefore(own[0]);
    range.setEndAfter(own[own.length - 1]);
    measured = range;
    box = own[0].parentElement || el;
  }
  const css = typeof box.checkVisibility === 'function' ? box.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true, opacityProperty: true, checkOpacity: true }) : true;
  const r = measured.getBoundingClientRect();
  const unseen = css && unseenOf(el, r);
  if ((!css || unseen || r.width <= 0 || r.height <= 0) && hiddenBlocks.size < MAX_HIDDEN) hiddenBlocks.add(el);
  else hiddenBlocks.delete(el);
  return [css, Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height), unseen];
}

