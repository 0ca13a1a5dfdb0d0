// @ts-check
// The missed-page report is drawn by Rust (src/ui/report.rs); this only starts it.
import init, { report } from './pkg/keyshift_pages.js';

init({ module_or_path: new URL('./pkg/keyshift_pages_bg.wasm', import.meta.url) }).then(() => report());
