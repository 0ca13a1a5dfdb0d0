//! Keyshift's engine: everything it decides about RepairShopr/Syncro pages, API keys
//! and tokens, as plain Rust tested natively. Two thin crates make the wasm modules the
//! extension ships, and see only this public API: `crates/worker` (the background's
//! engine, `bind`) and `crates/pages` (the extension's own pages). The fuzz targets and the
//! benchmarks drive it too.
//!
//! The floors, each importing only those below it (`tools/house.py --draw` prints them;
//! `make test` fails on an arrow back up): `ids`, `text`, `words` (what pages say, in five
//! languages), `strict` (the reader for what pages send) → `read` (what a page means) → `policy` (the vendor's rules and what
//! Keyshift says of them), `reveal` (is this a fresh token?) → `keep` (what the engine
//! remembers), `health` (each account's token list, as facts) → `plan` (a snapshot → a plan) → `contract` (what crosses to the shell)
//! → `backend` (who may ask what) → the two wasm crates.

pub mod backend;
pub mod contract;
pub mod dates;
pub mod health;
pub mod ids;
pub mod keep;
pub mod plan;
pub mod policy;
pub mod popup;
pub mod read;
pub mod report;
pub mod reveal;
pub mod strict;
pub mod survey;
pub mod text;
pub mod words;

pub use backend::{Backend, Caller};
pub use contract::messages::{Clock, Request, State};
pub use ids::{Millis, TabId};
pub use keep::capture::Binding;
pub use read::block::Joined;
pub use read::scan::{scan, Finding, FindingKind};
#[cfg(not(target_arch = "wasm32"))]
pub use strict::{json::from_json, MESSAGE};
pub use survey::{count, Counts};

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg(all(test, not(target_arch = "wasm32")))]
mod locales_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
