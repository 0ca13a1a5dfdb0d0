//! A token's text as the engine holds it: wiped from memory when dropped, never printed,
//! shown only masked.

use serde::{Deserialize, Serialize};
use std::fmt;
use zeroize::Zeroizing;

/// A token's text, wiped from memory when dropped and never printed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(text: String) -> Self {
        Secret(Zeroizing::new(text))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The first 8 and last 4 characters, the way the vendor's list shortens a token.
    pub fn masked(&self) -> String {
        let t: &str = &self.0;
        let tail = t.len().saturating_sub(4);
        if t.len() <= 16 || !t.is_char_boundary(8) || !t.is_char_boundary(tail) {
            return "…".into();
        }
        [&t[..8], "…", &t[tail..]].concat()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(redacted)")
    }
}
