//! Keyshift's engine: everything it decides about RepairShopr/Syncro pages, API keys
//! and tokens, as plain Rust tested natively. `bind` (the background's engine) and `ui`
//! (the extension's own pages) are the only browser-facing modules.
//!
//! The crate's public surface is what the fuzz targets and the benchmarks drive; every
//! module is the extension's own.

// A build with one of the two wasm features leaves the other's share of the engine
// unused; clippy checks both together, where nothing may be dead.
#![cfg_attr(
    all(target_arch = "wasm32", not(all(feature = "worker", feature = "pages"))),
    allow(dead_code, unused_imports)
)]

mod backend;
mod contract;
mod ids;
mod keep;
mod read;
// Pieces only the wasm's extension pages use (and the native tests).
mod plan;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod popup;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod report;
mod reveal;
mod survey;
mod text;

// Two wasm builds from one crate: the background's engine (`worker`: `bind`) and the
// extension's own pages (`pages`: `ui`). Each ships only what it runs, so the worker
// starts and the popup opens on a smaller module.
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
mod bind;
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
mod ui;

/// Smaller and faster than the default dlmalloc on wasm (single-threaded: no atomics).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
mod bench;

pub use backend::{Backend, Caller};
pub use contract::messages::{Clock, Request, State};
#[cfg(not(target_arch = "wasm32"))]
pub use contract::strict::{json::from_json, MESSAGE};
pub use ids::{Millis, TabId};
pub use keep::capture::Binding;
pub use read::block::Joined;
pub use read::scan::{scan, Finding, FindingKind};
pub use survey::{count, Counts};

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg(all(test, not(target_arch = "wasm32")))]
mod locales_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
