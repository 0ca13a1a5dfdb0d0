//! Reminders before a token expires: off until the user turns them on, at 30, 7 and 1 days
//! and once after, each once, across a restart of the background, never when a policy
//! turns them off; the clock is moved by the test.

use super::*;
use crate::dates::{Date, Expiry};
use crate::health::{Health, TokenFact};
use crate::read::integrations::TokenKind;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const DAY: i64 = 86_400_000;

fn at(date: Date) -> Millis {
    Millis(date.days() * DAY + 12 * 3_600_000)
}

fn health(expires: Date) -> Health {
    let mut h = Health::default();
    let fact = TokenFact {
        name: "IT Glue sync".into(),
        kind: TokenKind::ItGlue,
        shown: "T4d5e6f7...0a0a".into(),
        expires: Some(Expiry::On(expires)),
        permissions: None,
        all_permissions: false,
        legacy: false,
    };
    h.record("https://acme.syncromsp.com", vec![fact], expires.plus_days(-60), true);
    h
}

fn turn_on(b: &mut Backend, on: bool) {
    let settings = Settings { remind_before_expiry: on, ..Settings::default() };
    ask(b, &Caller::ExtensionPage, Request::SetSettings { settings }).expect("saved");
}

fn fired(out: &Outcome) -> Vec<String> {
    out.effects.notify.iter().flatten().map(|n| n.id.rsplit(':').next().unwrap_or("").to_string()).collect()
}

#[test]
fn reminders_fire_once_each_across_a_restart_and_only_when_on() {
    let expires = Date::new(2027, 3, 31).expect("d");
    let mut b = Backend::new(State { health: Some(health(expires)), ..state() });
    assert!(fired(&b.tick(at(expires.plus_days(-30)))).is_empty(), "off until the user turns them on");
    assert_eq!(b.tick(at(expires.plus_days(-30))).effects.alarm_at, None, "and no daily look while off");
    turn_on(&mut b, true);
    let month = b.tick(at(expires.plus_days(-30)));
    assert_eq!(fired(&month), vec!["month"]);
    let n = &month.effects.notify.as_ref().expect("one")[0];
    assert_eq!(
        (n.name.as_str(), n.account.as_str(), n.url.as_str()),
        ("IT Glue sync", "acme.syncromsp.com", "https://acme.syncromsp.com/api_tokens")
    );
    assert_eq!(n.message, Message::new(TextId::ReminderMonth, vec![Param::Count(30), Param::Date(expires)]));
    let next = month.effects.alarm_at.expect("a daily look");
    assert_eq!(
        next,
        Millis(expires.plus_days(-29).days() * DAY) + Millis::minutes(1),
        "a minute after the next midnight"
    );
    // The browser restarts: the engine starts from what the shell stored.
    let stored = month.effects.health.expect("what was given is stored");
    let mut b = Backend::new(State {
        health: Some(stored),
        settings: Some(Settings { remind_before_expiry: true, ..Settings::default() }),
        ..state()
    });
    assert!(fired(&b.tick(at(expires.plus_days(-29)))).is_empty(), "not again after the restart");
    assert_eq!(fired(&b.tick(at(expires.plus_days(-7)))), vec!["week"]);
    assert_eq!(fired(&b.tick(at(expires.plus_days(-1)))), vec!["day"]);
    assert!(fired(&b.tick(at(expires))).is_empty());
    assert_eq!(fired(&b.tick(at(expires.plus_days(1)))), vec!["expired"]);
    assert!(fired(&b.tick(at(expires.plus_days(30)))).is_empty(), "once after, and no more");
}

#[test]
fn a_policy_that_turns_reminders_off_wins_over_the_user() {
    let expires = Date::new(2027, 3, 31).expect("d");
    let mut b = Backend::new(State { health: Some(health(expires)), ..state() });
    turn_on(&mut b, true);
    b.set_managed(Managed { remind_before_expiry: Some(false), ..Managed::default() }, at(expires.plus_days(-30)));
    assert!(fired(&b.tick(at(expires.plus_days(-7)))).is_empty());
    b.set_managed(Managed { remind_before_expiry: Some(true), ..Managed::default() }, at(expires.plus_days(-7)));
    assert_eq!(fired(&b.tick(at(expires.plus_days(-7)))), vec!["week"], "and one that turns them on, too");
}
