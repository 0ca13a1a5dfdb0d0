//! The tables are complete in every language and written as `fold` writes text.

use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Concepts that exist only in some languages' grammar ("ago" is a suffix in English
/// and Dutch, a prefix elsewhere).
const GRAMMAR_ONLY: &[&str] = &["PAST_BEFORE", "PAST_AFTER"];

#[test]
fn every_language_has_every_concept() {
    let mut missing = Vec::new();
    for words in ALL {
        for lang in Lang::ALL {
            if words.in_lang(lang).is_empty() && !GRAMMAR_ONLY.contains(&words.concept) {
                missing.push(format!("{} has no {} words", words.concept, lang.code()));
            }
        }
    }
    let past = |l: Lang| !PAST_BEFORE.in_lang(l).is_empty() || !PAST_AFTER.in_lang(l).is_empty();
    for lang in Lang::ALL {
        if !past(lang) {
            missing.push(format!("{} cannot say a date is past", lang.code()));
        }
    }
    for (m, names) in MONTHS.iter().enumerate() {
        for lang in Lang::ALL {
            if names[lang as usize].is_empty() {
                missing.push(format!("month {} has no {} name", m + 1, lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_word_is_written_folded() {
    let months = MONTHS.iter().flat_map(|m| m.iter().flat_map(|l| l.iter()));
    for w in ALL.iter().flat_map(|c| c.all()).chain(months.copied()) {
        assert_eq!(fold(w), w, "write {w:?} as fold() writes it");
    }
}

#[test]
fn folding_makes_translated_and_typographic_text_plain() {
    assert_eq!(fold("  Clé d’API\u{a0}:  "), "cle d'api :");
    assert_eq!(fold("API-Schlüssel ZURÜCKSETZEN"), "api-schlussel zurucksetzen");
    assert_eq!(fold("Schließen"), "schliessen");
    assert_eq!(fold("«\u{202f}Done\u{202f}»"), "\" done \"");
    assert_eq!(fold("Token — créé…"), "token - cree...");
}

#[test]
fn words_match_whole_words_only() {
    assert!(contains_words("click done to leave", "done"));
    assert!(!contains_words("abandoned", "done"));
    assert!(!contains_words("donet", "done"));
    assert!(contains_words("authorization: bearer x", "authorization:"));
    assert!(DONE_CONTROL.is(&fold(" Done ")));
    assert!(DONE_CONTROL.is(&fold("Listo")));
    assert!(!DONE_CONTROL.is(&fold("Done deal")));
    assert!(KEY_LABEL.in_text(&fold("Clave de API")));
    assert!(KEY_LABEL.in_text(&fold("API-Schlüssel")));
    assert!(!KEY_LABEL.in_text(&fold("Tapir keys")));
}

#[test]
fn months_in_every_language() {
    for (word, month) in [("sept.", 9), ("marz", 3), ("dic", 12), ("mrt", 3), ("fevr.", 2), ("mayo", 5), ("okt", 10)] {
        assert_eq!(month_named(word), Some(month), "{word}");
    }
    assert_eq!(month_named("tea"), None);
    assert_eq!(Lang::of_tag("de-AT"), Some(Lang::De));
    assert_eq!(Lang::of_tag("pt-BR"), None);
}

/// The quick path (`WordStarts`, the first-byte search) finds exactly what reading every
/// position finds.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn naive(text: &str, phrase: &str) -> bool {
        let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        let (t, p) = (text.as_bytes(), phrase.as_bytes());
        !p.is_empty()
            && p.len() <= t.len()
            && (0..=t.len() - p.len()).any(|i| {
                &t[i..i + p.len()] == p
                    && (!word(p[0]) || i == 0 || !word(t[i - 1]))
                    && (!word(p[p.len() - 1]) || i + p.len() == t.len() || !word(t[i + p.len()]))
            })
    }

    proptest! {
        #[test]
        fn the_quick_path_agrees_with_reading_every_position(text in "[a-z _'<>.-]{0,60}|api key [a-z]{0,5}|cle d'api[ :]{0,3}") {
            for words in ALL {
                let quick = WordStarts::new(&text).has(words);
                let slow = words.all().any(|w| naive(&text, w));
                prop_assert_eq!(quick, slow, "{} in {:?}", words.concept, text);
            }
        }
    }
}
