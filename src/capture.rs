//! Captured tokens: seen → held (until a deadline) → copied / forgotten / expired.
//!
//! A held token's bytes live in a `Secret`, wiped when dropped. Each capture is bound to
//! the tab and origin it came from: a page can only ever touch its own captures, and
//! only the extension's own pages can read a held token back (see `backend`).

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher24};
use std::fmt;
use std::hash::Hasher;
use zeroize::Zeroizing;

/// Milliseconds since the Unix epoch, as the shell's `Date.now()` gives them.
pub type Millis = i64;

/// At most this many tokens are held; a new one pushes the oldest out.
pub const MAX_HELD: usize = 8;
/// With holding off, a capture is still remembered (without its token) this long, so the
/// Done guard knows whether it was copied.
pub const PAGE_MEMORY_MS: Millis = 30 * 60 * 1000;

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

    /// The first 6 and last 4 characters, for lists that must not show the token.
    pub fn masked(&self) -> String {
        let t: &str = &self.0;
        let tail = t.len().saturating_sub(4);
        if t.len() <= 12 || !t.is_char_boundary(6) || !t.is_char_boundary(tail) {
            return "…".into();
        }
        [&t[..6], "…", &t[tail..]].concat()
    }

    /// A salted, one-way fingerprint: lets us recognise a value again without keeping it.
    pub fn fingerprint(&self, salt: &str) -> String {
        fingerprint(salt, &self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(redacted)")
    }
}

/// A 128-bit keyed hash (SipHash-2-4, the salt as its key) of `value`, in hex. SipHash is
/// a pseudorandom function: without the salt nothing can be told from a fingerprint, and
/// with it (it sits in the profile) a key could only be found by guessing all 2^122 UUIDs.
pub fn fingerprint(salt: &str, value: &str) -> String {
    let (k0, k1) = salt_keys(salt);
    let mut h = SipHasher24::new_with_keys(k0, k1);
    h.write(value.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    h.finish128()
        .as_bytes()
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char])
        .collect()
}

/// The two 64-bit keys in a salt of 32 hex digits (what the shell generates). Any other
/// salt is first hashed into 16 bytes, so every salt still keys the hash.
fn salt_keys(salt: &str) -> (u64, u64) {
    let hex = salt.as_bytes();
    let digit = |b: u8| (b as char).to_digit(16).map(u64::from);
    if hex.len() == 32 && hex.iter().all(|&b| digit(b).is_some()) {
        let word = |part: &[u8]| part.iter().fold(0u64, |acc, &b| acc << 4 | digit(b).unwrap_or(0));
        return (word(&hex[..16]), word(&hex[16..]));
    }
    let mut h = SipHasher24::new_with_keys(0, 0);
    h.write(hex);
    let bytes = h.finish128().as_bytes();
    let half = |i: usize| bytes[i..i + 8].iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
    (half(0), half(8))
}

/// Where a capture came from. A page may touch only captures with its own binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub tab: i64,
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Capture {
    pub id: u32,
    pub binding: Binding,
    fingerprint: String,
    seen_at: Millis,
    deadline: Millis,
    copied_at: Option<Millis>,
    guard_shown: bool,
    /// The token, kept for the popup until the deadline; `None` when holding is off and
    /// only the fact of the capture is remembered, for the Done guard.
    token: Option<Secret>,
}

/// The state of a capture as a user would describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureState {
    Held,
    Copied,
    Forgotten,
    Expired,
}

/// What to do with a trusted click on the page's Done control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoneDecision {
    /// Hold the click back and ask: the token was not copied and we have not asked yet.
    Confirm,
    Allow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureError {
    /// No capture with that id belongs to the asker: it expired, was forgotten, or was
    /// never theirs.
    Unknown,
    /// The capture exists but its token is not held (holding is off).
    NotHeld,
}

/// A held token as the popup lists it: masked, never whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldView {
    pub id: u32,
    pub masked: String,
    pub origin: String,
    pub expires_in_ms: Millis,
    pub copied: bool,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct CaptureStore {
    next_id: u32,
    captures: Vec<Capture>,
}

impl CaptureStore {
    /// Records a token seen on a page and returns its capture id, and whether it is new.
    /// Seeing the same token again on the same page changes nothing.
    pub fn seen(
        &mut self,
        token: Secret,
        binding: Binding,
        fingerprint: String,
        now: Millis,
        hold_ms: Millis,
    ) -> (u32, bool) {
        if let Some(c) = self.captures.iter().find(|c| c.binding == binding && c.fingerprint == fingerprint) {
            return (c.id, false);
        }
        if self.captures.len() >= MAX_HELD {
            if let Some(oldest) = self.captures.iter().enumerate().min_by_key(|(_, c)| c.seen_at).map(|(i, _)| i) {
                self.captures.remove(oldest);
            }
        }
        self.next_id = self.next_id.wrapping_add(1).max(1);
        let (token, deadline) = if hold_ms > 0 { (Some(token), now + hold_ms) } else { (None, now + PAGE_MEMORY_MS) };
        self.captures.push(Capture {
            id: self.next_id,
            binding,
            fingerprint,
            seen_at: now,
            deadline,
            copied_at: None,
            guard_shown: false,
            token,
        });
        (self.next_id, true)
    }

