use super::*;
use crate::ids::{CaptureId, ElementId, Millis, Region, TabId};
use crate::keep::capture::{Binding, DoneDecision};
use crate::keep::settings::{Locked, Managed};
use crate::plan::NoteKind;
use crate::plan::{DoneGuard, Plan};
use crate::policy::{Message, Param};
use crate::read::integrations::TokenKind;
use crate::read::snapshot::{Block, Control, Dialog, Heading, PageInfo, Snapshot, Source};
use crate::reveal::life::Exit;
use crate::text::TextId;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
const NOW: Millis = Millis(1_795_000_000_000);
const CLOCK: Clock = Clock { now: NOW, offset_minutes: 0 };
const SELF: &str = "abcdefghijklmnopabcdefghijklmnop";

fn sender(url: &str, tab: Option<i64>) -> Sender {
    Sender {
        id: Some(SELF.into()),
        url: Some(url.into()),
        tab: tab.map(TabId),
        frame: Some(0),
        tab_url: Some(url.into()),
    }
}

fn reveal_snapshot() -> Snapshot {
    Snapshot {
        page: PageInfo {
            url: "https://acme.repairshopr.com/api_tokens/5".into(),
            headings: vec![Heading { text: "API Token Created".into(), region: Region::Page }],
            controls: vec![Control { id: ElementId(9), label: "Done".into(), region: Region::Page }],
            ..Default::default()
        },
        blocks: vec![Block { id: ElementId(1), segs: vec![TOKEN.into()], source: Source::Value, ..Default::default() }],
        ..Default::default()
    }
}

fn state() -> State {
    State {
        salt: Some("00112233445566778899aabbccddeeff".into()),
        self_id: SELF.into(),
        self_origin: format!("chrome-extension://{SELF}"),
        suffixes: Some(include_str!("../../extension/psl.dat").to_string()),
        ..Default::default()
    }
}

fn backend() -> Backend {
    Backend::new(state())
}

fn page_caller(b: &Backend, tab: i64) -> Caller {
    b.caller(&sender("https://acme.repairshopr.com/api_tokens/5", Some(tab))).expect("vendor page is allowed")
}

fn handle(b: &mut Backend, caller: &Caller, request: Request, clock: Clock) -> Result<Outcome, Error> {
    b.handle(caller, request, clock).map_err(|refused| refused.error)
}

fn ask(b: &mut Backend, caller: &Caller, request: Request) -> Result<Outcome, Error> {
    handle(b, caller, request, CLOCK)
}

/// A profile page showing `keys` legacy keys, each labelled as one.
fn profile_with_keys(keys: usize) -> Snapshot {
    let blocks = (0..keys)
        .map(|n| Block {
            id: ElementId(n as u32 + 1),
            segs: vec![format!("5f0b6c1e-2a3d-4b5c-8d9e-{n:012x}")],
            label: Some("API Key".into()),
            ..Block::default()
        })
        .collect();
    Snapshot {
        page: PageInfo { url: "https://acme.repairshopr.com/profile".into(), ..PageInfo::default() },
        blocks,
        ..Snapshot::default()
    }
}

