//! The scanner on any text, cut into text nodes anywhere: no panic, findings in order,
//! inside the text, on character boundaries, and mapped back to the same text.
#![no_main]

use keyshift::Joined;
use keyshift::scan;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte says how to cut the rest into segments.
    let Some((&cut, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut last = 0;
    for f in scan(text) {
        assert!(f.start >= last && f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        last = f.end;
    }
    let step = usize::from(cut % 16) + 1;
    let mut segs = Vec::new();
    let mut from = 0;
    for (i, _) in text.char_indices().filter(|(i, _)| i % step == 0 && *i > 0) {
        segs.push(&text[from..i]);
        from = i;
    }
    segs.push(&text[from..]);
    let joined = Joined::new(&segs);
    assert_eq!(joined.text, text);
    for f in joined.findings() {
        let span = joined.span(&f);
        let read: String = segs[span.start.seg..=span.end.seg].concat();
        assert!(read.contains(f.text(&joined.text)));
    }
});
