use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn day(d: u32) -> Date {
    Date::new(2026, 12, d).expect("a date")
}

fn token(name: &str, expires: Option<Expiry>, all: bool, legacy: bool) -> TokenFact {
    TokenFact {
        name: name.into(),
        kind: TokenKind::Custom,
        shown: if legacy { String::new() } else { format!("T{:0>7}…0a0a", name.len()) },
        expires,
        permissions: all.then(|| "All".to_string()),
        all_permissions: all,
        legacy,
    }
}

#[test]
fn each_token_is_judged_by_what_needs_doing_today() {
    let today = day(4);
    let at = |d: u32| Some(Expiry::On(day(d)));
    assert_eq!(problems(&token("old", at(1), false, false), today), vec![Problem::Expired]);
    assert_eq!(problems(&token("a", at(5), false, false), today), vec![Problem::ExpiresInADay]);
    assert_eq!(problems(&token("b", at(11), false, false), today), vec![Problem::ExpiresInAWeek]);
    assert_eq!(problems(&token("c", at(31), false, false), today), vec![Problem::ExpiresInAMonth]);
    assert_eq!(problems(&token("d", Some(Expiry::On(Date::new(2027, 3, 1).expect("d"))), false, false), today), vec![]);
    assert_eq!(
        problems(&token("e", Some(Expiry::Never), true, false), today),
        vec![Problem::NeverExpires, Problem::AllPermissions]
    );
    assert_eq!(
        problems(&token("key", Some(Expiry::Never), true, true), today),
        vec![Problem::Legacy],
        "a legacy key is one problem"
    );
}

#[test]
fn a_new_visit_replaces_the_old_one_and_reads_of_one_visit_add_up() {
    let mut h = Health::default();
    let o = "https://acme.syncromsp.com";
    assert!(h.record(o, vec![token("one", None, false, false), token("two", None, false, false)], day(1), true));
    assert!(h.record(o, vec![token("three", None, false, false)], day(1), false), "the same visit's next batch");
    assert_eq!(h.account(o).map(|a| a.tokens.len()), Some(3));
    assert!(!h.record(o, vec![token("three", None, false, false)], day(1), false), "nothing new");
    assert!(h.record(o, vec![token("two", None, false, false)], day(2), true), "a new visit: what it shows, only");
    let a = h.account(o).expect("kept");
    assert_eq!((a.tokens.len(), a.read_on), (1, day(2)));
    h.record("https://other.repairshopr.com", vec![token("x", None, false, false)], day(2), true);
    assert_eq!(h.0[0].origin, "https://other.repairshopr.com", "newest first");
    assert!(h.clear() && h.0.is_empty());
}

#[test]
fn the_view_counts_the_tokens_that_need_action_and_names_them_per_problem() {
    let a = Account {
        origin: "https://acme.syncromsp.com".into(),
        read_on: day(4),
        reminded: vec![],
        tokens: vec![
            token("Legacy API Key", Some(Expiry::Never), true, true),
            token("Old Zapier", Some(Expiry::On(day(1))), false, false),
            token("IT Glue sync", Some(Expiry::On(day(9))), false, false),
            token("Reports", Some(Expiry::Never), true, false),
            token("Healthy", Some(Expiry::On(Date::new(2027, 6, 1).expect("d"))), false, false),
        ],
    };
    let v = a.view(day(4));
    assert_eq!((v.tokens, v.needs_action), (5, 4));
    let lines: Vec<(Problem, Vec<&str>)> =
        v.lines.iter().map(|l| (l.problem, l.names.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        lines,
        vec![
            (Problem::Legacy, vec!["Legacy API Key"]),
            (Problem::Expired, vec!["Old Zapier"]),
            (Problem::ExpiresInAWeek, vec!["IT Glue sync"]),
            (Problem::NeverExpires, vec!["Reports"]),
            (Problem::AllPermissions, vec!["Reports"]),
        ]
    );
}

#[test]
fn the_csv_holds_no_secret_and_no_formula() {
    let mut evil = token("=HYPERLINK(\"http://x\")", Some(Expiry::On(day(9))), false, false);
    evil.shown = "T1a2b3c4…9f9f".into();
    let a =
        Account { origin: "https://acme.syncromsp.com".into(), read_on: day(4), tokens: vec![evil], reminded: vec![] };
    let csv = a.csv(day(4));
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("account,name,kind,token,expires,permissions,needs"));
    assert_eq!(
        lines.next(),
        Some("\"https://acme.syncromsp.com\",\"'=HYPERLINK(\"\"http://x\"\")\",\"custom\",\"T1a2b3c4…9f9f\",\"2026-12-09\",\"\",\"expires-in-a-week\"")
    );
}

#[test]
fn what_is_stored_reads_back() {
    let mut h = Health::default();
    h.record("https://acme.syncromsp.com", vec![token("a", Some(Expiry::On(day(9))), true, false)], day(4), true);
    let json = serde_json::to_value(&h).expect("stored");
    assert_eq!(json[0]["readOn"], "2026-12-04");
    assert_eq!(json[0]["tokens"][0]["expires"], serde_json::json!({ "on": "2026-12-09" }));
    let back: Health = serde_json::from_value(json).expect("read back");
    assert_eq!(back, h);
}

#[test]
fn reminders_fire_at_thirty_seven_and_one_days_and_once_after_each_once() {
    let mut h = Health::default();
    let o = "https://acme.syncromsp.com";
    let expires = Date::new(2027, 1, 31).expect("d");
    h.record(o, vec![token("IT Glue sync", Some(Expiry::On(expires)), false, false)], day(1), true);
    let stages = |h: &mut Health, d: Date| h.due(d).into_iter().map(|r| (r.stage, r.days_left)).collect::<Vec<_>>();
    assert_eq!(stages(&mut h, day(1)), vec![], "61 days out: nothing yet");
    let on = |n: i64| expires.plus_days(-n);
    assert_eq!(stages(&mut h, on(30)), vec![(Stage::Month, 30)]);
    assert_eq!(stages(&mut h, on(29)), vec![], "once");
    assert_eq!(stages(&mut h, on(7)), vec![(Stage::Week, 7)]);
    // A new visit of the list does not fire it again.
    h.record(o, vec![token("IT Glue sync", Some(Expiry::On(expires)), false, false)], on(6), true);
    assert_eq!(stages(&mut h, on(6)), vec![]);
    assert_eq!(stages(&mut h, on(1)), vec![(Stage::Day, 1)]);
    assert_eq!(stages(&mut h, on(0)), vec![], "today is the same stage as tomorrow");
    assert_eq!(stages(&mut h, on(-1)), vec![(Stage::Expired, -1)]);
    assert_eq!(stages(&mut h, on(-40)), vec![], "and only once after");
    // A token first seen five days out gets the week's reminder, not the month's too.
    let mut late = Health::default();
    late.record(o, vec![token("Late", Some(Expiry::On(expires)), false, false)], on(5), true);
    assert_eq!(stages(&mut late, on(5)), vec![(Stage::Week, 5)]);
    // Legacy keys and tokens that never expire: no reminder.
    let mut none = Health::default();
    none.record(
        o,
        vec![token("k", Some(Expiry::Never), true, true), token("n", Some(Expiry::Never), false, false)],
        day(1),
        true,
    );
    assert!(none.due(day(1)).is_empty() && !none.pending());
}