fn scan(b: &mut Backend, caller: &Caller) -> (Plan, Effects) {
    match ask(b, caller, Request::Scan { snapshot: reveal_snapshot() }).expect("scan succeeds") {
        Outcome { reply: Reply::Plan { plan }, effects } => (plan, effects),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn callers_are_identified_and_strangers_refused() {
    let b = backend();
    assert!(matches!(
        b.caller(&sender("https://acme.repairshopr.com/x", Some(3))),
        Ok(Caller::Page { binding: Binding { tab: TabId(3), .. }, frame_ok: true, top: true })
    ));
    assert_eq!(b.caller(&sender(&format!("chrome-extension://{SELF}/popup.html"), None)), Ok(Caller::ExtensionPage));
    // The popup opened in a tab is still the popup.
    assert_eq!(b.caller(&sender(&format!("chrome-extension://{SELF}/popup.html"), Some(4))), Ok(Caller::ExtensionPage));
    let refused = [
        sender("https://example.com/", Some(3)),
        sender("http://acme.repairshopr.com/", Some(3)),
        sender(&format!("chrome-extension://{SELF}evil/popup.html"), None),
        sender("https://acme.repairshopr.com/", None),
        Sender { id: Some("other".into()), ..sender(&format!("chrome-extension://{SELF}/popup.html"), None) },
        Sender::default(),
    ];
    for s in refused {
        assert!(matches!(b.caller(&s), Err(Error::NotAllowed(_))), "{s:?}");
    }
}

#[test]
fn scan_captures_and_guards_and_persists_to_session() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let (plan, effects) = scan(&mut b, &caller);
    let note = &plan.notes[0];
    assert_eq!(note.kind, NoteKind::CapturedToken);
    let capture = note.capture.expect("capture id");
    assert_eq!(plan.done, Some(page_guard(9, Some(capture))));
    assert!(effects.session.is_some());
    assert_eq!(effects.alarm_at, Some(NOW + 10 * 60_000));
    // A rescan of the same page is the same capture.
    let (again, _) = scan(&mut b, &caller);
    assert_eq!(again.notes[0].capture, Some(capture));
}

#[test]
fn pages_never_read_held_tokens_but_the_popup_can() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let capture = scan(&mut b, &caller).0.notes[0].capture.expect("capture id");
    for request in [
        Request::RevealHeld(CaptureRef { capture }),
        Request::ListHeld(Here::default()),
        Request::ForgetAll(NoFields {}),
        Request::GetSettings(NoFields {}),
    ] {
        assert!(matches!(ask(&mut b, &caller, request), Err(Error::NotAllowed(_))));
    }
    let popup = Caller::ExtensionPage;
    let Ok(Outcome { reply: Reply::Held(HeldList { held }), .. }) =
        ask(&mut b, &popup, Request::ListHeld(Here::default()))
    else {
        panic!("list")
    };
    assert_eq!(held[0].masked, "T5e1c0a9…cdef");
    let Ok(Outcome { reply: Reply::Revealed(Revealed { token }), .. }) =
        ask(&mut b, &popup, Request::RevealHeld(CaptureRef { capture }))
    else {
        panic!("reveal")
    };
    assert_eq!(token.expose(), TOKEN);
}

/// The guard a page-level reveal arms whose one way out is control `control`.
fn page_guard(control: u32, capture: Option<CaptureId>) -> DoneGuard {
    DoneGuard {
        control: Some(ElementId(control)),
        capture,
        region: Region::Page,
        exits: vec![ElementId(control)],
        copies: vec![],
        dialog: false,
        done: Param::Name("Done".into()),
    }
}

fn done(b: &mut Backend, caller: &Caller, capture: CaptureId, clock: Clock) -> DoneDecision {
    match handle(b, caller, Request::DoneClicked(ExitRef { capture, how: Exit::Activate }), clock) {
        Ok(Outcome { reply: Reply::Done { decision }, .. }) => decision,
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn only_a_copy_or_the_users_choice_disarms_the_guard() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let capture = scan(&mut b, &caller).0.notes[0].capture.expect("capture id");
    assert_eq!(done(&mut b, &caller, capture, CLOCK), DoneDecision::Confirm);
    assert_eq!(done(&mut b, &caller, capture, CLOCK), DoneDecision::Confirm, "asking is not answering");
    ask(&mut b, &caller, Request::DoneSkipped(CaptureRef { capture })).expect("skipped");
    assert_eq!(done(&mut b, &caller, capture, CLOCK), DoneDecision::Allow);
    // Another tab cannot report copies of this capture, nor answer for it.
    let other = page_caller(&b, 2);
    assert_eq!(
        ask(&mut b, &other, Request::Copied(CopyRef { capture, by: CopiedBy::Keyshift })).err(),
        Some(Error::UnknownCapture)
    );
    assert_eq!(ask(&mut b, &other, Request::DoneSkipped(CaptureRef { capture })).err(), Some(Error::UnknownCapture));
}

#[test]
fn the_guard_holds_after_the_hold_time_ran_out() {
    let mut b = backend();
    let one = Settings { hold_minutes: 1, ..Settings::default() };
    ask(&mut b, &Caller::ExtensionPage, Request::SetSettings { settings: one }).expect("saved");
    let caller = page_caller(&b, 1);
    let capture = scan(&mut b, &caller).0.notes[0].capture.expect("capture id");
    let later = Clock::at(NOW + 11 * 60_000);
    assert_eq!(done(&mut b, &caller, capture, later), DoneDecision::Confirm, "11 minutes on, a 1-minute hold");
    assert!(matches!(
        handle(&mut b, &Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture }), later),
        Err(Error::NotHeld)
    ));
}

