//! Counts what a text holds, for benchmarks that compare the engine with other ways of
//! doing the same job: full tokens, and UUIDs that their own text marks as legacy keys.

use crate::read::context::{legacy_key_reason, Surroundings};
use crate::read::scan::{scan, FindingKind};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
/// What a text holds.
pub struct Counts {
    /// Full API tokens.
    pub tokens: u32,
    /// UUIDs their own text marks as legacy keys.
    pub keys: u32,
}

/// Counts full tokens and legacy keys in `text`.
pub fn count(text: &str) -> Counts {
    let mut counts = Counts::default();
    for f in scan(text) {
        match f.kind {
            FindingKind::Token => counts.tokens += 1,
            FindingKind::Uuid => {
                let around = Surroundings { text, start: f.start, end: f.end, ..Default::default() };
                counts.keys += u32::from(legacy_key_reason(&around).is_some());
            }
            FindingKind::TokenRef => {}
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn counts_tokens_and_keys_in_their_own_text() {
        let text = "Your token: T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef\n\
                    API Key: 5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e\n\
                    device 9d3b1f2a-6c4e-4a8b-9e7d-1c2b3a4d5e6f reimaged\n\
                    /customers?api_key=0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5";
        assert_eq!(count(text), Counts { tokens: 1, keys: 2 });
    }
}
