//! Settings, dismissals, clipboard clearing and an administrator's policy.

use super::*;
use crate::keep::capture::Secret;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn settings_are_checked_and_hold_zero_keeps_nothing() {
    let mut b = backend();
    let popup = Caller::ExtensionPage;
    let bad = Settings { hold_minutes: 5000, ..Settings::default() };
    assert!(matches!(handle(&mut b, &popup, Request::SetSettings { settings: bad }, CLOCK), Err(Error::BadSetting(_))));
    let hosts = Settings { extra_hosts: vec!["https://x.com/".into()], ..Settings::default() };
    assert!(matches!(
        handle(&mut b, &popup, Request::SetSettings { settings: hosts }, CLOCK),
        Err(Error::BadSetting(_))
    ));
    let off = Settings { hold_minutes: 0, extra_hosts: vec!["*.msp.example".into()], ..Settings::default() };
    let out = handle(&mut b, &popup, Request::SetSettings { settings: off.clone() }, CLOCK).expect("valid settings");
    assert_eq!(out.effects.settings, Some(off));
    assert!(b.caller(&sender("https://help.msp.example/api_tokens/5", Some(1))).is_ok(), "an added host is enabled");
    let caller = page_caller(&b, 1);
    let capture = scan(&mut b, &caller).0.notes[0].capture.expect("capture id");
    assert_eq!(handle(&mut b, &popup, Request::RevealHeld(CaptureRef { capture }), CLOCK).err(), Some(Error::NotHeld));
}

#[test]
fn a_refused_save_still_brings_host_access_back_in_line() {
    let mut b = backend();
    let bad = Settings { hold_minutes: 5000, extra_hosts: vec!["help.example.com".into()], ..Settings::default() };
    let refused = b.handle(&Caller::ExtensionPage, Request::SetSettings { settings: bad }, CLOCK).expect_err("refused");
    assert!(matches!(refused.error, Error::BadSetting(_)));
    assert_eq!(refused.effects.host_patterns, Some(vec![]), "a grant asked for the refused save is given back");
    assert!(refused.effects.settings.is_none(), "nothing was saved");
}

/// A profile page showing `keys` legacy keys: their notes' fingerprints, as the page got them.
fn offered(b: &mut Backend, caller: &Caller, keys: usize) -> Vec<crate::keep::fingerprint::Fingerprint> {
    let Ok(Outcome { reply: Reply::Plan { plan }, .. }) =
        ask(b, caller, Request::Scan { snapshot: profile_with_keys(keys) })
    else {
        panic!("plan")
    };
    plan.notes.iter().filter_map(|n| n.dismiss).collect()
}

#[test]
fn a_page_dismisses_only_warnings_keyshift_showed_it_and_only_so_many() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let shown = offered(&mut b, &caller, 3);
    assert_eq!(shown.len(), 3);
    let dismiss = |b: &mut Backend, c: &Caller, fingerprint| {
        handle(b, c, Request::Dismiss(FingerprintRef { fingerprint }), CLOCK)
    };
    let unplanned = crate::keep::fingerprint::Fingerprint::from_hex("0123456789abcdef0123456789abcdef").expect("hex");
    assert!(matches!(dismiss(&mut b, &caller, unplanned), Err(Error::NotAllowed(_))), "never shown to this page");
    let other_tab = page_caller(&b, 2);
    assert!(matches!(dismiss(&mut b, &other_tab, shown[0]), Err(Error::NotAllowed(_))), "shown to another tab");
    assert!(dismiss(&mut b, &caller, shown[0]).is_ok());
    let later = Clock::at(NOW + crate::keep::tabs::OFFER_MS + 1);
    assert!(
        matches!(
            handle(&mut b, &caller, Request::Dismiss(FingerprintRef { fingerprint: shown[1] }), later),
            Err(Error::NotAllowed(_))
        ),
        "an hour later the page must show it again"
    );
    // However many a page shows, one site dismisses at most MAX_DISMISSED_PER_HOST.
    let many = offered(&mut b, &caller, MAX_DISMISSED_PER_HOST + 5);
    let refused = many.iter().filter(|f| dismiss(&mut b, &caller, **f).is_err()).count();
    assert_eq!(b.dismissed.on_host("acme.repairshopr.com"), MAX_DISMISSED_PER_HOST);
    assert!(refused >= 5);
}

#[test]
fn dismissals_store_fingerprints_where_and_when_and_can_be_undone() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let print = offered(&mut b, &caller, 1)[0];
    let out = handle(&mut b, &caller, Request::Dismiss(FingerprintRef { fingerprint: print }), CLOCK).expect("dismiss");
    let dismissal = Dismissal {
        fingerprint: print,
        host: Some("acme.repairshopr.com".into()),
        on: Some(crate::dates::Date::local(NOW.0, 0)),
    };
    assert_eq!(out.effects.dismissed, Some(vec![dismissal.clone()]));
    let listed = handle(&mut b, &Caller::ExtensionPage, Request::ListDismissed(NoFields {}), CLOCK).expect("list");
    assert!(matches!(listed.reply, Reply::Dismissed(DismissedList { dismissed }) if dismissed == vec![dismissal]));
    let out = b
        .handle(&Caller::ExtensionPage, Request::Undismiss(FingerprintRef { fingerprint: print }), CLOCK)
        .expect("undismiss");
    assert_eq!(out.effects.dismissed, Some(vec![]));
}