#[test]
fn held_tokens_survive_a_restart_through_session_storage() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let (plan, effects) = scan(&mut b, &caller);
    let capture = plan.notes[0].capture.expect("capture id");
    // What the shell writes to storage.session and reads back after a restart.
    let saved = serde_json::to_string(&effects.session.expect("session write")).expect("serializes");
    let session: Session = serde_json::from_str(&saved).expect("deserializes");
    let mut restarted = Backend::new(State { session: Some(session), ..state() });
    let Ok(Outcome { reply: Reply::Revealed(Revealed { token }), .. }) =
        handle(&mut restarted, &Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture }), Clock::at(NOW + 1))
    else {
        panic!("reveal")
    };
    assert_eq!(token.expose(), TOKEN);
    assert!(restarted.session.held.wants_guard(capture));
    // The hold runs out: a tick drops the token; the guard's memory goes later.
    let out = restarted.tick(NOW + 10 * 60_000);
    assert!(out.effects.session.is_some());
    assert!(matches!(
        handle(
            &mut restarted,
            &Caller::ExtensionPage,
            Request::RevealHeld(CaptureRef { capture }),
            Clock::at(NOW + 10 * 60_000)
        ),
        Err(Error::NotHeld)
    ));
    let out = restarted.tick(NOW + 31 * 60_000);
    assert_eq!(out.effects.alarm_at, None, "nothing left to wake up for");
    assert!(!restarted.session.held.wants_guard(capture));
}

#[test]
fn a_submitted_new_token_form_names_the_next_capture_in_that_tab() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let form = Submitted { kind: TokenKind::Custom, name: Some("Zapier (shop)".into()), chosen: vec![] };
    ask(&mut b, &caller, Request::Submitted(form)).expect("noted");
    scan(&mut b, &caller);
    let Ok(Outcome { reply: Reply::Held(HeldList { held }), .. }) =
        ask(&mut b, &Caller::ExtensionPage, Request::ListHeld(Here { tab: Some(TabId(1)), url: None }))
    else {
        panic!("list")
    };
    assert_eq!((held[0].name.as_deref(), held[0].kind), (Some("Zapier (shop)"), TokenKind::Custom));
    // A prebuilt choice goes by its integration's name, whatever the custom form held.
    let mut b2 = backend();
    let prebuilt = Submitted { kind: TokenKind::Zapier, name: Some("n8n workflows".into()), chosen: vec![] };
    ask(&mut b2, &caller, Request::Submitted(prebuilt)).expect("noted");
    scan(&mut b2, &caller);
    let Ok(Outcome { reply: Reply::Held(HeldList { held }), .. }) =
        ask(&mut b2, &Caller::ExtensionPage, Request::ListHeld(Here { tab: Some(TabId(1)), url: None }))
    else {
        panic!("list")
    };
    assert_eq!((held[0].name.as_deref(), held[0].kind), (Some("Zapier"), TokenKind::Zapier));
    // Only for that tab, and only for a while.
    let mut b = backend();
    ask(&mut b, &caller, Request::Submitted(Submitted { kind: TokenKind::Custom, name: None, chosen: vec![] }))
        .expect("noted");
    let other = page_caller(&b, 2);
    let plan = b
        .handle(&other, Request::Scan { snapshot: reveal_snapshot() }, Clock::at(NOW + crate::keep::tabs::RECENT_MS))
        .expect("scan");
    let Reply::Plan { plan } = plan.reply else { panic!("plan") };
    let verdict = plan.verdict.expect("verdict");
    assert!(!verdict.evidence.contains(&crate::reveal::Evidence::JustSubmitted));
}

