//! After Done: the site's own line that names the new token by a shortened form gets a
//! note that the toolbar still keeps it in full, and for how long; nowhere else.

use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// The token list after Done: a banner naming `shown`, and a row naming another token.
fn list_after_done(shown: &str) -> Snapshot {
    let banner = Block { id: ElementId(40), segs: vec!["Token created: ".into(), shown.into()], ..Default::default() };
    let row = Block {
        id: ElementId(41),
        segs: vec!["T9f9f9f9f…0000".into()],
        row: Some(ElementId(50)),
        header: Some("Token".into()),
        ..Default::default()
    };
    Snapshot {
        page: PageInfo { url: "https://acme.repairshopr.com/api_tokens?done=1".into(), ..Default::default() },
        blocks: vec![row, banner],
        ..Default::default()
    }
}

fn plan_of(b: &mut Backend, caller: &Caller, snapshot: Snapshot, clock: Clock) -> Plan {
    match handle(b, caller, Request::Scan { snapshot }, clock).expect("scan") {
        Outcome { reply: Reply::Plan { plan }, .. } => plan,
        other => panic!("unexpected {other:?}"),
    }
}

fn kept(plan: &Plan) -> Vec<(ElementId, Message)> {
    plan.notes.iter().filter(|n| n.kind == NoteKind::Kept).map(|n| (n.block, n.message.clone())).collect()
}

#[test]
fn the_sites_created_line_gets_the_time_the_toolbar_still_keeps_the_token() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let (plan, _) = scan(&mut b, &caller);
    assert!(plan.notes.iter().all(|n| n.kind != NoteKind::Kept), "the reveal itself has the captured note");
    let later = Clock { now: Millis(NOW.0 + 3 * 60_000 + 1_000), ..CLOCK };
    let plan = plan_of(&mut b, &caller, list_after_done("T5e1c0a9b…cdef"), later);
    let minutes = |n: u32| {
        Message::new(TextId::KeptAfterDone, vec![Param::Duration(crate::policy::Duration::of_seconds(n * 60))])
    };
    assert_eq!(kept(&plan), vec![(ElementId(40), minutes(7))], "beside the banner, not the row; 6 min 59 s read as 7");
}

#[test]
fn another_token_another_tab_or_a_hold_that_ended_gets_no_such_note() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    scan(&mut b, &caller);
    assert!(kept(&plan_of(&mut b, &caller, list_after_done("T5e1c0a9b…0000"), CLOCK)).is_empty(), "not this token");
    let other = page_caller(&b, 2);
    assert!(kept(&plan_of(&mut b, &other, list_after_done("T5e1c0a9b…cdef"), CLOCK)).is_empty(), "another tab");
    let after = Clock { now: Millis(NOW.0 + 11 * 60_000), ..CLOCK };
    assert!(kept(&plan_of(&mut b, &caller, list_after_done("T5e1c0a9b…cdef"), after)).is_empty(), "the hold ended");
}