    fn find_mut(&mut self, id: u32, binding: Option<&Binding>) -> Result<&mut Capture, CaptureError> {
        self.captures
            .iter_mut()
            .find(|c| c.id == id && binding.is_none_or(|b| *b == c.binding))
            .ok_or(CaptureError::Unknown)
    }

    /// The state of a live capture; `None` once it is gone.
    pub fn state(&self, id: u32) -> Option<CaptureState> {
        self.captures.iter().find(|c| c.id == id).map(|c| {
            if c.copied_at.is_some() {
                CaptureState::Copied
            } else {
                CaptureState::Held
            }
        })
    }

    /// Marks a capture copied. `binding` is the asking page's, or `None` for the popup.
    pub fn copied(&mut self, id: u32, binding: Option<&Binding>, now: Millis) -> Result<CaptureState, CaptureError> {
        let capture = self.find_mut(id, binding)?;
        capture.copied_at.get_or_insert(now);
        Ok(CaptureState::Copied)
    }

    /// The fingerprint of a live capture's token, to recognise it on the clipboard.
    pub fn fingerprint_of(&self, id: u32) -> Option<&str> {
        self.captures.iter().find(|c| c.id == id).map(|c| c.fingerprint.as_str())
    }

    /// Decides a trusted click on Done: ask once per token, only if it was not copied.
    pub fn done_clicked(&mut self, id: u32, binding: &Binding) -> Result<DoneDecision, CaptureError> {
        let capture = self.find_mut(id, Some(binding))?;
        if capture.copied_at.is_some() || capture.guard_shown {
            return Ok(DoneDecision::Allow);
        }
        capture.guard_shown = true;
        Ok(DoneDecision::Confirm)
    }

    /// Whether the page should still guard its Done control for this capture.
    pub fn wants_guard(&self, id: u32) -> bool {
        self.captures.iter().any(|c| c.id == id && c.copied_at.is_none() && !c.guard_shown)
    }

    pub fn forget(&mut self, id: u32) -> Result<CaptureState, CaptureError> {
        let before = self.captures.len();
        self.captures.retain(|c| c.id != id);
        if self.captures.len() == before {
            return Err(CaptureError::Unknown);
        }
        Ok(CaptureState::Forgotten)
    }

    pub fn forget_all(&mut self) -> usize {
        let n = self.captures.len();
        self.captures.clear();
        n
    }

    /// Drops every capture whose time is up; returns their ids.
    pub fn expire(&mut self, now: Millis) -> Vec<u32> {
        let gone: Vec<u32> = self.captures.iter().filter(|c| c.deadline <= now).map(|c| c.id).collect();
        self.captures.retain(|c| c.deadline > now);
        gone
    }

    /// The earliest deadline still ahead, for scheduling the next expiry.
    pub fn next_deadline(&self) -> Option<Millis> {
        self.captures.iter().map(|c| c.deadline).min()
    }

    /// Held tokens, newest first, masked.
    pub fn list(&self, now: Millis) -> Vec<HeldView> {
        // Captures are kept in the order they were seen.
        self.captures
            .iter()
            .rev()
            .filter(|c| c.deadline > now)
            .filter_map(|c| {
                Some(HeldView {
                    id: c.id,
                    masked: c.token.as_ref()?.masked(),
                    origin: c.binding.origin.clone(),
                    expires_in_ms: c.deadline - now,
                    copied: c.copied_at.is_some(),
                })
            })
            .collect()
    }

