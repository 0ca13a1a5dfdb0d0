//! The scanner on every shape it knows, and on words that only look like them.

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
/// The content script's caps are the engine's one table, and each fits what the engine
/// accepts (a content script reading more than that would lose its whole batch).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_content_scripts_caps_are_the_engines_table_and_fit_its_limits() {
    use crate::read::snapshot::limits::CONTENT;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/content/caps.json");
    let shipped: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("caps.json")).expect("json");
    assert_eq!(
        shipped,
        serde_json::to_value(CONTENT).expect("json"),
        "regenerate {path} from snapshot::limits::CONTENT"
    );
    // That each fits the engine's limits is checked when the engine compiles (`limits`).
    // No part of the content script writes its own number where the table has one.
    for part in ["read.js", "landmarks.js", "main.js"] {
        let text =
            std::fs::read_to_string(format!("{}/extension/content/{part}", env!("CARGO_MANIFEST_DIR"))).expect("part");
        for name in ["MAX_HEADINGS", "MAX_CONTROLS", "MAX_REGIONS", "MAX_FIELDS", "REPORT_ELEMENTS", "REPORT_DEPTH"] {
            let written = format!("const {name} = ");
            if let Some(at) = text.find(&written) {
                assert!(text[at + written.len()..].starts_with("CAPS."), "{part}: {name} is written by hand");
            }
        }
    }
}

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
    let passes = |t: &str| t.encode_utf16().count() >= READING.min_len && READING.marks.iter().any(|m| t.contains(m));
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

#[test]
fn a_shortened_token_names_the_token_it_shortens_and_no_other() {
    for shown in ["T5e1c0a9b…cdef", "T5e1c0a9b2d3...bcdef", "T5e1c0a****", "T5e1c0a9•••"] {
        assert!(shortens(shown, TOKEN), "{shown}");
    }
    let other = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcd00";
    assert!(!shortens("T5e1c0a9b…cdef", other), "the tail differs");
    assert!(!shortens("T5e1c0b…", TOKEN), "the head differs");
    assert!(!shortens("T5e1c0…", TOKEN), "a head of six or fewer names too many tokens");
    assert!(!shortens(TOKEN, TOKEN), "the whole token is not a shortened one");
}
