//! Keyshift's engine: everything it decides about RepairShopr/Syncro pages, API keys
//! and tokens, as plain Rust tested natively. `bind` is the only browser-facing module.

pub mod backend;
pub mod block;
pub mod capture;
pub mod clipboard;
pub mod context;
pub mod dates;
pub mod error;
pub mod fingerprint;
pub mod hosts;
pub mod integrations;
pub mod messages;
pub mod page;
pub mod plan;
pub mod policy;
pub mod popup;
pub mod report;
pub mod reveal;
pub mod scan;
pub mod settings;
pub mod snapshot;
pub mod strict;
pub mod survey;
pub mod text;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod bind;
#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
mod bench;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg(all(test, not(target_arch = "wasm32")))]
mod locales_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
