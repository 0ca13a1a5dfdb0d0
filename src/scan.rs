//! Finds token-shaped and key-shaped values in text, without regular expressions.
//!
//! The text is cut into *runs* of `[A-Za-z0-9-]`. A value counts only when it is a whole
//! run, so a token-like string inside a longer run of letters, digits or dashes is never
//! reported. Shapes (see design.md for the evidence):
//! - full API token: `T` + 17 lowercase hex + `-` + 32 lowercase hex (51 chars);
//! - token reference: the first characters of a token followed by a mask (`...`, `…`,
//!   `***`, `•••`), optionally followed by the last hex digits; never capturable;
//! - UUID (8-4-4-4-12 hex, either case): a legacy key *candidate*; see `context`.

use serde::Serialize;

pub const TOKEN_LEN: usize = 51;
const TOKEN_DASH: usize = 18;
pub const UUID_LEN: usize = 36;
const UUID_DASHES: [usize; 4] = [8, 13, 18, 23];
/// A reference must show at least this many hex digits after the `T`, one of them a
/// digit, so that words such as "Tea..." or "Tabbed..." are not references.
const REF_MIN_HEX: usize = 6;

/// What a text must have for the content script to read it closely (ancestry, visibility,
/// nearby text): at least `min_len` UTF-16 units, and one of `marks`.
/// The engine never reads it at run time: the content script carries it as data
/// (`extension/content/reading.json`), and a test keeps the two the same.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reading {
    pub min_len: usize,
    pub marks: &'static [&'static str],
}

/// Only a full token is judged by how the page shows it (visibility, surroundings, code
/// samples: `reveal`); legacy keys and shortened tokens are judged by their labels,
/// headers and rows, which every block carries. Reading closely forces the browser to lay
/// the page out, so only texts long enough for a token, with its `-`, pay for it.
#[cfg_attr(not(test), allow(dead_code))]
pub const READING: Reading = Reading { min_len: TOKEN_LEN, marks: &["-"] };

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// A complete API token: the only kind that may be captured.
    Token,
    /// A truncated or masked token display: names a token, never reveals it.
    TokenRef,
    /// A UUID; a legacy key only if its context says so.
    Uuid,
}

/// A value found in a text: `start..end` are byte offsets into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// What it is.
    pub kind: FindingKind,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

impl Finding {
    /// The finding's text in the text it was found in.
    pub fn text<'a>(&self, haystack: &'a str) -> &'a str {
        &haystack[self.start..self.end]
    }
}

/// Which bytes continue a run: ASCII letters, digits and `-`. A table, because this is
/// asked of nearly every byte of a page.
const RUN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-';
        b += 1;
    }
    table
};

fn is_run_byte(b: u8) -> bool {
    RUN_BYTES[usize::from(b)]
}

fn is_lower_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

/// `run` is a full token: checked from the cheap fixed positions to the costly loop.
pub fn is_full_token(run: &[u8]) -> bool {
    run.len() == TOKEN_LEN
        && run[0] == b'T'
        && run[TOKEN_DASH] == b'-'
        && run[1..TOKEN_DASH].iter().all(|&b| is_lower_hex(b))
        && run[TOKEN_DASH + 1..].iter().all(|&b| is_lower_hex(b))
}

pub fn is_uuid(run: &[u8]) -> bool {
    run.len() == UUID_LEN
        && UUID_DASHES.iter().all(|&i| run[i] == b'-')
        && run.iter().enumerate().all(|(i, b)| UUID_DASHES.contains(&i) || b.is_ascii_hexdigit())
}

/// A run that can begin a token reference: `T`, then hex digits (at least one a digit),
/// possibly `-` and more hex, and shorter than a full token.
fn is_ref_head(run: &[u8]) -> bool {
    if run.len() < 1 + REF_MIN_HEX || run.len() >= TOKEN_LEN || run[0] != b'T' {
        return false;
    }
    let body = &run[1..];
    let hex_before_dash = body.iter().take_while(|&&b| is_lower_hex(b)).count();
    let rest = &body[hex_before_dash..];
    let tail_ok = match rest.split_first() {
        None => true,
        Some((b'-', after)) => hex_before_dash == TOKEN_DASH - 1 && after.iter().all(|&b| is_lower_hex(b)),
        Some(_) => false,
    };
    hex_before_dash >= REF_MIN_HEX && tail_ok && body.iter().any(u8::is_ascii_digit)
}

