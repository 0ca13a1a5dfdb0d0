//! A block is the text of one page element, gathered as the segments (text nodes, or a
//! single value) it is made of. Findings are located in the joined text and mapped back
//! to a segment and a UTF-16 offset, the unit the DOM uses for `Text.splitText`/`Range`.

use crate::read::scan::{scan_segmented, Finding};
use serde::Serialize;

/// A place in a block: segment index and UTF-16 offset inside that segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Point {
    pub seg: usize,
    pub at: usize,
}

/// Where a finding stands in the block's segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: Point,
    pub end: Point,
}

/// The segments of one block joined into one text, remembering where each began.
pub struct Joined {
    /// The segments, joined.
    pub text: String,
    starts: Vec<usize>,
}

impl Joined {
    /// Joins `segments`, remembering where each began.
    pub fn new<S: AsRef<str>>(segments: &[S]) -> Self {
        let mut text = String::with_capacity(segments.iter().map(|s| s.as_ref().len()).sum());
        let mut starts = Vec::with_capacity(segments.len());
        for seg in segments {
            starts.push(text.len());
            text.push_str(seg.as_ref());
        }
        Joined { text, starts }
    }

    /// Every value in the joined text, read whole and, failing that, between segments.
    pub fn findings(&self) -> Vec<Finding> {
        scan_segmented(&self.text, &self.starts)
    }

    /// Maps a byte offset of the joined text to a segment point. An offset that falls on a
    /// boundary belongs to the segment that starts there, or, at an end, to the one it ends.
    fn point(&self, byte: usize, is_end: bool) -> Point {
        let seg = match self.starts.binary_search(&byte) {
            Ok(i) if is_end && i > 0 => {
                // Skip back over empty segments to the one this end really closes.
                let mut j = i;
                while j > 0 && self.starts[j - 1] == byte {
                    j -= 1;
                }
                j.saturating_sub(1)
            }
            Ok(i) => {
                let mut j = i;
                while j + 1 < self.starts.len() && self.starts[j + 1] == byte {
                    j += 1;
                }
                j
            }
            Err(i) => i.saturating_sub(1),
        };
        let seg_start = self.starts.get(seg).copied().unwrap_or(0);
        let at = self.text[seg_start..byte].encode_utf16().count();
        Point { seg, at }
    }

    /// Where a finding stands in the segments.
    pub fn span(&self, finding: &Finding) -> Span {
        Span { start: self.point(finding.start, false), end: self.point(finding.end, true) }
    }

    /// The whole block, for notes about the block rather than one value in it.
    pub fn whole(&self) -> Span {
        Span { start: self.point(0, false), end: self.point(self.text.len(), true) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::scan::FindingKind;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";

    #[test]
    fn token_split_across_three_segments_is_found_and_mapped_back() {
        let segs = ["Token: T5e1c0a9b2d3f4a5b6", "-0123456789abcdef", "0123456789abcdef (copy now)"];
        let joined = Joined::new(&segs);
        let found = joined.findings();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, FindingKind::Token);
        assert_eq!(found[0].text(&joined.text), TOKEN);
        let span = joined.span(&found[0]);
        assert_eq!(span.start, Point { seg: 0, at: 7 });
        assert_eq!(span.end, Point { seg: 2, at: 16 });
    }

    #[test]
    fn offsets_are_utf16_units() {
        let segs = ["🔑 é ", TOKEN];
        let joined = Joined::new(&segs);
        let f = joined.findings();
        let span = joined.span(&f[0]);
        // "🔑" is two UTF-16 units, "é" one, plus two spaces; then the token starts segment 1.
        assert_eq!(span.start, Point { seg: 1, at: 0 });
        assert_eq!(span.end, Point { seg: 1, at: 51 });
        let one = [format!("🔑 é {TOKEN}")];
        let joined = Joined::new(&one);
        let span = joined.span(&joined.findings()[0]);
        assert_eq!(span.start, Point { seg: 0, at: 5 });
        assert_eq!(span.end, Point { seg: 0, at: 56 });
    }

    #[test]
    fn empty_segments_do_not_confuse_the_mapping() {
        let segs = ["", "T5e1c0a9b2d3f4a5b6", "", "-0123456789abcdef0123456789abcdef", ""];
        let joined = Joined::new(&segs);
        let span = joined.span(&joined.findings()[0]);
        assert_eq!(span.start, Point { seg: 1, at: 0 });
        assert_eq!(span.end, Point { seg: 3, at: 33 });
    }
}
