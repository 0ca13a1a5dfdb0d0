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

/// Whether `shortened` (a `TokenRef`'s text: `T5e1c0a…9b21`, `T5e1c0a****`) is how a
/// page shortens `token`: its visible head starts the token and its tail, if any, ends it.
pub fn shortens(shortened: &str, token: &str) -> bool {
    let bytes = shortened.as_bytes();
    let head = bytes.iter().take_while(|&&b| is_run_byte(b)).count();
    let tail = bytes[head..].iter().rev().take_while(|&&b| is_run_byte(b)).count();
    let (head, tail) = (&shortened[..head], &shortened[shortened.len() - tail..]);
    head.len() > REF_MIN_HEX
        && head.len() + tail.len() < token.len()
        && token.starts_with(head)
        && token.ends_with(tail)
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
mod tests;
