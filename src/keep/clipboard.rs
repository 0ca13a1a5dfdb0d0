//! Clearing the clipboard after a token was copied, only if it still holds that token.
//! The shell reads the clipboard when a clear is due and asks `check`; the clipboard's
//! text is compared by salted fingerprint and never kept.

use crate::ids::Millis;
use crate::keep::fingerprint::Fingerprint;
use serde::{Deserialize, Serialize};

/// At most this many clears wait at once; a newer copy pushes the oldest out.
pub const MAX_PENDING: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Pending {
    due: Millis,
    fingerprint: Fingerprint,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClipboardClears {
    pending: Vec<Pending>,
}

impl ClipboardClears {
    /// After a copy of the token with this fingerprint: clear at `due` if still there.
    pub fn schedule(&mut self, fingerprint: Fingerprint, due: Millis) {
        self.pending.retain(|p| p.fingerprint != fingerprint);
        if self.pending.len() >= MAX_PENDING {
            self.pending.remove(0);
        }
        self.pending.push(Pending { due, fingerprint });
    }

    pub fn next_due(&self) -> Option<Millis> {
        self.pending.iter().map(|p| p.due).min()
    }

    /// Whether a clear is due: the shell should read the clipboard and call `check`.
    pub fn is_due(&self, now: Millis) -> bool {
        self.pending.iter().any(|p| p.due <= now)
    }

    /// Given the fingerprint of what the clipboard holds now, settles every due clear and
    /// says whether to empty the clipboard: only if it holds one of those tokens.
    pub fn check(&mut self, now: Millis, clipboard: &Fingerprint) -> bool {
        let clear = self.pending.iter().any(|p| p.due <= now && p.fingerprint == *clipboard);
        self.pending.retain(|p| p.due > now);
        clear
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn print(text: &str) -> Fingerprint {
        crate::keep::fingerprint::Salt::from_bytes([3; 16]).of(text)
    }

    #[test]
    fn clears_only_the_copied_token_and_only_when_due() {
        let mut c = ClipboardClears::default();
        c.schedule(print("aa"), Millis(60));
        c.schedule(print("bb"), Millis(90));
        assert_eq!(c.next_due(), Some(Millis(60)));
        assert!(!c.is_due(Millis(59)));
        assert!(c.is_due(Millis(60)));
        assert!(!c.check(Millis(60), &print("something else")), "the user copied something else since");
        assert_eq!(c.next_due(), Some(Millis(90)), "the due clear is settled either way");
        assert!(!c.check(Millis(89), &print("bb")), "not yet due");
        assert!(c.check(Millis(90), &print("bb")));
        assert_eq!(c.next_due(), None);
    }

    #[test]
    fn copying_again_reschedules_and_the_list_is_bounded() {
        let mut c = ClipboardClears::default();
        c.schedule(print("aa"), Millis(60));
        c.schedule(print("aa"), Millis(120));
        assert_eq!(c.next_due(), Some(Millis(120)));
        for i in 0..20 {
            c.schedule(print(&format!("{i}")), Millis(200 + i));
        }
        assert_eq!(c.pending.len(), MAX_PENDING);
        assert!(!c.pending.iter().any(|p| p.fingerprint == print("aa")), "the oldest went first");
    }
}
