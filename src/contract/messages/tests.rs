//! The TypeScript contract (`src/contract/contract.d.ts`, published in keyshift.d.ts) says
//! what the Rust types say: every request kind, every field of what the shell sends,
//! every field and value of what it reads back.

use super::*;
use crate::ids::{CaptureId, ElementId, Millis, Region, TabId};
use crate::keep::capture::{DoneDecision, HeldView, Place};
use crate::keep::settings::{Locked, TABLE};
use crate::plan::{Action, BlockError, DoneGuard, Note, NoteKind, Plan, Watch};
use crate::policy::{Duration, Message, Param, TimeUnit};
use crate::read::block::{Point, Span};
use crate::read::integrations::TokenKind;
use crate::read::page::PageKind;
use crate::reveal::life::{CopiedBy, Exit, Rank};
use crate::reveal::{Evidence, Verdict, EVIDENCE};
use crate::text::TextId;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const CONTRACT: &str = include_str!("../contract.d.ts");

/// `export interface Name { a: T; b?: U; }` → name → field names.
fn interfaces() -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut rest = CONTRACT;
    while let Some(at) = rest.find("export interface ") {
        rest = &rest[at + "export interface ".len()..];
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        let open = rest.find('{').expect("a body");
        let mut depth = 0;
        let mut end = open;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = open + i;
                break;
            }
        }
        let body = &rest[open + 1..end];
        let fields = body
            .split(';')
            .map(|f| {
                f.lines()
                    .filter(|l| !l.trim_start().starts_with("/**") && !l.trim_start().starts_with('*'))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter_map(|f| f.trim().split_once(':').map(|(k, _)| k.trim().trim_end_matches('?').to_string()))
            .filter(|k| !k.is_empty())
            .collect();
        out.insert(name, fields);
    }
    out
}

/// `export type Name = 'a' | 'b';` → the quoted strings.
fn string_union(name: &str) -> BTreeSet<String> {
    let start = CONTRACT.find(&format!("export type {name} =")).unwrap_or_else(|| panic!("type {name}"));
    let body = &CONTRACT[start..start + CONTRACT[start..].find(';').expect("end")];
    body.split('\'').skip(1).step_by(2).map(String::from).collect()
}

/// The names serde lists when it refuses an unknown one ("expected one of `a`, `b`",
/// "expected `a` or `b`", "expected `a`", "there are no fields").
fn serde_names(error: String) -> BTreeSet<String> {
    if error.contains("there are no fields") {
        return BTreeSet::new();
    }
    let list = error.split("expected").nth(1).unwrap_or_else(|| panic!("{error}"));
    list.split('`').skip(1).step_by(2).map(String::from).collect()
}

fn fields_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: Value) -> BTreeSet<String> {
    let mut body = body;
    body.as_object_mut().expect("an object").insert("zzz-no-such-field".into(), json!(0));
    serde_names(serde_json::from_value::<T>(body).expect_err("refused").to_string())
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("serializes")
}