/// Length in bytes of the mask at the start of `rest`, if there is one.
fn mask_len(rest: &[u8]) -> Option<usize> {
    const ELLIPSIS: &[u8] = "…".as_bytes();
    if rest.starts_with(ELLIPSIS) {
        return Some(ELLIPSIS.len());
    }
    // A repeated mask character counts from three on: "T5e1c0a.." is prose, not a mask.
    for unit in [&b"."[..], b"*", "•".as_bytes(), "●".as_bytes()] {
        let repeats = rest.chunks(unit.len()).take_while(|c| *c == unit).count();
        if repeats >= 3 {
            return Some(repeats * unit.len());
        }
    }
    None
}

/// The finding that exactly the bytes `start..end` make, if any. A reference also takes
/// the mask (and tail digits) that follow it.
fn classify(bytes: &[u8], start: usize, end: usize) -> Option<Finding> {
    let run = &bytes[start..end];
    // Most runs are ordinary words: only two lengths or a leading `T` can matter.
    if run.len() == TOKEN_LEN && is_full_token(run) {
        return Some(Finding { kind: FindingKind::Token, start, end });
    }
    if run.len() == UUID_LEN && is_uuid(run) {
        return Some(Finding { kind: FindingKind::Uuid, start, end });
    }
    if run.first() == Some(&b'T') && is_ref_head(run) {
        let mut end = end + mask_len(&bytes[end..])?;
        let tail = bytes[end..].iter().take_while(|&&b| is_run_byte(b)).count();
        if (1..=32).contains(&tail) && bytes[end..end + tail].iter().all(|&b| is_lower_hex(b)) {
            end += tail;
        }
        return Some(Finding { kind: FindingKind::TokenRef, start, end });
    }
    None
}

/// All findings in `text`, in order, never overlapping.
pub fn scan(text: &str) -> Vec<Finding> {
    scan_segmented(text, &[])
}

/// Like `scan`, for text joined from several text nodes whose starts are `breaks` (byte
/// offsets, ascending). A run is read whole first, so a token split across `<span>`s is
/// found; failing that, the pieces between breaks are read, because adjacent elements
/// (`<label>API Key</label><span>uuid</span>`) join without a space in the DOM's text.
///
/// Only runs that hold a `-` (every token and UUID has one at a fixed place) or that end
/// right before a mask (`.`, `*`, or the first byte of `…`, `•`, `●`) can be anything,
/// so the scan skips from one such byte to the next, eight bytes at a time, and reads the
/// run around it.
pub fn scan_segmented(text: &str, breaks: &[usize]) -> Vec<Finding> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(at) = next_candidate(bytes, pos) {
        // The run around the candidate, never reaching back into what was already read.
        let mut start = at;
        while start > pos && is_run_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at;
        while end < bytes.len() && is_run_byte(bytes[end]) {
            end += 1;
        }
        if start == end {
            pos = at + 1; // a mask with no run before it
            continue;
        }
        pos = read_run(bytes, breaks, start, end, &mut found);
    }
    found
}

