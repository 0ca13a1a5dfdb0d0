use super::*;
use crate::dates::Expiry;
use crate::ids::{CaptureId, ElementId, Region};
use crate::read::block::Point;
use crate::read::snapshot::{Ancestor, Control, Dialog, Field, Heading, PageInfo, Row, Shown};
use crate::reveal::Evidence;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
const KEY: &str = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";

fn today() -> Date {
    Date::new(2026, 11, 28).expect("valid date")
}

fn salt() -> Salt {
    Salt::from_bytes([9; 16])
}

fn block(id: u32, segs: &[&str]) -> Block {
    Block { id: ElementId(id), segs: segs.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

fn page(url: &str, headings: &[&str], controls: &[&str]) -> PageInfo {
    PageInfo {
        url: url.into(),
        lang: "en".into(),
        headings: headings.iter().map(|h| Heading { text: h.to_string(), region: Region::Page }).collect(),
        controls: controls
            .iter()
            .enumerate()
            .map(|(i, l)| Control { id: ElementId(i as u32 + 100), label: l.to_string(), region: Region::Page })
            .collect(),
        ..Default::default()
    }
}

fn snap(page: PageInfo, blocks: Vec<Block>) -> Snapshot {
    Snapshot { page, blocks, ..Default::default() }
}

fn run_with(
    snapshot: &Snapshot,
    dismissed: &[Fingerprint],
    situation: Situation,
    submitted: Option<&Label>,
) -> Analysis {
    run_full(snapshot, dismissed, situation, submitted, false, None)
}

/// With every part of the context: whether a token is held, and a replacement link just
/// followed.
fn run_full(
    snapshot: &Snapshot,
    dismissed: &[Fingerprint],
    situation: Situation,
    submitted: Option<&Label>,
    holding: bool,
    replacing: Option<TokenKind>,
) -> Analysis {
    let salt = salt();
    let dismissed = crate::keep::dismissals::Dismissals::from_stored(
        dismissed
            .iter()
            .map(|&fingerprint| crate::keep::dismissals::Dismissal { fingerprint, host: None, on: None })
            .collect(),
    );
    let dismissed = &dismissed;
    analyze(
        snapshot,
        &Context {
            today: today(),
            salt: &salt,
            dismissed,
            capture: true,
            situation,
            submitted,
            holding,
            replacing,
            revealed: None,
        },
    )
}

fn run(snapshot: &Snapshot) -> Analysis {
    run_with(snapshot, &[], Situation { just_submitted: false, frame_ok: true }, None)
}

fn shown() -> Option<Shown> {
    Some(Shown { css: true, x: 20, y: 200, width: 500, height: 24, unseen: false })
}

fn reveal_page() -> PageInfo {
    page("https://acme.syncromsp.com/api_tokens/42", &["API Token Created"], &["Copy", "Done"])
}

#[test]
fn profile_legacy_key_gets_a_note_with_a_replacement_link() {
    let snapshot = snap(
        page("https://acme.repairshopr.com/profile", &["Profile/Password"], &["Update Profile", "Reset API Key"]),
        vec![
            Block { label: Some("API Key".into()), ..block(1, &[KEY]) },
            block(2, &["Asset GUID ", KEY, " on the laptop"]),
        ],
    );
    let a = run(&snapshot);
    assert_eq!(a.plan.page, PageKind::Profile);
    assert_eq!(a.plan.notes.len(), 1, "{:?}", a.plan.notes);
    let note = &a.plan.notes[0];
    assert_eq!((note.block, note.kind), (ElementId(1), NoteKind::LegacyKey));
    assert_eq!(note.message.id, TextId::LegacyKeyStopped);
    assert_eq!(note.action.as_ref().map(|x| x.href.as_str()), Some("https://acme.repairshopr.com/api_tokens/new"));
    let print = note.dismiss.expect("legacy notes are dismissable");
    assert!(!print.hex().contains(&KEY[..8]));
    // Once dismissed, the same key (in any case) is quiet.
    let upper =
        snap(snapshot.page.clone(), vec![Block { label: Some("API Key".into()), ..block(1, &[&KEY.to_uppercase()]) }]);
    assert!(run_with(&upper, &[print], Situation { just_submitted: false, frame_ok: true }, None)
        .plan
        .notes
        .is_empty());
}

#[test]
fn a_translated_profile_reads_like_a_native_one() {
    for label in ["Clave de API", "API-Schlüssel", "Clé API", "API-sleutel"] {
        let snapshot = snap(
            page("https://acme.repairshopr.com/profile", &[], &[]),
            vec![Block { label: Some(label.into()), ..block(1, &[KEY]) }],
        );
        assert_eq!(run(&snapshot).plan.notes.len(), 1, "{label}");
    }
}

#[test]
fn reveal_captures_once_and_guards_done() {
    let snapshot = snap(
        reveal_page(),
        vec![
            Block {
                source: Source::Attr,
                path: vec![Ancestor { tag: "BUTTON".into(), ..Default::default() }],
                shown: shown(),
                ..block(3, &[TOKEN])
            },
            Block { shown: shown(), ..block(1, &["Your token: ", &TOKEN[..10], &TOKEN[10..30], &TOKEN[30..]]) },
            Block { source: Source::Value, shown: shown(), ..block(2, &[TOKEN]) },
        ],
    );
    let a = run(&snapshot);
    assert_eq!(a.plan.page, PageKind::TokenReveal);
    assert_eq!(a.tokens.len(), 1, "one token shown three ways is one capture");
    assert_eq!(a.tokens[0].token.expose(), TOKEN);
    let found = &a.tokens[0];
    assert_eq!(found.block, ElementId(1), "the visible text wins over the attribute");
    assert_eq!(found.span.start, Point { seg: 1, at: 0 });
    assert_eq!(found.span.end, Point { seg: 3, at: 21 });
    assert!(a.plan.notes.is_empty(), "its note is made once the store kept it");
    let done = a.reveal.as_ref().expect("a reveal").done();
    assert_eq!(done, crate::policy::Param::Name("Done".into()), "the page's own label for its way on");
    let note = captured_note(found, Kept::Yes { capture: CaptureId(7), hold_minutes: 10 }, done.clone());
    assert_eq!((note.block, note.kind, note.capture), (ElementId(1), NoteKind::CapturedToken, Some(CaptureId(7))));
    assert_eq!(note.message.id, TextId::CapturedToken, "it says the toolbar keeps it, and for how long");
    assert_eq!(
        captured_note(found, Kept::Yes { capture: CaptureId(7), hold_minutes: 0 }, done).message.id,
        TextId::CapturedTokenNoHold
    );
    assert_eq!(a.reveal.as_ref().and_then(|r| r.exits.primary), Some(ElementId(101)));
    let verdict = a.plan.verdict.as_ref().expect("a verdict");
    assert!(verdict.reveal && verdict.evidence.contains(&Evidence::RevealAddress));
    let shown = format!("{:?}", a.plan);
    assert!(!shown.contains(TOKEN), "the plan never carries the token");
}

#[test]
fn a_token_that_is_no_reveal_is_recorded_but_never_captured_or_guarded() {
    let docs = snap(
        page("https://api-docs.repairshopr.com/", &["API Documentation"], &["Done"]),
        vec![Block {
            path: vec![
                Ancestor { tag: "CODE".into(), ..Default::default() },
                Ancestor { tag: "PRE".into(), ..Default::default() },
            ],
            shown: shown(),
            ..block(
                4,
                &[&format!("curl -H \"Authorization: Bearer {TOKEN}\" https://acme.repairshopr.com/api/v1/tickets")],
            )
        }],
    );
    let a = run_with(&docs, &[], Situation { just_submitted: true, frame_ok: true }, None);
    assert!(a.tokens.is_empty() && a.plan.notes.is_empty() && a.reveal.is_none());
    assert_ne!(a.plan.page, PageKind::TokenReveal);
    let verdict = a.plan.verdict.expect("the engine says why not");
    assert!(!verdict.reveal && verdict.evidence.contains(&Evidence::InCodeSample));
}

#[test]
fn a_token_only_in_a_copy_button_attribute_is_still_captured() {
    let snapshot = snap(
        reveal_page(),
        vec![Block {
            source: Source::Attr,
            inner: Some("Copy to clipboard".into()),
            path: vec![Ancestor { tag: "BUTTON".into(), ..Default::default() }],
            shown: shown(),
            ..block(7, &[TOKEN])
        }],
    );
    let a = run(&snapshot);
    assert_eq!(a.tokens.len(), 1);
    assert_eq!(a.tokens[0].block, ElementId(7));
}

#[test]
fn the_name_comes_from_the_form_the_user_filled_else_the_reveal_and_the_kind_from_the_form() {
    let named = snap(
        reveal_page(),
        vec![
            Block { label: Some("Name".into()), source: Source::Value, shown: shown(), ..block(5, &["IT Glue sync"]) },
            Block { source: Source::Value, shown: shown(), ..block(6, &[TOKEN]) },
        ],
    );
    let form = Label { name: Some("from the form".into()), kind: TokenKind::ItGlue };
    let a = run_with(&named, &[], Situation { just_submitted: true, frame_ok: true }, Some(&form));
    assert_eq!(a.tokens[0].label, form, "what the user typed wins over what the page says");
    assert!(a.tokens[0].named_by_user);
    let a = run_with(&named, &[], Situation { just_submitted: true, frame_ok: true }, None);
    assert_eq!(a.tokens[0].label.name.as_deref(), Some("IT Glue sync"));
    assert!(!a.tokens[0].named_by_user);
    let bare = snap(reveal_page(), vec![Block { source: Source::Value, shown: shown(), ..block(6, &[TOKEN]) }]);
    let a = run_with(&bare, &[], Situation { just_submitted: true, frame_ok: true }, Some(&form));
    assert_eq!(a.tokens[0].label.name.as_deref(), Some("from the form"));
}

#[test]
fn the_new_token_page_watches_its_submit_controls_and_name_field() {
    let mut p = page(
        "https://acme.repairshopr.com/api_tokens/new",
        &["New API Token", "Custom Permissions"],
        &["Create IT Glue token", "Create Zapier token", "Create API Token", "Cancel"],
    );
    p.title = "New API Token".into();
    let snapshot = Snapshot {
        page: p,
        fields: vec![
            Field {
                id: ElementId(40),
                kind: "text".into(),
                label: Some("Expiration (optional)".into()),
                ..Default::default()
            },
            Field {
                id: ElementId(41),
                kind: "text".into(),
                label: Some("Name".into()),
                name: Some("api_token[name]".into()),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let a = run(&snapshot);
    assert_eq!(a.plan.page, PageKind::NewToken);
    let watch = a.plan.watch.expect("watched");
    assert_eq!(
        watch.controls,
        vec![
            (ElementId(100), TokenKind::ItGlue),
            (ElementId(101), TokenKind::Zapier),
            (ElementId(102), TokenKind::Custom)
        ]
    );
    assert_eq!(watch.name, Some(ElementId(41)));
}

#[test]
fn a_new_token_dialog_on_the_list_is_watched_too() {
    let mut p = page("https://acme.repairshopr.com/api_tokens", &["API Tokens"], &["New Token"]);
    p.headings.push(Heading { text: "New API Token".into(), region: Region::Dialog(ElementId(7)) });
    p.controls.push(Control {
        id: ElementId(70),
        label: "Create API Token".into(),
        region: Region::Dialog(ElementId(7)),
    });
    p.controls.push(Control { id: ElementId(71), label: "Create".into(), region: Region::Page });
    let snapshot = Snapshot {
        page: p,
        regions: vec![Dialog { id: ElementId(7), name: String::new() }],
        fields: vec![Field {
            id: ElementId(72),
            kind: "text".into(),
            label: Some("Name".into()),
            region: Region::Dialog(ElementId(7)),
            ..Default::default()
        }],
        ..Default::default()
    };
    let watch = run(&snapshot).plan.watch.expect("the dialog is the form");
    assert_eq!((watch.controls, watch.name), (vec![(ElementId(70), TokenKind::Custom)], Some(ElementId(72))));
}

fn list_row(id: u32, cells: &[(&str, &str)]) -> (Row, Vec<Block>) {
    let row = Row { id: ElementId(id), text: cells.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" ") };
    let blocks = cells
        .iter()
        .enumerate()
        .map(|(n, (header, text))| Block {
            header: Some(header.to_string()),
            row: Some(ElementId(id)),
            ..block(id * 10 + n as u32, &[text])
        })
        .collect();
    (row, blocks)
}

fn list(lang: &str, rows: Vec<(Row, Vec<Block>)>) -> Snapshot {
    let mut p = page("https://acme.repairshopr.com/api_tokens", &["API Tokens"], &["New Token"]);
    p.lang = lang.into();
    Snapshot {
        page: p,
        rows: rows.iter().map(|r| r.0.clone()).collect(),
        blocks: rows.into_iter().flat_map(|r| r.1).collect(),
        ..Default::default()
    }
}

#[test]
fn token_list_rows_get_expiry_and_legacy_notes() {
    let row = |id: u32, name: &str, token: &str, expires: &str| {
        list_row(id, &[("Name", name), ("Token", token), ("Expires", expires)])
    };
    let snapshot = list(
        "en",
        vec![
            row(1, "Legacy API Key", KEY, ""),
            row(2, "Old Zapier", "T1a2b3c...9f9f", "2026-11-01"),
            row(3, "IT Glue", "T4d5e6f7...0a0a", "Dec 5, 2026"),
            row(4, "NinjaOne", "T0a1b2c3…", "Never"),
            row(5, "Pax8", "T9f8e7d6...1b1b", "01/30/2027"),
        ],
    );
    let a = run(&snapshot);
    assert_eq!(a.plan.page, PageKind::TokenList);
    let got: Vec<(u32, NoteKind)> = a.plan.notes.iter().map(|n| (n.block.0, n.kind)).collect();
    assert_eq!(got, vec![(11, NoteKind::LegacyKey), (21, NoteKind::TokenExpired), (31, NoteKind::TokenExpiring)]);
    assert_eq!(
        a.plan.notes[2].message.params,
        vec![crate::policy::Param::Date(Date::new(2026, 12, 5).expect("date")), crate::policy::Param::Days(7)]
    );
    assert!(a.tokens.is_empty(), "references are never captured");
    assert!(a.plan.notes.iter().all(|n| n.compact), "each warning in a row is drawn on one line");
    assert!(a.plan.summary.is_none(), "the backend counts the page's warnings, not one read");
}

#[test]
fn one_warning_on_a_list_gets_no_summary_and_a_key_outside_a_row_no_compact_note() {
    let snapshot = list("en", vec![list_row(1, &[("Name", "Legacy API Key"), ("Token", KEY), ("Expires", "")])]);
    let a = run(&snapshot);
    assert_eq!(a.plan.notes.len(), 1);
    assert!(a.plan.summary.is_none(), "one warning needs no count");
    let mut outside = snapshot.clone();
    outside.blocks.iter_mut().for_each(|b| b.row = None);
    let b = run(&outside);
    assert!(b.plan.notes.iter().all(|n| !n.compact), "a note outside any row keeps its full size");
}

#[test]
fn only_the_expires_column_decides_and_numeric_dates_follow_the_column_and_language() {
    let row = |id: u32, created: &str, used: &str, expires: &str| {
        list_row(id, &[("Token", "T4d5e6f7...0a0a"), ("Created", created), ("Last used", used), ("Expires", expires)])
    };
    // Created and Last used say "expired" dates; only Expires counts. 12/03/2026 is
    // ambiguous on its own: the column's 25/12/2026 says the page writes day first.
    let day_first = list(
        "",
        vec![row(1, "01/01/2020", "3 days ago", "12/03/2026"), row(2, "01/01/2020", "yesterday", "25/12/2026")],
    );
    let a = run(&day_first);
    assert_eq!(a.plan.notes.iter().map(|n| n.kind).collect::<Vec<_>>(), vec![NoteKind::TokenExpired]);
    // The same ambiguous cell with nothing to decide it is left alone.
    let alone = list("", vec![row(1, "01/01/2020", "3 days ago", "12/03/2026")]);
    assert!(run(&alone).plan.notes.is_empty());
    // An American page writes month first: 12/03/2026 is Dec 3, expiring.
    let us = list("en-US", vec![row(1, "01/01/2020", "3 days ago", "12/03/2026")]);
    assert_eq!(run(&us).plan.notes.iter().map(|n| n.kind).collect::<Vec<_>>(), vec![NoteKind::TokenExpiring]);
    // Relative dates and other languages' headers.
    let relative = list(
        "de",
        vec![
            list_row(1, &[("Token", "T4d5e6f7...0a0a"), ("Läuft ab", "in 5 Tagen")]),
            list_row(2, &[("Token", "T1a2b3c4...9f9f"), ("Läuft ab", "vor 2 Monaten")]),
            list_row(3, &[("Token", "T0a1b2c3…"), ("Läuft ab", "in 3 Monaten")]),
        ],
    );
    let kinds: Vec<NoteKind> = run(&relative).plan.notes.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, vec![NoteKind::TokenExpiring, NoteKind::TokenExpired]);
}

#[test]
fn negatives_produce_no_notes() {
    let snapshot = snap(
        page("https://acme.repairshopr.com/assets/77", &["Asset: Laptop-77"], &["Save"]),
        vec![
            Block { label: Some("Asset GUID".into()), ..block(1, &[KEY]) },
            block(2, &[&format!("https://acme.repairshopr.com/attachments/{KEY}/photo.png")]),
            block(3, &[&format!("Ticket note: device {KEY} was reimaged.")]),
            block(4, &[&format!("x{TOKEN}"), " ", &TOKEN.to_uppercase()]),
            block(5, &["Tabbed... Tea… T12..."]),
        ],
    );
    let a = run(&snapshot);
    assert_eq!(a.plan.notes, vec![]);
    assert_eq!(a.plan.page, PageKind::Other);
}

#[test]
fn one_bad_block_does_not_stop_the_others() {
    let huge = "x".repeat(crate::read::snapshot::limits::BLOCK_BYTES + 1);
    let snapshot = snap(
        page("https://acme.repairshopr.com/profile", &[], &[]),
        vec![block(1, &[&huge]), Block { label: Some("API Key".into()), ..block(2, &[KEY]) }],
    );
    let a = run(&snapshot);
    assert_eq!(a.plan.errors.len(), 1);
    assert_eq!((a.plan.errors[0].block, a.plan.errors[0].error), (ElementId(1), "MessageTooLarge"));
    assert_eq!(a.plan.notes.len(), 1);
}

mod handoff;

/// A token list in German, its columns found by their headers' meaning: each row becomes
/// a fact for the account's token health, with no token in it (the list shows none whole)
/// and no legacy key's value.
#[test]
fn a_token_list_becomes_health_facts_in_another_language() {
    let row = |id: u32, name: &str, token: &str, rights: &str, expires: &str| {
        list_row(id, &[("Name", name), ("Token", token), ("Berechtigungen", rights), ("Läuft ab", expires)])
    };
    let snapshot = list(
        "de",
        vec![
            row(1, "Veralteter API-Schlüssel", KEY, "Alle (veraltet)", ""),
            row(2, "Alter Zapier", "T1a2b3c...9f9f", "Zapier", "01.11.2026"),
            row(3, "IT Glue Sync", "T4d5e6f7...0a0a", "IT Glue", "09.12.2026"),
            row(4, "Berichte", "T0a1b2c3…", "Alle", "Nie"),
        ],
    );
    let a = run(&snapshot);
    let got: Vec<(&str, TokenKind, bool, bool, Option<Expiry>)> =
        a.health.iter().map(|f| (f.name.as_str(), f.kind, f.legacy, f.all_permissions, f.expires)).collect();
    let on = |m, d| Some(Expiry::On(Date::new(2026, m, d).expect("date")));
    assert_eq!(
        got,
        vec![
            ("Veralteter API-Schlüssel", TokenKind::Custom, true, true, Some(Expiry::Never)),
            ("Alter Zapier", TokenKind::Zapier, false, false, on(11, 1)),
            ("IT Glue Sync", TokenKind::ItGlue, false, false, on(12, 9)),
            ("Berichte", TokenKind::Custom, false, true, Some(Expiry::Never)),
        ]
    );
    assert_eq!(a.health[0].shown, "", "a legacy key's value is never kept");
    assert_eq!(a.health[1].shown, "T1a2b3c...9f9f", "the token as the list shows it");
    assert!(!format!("{:?}", a.health).contains(KEY));
}
