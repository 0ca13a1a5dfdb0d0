//! Property tests (native only: proptest needs an OS random source).

use crate::block::Joined;
use crate::policy::parse_expiry;
use crate::scan::{scan, FindingKind};
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
fn read_back(segs: &[String], span: &crate::block::Span) -> String {
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

    #[test]
    fn expiry_cells_never_panic(cell in "\\PC{0,40}|[0-9/ -]{0,12}|[A-Za-z]{3} [0-9]{1,2}, [0-9]{4}") {
        let _ = parse_expiry(&cell);
    }
}
