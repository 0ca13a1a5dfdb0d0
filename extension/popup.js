// @ts-check
// The toolbar popup is drawn by Rust (src/ui/popup.rs); this only starts it.
import init, { popup } from './pkg/keyshift_pages.js';

init({ module_or_path: new URL('./pkg/keyshift_pages_bg.wasm', import.meta.url) }).then(() => popup());
