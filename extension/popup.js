// @ts-check
// The toolbar popup is drawn by Rust (src/ui/popup.rs); this only starts it.
import init, { popup } from './pkg/keyshift.js';

init({ module_or_path: new URL('./pkg/keyshift_bg.wasm', import.meta.url) }).then(() => popup());
