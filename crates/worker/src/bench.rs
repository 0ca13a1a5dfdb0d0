//! Exports used only by `make bench` (feature `bench`): never in the shipped wasm.

use keyshift::survey::count;
use wasm_bindgen::prelude::*;

/// The engine's job on `text`: `[full tokens, legacy keys]`.
#[wasm_bindgen]
pub fn bench_count(text: &str) -> Vec<u32> {
    let c = count(text);
    vec![c.tokens, c.keys]
}

/// Only hands the text over and reads its length: the ceiling no scanner inside wasm
/// can beat, since every scan pays this copy first.
#[wasm_bindgen]
pub fn bench_handoff(text: &str) -> u32 {
    text.len() as u32
}
