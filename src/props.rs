//! Property tests (native only: proptest needs an OS random source).

use crate::read::block::Joined;
use crate::read::scan::{scan, FindingKind};
use proptest::prelude::*;

fn token() -> impl Strategy<Value = String> {
    "T[0-9a-f]{17}-[0-9a-f]{32}"
}

/// A character that cannot continue a run: anything but ASCII letters, digits and `-`.
fn separator() -> impl Strategy<Value = char> {
    any::<char>().prop_filter("not a run character", |c| !(c.is_ascii_alphanumeric() || *c == '-'))
}

/// Cuts `text` into segments at the given character positions.
fn cut(text: &str, mut cuts: Vec<usize>) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    cuts.iter_mut().for_each(|c| *c %= chars.len() + 1);
    cuts.sort_unstable();
    let mut segs = Vec::new();
    let mut last = 0;
    for c in cuts.into_iter().chain([chars.len()]) {
        segs.push(chars[last..c].iter().collect());
        last = c;
    }
    segs
}

/// The text between two segment points, read the way the DOM would (UTF-16 offsets).
fn read_back(segs: &[String], span: &crate::read::block::Span) -> String {
    let units: Vec<Vec<u16>> = segs.iter().map(|s| s.encode_utf16().collect()).collect();
    let mut out = Vec::new();
    for (i, seg) in units.iter().enumerate().take(span.end.seg + 1).skip(span.start.seg) {
        let from = if i == span.start.seg { span.start.at } else { 0 };
        let to = if i == span.end.seg { span.end.at } else { seg.len() };
        out.extend_from_slice(&seg[from..to]);
    }
    String::from_utf16_lossy(&out)
}

proptest! {
    #[test]
    fn an_inserted_token_is_found_once_at_its_place(
        prefix in "\\PC{0,60}", suffix in "\\PC{0,60}", token in token(),
        left in separator(), right in separator(), cuts in prop::collection::vec(0usize..200, 0..6),
    ) {
        let prefix = format!("{prefix}{left}");
        let text = format!("{prefix}{token}{right}{suffix}");
        let tokens: Vec<_> = scan(&text).into_iter().filter(|f| f.kind == FindingKind::Token).collect();
        prop_assert_eq!(tokens.len(), 1);
        prop_assert_eq!(tokens[0].start, prefix.len());
        prop_assert_eq!(tokens[0].end, prefix.len() + token.len());
        // Cut anywhere into text nodes, the span reads back as the token.
        let segs = cut(&text, cuts);
        let joined = Joined::new(&segs);
        let found: Vec<_> = joined.findings().into_iter().filter(|f| f.kind == FindingKind::Token).collect();
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(read_back(&segs, &joined.span(&found[0])), token);
    }

    #[test]
    fn any_text_scans_without_panic_on_character_boundaries(text in "\\PC*|[T0-9a-f.*…•-]{0,120}") {
        for f in scan(&text) {
            prop_assert!(f.start < f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }

    #[test]
    fn segments_map_back_to_what_was_found(segs in prop::collection::vec("[T0-9a-f -]{0,30}|\\PC{0,8}", 0..12)) {
        let joined = Joined::new(&segs);
        for f in joined.findings() {
            prop_assert_eq!(read_back(&segs, &joined.span(&f)), f.text(&joined.text));
        }
    }

    /// A token is reported only where the text shows one: it reads as a token on its own,
    /// and each end is the end of a run of value characters or a text-node boundary (the
    /// label-then-value case: `<b>Token</b><code>T…</code>`). So it is never cut out of a
    /// longer value. Segments are made of token pieces, hex and separators, so near-tokens
    /// meet at node boundaries all the time.
    #[test]
    fn joining_text_nodes_never_invents_a_token(
        tokens in prop::collection::vec(token(), 1..3),
        cuts in prop::collection::vec(0usize..120, 0..8),
        noise in prop::collection::vec("[0-9a-fT-]{0,20}|[ .:…*]{0,2}", 0..6),
        order in prop::collection::vec(any::<u8>(), 0..8),
    ) {
        // Tokens and noise, shuffled together, then cut anywhere into text nodes.
        let mut parts: Vec<String> = tokens.iter().cloned().chain(noise).collect();
        for (i, o) in order.iter().enumerate() {
            let n = parts.len();
            parts.swap(i % n, usize::from(*o) % n);
        }
        let segs = cut(&parts.concat(), cuts);
        let text = segs.concat();
        let mut boundaries = vec![0];
        for s in &segs {
            boundaries.push(boundaries[boundaries.len() - 1] + s.len());
        }
        let value = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
        let bytes = text.as_bytes();
        let joined = Joined::new(&segs);
        for f in joined.findings().into_iter().filter(|f| f.kind == FindingKind::Token) {
            let found = &text[f.start..f.end];
            let alone: Vec<_> = scan(found).into_iter().filter(|g| g.kind == FindingKind::Token).collect();
            prop_assert!(alone.len() == 1 && alone[0].end - alone[0].start == found.len(), "{found:?} is not a token");
            let starts_clean = f.start == 0 || !value(bytes[f.start - 1]) || boundaries.contains(&f.start);
            let ends_clean = f.end == text.len() || !value(bytes[f.end]) || boundaries.contains(&f.end);
            prop_assert!(starts_clean && ends_clean, "{found:?} was cut out of a longer value in {segs:?}");
            prop_assert_eq!(read_back(&segs, &joined.span(&f)), found);
        }
    }
}
