use super::*;
use crate::ids::{CaptureId, Millis, TabId};
use crate::keep::fingerprint::Salt;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
const MIN: Millis = Millis(60_000);

fn at(tab: i64, origin: &str) -> Binding {
    Binding { tab: TabId(tab), origin: origin.into() }
}

fn tab(n: i64) -> Binding {
    at(n, "https://acme.repairshopr.com")
}

fn token(n: usize) -> String {
    format!("{}{:02}", &TOKEN[..49], n)
}

fn seen(text: &str) -> Seen {
    let salt = Salt::from_bytes([1; 16]);
    Seen {
        token: Secret::new(text.into()),
        fingerprint: salt.of(text),
        label: Label::default(),
        rank: Rank::Judged,
        named_by_user: false,
    }
}

fn see(store: &mut CaptureStore, text: &str, binding: Binding, now: Millis, hold: Millis) -> CaptureId {
    store.seen(seen(text), &binding, now, hold).expect("room for it").0
}

#[test]
fn held_then_copied_then_the_token_goes_but_the_guard_memory_stays() {
    let mut store = CaptureStore::default();
    let id = see(&mut store, TOKEN, tab(1), Millis(0), 10 * MIN);
    assert!(store.wants_guard(id));
    store.copied(id, Some(&tab(1)), CopiedBy::Keyshift, MIN).expect("live");
    assert!(!store.wants_guard(id));
    assert_eq!(store.reveal(id, 10 * MIN - 1).map(Secret::expose), Ok(TOKEN));
    assert!(store.expire(10 * MIN), "the hold ended: the token is dropped");
    assert_eq!(store.reveal(id, 10 * MIN).err(), Some(CaptureError::NotHeld));
    assert!(store.list(10 * MIN, None, None).is_empty());
    assert!(!store.expire(10 * MIN + 1));
    // The record lives on while the page may still show the token, then goes.
    assert!(store.expire(PAGE_MEMORY_MS));
    assert_eq!(store.reveal(id, PAGE_MEMORY_MS).err(), Some(CaptureError::Unknown));
}

#[test]
fn the_guard_outlives_the_hold_while_the_page_shows_the_token() {
    let mut store = CaptureStore::default();
    let id = see(&mut store, TOKEN, tab(1), Millis(0), MIN);
    store.expire(11 * MIN);
    assert_eq!(
        store.exit(id, &tab(1), Exit::Activate, Millis(0)),
        Ok(DoneDecision::Confirm),
        "11 minutes later, Done is still guarded"
    );
    assert_eq!(
        store.exit(id, &tab(1), Exit::Activate, Millis(0)),
        Ok(DoneDecision::Confirm),
        "asking does not disarm it"
    );
    store.skipped(id, &tab(1)).expect("live");
    assert_eq!(store.exit(id, &tab(1), Exit::Activate, Millis(0)), Ok(DoneDecision::Allow), "the user's choice does");
    // A rescan keeps a still-shown token remembered past PAGE_MEMORY_MS.
    let other = see(&mut store, &token(2), tab(1), Millis(0), MIN);
    see(&mut store, &token(2), tab(1), 25 * MIN, MIN);
    store.expire(40 * MIN);
    assert!(store.wants_guard(other));
}

#[test]
fn forgotten_and_forget_all() {
    let mut store = CaptureStore::default();
    let a = see(&mut store, TOKEN, tab(1), Millis(0), MIN);
    let b = see(&mut store, &token(1), tab(2), Millis(0), MIN);
    store.forget(a).expect("known");
    assert_eq!(store.forget(a), Err(CaptureError::Unknown));
    assert!(store.wants_guard(b));
    assert_eq!(store.forget_all(), 1);
    assert!(store.list(Millis(0), None, None).is_empty());
}

#[test]
fn seeing_the_same_token_again_is_one_capture_and_learns_its_name() {
    let mut store = CaptureStore::default();
    let a = see(&mut store, TOKEN, tab(1), Millis(0), MIN);
    let named = Seen { label: Label { name: Some("IT Glue sync".into()), kind: TokenKind::ItGlue }, ..seen(TOKEN) };
    assert_eq!(store.seen(named, &tab(1), Millis(5), MIN), Ok((a, false)));
    let listed = store.list(Millis(5), None, Some("https://acme.repairshopr.com"));
    assert_eq!((listed.len(), listed[0].name.as_deref(), listed[0].kind), (1, Some("IT Glue sync"), TokenKind::ItGlue));
    // A name the page wrote is not shown over another origin: the kind's name stands in.
    let elsewhere = store.list(Millis(5), None, Some("https://evil.repairshopr.com"));
    assert_eq!(elsewhere[0].name.as_deref(), Some("IT Glue"));
    assert_ne!(see(&mut store, TOKEN, tab(2), Millis(5), MIN), a, "another tab is another binding");
}