/// Reads one run `start..end` (whole, then in pieces between breaks) and returns where
/// reading goes on: the run's end, or past a reference's mask and tail.
fn read_run(bytes: &[u8], breaks: &[usize], start: usize, end: usize, found: &mut Vec<Finding>) -> usize {
    if let Some(f) = classify(bytes, start, end) {
        found.push(f);
        return end.max(f.end);
    }
    let from = breaks.partition_point(|&b| b <= start);
    let to = breaks.partition_point(|&b| b < end);
    if from == to {
        return end;
    }
    let mut next = end;
    let mut cuts: Vec<usize> = std::iter::once(start).chain(breaks[from..to].iter().copied()).chain([end]).collect();
    cuts.dedup(); // empty text nodes give repeated breaks
    let mut a = 0;
    while a + 1 < cuts.len() {
        let whole_run = |b: usize| a == 0 && b == cuts.len() - 1;
        let hit = (a + 1..cuts.len())
            .take_while(|&b| cuts[b] - cuts[a] <= TOKEN_LEN)
            .filter(|&b| !whole_run(b))
            .find_map(|b| classify(bytes, cuts[a], cuts[b]).map(|f| (b, f)));
        match hit {
            Some((b, f)) => {
                found.push(f);
                next = next.max(f.end);
                a = b;
            }
            None => a += 1,
        }
    }
    next
}