    /// The held token itself. Only the extension's own pages may call this (`backend`).
    pub fn reveal(&self, id: u32, now: Millis) -> Result<&Secret, CaptureError> {
        let capture = self.captures.iter().find(|c| c.id == id && c.deadline > now).ok_or(CaptureError::Unknown)?;
        capture.token.as_ref().ok_or(CaptureError::NotHeld)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
    const MIN: Millis = 60_000;

    fn tab(n: i64) -> Binding {
        Binding { tab: n, origin: "https://acme.repairshopr.com".into() }
    }

    fn see(store: &mut CaptureStore, token: &str, binding: Binding, now: Millis, hold: Millis) -> u32 {
        let secret = Secret::new(token.into());
        let fp = secret.fingerprint("salt");
        store.seen(secret, binding, fp, now, hold).0
    }

    #[test]
    fn held_then_copied_then_expired() {
        let mut store = CaptureStore::default();
        let id = see(&mut store, TOKEN, tab(1), 0, 10 * MIN);
        assert_eq!(store.state(id), Some(CaptureState::Held));
        assert_eq!(store.copied(id, Some(&tab(1)), MIN), Ok(CaptureState::Copied));
        assert_eq!(store.state(id), Some(CaptureState::Copied));
        assert_eq!(store.expire(10 * MIN - 1), Vec::<u32>::new());
        assert_eq!(store.reveal(id, 10 * MIN - 1).map(Secret::expose), Ok(TOKEN));
        assert_eq!(store.expire(10 * MIN), vec![id]);
        assert_eq!(store.state(id), None);
        assert_eq!(store.reveal(id, 10 * MIN).err(), Some(CaptureError::Unknown));
    }

    #[test]
    fn forgotten_and_forget_all() {
        let mut store = CaptureStore::default();
        let a = see(&mut store, TOKEN, tab(1), 0, MIN);
        let b = see(&mut store, &TOKEN.replace('5', "6"), tab(2), 0, MIN);
        assert_eq!(store.forget(a), Ok(CaptureState::Forgotten));
        assert_eq!(store.forget(a), Err(CaptureError::Unknown));
        assert_eq!(store.state(b), Some(CaptureState::Held));
        assert_eq!(store.forget_all(), 1);
        assert!(store.list(0).is_empty());
    }

    #[test]
    fn seeing_the_same_token_again_is_one_capture() {
        let mut store = CaptureStore::default();
        let a = see(&mut store, TOKEN, tab(1), 0, MIN);
        assert_eq!(see(&mut store, TOKEN, tab(1), 5, MIN), a);
        assert_eq!(store.list(5).len(), 1);
        assert_ne!(see(&mut store, TOKEN, tab(2), 5, MIN), a, "another tab is another binding");
    }

    #[test]
    fn a_page_touches_only_its_own_captures() {
        let mut store = CaptureStore::default();
        let id = see(&mut store, TOKEN, tab(1), 0, MIN);
        assert_eq!(store.copied(id, Some(&tab(2)), 1), Err(CaptureError::Unknown));
        let other_origin = Binding { tab: 1, origin: "https://evil.syncromsp.com".into() };
        assert_eq!(store.done_clicked(id, &other_origin), Err(CaptureError::Unknown));
        assert_eq!(store.state(id), Some(CaptureState::Held));
    }

    #[test]
    fn done_guard_asks_once_and_never_after_a_copy() {
        let mut store = CaptureStore::default();
        let id = see(&mut store, TOKEN, tab(1), 0, MIN);
        assert!(store.wants_guard(id));
        assert_eq!(store.done_clicked(id, &tab(1)), Ok(DoneDecision::Confirm));
        assert_eq!(store.done_clicked(id, &tab(1)), Ok(DoneDecision::Allow));
        assert!(!store.wants_guard(id));
        let other = see(&mut store, &TOKEN.replace('a', "b"), tab(1), 0, MIN);
        store.copied(other, None, 1).expect("live capture");
        assert_eq!(store.done_clicked(other, &tab(1)), Ok(DoneDecision::Allow));
    }

    #[test]
    fn hold_zero_remembers_the_capture_but_not_the_token() {
        let mut store = CaptureStore::default();
        let id = see(&mut store, TOKEN, tab(1), 0, 0);
        assert_eq!(store.reveal(id, 1).err(), Some(CaptureError::NotHeld));
        assert!(store.list(1).is_empty());
        assert_eq!(store.done_clicked(id, &tab(1)), Ok(DoneDecision::Confirm));
        assert!(store.captures[0].token.is_none());
    }

    #[test]
    fn bounded_oldest_goes_first() {
        let mut store = CaptureStore::default();
        let ids: Vec<u32> = (0..MAX_HELD as i64 + 2)
            .map(|i| see(&mut store, &format!("{}{:02}", &TOKEN[..49], i), tab(1), i, 10 * MIN))
            .collect();
        let listed: Vec<u32> = store.list(100).iter().map(|v| v.id).collect();
        assert_eq!(listed.len(), MAX_HELD);
        assert!(!listed.contains(&ids[0]) && !listed.contains(&ids[1]));
        assert_eq!(listed[0], *ids.last().expect("ids"), "newest first");
    }

    #[test]
    fn fingerprints_depend_on_salt_and_value_only() {
        let salt = "00112233445566778899aabbccddeeff";
        let a = fingerprint(salt, TOKEN);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a, fingerprint(salt, TOKEN), "stable");
        assert_ne!(a, fingerprint("ffeeddccbbaa99887766554433221100", TOKEN), "another salt, another print");
        assert_ne!(a, fingerprint(salt, &TOKEN.replace('5', "6")));
        assert_ne!(fingerprint("short salt", TOKEN), fingerprint("other salt", TOKEN));
        assert!(!a.contains(&TOKEN[1..9]));
    }

    #[test]
    fn views_and_debug_never_show_the_token() {
        let mut store = CaptureStore::default();
        see(&mut store, TOKEN, tab(1), 0, MIN);
        let view = &store.list(0)[0];
        assert_eq!(view.masked, "T5e1c0…cdef");
        assert_eq!(view.expires_in_ms, MIN);
        assert!(!format!("{store:?}").contains(TOKEN));
        assert!(!format!("{view:?}").contains(TOKEN));
    }
}