#[test]
fn the_report_reads_how_a_tab_was_judged_and_a_partial_rescan_keeps_it() {
    let mut b = backend();
    let caller = page_caller(&b, 4);
    scan(&mut b, &caller);
    let mut partial = reveal_snapshot();
    partial.blocks.clear(); // a later scan of a changed part that shows no token
    ask(&mut b, &caller, Request::Scan { snapshot: partial }).expect("scan");
    let Ok(Outcome { reply: Reply::Verdict(Judged { page, verdict }), .. }) =
        ask(&mut b, &Caller::ExtensionPage, Request::PageVerdict(Here { tab: Some(TabId(4)), url: None }))
    else {
        panic!("verdict")
    };
    assert_eq!(page, Some(crate::read::page::PageKind::TokenReveal));
    assert!(verdict.is_some_and(|v| v.reveal));
}

#[test]
fn a_done_the_page_draws_again_on_its_own_is_guarded_until_the_user_answers() {
    let mut b = backend();
    let caller = page_caller(&b, 6);
    let capture = scan(&mut b, &caller).0.done.and_then(|d| d.capture).expect("guarded");
    // A re-render of the footer alone: a new Done control, no token in this read.
    let mut footer = reveal_snapshot();
    footer.blocks.clear();
    footer.page.headings.clear();
    footer.page.controls = vec![Control { id: ElementId(31), label: "Done".into(), region: Region::Page }];
    let rescan = |b: &mut Backend, snapshot: Snapshot| {
        let Ok(Outcome { reply: Reply::Plan { plan }, .. }) = ask(b, &caller, Request::Scan { snapshot }) else {
            panic!("plan")
        };
        plan.done
    };
    assert_eq!(rescan(&mut b, footer.clone()), Some(page_guard(31, Some(capture))));
    // Another page in the same tab has nothing to guard.
    let mut elsewhere = footer.clone();
    elsewhere.page.url = "https://acme.repairshopr.com/api_tokens".into();
    assert_eq!(rescan(&mut b, elsewhere), None);
    scan(&mut b, &caller);
    ask(&mut b, &caller, Request::DoneSkipped(CaptureRef { capture })).expect("answered");
    assert_eq!(rescan(&mut b, footer), None, "once the user answered, nothing is held back");
}

#[test]
fn a_frame_under_a_foreign_page_never_captures() {
    let mut b = backend();
    let framed =
        Sender { frame: Some(3), tab_url: None, ..sender("https://victim.repairshopr.com/api_tokens/5", Some(8)) };
    let caller = b.caller(&framed).expect("a vendor frame may still scan");
    assert!(matches!(caller, Caller::Page { frame_ok: false, .. }));
    let (plan, _) = scan(&mut b, &caller);
    assert!(plan.notes.is_empty() && plan.done.is_none());
    // Under a vendor page the same frame may.
    let under_vendor = Sender { frame: Some(3), tab_url: Some("https://acme.syncromsp.com/framed".into()), ..framed };
    let caller = b.caller(&under_vendor).expect("allowed");
    assert_eq!(scan(&mut b, &caller).0.notes.len(), 1);
}

#[test]
fn a_flooding_site_is_refused_counted_and_never_pushes_out_the_users_token() {
    let mut b = backend();
    let user = page_caller(&b, 1);
    let mine = scan(&mut b, &user).0.notes[0].capture.expect("captured");
    let evil = b.caller(&sender("https://evil.repairshopr.com/api_tokens/5", Some(2))).expect("vendor host");
    for n in 0..12u8 {
        let mut snapshot = reveal_snapshot();
        snapshot.blocks[0].segs = vec![format!("{}{:02x}", &TOKEN[..49], n)];
        let Ok(Outcome { reply: Reply::Plan { plan }, .. }) = ask(&mut b, &evil, Request::Scan { snapshot }) else {
            panic!("plan")
        };
        if n >= crate::keep::capture::JUDGED_PER_PAGE as u8 {
            assert_eq!(plan.notes[0].capture, None, "refused");
            assert_eq!(plan.notes[0].message.id, TextId::CaptureRefused);
            assert_eq!(plan.done, Some(page_guard(9, None)), "the page still guards Done itself");
        }
    }
    assert_eq!(b.stats().refused_captures, 12 - crate::keep::capture::JUDGED_PER_PAGE as u32);
    let Ok(Outcome { reply: Reply::Held(HeldList { held }), .. }) =
        ask(&mut b, &Caller::ExtensionPage, Request::ListHeld(Here { tab: Some(TabId(1)), url: None }))
    else {
        panic!("list")
    };
    assert_eq!(held[0].id, mine, "the user's token is first for its tab");
}