#[test]
fn clipboard_is_cleared_only_when_on_due_and_still_holding_the_token() {
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let capture = scan(&mut b, &caller).0.notes[0].capture.expect("capture id");
    // Off by default: a copy schedules nothing.
    let out =
        handle(&mut b, &caller, Request::Copied(CopyRef { capture, by: CopiedBy::Keyshift }), CLOCK).expect("copied");
    assert_eq!(out.effects.alarm_at, Some(NOW + 10 * 60_000));
    let on = Settings { clear_clipboard: true, clear_after_seconds: 30, ..Settings::default() };
    handle(&mut b, &Caller::ExtensionPage, Request::SetSettings { settings: on }, CLOCK).expect("settings");
    let out =
        handle(&mut b, &caller, Request::Copied(CopyRef { capture, by: CopiedBy::Keyshift }), CLOCK).expect("copied");
    assert_eq!(out.effects.alarm_at, Some(NOW + 30_000), "woken for the clear first");
    assert!(!b.tick(NOW + 29_999).effects.read_clipboard);
    assert!(b.tick(NOW + 30_000).effects.read_clipboard);
    let Outcome { reply: Reply::Clipboard { clear }, effects } =
        b.clipboard(Secret::new(format!("{TOKEN}\n")), NOW + 30_000)
    else {
        panic!("clipboard reply")
    };
    assert!(clear, "the clipboard still holds the token");
    assert!(!effects.read_clipboard, "settled");
    // Copied again, then the user copied something else: leave their clipboard alone.
    handle(&mut b, &caller, Request::Copied(CopyRef { capture, by: CopiedBy::Keyshift }), Clock::at(NOW + 40_000))
        .expect("copied");
    let Outcome { reply: Reply::Clipboard { clear }, .. } =
        b.clipboard(Secret::new("lunch order".into()), NOW + 70_000)
    else {
        panic!("clipboard reply")
    };
    assert!(!clear);
}

#[test]
fn a_policy_wins_is_locked_and_can_turn_capture_off() {
    let managed = Managed { capture_tokens: Some(false), hold_minutes: Some(99_999), ..Managed::default() };
    let mut b = Backend::new(State { managed: Some(managed), ..state() });
    let popup = Caller::ExtensionPage;
    let Ok(Outcome { reply: Reply::Settings(InForce { settings, locked }), .. }) =
        handle(&mut b, &popup, Request::GetSettings(NoFields {}), CLOCK)
    else {
        panic!("settings")
    };
    // The out-of-range hold time is dropped; the capture switch stands.
    assert_eq!((settings.capture_tokens, settings.hold_minutes, locked), (false, 10, vec![Locked::CaptureTokens]));
    let caller = page_caller(&b, 7);
    let (plan, effects) = scan(&mut b, &caller);
    assert!(plan.notes.is_empty() && plan.done.is_none(), "nothing captured: {plan:?}");
    let _ = effects;
    let Ok(Outcome { reply: Reply::Held(HeldList { held }), .. }) =
        ask(&mut b, &popup, Request::ListHeld(Here::default()))
    else {
        panic!("list")
    };
    assert!(held.is_empty(), "nothing held");

    // The user cannot turn it back on while the policy stands; their other choices save.
    let asked = Settings { capture_tokens: true, hold_minutes: 3, ..Settings::default() };
    let out = handle(&mut b, &popup, Request::SetSettings { settings: asked }, CLOCK).expect("saved");
    assert!(
        matches!(out.reply, Reply::Settings(InForce { ref settings, .. }) if !settings.capture_tokens && settings.hold_minutes == 3)
    );
    assert_eq!(out.effects.settings.map(|s| s.capture_tokens), Some(true), "the user's own choice is kept");

    // The policy goes: the user's choice applies again.
    let out = b.set_managed(Managed::default(), NOW);
    assert!(
        matches!(out.reply, Reply::Settings(InForce { ref settings, ref locked }) if settings.capture_tokens && locked.is_empty())
    );
    let (plan, _) = scan(&mut b, &caller);
    assert_eq!(plan.notes.len(), 1, "captured again");
}

#[test]
fn a_policy_can_set_the_custom_domains() {
    let mut b = backend();
    assert!(b.caller(&sender("https://help.msp.example/x", Some(1))).is_err());
    let out = b.set_managed(Managed { extra_hosts: Some(vec!["*.msp.example".into()]), ..Managed::default() }, NOW);
    assert_eq!(
        out.effects.host_patterns,
        Some(vec!["https://*.msp.example/*".to_string()]),
        "the shell registers them, as the engine wrote them"
    );
    assert_eq!(out.effects.settings.map(|s| s.extra_hosts), Some(vec![]), "the user's own list is unchanged");
    assert!(b.caller(&sender("https://help.msp.example/x", Some(1))).is_ok());
}

#[test]
fn tokens_captured_before_the_fresh_policy_came_are_brought_under_it() {
    // At a browser start the engine runs on the policy as last read (none here) until the
    // fresh one arrives; a token captured in that gap must not outlive the fresh policy.
    let mut b = backend();
    let caller = page_caller(&b, 1);
    let capture = scan(&mut b, &caller).0.notes[0].capture.expect("captured in the gap");
    let shorter = b.set_managed(Managed { hold_minutes: Some(1), ..Managed::default() }, NOW + 5_000);
    assert!(shorter.effects.session.is_some(), "the shortened hold is stored");
    assert!(handle(
        &mut b,
        &Caller::ExtensionPage,
        Request::RevealHeld(CaptureRef { capture }),
        Clock::at(NOW + 60_000)
    )
    .is_ok());
    assert!(
        handle(&mut b, &Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture }), Clock::at(NOW + 66_000))
            .is_err(),
        "held one minute from when the policy came, not ten"
    );
    let off = b.set_managed(Managed { capture_tokens: Some(false), ..Managed::default() }, NOW + 6_000);
    assert!(off.effects.session.is_some());
    assert!(
        handle(&mut b, &Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture }), Clock::at(NOW + 6_001))
            .is_err(),
        "capture off by policy: nothing stays held"
    );
}
