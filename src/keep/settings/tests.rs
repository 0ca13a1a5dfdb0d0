use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn user() -> Settings {
    Settings { hold_minutes: 30, extra_hosts: vec!["help.example.com".into()], ..Settings::default() }
}

fn suffixes() -> SuffixList {
    SuffixList::parse(include_str!("../../../extension/psl.dat").to_string())
}

#[test]
fn managed_values_win_and_are_locked() {
    let m = Managed { hold_minutes: Some(0), capture_tokens: Some(false), ..Managed::default() };
    let s = m.over(&user());
    assert_eq!((s.hold_minutes, s.capture_tokens, s.extra_hosts.len()), (0, false, 1));
    assert_eq!(m.locked(), vec![Locked::CaptureTokens, Locked::HoldMinutes]);
    assert_eq!(Managed::default().over(&user()), user());
    assert!(Managed::default().locked().is_empty());
}

#[test]
fn invalid_managed_values_drop_one_by_one() {
    let m = Managed {
        hold_minutes: Some(99_999),
        clear_after_seconds: Some(1),
        extra_hosts: Some(vec!["not a host".into()]),
        clear_clipboard: Some(true),
        ..Managed::default()
    }
    .valid(&suffixes());
    assert_eq!(m, Managed { clear_clipboard: Some(true), ..Managed::default() });
    let over_a_suffix =
        Managed { extra_hosts: Some(vec!["*.github.io".into()]), ..Managed::default() }.valid(&suffixes());
    assert_eq!(over_a_suffix.extra_hosts, None, "a policy cannot cover a public suffix either");
}

#[test]
fn a_locked_setting_keeps_the_users_earlier_choice() {
    let m = Managed { hold_minutes: Some(5), ..Managed::default() };
    let asked = Settings { hold_minutes: 60, clear_clipboard: true, ..user() };
    let kept = m.keep_locked(asked, &user());
    assert_eq!((kept.hold_minutes, kept.clear_clipboard), (30, true));
}

#[test]
fn bounds_come_from_the_table() {
    let list = suffixes();
    assert!(Settings::default().check(&list).is_ok());
    assert_eq!(Settings { hold_minutes: 1441, ..Settings::default() }.check(&list), Err(BadSetting::HoldTooLong));
    assert_eq!(Settings { clear_after_seconds: 9, ..Settings::default() }.check(&list), Err(BadSetting::ClearDelay));
    let many = Settings { extra_hosts: (0..51).map(|i| format!("h{i}.example.com")).collect(), ..Settings::default() };
    assert_eq!(many.check(&list), Err(BadSetting::TooManyHosts));
    let raw = Settings { extra_hosts: vec!["Help.Example.com".into()], ..Settings::default() };
    assert_eq!(raw.check(&list), Err(BadSetting::HostShape), "only the stored form is stored");
}

/// The table's keys are the settings' JSON names, every one of them.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_table_names_every_setting_as_stored() {
    let stored = serde_json::to_value(Settings::default()).expect("serializes");
    let keys: Vec<&str> = stored.as_object().expect("an object").keys().map(String::as_str).collect();
    let mut table: Vec<&str> = TABLE.iter().map(|s| s.key).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    table.sort_unstable();
    assert_eq!(sorted, table);
    for row in TABLE {
        let locked = serde_json::to_value(row.locked).expect("serializes");
        assert_eq!(locked, row.key, "the lock is named like the setting");
    }
}

/// `extension/managed_schema.json` offers exactly the table's settings, with its types
/// and bounds; the README's policy table lists each with the same bounds.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_policy_schema_and_the_readme_agree_with_the_table() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("extension/managed_schema.json")).expect("schema"))
            .expect("json");
    let props = schema["properties"].as_object().expect("properties");
    assert_eq!(props.len(), TABLE.len(), "one schema entry per setting");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    for row in TABLE {
        let p = &props[row.key];
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", row.key)))
            .unwrap_or_else(|| panic!("README lists {}", row.key));
        match row.kind {
            Kind::Flag => {
                assert_eq!(p["type"], "boolean", "{}", row.key);
                assert!(line.contains("| boolean |"), "{line}");
            }
            Kind::Number { min, max } => {
                assert_eq!(
                    (p["type"].as_str(), p["minimum"].as_u64(), p["maximum"].as_u64()),
                    (Some("integer"), Some(u64::from(min)), Some(u64::from(max))),
                    "{}",
                    row.key
                );
                assert!(line.contains(&format!("| integer {min}–{max} |")), "{line}");
            }
            Kind::Hosts { max } => {
                assert_eq!(
                    (p["type"].as_str(), p["maxItems"].as_u64()),
                    (Some("array"), Some(max as u64)),
                    "{}",
                    row.key
                );
                assert!(line.contains("| array of strings |") && line.contains(&format!("at most {max}")), "{line}");
            }
        }
    }
}

/// The options page draws every setting in one of its sections, and a setting that only
/// matters under a switch names a switch (a checkbox), never a number or a list.
#[test]
fn every_setting_has_a_section_and_depends_only_on_a_switch() {
    for row in TABLE {
        assert!(Section::ALL.contains(&row.locked.section()), "{}", row.key);
        if let Some(needs) = row.locked.needs() {
            let switch = TABLE.iter().find(|r| r.locked == needs).expect("a setting");
            assert_eq!(switch.kind, Kind::Flag, "{} depends on {}", row.key, switch.key);
            assert_eq!(switch.locked.section(), row.locked.section(), "{} sits beside its switch", row.key);
        }
    }
    for section in Section::ALL {
        assert!(TABLE.iter().any(|r| r.locked.section() == section), "{section:?} is not empty");
    }
    for bad in [BadSetting::HoldTooLong, BadSetting::ClearDelay, BadSetting::TooManyHosts, BadSetting::HostShape] {
        assert!(TABLE.iter().any(|r| r.locked == bad.field()), "{bad:?} names a field the page shows");
    }
}