#[test]
fn a_page_touches_only_its_own_captures() {
    let mut store = CaptureStore::default();
    let id = see(&mut store, TOKEN, tab(1), Millis(0), MIN);
    assert_eq!(store.copied(id, Some(&tab(2)), CopiedBy::Keyshift, Millis(1)), Err(CaptureError::Unknown));
    let other_origin = at(1, "https://evil.syncromsp.com");
    assert_eq!(store.exit(id, &other_origin, Exit::Activate, Millis(1)), Err(CaptureError::Unknown));
    assert_eq!(store.skipped(id, &other_origin), Err(CaptureError::Unknown));
    assert!(store.wants_guard(id));
}

#[test]
fn hold_zero_remembers_the_capture_but_not_the_token() {
    let mut store = CaptureStore::default();
    let id = see(&mut store, TOKEN, tab(1), Millis(0), Millis(0));
    assert_eq!(store.reveal(id, Millis(1)).err(), Some(CaptureError::NotHeld));
    assert!(store.list(Millis(1), None, None).is_empty());
    assert_eq!(store.exit(id, &tab(1), Exit::Activate, Millis(0)), Ok(DoneDecision::Confirm));
    assert!(store.captures[0].token.is_none());
}

#[test]
fn a_stranger_can_never_push_out_an_uncopied_token() {
    let mut store = CaptureStore::default();
    let victim = see(&mut store, TOKEN, tab(1), Millis(0), 10 * MIN);
    // Another subdomain floods: it fills its own quota, then is refused.
    let evil = |n: i64| at(2, &format!("https://evil{n}.repairshopr.com"));
    for n in 0..JUDGED_PER_PAGE {
        see(&mut store, &token(n), at(2, "https://evil.repairshopr.com"), Millis(1), 10 * MIN);
    }
    assert_eq!(
        store.seen(seen(&token(50)), &at(2, "https://evil.repairshopr.com"), Millis(2), 10 * MIN),
        Err(CaptureError::QuotaFull)
    );
    // Many origins in one tab hit the tab's quota; many tabs hit the total. Never the victim.
    for n in 0..40 {
        let _ = store.seen(seen(&token(60 + n as usize)), &evil(n), Millis(3), 10 * MIN);
        let _ =
            store.seen(seen(&token(10 + n as usize)), &at(100 + n, "https://x.repairshopr.com"), Millis(3), 10 * MIN);
    }
    assert!(store.captures.len() <= JUDGED_TOTAL);
    assert_eq!(store.reveal(victim, Millis(4)).map(Secret::expose), Ok(TOKEN), "the user's token is still held");
    assert_eq!(
        store.list(Millis(4), Some(TabId(1)), Some("https://acme.repairshopr.com"))[0].id,
        victim,
        "and listed first for its tab"
    );
}

#[test]
fn within_its_own_quota_a_site_gives_up_copied_tokens_first() {
    let mut store = CaptureStore::default();
    let ids: Vec<CaptureId> =
        (0..JUDGED_PER_PAGE).map(|n| see(&mut store, &token(n), tab(1), Millis(n as i64), 10 * MIN)).collect();
    store.copied(ids[2], None, CopiedBy::Keyshift, Millis(10)).expect("live");
    let newer = see(&mut store, &token(9), tab(1), Millis(20), 10 * MIN);
    let listed: Vec<CaptureId> = store.list(Millis(30), None, None).iter().map(|v| v.id).collect();
    assert!(!listed.contains(&ids[2]) && listed.contains(&newer) && listed.contains(&ids[0]), "{listed:?}");
    // A token filled into an integration was put to use, like a copied one.
    store.filled(ids[1]).expect("live");
    assert!(store.list(Millis(30), None, None).iter().any(|v| v.id == ids[1] && v.filled));
    let newest = see(&mut store, &token(10), tab(1), Millis(25), 10 * MIN);
    let listed: Vec<CaptureId> = store.list(Millis(30), None, None).iter().map(|v| v.id).collect();
    assert!(!listed.contains(&ids[1]) && listed.contains(&newest), "{listed:?}");
}

#[test]
fn the_popup_lists_this_tab_first_then_this_site_then_others() {
    let mut store = CaptureStore::default();
    let elsewhere = see(&mut store, &token(1), at(3, "https://b.syncromsp.com"), Millis(30), MIN);
    let same_site = see(&mut store, &token(2), tab(2), Millis(20), MIN);
    let here = see(&mut store, &token(3), tab(1), Millis(10), MIN);
    let listed: Vec<(CaptureId, Place)> = store
        .list(Millis(40), Some(TabId(1)), Some("https://acme.repairshopr.com"))
        .iter()
        .map(|v| (v.id, v.place))
        .collect();
    assert_eq!(listed, vec![(here, Place::ThisTab), (same_site, Place::ThisSite), (elsewhere, Place::Elsewhere)]);
    let masked = &store.list(Millis(40), None, None)[0].masked;
    assert_eq!(masked.chars().count(), 13, "8 + … + 4, as the vendor's list shortens: {masked}");
}

