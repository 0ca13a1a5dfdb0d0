//! Every message the engine or the shell shows is in every locale, with the placeholders
//! English has; and no locale carries a message nobody shows.

use crate::text::TextId;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const REQUIRED: [&str; 5] = ["en", "es", "de", "fr", "nl"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// locale -> (id -> message)
fn locales() -> BTreeMap<String, BTreeMap<String, String>> {
    let dir = root().join("extension/_locales");
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("extension/_locales") {
        let entry = entry.expect("locale folder");
        let path = entry.path().join("messages.json");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let messages = json.as_object().unwrap_or_else(|| panic!("{}: not an object", path.display()));
        let map = messages
            .iter()
            .map(|(id, m)| {
                let message =
                    m["message"].as_str().unwrap_or_else(|| panic!("{}: {id} has no message", path.display()));
                (id.clone(), message.to_string())
            })
            .collect();
        out.insert(entry.file_name().to_string_lossy().into_owned(), map);
    }
    out
}

/// The words following each `prefix` (at the start of a name) up to `end`, in `text`.
fn quoted_after(text: &str, prefix: &str, end: char) -> Vec<String> {
    let in_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    text.match_indices(prefix)
        .filter(|(i, _)| *i == 0 || !in_name(text.as_bytes()[i - 1]))
        .filter_map(|(i, _)| {
            let rest = &text[i + prefix.len()..];
            let id = &rest[..rest.find(end)?];
            (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then(|| id.to_string())
        })
        .collect()
}

/// Ids the shell names literally: `t('id'`, `getMessage('id'`, `data-i18n="id"`, and the
/// manifest's `__MSG_id__`.
fn shell_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut files = Vec::new();
    let mut dirs = vec![root().join("extension")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("extension/") {
            let path = entry.expect("file").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for path in files {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else { continue };
        if !matches!(ext, "js" | "html") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("readable");
        for prefix in ["t('", "getMessage('"] {
            ids.extend(quoted_after(&text, prefix, '\''));
        }
        ids.extend(quoted_after(&text, "data-i18n=\"", '"'));
    }
    let manifest = fs::read_to_string(root().join("manifest.json")).expect("manifest.json");
    ids.extend(quoted_after(&manifest, "__MSG_", '_'));
    ids
}

fn placeholders(message: &str) -> BTreeSet<u32> {
    let b = message.as_bytes();
    (0..b.len().saturating_sub(1))
        .filter(|&i| b[i] == b'$' && b[i + 1].is_ascii_digit() && (i == 0 || b[i - 1] != b'$'))
        .map(|i| u32::from(b[i + 1] - b'0'))
        .collect()
}

#[test]
fn every_locale_has_every_message_and_nothing_else() {
    let locales = locales();
    for code in REQUIRED {
        assert!(locales.contains_key(code), "locale {code} is missing");
    }
    let shell = shell_ids();
    assert!(shell.contains("extName") && shell.contains("copyToken") && shell.contains("doneGuardTitle"), "{shell:?}");
    let engine: BTreeSet<String> = TextId::ALL.iter().map(|t| t.id().to_string()).collect();
    let used: BTreeSet<String> = shell.union(&engine).cloned().collect();
    let english = &locales["en"];

    let mut problems = Vec::new();
    for &text in TextId::ALL {
        let want: BTreeSet<u32> = (1..=text.params() as u32).collect();
        if let Some(m) = english.get(text.id()) {
            if placeholders(m) != want {
                problems.push(format!("en/{}: the engine passes {} parameters", text.id(), text.params()));
            }
        }
    }
    for (code, messages) in &locales {
        for id in &used {
            match messages.get(id) {
                None => problems.push(format!("{code}: missing {id}")),
                Some(m) if m.trim().is_empty() => problems.push(format!("{code}: {id} is empty")),
                Some(m) => {
                    if let Some(en) = english.get(id) {
                        if placeholders(m) != placeholders(en) {
                            problems.push(format!("{code}/{id}: placeholders differ from English"));
                        }
                    }
                }
            }
        }
        for id in messages.keys().filter(|id| !used.contains(*id)) {
            problems.push(format!("{code}: {id} is not used by the engine or the shell"));
        }
    }
    assert!(problems.is_empty(), "{} locale problems:\n{}", problems.len(), problems.join("\n"));
}

/// The stores' limits on what the manifest shows: Chrome Web Store and AMO refuse a
/// package whose description (in any locale) is over 132 characters, or name over 75.
#[test]
fn store_limits_hold_in_every_locale() {
    let mut problems = Vec::new();
    for (code, messages) in locales() {
        for (id, limit) in [("extDescription", 132), ("extName", 75)] {
            let n = messages.get(id).map_or(0, |m| m.chars().count());
            if n == 0 || n > limit {
                problems.push(format!("{code}/{id}: {n} characters (limit {limit})"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each store listing (`store/listing.<lang>.md`) repeats the extension's own name and
/// summary, as the manifest shows them.
#[test]
fn store_listings_repeat_the_name_and_summary() {
    let locales = locales();
    let mut problems = Vec::new();
    for code in REQUIRED {
        let path = root().join(format!("store/listing.{code}.md"));
        let listing = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let field = |name: &str| listing.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).map(String::from);
        for (name, id) in [("Name:", "extName"), ("Summary:", "extDescription")] {
            if field(name).as_deref() != locales[code].get(id).map(String::as_str) {
                problems.push(format!("{}: {name} differs from {code}/{id}", path.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Words every language writes as English does: names, the vendor's labels, the API's
/// terms, and the examples in the custom-domain help.
const SHARED_WORDS: &[&str] = &[
    "api",
    "keyshift",
    "repairshopr",
    "syncro",
    "done",
    "token",
    "tokens",
    "com",
    "example",
    "help",
    "win",
    "windows",
];

/// Each language's own words that happen to be spelled like English ones.
fn cognates(code: &str) -> &'static [&'static str] {
    match code {
        // CSV is a file format's name in every language.
        "es" => &["use", "csv"],
        "de" => &["domain", "domains", "browser", "integration", "tab", "suffix", "mail", "csv"],
        "fr" => &[
            "page",
            "pages",
            "site",
            "sites",
            "version",
            "options",
            "minutes",
            "public",
            "interface",
            "mail",
            "part",
            "note",
            "question",
            "attention",
            "badge",
            "menu",
            "puzzle",
            "action",
            "csv",
            "notification",
            "notifications",
        ],
        "nl" => {
            &["site", "sites", "browser", "per", "was", "interface", "letter", "over", "open", "badge", "csv", "plan"]
        }
        _ => &[],
    }
}

/// Quoted text is the vendor's English UI ("New Token", «Done») and stays English.
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '«' => closing = Some('»'),
                '„' => closing = Some('“'),
                '‘' => closing = Some('’'),
                '“' => closing = Some('”'),
                '"' => closing = Some('"'),
                _ => out.push(c),
            },
        }
        if closing.is_some() {
            out.push(' ');
        }
    }
    out
}

fn words(text: &str) -> BTreeSet<String> {
    unquoted(text)
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// Words a translation left in English: those its English original has too, unless
/// shared by every language or a cognate of this one.
fn english_left_in(code: &str, english: &str, translated: &str) -> Vec<String> {
    let english = words(english);
    words(translated)
        .into_iter()
        .filter(|w| english.contains(w))
        .filter(|w| !SHARED_WORDS.contains(&w.as_str()) && !cognates(code).contains(&w.as_str()))
        .collect()
}

#[test]
fn no_translation_leaves_english_words_behind() {
    let locales = locales();
    let english = &locales["en"];
    let mut problems = Vec::new();
    for (code, messages) in locales.iter().filter(|(code, _)| code.as_str() != "en") {
        for (id, message) in messages {
            let Some(original) = english.get(id) else { continue };
            let left = english_left_in(code, original, message);
            if !left.is_empty() {
                problems.push(format!("{code}/{id}: {left:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "English words in translations:\n{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_what_it_should() {
    assert_eq!(
        english_left_in("de", "Copy it now: after you click Done", "Kopieren Sie es jetzt: after you click „Done“"),
        vec!["after", "click", "you"]
    );
    assert!(english_left_in("fr", "Open the page", "Ouvrir la page « New Token »").is_empty());
    assert_eq!(placeholders("on $1, in $2 days; $$3 is not one"), BTreeSet::from([1, 2]));
    assert_eq!(quoted_after("t('copy'); t('a b'); t('x', [1]); get('no')", "t('", '\''), vec!["copy", "x"]);
    assert_eq!(quoted_after("__MSG_extName__ and __MSG_actionTitle__", "__MSG_", '_'), vec!["extName", "actionTitle"]);
}

/// The words the design review retired (`../shared/reviews/ux-t3.md`, "One vocabulary"):
/// *keep* for the state, *forget* for the act, *fill in* for the hand-off, and the fixes
/// native speakers asked for. Matched case-blind, on whole words where a word is meant.
const RETIRED: [(&str, &[&str]); 5] = [
    ("en", &["held token", "keyshift holds", "no longer holds", "hold time", "removed in", "fill into", "recognis"]),
    ("de", &["einfüll", "eingefüllt", "abläufen", "übersehene seite"]),
    ("fr", &["remplir", "rempli", "remplissage", "retiré dans", "page manquée"]),
    ("es", &["rellen", "a las $1", "se quita en", "guardado en otro sitio"]),
    ("nl", &["kies er een", "gemiste pagina", "laad haar"]),
];

#[test]
fn the_retired_words_are_gone_from_every_locale() {
    let all = locales();
    let mut found = Vec::new();
    for (code, retired) in RETIRED {
        let messages = all.get(code).unwrap_or_else(|| panic!("locale {code}"));
        for (id, message) in messages {
            let lower = message.to_lowercase();
            found.extend(
                retired.iter().filter(|w| lower.contains(*w)).map(|w| format!("{code} {id}: “{w}” in “{message}”")),
            );
        }
    }
    assert!(found.is_empty(), "retired words still shown:\n{}", found.join("\n"));
}

/// Microsoft Edge Add-ons takes each listing's description as it is, and wants 250 to
/// 10,000 characters of it per language (the Chrome Web Store and AMO accept that too).
#[test]
fn every_store_description_fits_edge_add_ons() {
    let mut problems = Vec::new();
    for code in REQUIRED {
        let path = root().join(format!("store/listing.{code}.md"));
        let listing = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let description = listing.split_once("\n## ").map(|(_, rest)| rest.split_once('\n').map_or("", |(_, d)| d));
        let n = description.map_or(0, |d| d.trim().chars().count());
        if !(250..=10_000).contains(&n) {
            problems.push(format!("{}: the description has {n} characters", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
