//! The hand-off to integrations: a field's note opens Keyshift's own window (never a
//! flood of them), a fill may forget the token, and a replacement link marks the New
//! Token page in the same tab.

use super::*;
use crate::ids::{ElementId, Region};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// The vendor's API docs with the Authorize dialog's field open, read by tab `tab`.
fn docs_with_field(b: &mut Backend, tab: i64) -> Caller {
    let caller = b.caller(&sender("https://api-docs.repairshopr.com/", Some(tab))).expect("vendor host");
    let field = crate::read::fill::Field {
        id: ElementId(60),
        kind: "text".into(),
        near: Some("Available authorizations api_key (apiKey) Name: api_key In: query Value:".into()),
        group: Some(1),
        visible: true,
        editable: true,
        ..Default::default()
    };
    let page =
        PageInfo { url: "https://api-docs.repairshopr.com/".into(), title: "Swagger UI".into(), ..PageInfo::default() };
    let snapshot = Snapshot { page, fields: vec![field], ..Snapshot::default() };
    let Ok(Outcome { reply: Reply::Plan { plan }, .. }) = ask(b, &caller, Request::Scan { snapshot }) else {
        panic!("plan")
    };
    assert!(plan.notes.iter().any(|n| n.fill), "the field's note offers the held token");
    caller
}

#[test]
fn a_fields_note_opens_one_fill_window_per_tab_at_a_time() {
    let mut b = backend();
    let holder = page_caller(&b, 1);
    scan(&mut b, &holder); // a token is held
    let caller = docs_with_field(&mut b, 7);
    let open = |b: &mut Backend, caller: &Caller, at: Millis| {
        handle(b, caller, Request::FillOpen(NoFields {}), Clock::at(at)).expect("fill-open").effects.open_fill
    };
    assert_eq!(open(&mut b, &caller, NOW), Some(TabId(7)));
    assert_eq!(open(&mut b, &caller, NOW + 500), None, "a page repeating the message opens nothing more");
    assert_eq!(open(&mut b, &caller, NOW + 2_500), Some(TabId(7)));
    // Two tabs taking turns: at most one window a second between them.
    let other = docs_with_field(&mut b, 8);
    let opened = (0..20)
        .filter(|i| open(&mut b, if i % 2 == 0 { &caller } else { &other }, NOW + 5_000 + i * 100).is_some())
        .count();
    assert!(opened <= 2, "{opened} windows in 2 seconds");
    // A page never offered a fill cannot ask for the window.
    let stranger = page_caller(&b, 9);
    assert!(matches!(handle(&mut b, &stranger, Request::FillOpen(NoFields {}), CLOCK), Err(Error::NotAllowed(_))));
    // The popup cannot ask for it: only a page's note can.
    assert!(matches!(ask(&mut b, &Caller::ExtensionPage, Request::FillOpen(NoFields {})), Err(Error::NotAllowed(_))));
}

#[test]
fn a_fill_forgets_the_token_only_when_the_option_says_so() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let capture = scan(&mut b, &caller).0.notes[0].capture.expect("capture id");
    let filled = |b: &mut Backend| match ask(b, &Caller::ExtensionPage, Request::Filled(CaptureRef { capture })) {
        Ok(Outcome { reply: Reply::Filled(Filled { forgotten }), .. }) => forgotten,
        other => panic!("unexpected {other:?}"),
    };
    assert!(!filled(&mut b), "off by default");
    assert!(ask(&mut b, &Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture })).is_ok(), "still held");
    let on = Settings { forget_after_fill: true, ..Settings::default() };
    ask(&mut b, &Caller::ExtensionPage, Request::SetSettings { settings: on }).expect("settings");
    assert!(filled(&mut b));
    assert!(ask(&mut b, &Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture })).is_err(), "gone");
    // Pages cannot claim a fill.
    assert!(matches!(ask(&mut b, &caller, Request::Filled(CaptureRef { capture })), Err(Error::NotAllowed(_))));
}

#[test]
fn a_replacement_link_marks_the_new_token_page_of_the_same_tab_only() {
    let mut b = backend();
    let list = page_caller(&b, 3);
    ask(&mut b, &list, Request::Replacing(Replacing { kind: TokenKind::Pax8 })).expect("replacing");
    let new_token = || Snapshot {
        page: PageInfo {
            url: "https://acme.repairshopr.com/api_tokens/new".into(),
            title: "New API Token".into(),
            headings: vec![Heading { text: "New API Token".into(), region: Region::Page }],
            controls: vec![
                Control { id: ElementId(1), label: "Pax 8".into(), region: Region::Page },
                Control { id: ElementId(2), label: "Create API Token".into(), region: Region::Page },
            ],
            ..Default::default()
        },
        ..Default::default()
    };
    let marked = |b: &mut Backend, tab: i64| {
        let caller = b.caller(&sender("https://acme.repairshopr.com/api_tokens/new", Some(tab))).expect("caller");
        match ask(b, &caller, Request::Scan { snapshot: new_token() }).expect("scan").reply {
            Reply::Plan { plan } => {
                plan.notes.iter().filter(|n| n.kind == NoteKind::ReplacementChoice).map(|n| n.block).collect::<Vec<_>>()
            }
            other => panic!("unexpected {other:?}"),
        }
    };
    assert_eq!(marked(&mut b, 3), vec![1]);
    assert!(marked(&mut b, 4).is_empty(), "another tab did not follow the link");
}

#[test]
fn the_popup_makes_fill_in_the_main_action_only_over_a_page_with_a_field_for_the_token() {
    let mut b = backend();
    let holder = page_caller(&b, 1);
    scan(&mut b, &holder); // a token is held, read in tab 1 (no field there)
    docs_with_field(&mut b, 7);
    let fill_here = |b: &mut Backend, tab: i64| match ask(
        b,
        &Caller::ExtensionPage,
        Request::Popup(Here { tab: Some(TabId(tab)), url: None }),
    ) {
        Ok(Outcome { reply: Reply::Popup(Opened { fill_here, .. }), .. }) => fill_here,
        other => panic!("{other:?}"),
    };
    assert!(fill_here(&mut b, 7), "over the docs with the Authorize field");
    assert!(!fill_here(&mut b, 1), "over the page the token came from");
    assert!(!fill_here(&mut b, 99), "over a tab Keyshift never read");
}