/// The first byte at or after `from` that can pin a value: `-`, `.`, `*` or 0xE2.
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Sets the high bit of each byte equal to `needle`, exact up to the lowest match.
    let matches = |word: u64, needle: u8| {
        let x = word ^ (ONES * u64::from(needle));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&bytes[i..i + 8]);
        let word = u64::from_le_bytes(chunk);
        let hits = matches(word, b'-') | matches(word, b'.') | matches(word, b'*') | matches(word, 0xE2);
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&b| matches!(b, b'-' | b'.' | b'*' | 0xE2)).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    pub const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";

    fn kinds(text: &str) -> Vec<(FindingKind, &str)> {
        scan(text).into_iter().map(|f| (f.kind, f.text(text))).collect()
    }

    #[test]
    fn test_token_constant_has_the_documented_shape() {
        assert_eq!(TOKEN.len(), TOKEN_LEN);
        assert!(is_full_token(TOKEN.as_bytes()));
    }

    #[test]
    fn full_token_alone() {
        assert_eq!(kinds(TOKEN), vec![(FindingKind::Token, TOKEN)]);
    }

    #[test]
    fn full_token_inside_value_attribute() {
        let html = format!(r#"<input readonly value="{TOKEN}">"#);
        assert_eq!(kinds(&html), vec![(FindingKind::Token, TOKEN)]);
    }

    #[test]
    fn full_token_inside_a_longer_line() {
        let line = format!("Your new token is {TOKEN}. Copy it now; it will not be shown again.");
        let found = scan(&line);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start, "Your new token is ".len());
        assert_eq!(found[0].text(&line), TOKEN);
    }

    #[test]
    fn token_inside_longer_run_is_rejected() {
        for text in [format!("x{TOKEN}"), format!("{TOKEN}0"), format!("-{TOKEN}"), format!("{TOKEN}-a")] {
            assert!(kinds(&text).is_empty(), "{text}");
        }
    }

    #[test]
    fn uppercase_hex_is_not_a_token() {
        let upper = format!("T{}", TOKEN[1..].to_ascii_uppercase());
        assert!(kinds(&upper).is_empty());
    }

    #[test]
    fn truncated_and_masked_forms_are_references_only() {
        for shown in ["T5e1c0a...9b21", "T5e1c0a…", "T5e1c0a****", "T5e1c0a9b2d3f4a5b6-0123…cdef", "T5e1c0a•••• 9b21"]
        {
            let found = kinds(shown);
            assert_eq!(found.len(), 1, "{shown}: {found:?}");
            assert_eq!(found[0].0, FindingKind::TokenRef, "{shown}");
            assert!(scan(shown).iter().all(|f| f.kind != FindingKind::Token));
        }
        assert_eq!(kinds("T5e1c0a...9b21")[0].1, "T5e1c0a...9b21");
    }

    /// The content script carries the filter as data (`extension/content/reading.json`,
    /// bundled into content.js), so its first read needs no round trip: the copy is this.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_content_scripts_copy_of_the_reading_filter_is_this_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/content/reading.json");
        let shipped: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("reading.json")).expect("json");
        assert_eq!(shipped, serde_json::to_value(READING).expect("json"), "regenerate {path} from scan::READING");
    }

    #[test]
    fn every_full_token_is_read_closely_and_little_else() {
        let passes =
            |t: &str| t.encode_utf16().count() >= READING.min_len && READING.marks.iter().any(|m| t.contains(m));
        for shown in [TOKEN, &format!("Your token: {TOKEN}")] {
            assert!(scan(shown).iter().any(|f| f.kind == FindingKind::Token) && passes(shown), "{shown}");
        }
        for quiet in ["5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e", "T5e1c0a…", "T5e1c0a...9b21", "Hello world"] {
            assert!(!passes(quiet), "{quiet}");
        }
    }

    #[test]
    fn words_that_look_like_references_are_not() {
        for text in ["Tabbed...", "Tea…", "T12...", "Tomorrow***", "T5e1c0a"] {
            assert!(kinds(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn uuids_in_either_case() {
        let lower = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";
        let upper = lower.to_ascii_uppercase();
        assert_eq!(kinds(lower), vec![(FindingKind::Uuid, lower)]);
        assert_eq!(kinds(&upper), vec![(FindingKind::Uuid, upper.as_str())]);
        assert!(kinds(&format!("{lower}0")).is_empty());
        assert!(kinds("5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5g").is_empty());
    }

    #[test]
    fn values_glued_to_a_neighbouring_element_are_found_at_the_boundary() {
        // "<label>API Key</label><span>uuid</span>": the DOM's text has no space between.
        let key = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";
        let text = format!("API Key{key}reset");
        let breaks = [7, 7 + key.len()];
        let found = scan_segmented(&text, &breaks);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text(&text), key);
        assert!(scan(&text).is_empty(), "without element boundaries it is one long run");
        // A token split into spans and glued to a label still reads as the token.
        let text = format!("Token{}", TOKEN);
        let found = scan_segmented(&text, &[5, 5 + 20, 5 + 40]);
        assert_eq!(found.iter().map(|f| f.text(&text)).collect::<Vec<_>>(), vec![TOKEN]);
    }

    #[test]
    fn multibyte_text_around_findings_keeps_byte_offsets() {
        let text = format!("clé → {TOKEN} ✓");
        let f = scan(&text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text(&text), TOKEN);
    }

    /// The byte-by-byte scanner the skipping one replaced, kept as its oracle.
    #[cfg(not(target_arch = "wasm32"))]
    mod oracle {
        use super::super::*;

        /// Visits every run byte by byte, as the scanner did before it skipped: what the
        /// skip must never miss. Each run is read the same way (`read_run`).
        pub fn reference_scan(text: &str, breaks: &[usize]) -> Vec<Finding> {
            let bytes = text.as_bytes();
            let mut found = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if !is_run_byte(bytes[i]) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && is_run_byte(bytes[i]) {
                    i += 1;
                }
                i = read_run(bytes, breaks, start, i, &mut found);
            }
            found
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod differential {
        use super::oracle::reference_scan;
        use super::*;
        use proptest::prelude::*;

        /// Text rich in what matters: tokens, UUIDs, masks, dashes, hex, multibyte.
        fn texty() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                "T[0-9a-f]{17}-[0-9a-f]{32}",
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                "T[0-9a-f]{4,12}(\\.\\.\\.|…|\\*\\*\\*|•••|●●●)[0-9a-f]{0,6}",
                "[A-Za-z0-9 ./*:=-]{0,12}",
                "[ \\n→é✓…•]{0,3}",
            ];
            prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn skipping_finds_exactly_what_reading_every_byte_finds(text in texty(), cuts in prop::collection::vec(0usize..400, 0..6)) {
                let mut breaks: Vec<usize> = cuts.into_iter().map(|c| c % (text.len() + 1)).filter(|&c| text.is_char_boundary(c)).collect();
                breaks.sort_unstable();
                prop_assert_eq!(scan_segmented(&text, &breaks), reference_scan(&text, &breaks));
                prop_assert_eq!(scan(&text), reference_scan(&text, &[]));
            }
        }
    }
}