mod after_done;
mod handoff;
mod remind;
mod settings;

#[test]
fn the_popup_knows_its_tabs_site_from_what_that_tab_last_read() {
    let mut b = backend();
    let first = page_caller(&b, 1);
    let capture = scan(&mut b, &first).0.notes[0].capture.expect("captured");
    // Another tab on the same site; without the `tabs` permission the popup knows only its id.
    let second = page_caller(&b, 2);
    let mut list_page = reveal_snapshot();
    list_page.page.url = "https://acme.repairshopr.com/api_tokens".into();
    list_page.blocks.clear();
    ask(&mut b, &second, Request::Scan { snapshot: list_page }).expect("scan");
    let Ok(Outcome { reply: Reply::Held(HeldList { held }), .. }) =
        ask(&mut b, &Caller::ExtensionPage, Request::ListHeld(Here { tab: Some(TabId(2)), url: None }))
    else {
        panic!("list")
    };
    let view = held.iter().find(|v| v.id == capture).expect("listed");
    assert_eq!(view.place, crate::keep::capture::Place::ThisSite, "from another tab of this site, not another site");
}

#[test]
fn a_frames_scan_never_replaces_how_the_tabs_own_page_was_judged() {
    let mut b = backend();
    let caller = page_caller(&b, 6);
    let capture = scan(&mut b, &caller).0.done.and_then(|d| d.capture).expect("guarded");
    // A frame of the same tab reads another page (an ad, a help widget).
    let frame = Caller::Page {
        binding: Binding { tab: TabId(6), origin: "https://help.repairshopr.com".into() },
        frame_ok: true,
        top: false,
    };
    let mut other = reveal_snapshot();
    other.page.url = "https://help.repairshopr.com/widget".into();
    other.blocks.clear();
    ask(&mut b, &frame, Request::Scan { snapshot: other }).expect("scan");
    // The top page's Done, drawn again on its own, is still guarded for its capture.
    let mut footer = reveal_snapshot();
    footer.blocks.clear();
    footer.page.headings.clear();
    footer.page.controls = vec![Control { id: ElementId(31), label: "Done".into(), region: Region::Page }];
    let Ok(Outcome { reply: Reply::Plan { plan }, .. }) = ask(&mut b, &caller, Request::Scan { snapshot: footer })
    else {
        panic!("plan")
    };
    assert_eq!(plan.done.and_then(|d| d.capture), Some(capture));
    let Ok(Outcome { reply: Reply::Verdict(Judged { page, .. }), .. }) =
        ask(&mut b, &Caller::ExtensionPage, Request::PageVerdict(Here { tab: Some(TabId(6)), url: None }))
    else {
        panic!("verdict")
    };
    assert_eq!(page, Some(crate::read::page::PageKind::TokenReveal), "the report reads the tab's own page");
}

#[test]
fn the_badge_counts_a_pages_warnings_and_turns_green_while_a_token_is_kept() {
    let mut b = backend();
    let caller = page_caller(&b, 4);
    let out = ask(&mut b, &caller, Request::Scan { snapshot: profile_with_keys(3) }).expect("scan");
    let badge =
        out.effects.badges.expect("badges follow a scan").into_iter().find(|b| b.tab == TabId(4)).expect("tab 4");
    assert_eq!((badge.kind, badge.count, badge.title.id), (BadgeKind::Flagged, 3, TextId::BadgeFlagged));
    // The same tab shows a reveal: while the token is kept, the badge is green.
    let (_, effects) = scan(&mut b, &caller);
    let badge = effects.badges.expect("badges").into_iter().find(|b| b.tab == TabId(4)).expect("tab 4");
    assert_eq!((badge.kind, badge.count), (BadgeKind::Kept, 1));
    // Once the hold is over, the reveal page has nothing to say.
    let out = b.tick(NOW + 11 * 60_000);
    let badge = out.effects.badges.expect("badges").into_iter().find(|b| b.tab == TabId(4)).expect("tab 4");
    assert_eq!((badge.kind, badge.count), (BadgeKind::None, 0));
}

