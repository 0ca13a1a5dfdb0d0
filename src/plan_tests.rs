use super::*;
use crate::block::Point;
use crate::snapshot::{Control, PageInfo, Row};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
const KEY: &str = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";

fn today() -> Date {
    Date::new(2026, 11, 28).expect("valid date")
}

fn block(id: u32, segs: &[&str]) -> Block {
    Block { id, segs: segs.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

fn page(url: &str, controls: &[&str]) -> PageInfo {
    PageInfo {
        url: url.into(),
        controls: controls
            .iter()
            .enumerate()
            .map(|(i, l)| Control { id: i as u32 + 100, label: l.to_string() })
            .collect(),
        ..Default::default()
    }
}

fn run(snapshot: &Snapshot, dismissed: &[String]) -> Analysis {
    analyze(snapshot, &Context { today: today(), salt: "salt", dismissed, capture: true })
}

#[test]
fn profile_legacy_key_gets_a_note_with_a_replacement_link() {
    let snapshot = Snapshot {
        page: page("https://acme.repairshopr.com/profile", &["Update Profile", "Reset API Key"]),
        blocks: vec![
            Block { label: Some("API Key".into()), ..block(1, &[KEY]) },
            block(2, &["Asset GUID ", KEY, " on the laptop"]),
        ],
        rows: vec![],
    };
    let a = run(&snapshot, &[]);
    assert_eq!(a.plan.page, PageKind::Profile);
    assert_eq!(a.plan.notes.len(), 1, "{:?}", a.plan.notes);
    let note = &a.plan.notes[0];
    assert_eq!((note.block, note.kind), (1, NoteKind::LegacyKey));
    assert_eq!(note.message.id, TextId::LegacyKeyStopped);
    assert_eq!(note.action.as_ref().map(|x| x.href.as_str()), Some("https://acme.repairshopr.com/api_tokens/new"));
    let print = note.dismiss.clone().expect("legacy notes are dismissable");
    assert!(!print.contains(KEY));
    // Once dismissed, the same key (in any case) is quiet.
    let upper = Snapshot {
        blocks: vec![Block { label: Some("API Key".into()), ..block(1, &[&KEY.to_uppercase()]) }],
        ..snapshot
    };
    assert!(run(&upper, &[print]).plan.notes.is_empty());
}

#[test]
fn reveal_captures_once_and_guards_done() {
    let snapshot = Snapshot {
        page: page("https://acme.syncromsp.com/api_tokens/42", &["Copy", "Done"]),
        blocks: vec![
            Block { source: Source::Attr, ..block(3, &[TOKEN]) },
            block(1, &["Your token: ", &TOKEN[..10], &TOKEN[10..30], &TOKEN[30..]]),
            Block { source: Source::Value, ..block(2, &[TOKEN]) },
        ],
        rows: vec![],
    };
    let a = run(&snapshot, &[]);
    assert_eq!(a.plan.page, PageKind::TokenReveal);
    assert_eq!(a.tokens.len(), 1, "one token shown three ways is one capture");
    assert_eq!(a.tokens[0].token.expose(), TOKEN);
    let note = &a.plan.notes[a.tokens[0].note];
    assert_eq!((note.block, note.kind), (1, NoteKind::CapturedToken), "the visible text wins over the attribute");
    assert_eq!(note.span.start, Point { seg: 1, at: 0 });
    assert_eq!(note.span.end, Point { seg: 3, at: 21 });
    assert_eq!(a.done_control, Some(101));
    let shown = format!("{:?}", a.plan);
    assert!(!shown.contains(TOKEN), "the plan never carries the token");
}

#[test]
fn a_token_only_in_a_copy_button_attribute_is_still_captured() {
    let snapshot = Snapshot {
        page: page("https://acme.repairshopr.com/api_tokens/9", &["Done"]),
        blocks: vec![Block { source: Source::Attr, ..block(7, &[TOKEN]) }],
        rows: vec![],
    };
    let a = run(&snapshot, &[]);
    assert_eq!(a.tokens.len(), 1);
    assert_eq!(a.plan.notes[0].block, 7);
}

#[test]
fn token_list_rows_get_expiry_and_legacy_notes() {
    let row = |id: u32, name: &str, token: &str, expires: &str| {
        let cell = |n: u32, header: &str, text: &str| Block {
            header: Some(header.into()),
            row: Some(id),
            ..block(id * 10 + n, &[text])
        };
        (
            Row { id, text: format!("{name} {token} {expires}") },
            vec![cell(0, "Name", name), cell(1, "Token", token), cell(2, "Expires", expires)],
        )
    };
    let rows = [
        row(1, "Legacy API Key", KEY, ""),
        row(2, "Old Zapier", "T1a2b3c...9f9f", "2026-11-01"),
        row(3, "IT Glue", "T4d5e6f7...0a0a", "Dec 5, 2026"),
        row(4, "NinjaOne", "T0a1b2c3…", "Never"),
        row(5, "Pax8", "T9f8e7d6...1b1b", "01/30/2027"),
    ];
    let snapshot = Snapshot {
        page: PageInfo {
            headings: vec!["API Tokens".into()],
            ..page("https://acme.repairshopr.com/api_tokens", &["New Token"])
        },
        rows: rows.iter().map(|r| r.0.clone()).collect(),
        blocks: rows.iter().flat_map(|r| r.1.clone()).collect(),
    };
    let a = run(&snapshot, &[]);
    assert_eq!(a.plan.page, PageKind::TokenList);
    let got: Vec<(u32, NoteKind)> = a.plan.notes.iter().map(|n| (n.block, n.kind)).collect();
    assert_eq!(got, vec![(11, NoteKind::LegacyKey), (21, NoteKind::TokenExpired), (31, NoteKind::TokenExpiring)]);
    assert_eq!(
        a.plan.notes[2].message.params,
        vec![crate::policy::Param::Date(Date::new(2026, 12, 5).expect("date")), crate::policy::Param::Count(7)]
    );
    let json = serde_json::to_string(&a.plan.notes[2].message).expect("serializes");
    assert_eq!(json, r#"{"id":"tokenExpiring","params":[{"date":"2026-12-05"},{"count":7}]}"#);
    assert!(a.tokens.is_empty(), "references are never captured");
}

#[test]
fn negatives_produce_no_notes() {
    let snapshot = Snapshot {
        page: page("https://acme.repairshopr.com/assets/77", &["Save"]),
        blocks: vec![
            Block { label: Some("Asset GUID".into()), ..block(1, &[KEY]) },
            block(2, &[&format!("https://acme.repairshopr.com/attachments/{KEY}/photo.png")]),
            block(3, &[&format!("Ticket note: device {KEY} was reimaged.")]),
            block(4, &[&format!("x{TOKEN}"), " ", &TOKEN.to_uppercase()]),
            block(5, &["Tabbed... Tea… T12..."]),
        ],
        rows: vec![],
    };
    let a = run(&snapshot, &[]);
    assert_eq!(a.plan.notes, vec![]);
    assert_eq!(a.plan.page, PageKind::Other);
}

#[test]
fn one_bad_block_does_not_stop_the_others() {
    let huge = "x".repeat(crate::snapshot::limits::BLOCK_BYTES + 1);
    let snapshot = Snapshot {
        page: page("https://acme.repairshopr.com/profile", &[]),
        blocks: vec![block(1, &[&huge]), Block { label: Some("API Key".into()), ..block(2, &[KEY]) }],
        rows: vec![],
    };
    let a = run(&snapshot, &[]);
    assert_eq!(a.plan.errors.len(), 1);
    assert_eq!((a.plan.errors[0].block, a.plan.errors[0].error), (1, "MessageTooLarge"));
    assert_eq!(a.plan.notes.len(), 1);
}
