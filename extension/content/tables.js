// @ts-check
// Keyshift's content script: the engine's tables, as data. `reading.json` is the engine's
// scan::READING and `caps.json` its snapshot::limits::CONTENT (Rust tests keep both in
// step). In the shipped content.js, tools/pack.py writes them in as constants in place of
// this module; loaded as modules (the content script's own tests), they are fetched.

/** @param {string} name */
const load = async (name) => (await fetch(new URL(name, import.meta.url))).json();

/** What to read closely. @type {import('./pkg/keyshift.js').Reading} */
export const READING = await load('./reading.json');
/** How much the content script reads at most. */
export const CAPS = await load('./caps.json');