#[test]
fn a_dialog_reveal_arms_every_way_out_of_its_dialog_and_names_its_copy_control() {
    let mut b = backend();
    let caller = page_caller(&b, 5);
    let mut snapshot = reveal_snapshot();
    snapshot.regions = vec![Dialog { id: ElementId(40), name: "API Token Created".into() }];
    snapshot.page.headings = vec![Heading { text: "API Token Created".into(), region: Region::Dialog(ElementId(40)) }];
    snapshot.page.controls = vec![
        Control { id: ElementId(41), label: "Copy".into(), region: Region::Dialog(ElementId(40)) },
        Control { id: ElementId(42), label: "×".into(), region: Region::Dialog(ElementId(40)) },
        Control { id: ElementId(43), label: "Done".into(), region: Region::Dialog(ElementId(40)) },
        Control { id: ElementId(44), label: "Help".into(), region: Region::Page },
    ];
    snapshot.blocks[0].region = Region::Dialog(ElementId(40));
    let Ok(Outcome { reply: Reply::Plan { plan }, .. }) = ask(&mut b, &caller, Request::Scan { snapshot }) else {
        panic!("plan")
    };
    let guard = plan.done.expect("a guard");
    assert_eq!(guard.region, Region::Dialog(ElementId(40)));
    assert!(guard.dialog, "Escape and the backdrop close a dialog: both are ways out");
    assert_eq!(guard.control, Some(ElementId(43)), "Done is the main way on");
    assert_eq!(guard.exits, vec![43, 42], "Done and the header ×; not the page's Help outside the dialog");
    assert_eq!(guard.copies, vec![41], "the page's own copy control counts as the user's copy");
    assert!(guard.capture.is_some());
    // The page taking the token away while it is still held: the toolbar has it.
    let capture = guard.capture.expect("capture");
    match handle(&mut b, &caller, Request::DoneClicked(ExitRef { capture, how: Exit::Removed }), CLOCK) {
        Ok(Outcome { reply: Reply::Done { decision }, .. }) => assert_eq!(decision, DoneDecision::Kept),
        other => panic!("unexpected {other:?}"),
    }
}

/// Profile keys in rows of a table: each warning compact, and the page's count above the
/// list, the same after a later read of one row alone (a big list arrives in reads).
#[test]
fn a_lists_summary_counts_the_pages_warnings_across_reads() {
    let mut b = backend();
    let caller = page_caller(&b, 5);
    let mut snapshot = profile_with_keys(3);
    for block in &mut snapshot.blocks {
        block.row = Some(ElementId(100 + block.id.0));
    }
    let read = |b: &mut Backend, snapshot: Snapshot| match ask(b, &caller, Request::Scan { snapshot }) {
        Ok(Outcome { reply: Reply::Plan { plan }, .. }) => plan,
        other => panic!("{other:?}"),
    };
    let plan = read(&mut b, snapshot.clone());
    assert!(plan.notes.iter().all(|n| n.compact));
    let summary = plan.summary.expect("three warnings");
    assert_eq!(summary.block, ElementId(1));
    assert_eq!(summary.parts, vec![Message::new(TextId::SummaryLegacy, vec![Param::Count(3)])]);
    let mut one = snapshot.clone();
    one.blocks.truncate(1);
    let again = read(&mut b, one).summary.expect("the page still has three");
    assert_eq!(again.parts, vec![Message::new(TextId::SummaryLegacy, vec![Param::Count(3)])]);
    let single = profile_with_keys(1);
    let mut lone = single.clone();
    lone.page.url = "https://acme.repairshopr.com/profile?other".into();
    assert!(read(&mut b, lone).summary.is_none(), "a key outside any row: no list, no line");
}

