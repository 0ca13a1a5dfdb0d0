// @ts-check
// The options page is drawn by Rust (src/ui/options.rs); this only starts it.
import init, { options } from './pkg/keyshift_pages.js';

init({ module_or_path: new URL('./pkg/keyshift_pages_bg.wasm', import.meta.url) }).then(() => options());
