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

#[test]
fn the_checker_sees_what_it_should() {
    assert_eq!(placeholders("on $1, in $2 days; $$3 is not one"), BTreeSet::from([1, 2]));
    assert_eq!(quoted_after("t('copy'); t('a b'); t('x', [1]); get('no')", "t('", '\''), vec!["copy", "x"]);
    assert_eq!(quoted_after("__MSG_extName__ and __MSG_actionTitle__", "__MSG_", '_'), vec!["extName", "actionTitle"]);
}
