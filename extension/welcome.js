// @ts-check
// The welcome page is drawn by Rust (src/ui/welcome.rs); this only starts it.
import init, { welcome } from './pkg/keyshift_pages.js';

init({ module_or_path: new URL('./pkg/keyshift_pages_bg.wasm', import.meta.url) }).then(() => welcome());