#[test]
fn every_request_kind_and_inbound_field_is_declared() {
    let declared: BTreeSet<String> = {
        let start = CONTRACT.find("export type Request =").expect("Request");
        let body = &CONTRACT[start..start + CONTRACT[start..].find(";").expect("end")];
        body.split('\'').skip(1).step_by(2).map(String::from).collect()
    };
    let rust = serde_names(serde_json::from_str::<Request>(r#"{"zzz":{}}"#).expect_err("refused").to_string());
    assert_eq!(declared, rust, "Request kinds");
    let ts = interfaces();
    let snapshot = json!({"page": {"url": "https://a.repairshopr.com/"}});
    for (name, rust) in [
        ("Snapshot", fields_of::<crate::read::snapshot::Snapshot>(snapshot.clone())),
        ("PageInfo", fields_of::<crate::read::snapshot::PageInfo>(json!({"url": "x"}))),
        ("Block", fields_of::<crate::read::snapshot::Block>(json!({"id": 1, "segs": []}))),
        ("Field", fields_of::<crate::read::snapshot::Field>(json!({"id": 1}))),
        ("Submitted", fields_of::<Submitted>(json!({"kind": "custom"}))),
        ("Here", fields_of::<Here>(json!({}))),
        ("CaptureRef", fields_of::<CaptureRef>(json!({"capture": 1}))),
        ("FingerprintRef", fields_of::<FingerprintRef>(json!({"fingerprint": "0123456789abcdef0123456789abcdef"}))),
        ("Settings", fields_of::<Settings>(json!({}))),
    ] {
        assert_eq!(ts.get(name), Some(&rust), "{name}");
    }
    assert_eq!(ts["Settings"], TABLE.iter().map(|s| s.key.to_string()).collect(), "Settings follow the one table");
}

#[test]
fn every_outbound_field_and_value_is_declared() {
    let ts = interfaces();
    let span = Span { start: Point { seg: 0, at: 1 }, end: Point { seg: 2, at: 3 } };
    let message = Message::new(
        TextId::TokenExpiring,
        vec![Param::Date(crate::dates::Date { year: 2026, month: 1, day: 2 }), Param::Count(3)],
    );
    let note = Note {
        block: ElementId(1),
        span,
        kind: NoteKind::LegacyKey,
        message: message.clone(),
        action: Some(Action {
            label: Message::new(TextId::CreatePrebuiltToken, vec![Param::Name("Zapier".into())]),
            href: "https://x/".into(),
            kind: TokenKind::Zapier,
        }),
        dismiss: Some(crate::keep::fingerprint::Salt::from_bytes([0; 16]).of("x")),
        capture: Some(CaptureId(4)),
        copy_failed: Some(TextId::CopyFailed),
        fill: true,
        compact: true,
    };
    let verdict = Verdict {
        reveal: true,
        rank: Rank::Confirmed,
        score: 5,
        region: Region::Dialog(ElementId(2)),
        evidence: vec![Evidence::OnceText],
    };
    let plan = Plan {
        page: PageKind::TokenReveal,
        notes: vec![note.clone()],
        done: Some(DoneGuard {
            control: Some(ElementId(3)),
            capture: Some(CaptureId(4)),
            region: Region::Dialog(ElementId(2)),
            exits: vec![ElementId(3)],
            copies: vec![ElementId(7)],
            dialog: true,
            done: Param::Word(TextId::DoneWord),
        }),
        watch: Some(Watch {
            controls: vec![(ElementId(5), TokenKind::Custom)],
            name: Some(ElementId(6)),
            submits: false,
        }),
        verdict: Some(verdict.clone()),
        errors: vec![BlockError { block: ElementId(1), error: "MessageTooLarge", message: "m".into() }],
        summary: Some(crate::plan::Summary { block: ElementId(1), parts: vec![message.clone()] }),
        theme: crate::read::look::Theme::Dark,
    };
    let held = HeldView {
        id: CaptureId(1),
        masked: "T0000000…0000".into(),
        origin: "https://a".into(),
        name: Some("n".into()),
        kind: TokenKind::Zapier,
        place: Place::ThisTab,
        captured_at: Millis(1),
        expires_in_ms: Millis(2),
        copied: false,
        filled: true,
        confirmed: true,
    };
    let health_view = crate::health::View {
        origin: "https://acme.syncromsp.com".into(),
        read_on: crate::dates::Date { year: 2026, month: 12, day: 4 },
        tokens: 2,
        needs_action: 1,
        lines: vec![crate::health::Line { problem: crate::health::Problem::Legacy, names: vec!["k".into()] }],
    };
    let effects = Effects {
        session: Some(Session::default()),
        settings: Some(Settings::default()),
        host_patterns: Some(vec![]),
        dismissed: Some(vec![]),
        health: Some(crate::health::Health::default()),
        salt: Some("s".into()),
        alarm_at: Some(Millis(1)),
        read_clipboard: true,
        open_fill: Some(TabId(3)),
        notify: Some(vec![Notice {
            id: "keyshift:x".into(),
            name: "IT Glue sync".into(),
            account: "acme.syncromsp.com".into(),
            message: Message::new(
                TextId::ReminderDay,
                vec![Param::Date(crate::dates::Date { year: 2026, month: 12, day: 5 })],
            ),
            url: "https://acme.syncromsp.com/api_tokens".into(),
        }]),
        badges: Some(vec![Badge {
            tab: TabId(3),
            kind: BadgeKind::Flagged,
            count: 2,
            title: Message::new(TextId::BadgeFlagged, vec![Param::Count(2)]),
        }]),
    };
    for (name, value) in [
        ("Plan", to_json(&plan)),
        ("Note", to_json(&note)),
        ("Summary", to_json(plan.summary.as_ref().expect("a summary"))),
        ("Span", to_json(&span)),
        ("Point", to_json(&span.start)),
        ("Message", to_json(&message)),
        ("Action", to_json(&note.action)),
        ("DoneGuard", to_json(&plan.done)),
        ("Watch", to_json(&plan.watch)),
        ("Verdict", to_json(&verdict)),
        ("BlockError", to_json(&plan.errors[0])),
        ("HeldView", to_json(&held)),
        ("Reading", to_json(&crate::read::scan::READING)),
        ("Effects", to_json(&effects)),
        ("Outcome", to_json(&Outcome { reply: Reply::Ok {}, effects: Effects::default() })),
    ] {
        assert_eq!(ts.get(name), Some(&keys(&value)), "{name}");
    }
    // Each reply is one of the declared reply interfaces, field for field.
    let settings = Settings::default();
    let replies = [
        Reply::Plan { plan },
        Reply::Copied { said: crate::policy::copied_message(Some(60)) },
        Reply::Done { decision: DoneDecision::Confirm },
        Reply::Held(HeldList { held: vec![held.clone()] }),
        Reply::Popup(Opened {
            held: vec![held],
            settings: settings.clone(),
            locked: vec![Locked::HoldMinutes],
            enabled: true,
            flagged: 2,
            fill_here: true,
            health: vec![health_view.clone()],
        }),
        Reply::Revealed(Revealed { token: crate::keep::capture::Secret::new("t".into()) }),
        Reply::Settings(InForce { settings, locked: vec![] }),
        Reply::Dismissed(DismissedList { dismissed: vec![] }),
        Reply::Verdict(Judged { page: Some(PageKind::Other), verdict: Some(verdict) }),
        Reply::Clipboard { clear: false },
        Reply::Filled(Filled { forgotten: true }),
        Reply::Csv(Csv { csv: "account\r\n".into() }),
        Reply::Ok {},
    ];
    let reply_types: Vec<&str> = {
        let start = CONTRACT.find("export type Reply =").expect("Reply");
        let body = &CONTRACT[start + "export type Reply =".len()..start + CONTRACT[start..].find(';').expect("end")];
        body.split('|').map(str::trim).filter(|s| !s.is_empty()).collect()
    };
    for reply in &replies {
        let fields = keys(&to_json(reply));
        assert!(reply_types.iter().any(|t| ts.get(*t) == Some(&fields)), "no declared reply has the fields {fields:?}");
    }
    assert_eq!(reply_types.len(), replies.len(), "one declared reply per kind");
}

#[test]
fn every_enumerated_value_is_declared() {
    let values =
        |v: Vec<Value>| v.into_iter().map(|v| v.as_str().expect("a string").to_string()).collect::<BTreeSet<_>>();
    let evidence: Vec<Value> = EVIDENCE.iter().map(|(e, _)| to_json(e)).collect();
    assert_eq!(string_union("Evidence"), values(evidence));
    // Exhaustive matches: a new variant does not compile until it is listed here.
    let page = |p: PageKind| match p {
        PageKind::TokenList
        | PageKind::NewToken
        | PageKind::TokenReveal
        | PageKind::Profile
        | PageKind::Integration
        | PageKind::Other => to_json(&p),
    };
    let pages = [
        PageKind::TokenList,
        PageKind::NewToken,
        PageKind::TokenReveal,
        PageKind::Profile,
        PageKind::Integration,
        PageKind::Other,
    ];
    assert_eq!(string_union("PageKind"), values(pages.map(page).to_vec()));
    let note = |k: NoteKind| match k {
        NoteKind::LegacyKey
        | NoteKind::TokenExpired
        | NoteKind::TokenExpiring
        | NoteKind::CapturedToken
        | NoteKind::FillField
        | NoteKind::ReplacementChoice
        | NoteKind::Kept => to_json(&k),
    };
    let notes = [
        NoteKind::LegacyKey,
        NoteKind::TokenExpired,
        NoteKind::TokenExpiring,
        NoteKind::CapturedToken,
        NoteKind::FillField,
        NoteKind::ReplacementChoice,
        NoteKind::Kept,
    ];
    assert_eq!(string_union("NoteKind"), values(notes.map(note).to_vec()));
    let kind = |k: TokenKind| match k {
        TokenKind::Unknown
        | TokenKind::Custom
        | TokenKind::ItGlue
        | TokenKind::NinjaRmm
        | TokenKind::Pax8
        | TokenKind::Zapier => to_json(&k),
    };
    let kinds = [
        TokenKind::Unknown,
        TokenKind::Custom,
        TokenKind::ItGlue,
        TokenKind::NinjaRmm,
        TokenKind::Pax8,
        TokenKind::Zapier,
    ];
    assert_eq!(string_union("TokenKind"), values(kinds.map(kind).to_vec()));
    let place = |p: Place| match p {
        Place::ThisTab | Place::EarlierInTab | Place::ThisSite | Place::Elsewhere => to_json(&p),
    };
    assert_eq!(
        string_union("Place"),
        values([Place::ThisTab, Place::EarlierInTab, Place::ThisSite, Place::Elsewhere].map(place).to_vec())
    );
    let decision = |d: DoneDecision| match d {
        DoneDecision::Confirm | DoneDecision::Allow | DoneDecision::Kept => to_json(&d),
    };
    assert_eq!(
        string_union("DoneDecision"),
        values([DoneDecision::Confirm, DoneDecision::Allow, DoneDecision::Kept].map(decision).to_vec())
    );
    let exit = |e: Exit| match e {
        Exit::Activate | Exit::Escape | Exit::Backdrop | Exit::Submit | Exit::Link | Exit::Removed => to_json(&e),
    };
    assert_eq!(
        string_union("Exit"),
        values(
            [Exit::Activate, Exit::Escape, Exit::Backdrop, Exit::Submit, Exit::Link, Exit::Removed].map(exit).to_vec()
        )
    );
    let by = |b: CopiedBy| match b {
        CopiedBy::Keyshift | CopiedBy::User | CopiedBy::Page => to_json(&b),
    };
    assert_eq!(string_union("CopiedBy"), values([CopiedBy::Keyshift, CopiedBy::User, CopiedBy::Page].map(by).to_vec()));
    let badge = |k: BadgeKind| match k {
        BadgeKind::Kept | BadgeKind::Flagged | BadgeKind::None => to_json(&k),
    };
    assert_eq!(
        string_union("BadgeKind"),
        values([BadgeKind::Kept, BadgeKind::Flagged, BadgeKind::None].map(badge).to_vec())
    );
    let rank = |r: Rank| match r {
        Rank::Judged | Rank::Confirmed => to_json(&r),
    };
    assert_eq!(string_union("Rank"), values([Rank::Judged, Rank::Confirmed].map(rank).to_vec()));
    assert_eq!(string_union("Locked"), values(TABLE.iter().map(|s| to_json(&s.locked)).collect()));
    let unit = |u: TimeUnit| match u {
        TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour => to_json(&u),
    };
    assert_eq!(
        string_union("TimeUnit"),
        values([TimeUnit::Second, TimeUnit::Minute, TimeUnit::Hour].map(unit).to_vec())
    );
    // Each kind of parameter is one member of the declared union, named by its one key.
    let param = |p: Param| match p {
        Param::Date(_) | Param::Count(_) | Param::Days(_) | Param::Duration(_) | Param::Name(_) | Param::Word(_) => {
            to_json(&p)
        }
    };
    let params = [
        Param::Date(crate::dates::Date { year: 2026, month: 1, day: 2 }),
        Param::Count(3),
        Param::Days(1),
        Param::Duration(Duration::of_seconds(60)),
        Param::Name("IT Glue".into()),
        Param::Word(TextId::DoneWord),
    ];
    let start = CONTRACT.find("export type Param =").expect("Param");
    let declared = &CONTRACT[start..start + CONTRACT[start..].find(";\n").expect("end")];
    for p in params.map(param) {
        let key = keys(&p).into_iter().next().expect("one key");
        assert!(declared.contains(&format!("{{ {key}: ")), "Param {key} is not declared: {declared}");
    }
}

/// The pages → content script channel: every request kind and body field `contract::tab`
/// writes, and every fill result it reads, are the ones the TypeScript declares.
#[test]
fn the_tab_channel_is_declared() {
    use crate::contract::tab::{Expect, FillResult, TabRequest};
    let ts = interfaces();
    let expect = Expect { kind: "text", name: None, origin: "https://a.example", doc: "d" };
    assert_eq!(ts["Expect"], keys(&to_json(&expect)));
    let requests = [
        TabRequest::Report(true),
        TabRequest::Fields(NoFields {}),
        TabRequest::Mark { at: ElementId(1), expect, on: true, label: "Keyshift fills the token in here" },
        TabRequest::Fill { at: ElementId(1), expect, value: "v" },
    ];
    let start = CONTRACT.find("export type TabRequest =").expect("declared");
    let declared = &CONTRACT[start..start + CONTRACT[start..].find(';').expect("end")];
    for request in &requests {
        let wire = to_json(request);
        let (kind, body) = wire.as_object().and_then(|o| o.iter().next()).expect("{ kind: body }");
        assert!(declared.contains(&format!("'{kind}'")), "{kind} is not a declared TabRequest");
        if let Some(name) = [("mark", "MarkBody"), ("fill", "FillBody")].iter().find(|(k, _)| k == kind).map(|(_, n)| n)
        {
            assert_eq!(ts[*name], keys(body), "{name}");
        }
    }
    let result = |r: FillResult| match r {
        FillResult::Filled | FillResult::Changed | FillResult::Refused => r,
    };
    let read: BTreeSet<String> = string_union("FillResult");
    for text in &read {
        let r: FillResult = serde_json::from_value(json!(text)).unwrap_or_else(|_| panic!("{text}"));
        result(r);
    }
    assert_eq!(read.len(), 3, "one declared value per FillResult");
}