/// A token list read in tab 6: its rows become the account's token health, which the
/// popup shows for that tab and the shell stores; the page's next visit replaces it.
#[test]
fn a_token_lists_rows_become_the_accounts_health_and_a_new_visit_replaces_them() {
    let mut b = backend();
    let caller = page_caller(&b, 6);
    let cell = |id: u32, row: u32, header: &str, text: &str| Block {
        id: ElementId(id),
        segs: vec![text.into()],
        header: Some(header.into()),
        row: Some(ElementId(row)),
        ..Block::default()
    };
    let list = |rows: &[(u32, &str, &str, &str)]| Snapshot {
        page: PageInfo {
            url: "https://acme.repairshopr.com/api_tokens".into(),
            title: "API Tokens".into(),
            headings: vec![Heading { text: "API Tokens".into(), region: Region::Page }],
            controls: vec![Control { id: ElementId(900), label: "New Token".into(), region: Region::Page }],
            ..PageInfo::default()
        },
        rows: rows
            .iter()
            .map(|(r, name, token, exp)| crate::read::snapshot::Row {
                id: ElementId(*r),
                text: format!("{name} {token} {exp}"),
            })
            .collect(),
        blocks: rows
            .iter()
            .flat_map(|(r, name, token, exp)| {
                [
                    cell(r * 10, *r, "Name", name),
                    cell(r * 10 + 1, *r, "Token", token),
                    cell(r * 10 + 2, *r, "Expires", exp),
                ]
            })
            .collect(),
        ..Snapshot::default()
    };
    let hello = |b: &mut Backend| ask(b, &caller, Request::Hello(NoFields {})).expect("hello");
    hello(&mut b);
    let read = ask(
        &mut b,
        &caller,
        Request::Scan {
            snapshot: list(&[
                (1, "Reports", "T1a2b3c4...9f9f", "Never"),
                (2, "Zapier", "T4d5e6f7...0a0a", "2020-01-01"),
            ]),
        },
    )
    .expect("scan");
    assert!(read.effects.health.is_some(), "the shell stores what the list said");
    let popup =
        |b: &mut Backend| match ask(b, &Caller::ExtensionPage, Request::Popup(Here { tab: Some(TabId(6)), url: None }))
        {
            Ok(Outcome { reply: Reply::Popup(Opened { health, .. }), .. }) => health,
            other => panic!("{other:?}"),
        };
    let views = popup(&mut b);
    assert_eq!((views.len(), views[0].tokens, views[0].needs_action), (1, 2, 2));
    assert_eq!(views[0].origin, "https://acme.repairshopr.com");
    // The same visit's next read adds to it; a new visit replaces it.
    ask(&mut b, &caller, Request::Scan { snapshot: list(&[(3, "Billing", "T9f8e7d6...1b1b", "2099-01-01")]) })
        .expect("scan");
    assert_eq!(popup(&mut b)[0].tokens, 3);
    hello(&mut b);
    ask(&mut b, &caller, Request::Scan { snapshot: list(&[(3, "Billing", "T9f8e7d6...1b1b", "2099-01-01")]) })
        .expect("scan");
    assert_eq!(
        (popup(&mut b)[0].tokens, popup(&mut b)[0].needs_action),
        (1, 0),
        "the old rows are gone with the visit"
    );
    // The CSV and clearing are for Keyshift's own pages only.
    assert!(matches!(ask(&mut b, &caller, Request::ClearHealth(NoFields {})), Err(Error::NotAllowed(_))));
    let csv = match ask(
        &mut b,
        &Caller::ExtensionPage,
        Request::HealthCsv(OriginRef { origin: "https://acme.repairshopr.com".into() }),
    ) {
        Ok(Outcome { reply: Reply::Csv(Csv { csv }), .. }) => csv,
        other => panic!("{other:?}"),
    };
    assert!(csv.contains("\"Billing\""));
    let cleared = ask(&mut b, &Caller::ExtensionPage, Request::ClearHealth(NoFields {})).expect("clear");
    assert_eq!(cleared.effects.health.map(|h| h.0.len()), Some(0));
    assert!(popup(&mut b).is_empty());
}