fn confirmed(text: &str) -> Seen {
    Seen { rank: Rank::Confirmed, named_by_user: true, ..seen(text) }
}

#[test]
fn an_admin_making_one_token_per_integration_in_a_row_keeps_them_all() {
    let mut store = CaptureStore::default();
    let ids: Vec<CaptureId> = (0..6)
        .map(|n| store.seen(confirmed(&token(n)), &tab(1), Millis(n as i64), 10 * MIN).expect("kept").0)
        .collect();
    let listed: Vec<CaptureId> =
        store.list(Millis(10), Some(TabId(1)), Some("https://acme.repairshopr.com")).iter().map(|v| v.id).collect();
    assert!(ids.iter().all(|id| listed.contains(id)), "{listed:?}");
    assert!(store.list(Millis(10), Some(TabId(1)), None).iter().all(|v| v.confirmed));
}

#[test]
fn a_tab_that_moves_on_drops_what_its_earlier_origin_only_flashed() {
    let mut store = CaptureStore::default();
    let evil = at(1, "https://evil.repairshopr.com");
    let flashed = see(&mut store, &token(1), evil.clone(), Millis(0), 10 * MIN);
    let seen_one = see(&mut store, &token(2), evil.clone(), Millis(0), 10 * MIN);
    store.viewed(seen_one, &evil).expect("live");
    let made = store.seen(confirmed(&token(3)), &evil, Millis(0), 10 * MIN).expect("kept").0;
    assert!(store.tab_moved(TabId(1), "https://acme.repairshopr.com"));
    let left: Vec<CaptureId> =
        store.list(Millis(1), Some(TabId(1)), Some("https://acme.repairshopr.com")).iter().map(|v| v.id).collect();
    assert!(!left.contains(&flashed), "never seen, never copied: gone");
    assert!(left.contains(&seen_one) && left.contains(&made), "{left:?}");
    // Listed as from an earlier page in this tab, without the name that page wrote.
    let view = store
        .list(Millis(1), Some(TabId(1)), Some("https://acme.repairshopr.com"))
        .into_iter()
        .find(|v| v.id == seen_one);
    assert_eq!(view.map(|v| v.place), Some(Place::EarlierInTab));
    assert!(!store.tab_moved(TabId(1), "https://acme.repairshopr.com"), "nothing more to drop");
}

#[test]
fn the_users_own_copy_settles_the_reveal_and_says_who() {
    let mut store = CaptureStore::default();
    let id = see(&mut store, TOKEN, tab(1), Millis(0), MIN);
    assert_eq!(store.exit(id, &tab(1), Exit::Escape, Millis(1)), Ok(DoneDecision::Confirm));
    assert_eq!(store.exit(id, &tab(1), Exit::Removed, Millis(1)), Ok(DoneDecision::Kept), "held: the toolbar has it");
    store.copied(id, Some(&tab(1)), CopiedBy::User, Millis(2)).expect("live");
    assert_eq!(store.captures[0].copied_by, Some(CopiedBy::User), "who copied it is kept");
    assert_eq!(store.exit(id, &tab(1), Exit::Backdrop, Millis(3)), Ok(DoneDecision::Allow));
}

#[cfg(not(target_arch = "wasm32"))]
mod ranks {
    use super::*;

    proptest::proptest! {
        /// No sequence of judged captures, from any tabs and origins, refuses or evicts a
        /// confirmed one.
        #[test]
        fn judged_captures_never_refuse_or_evict_a_confirmed_one(
            flood in proptest::collection::vec((0i64..8, 0u8..8, proptest::bool::ANY), 0..120),
            mine in 1usize..=CONFIRMED_PER_PAGE,
        ) {
            let mut store = CaptureStore::default();
            let origin = |o: u8| format!("https://o{o}.syncromsp.com");
            let mut n = 100;
            let mut kept = Vec::new();
            for (i, (t, o, copy)) in flood.iter().enumerate() {
                n += 1;
                if let Ok((id, _)) = store.seen(seen(&token(n)), &at(*t, &origin(*o)), Millis(i as i64), 10 * MIN) {
                    if *copy {
                        store.copied(id, None, CopiedBy::Keyshift, Millis(i as i64)).expect("live");
                    }
                }
                if i % 10 == 0 && kept.len() < mine {
                    n += 1;
                    let got = store.seen(confirmed(&token(n)), &tab(99), Millis(i as i64), 10 * MIN);
                    proptest::prop_assert!(got.is_ok(), "a confirmed capture was refused");
                    kept.push(got.expect("kept").0);
                }
            }
            while kept.len() < mine {
                n += 1;
                let got = store.seen(confirmed(&token(n)), &tab(99), Millis(500), 10 * MIN);
                proptest::prop_assert!(got.is_ok(), "a confirmed capture was refused");
                kept.push(got.expect("kept").0);
            }
            for id in kept {
                proptest::prop_assert!(store.reveal(id, Millis(600)).is_ok(), "a confirmed capture was evicted");
            }
        }
    }
}
