use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn list() -> SuffixList {
    SuffixList::parse(include_str!("../../../extension/psl.dat").to_string())
}

fn stored(entry: &str) -> Result<String, HostProblem> {
    parse(entry, &list()).map(|p| p.as_str().to_string())
}

#[test]
fn entries_are_stored_lower_case_and_in_punycode() {
    assert_eq!(stored("Help.Example.com"), Ok("help.example.com".into()));
    assert_eq!(stored("  https://Help.Example.com/login?x=1 "), Ok("help.example.com".into()));
    assert_eq!(stored("bücher.example"), Ok("xn--bcher-kva.example".into()));
    assert_eq!(stored("*.MSP.example.co.uk"), Ok("*.msp.example.co.uk".into()));
    assert_eq!(stored("münchen.shop.example"), Ok("xn--mnchen-3ya.shop.example".into()));
    assert_eq!(stored("MÜNCHEN.shop.example"), Ok("xn--mnchen-3ya.shop.example".into()), "upper case folds too");
    assert_eq!(stored("ŁÓDŹ.example"), stored("łódź.example"));
    assert_eq!(stored("ПРИМЕР.example"), stored("пример.example"));
    assert_eq!(stored("help.example.com:8443"), Ok("help.example.com".into()));
    let p = parse("*.example.com", &list()).expect("valid");
    assert_eq!(p.match_pattern(), "https://*.example.com/*");
}

#[test]
fn what_could_cover_other_peoples_sites_is_refused() {
    for (entry, problem) in [
        ("*", HostProblem::Wildcard),
        ("*.", HostProblem::Wildcard),
        ("help.*.example.com", HostProblem::Wildcard),
        ("*.github.io", HostProblem::PublicSuffix),
        ("*.co.uk", HostProblem::PublicSuffix),
        ("co.uk", HostProblem::PublicSuffix),
        ("*.com", HostProblem::PublicSuffix),
        ("*.ck", HostProblem::PublicSuffix),
        ("*.anything.ck", HostProblem::PublicSuffix),
        ("127.0.0.1", HostProblem::IpAddress),
        ("[::1]", HostProblem::IpAddress),
        ("10.0.0.5:8443", HostProblem::IpAddress),
        ("exa mple.com", HostProblem::Shape),
        ("-bad.example.com", HostProblem::Shape),
        ("a..b.com", HostProblem::Shape),
        ("*.repairshopr.com", HostProblem::Vendor),
        ("acme.syncromsp.com", HostProblem::Vendor),
        // Public suffixes hidden beneath the wildcard: anyone may have a site there.
        ("*.amazonaws.com", HostProblem::SuffixesBeneath),
        ("*.core.windows.net", HostProblem::SuffixesBeneath),
        ("*.windows.net", HostProblem::SuffixesBeneath),
        ("file:///etc/passwd", HostProblem::Scheme),
        ("ftp://help.example.com", HostProblem::Scheme),
    ] {
        assert_eq!(stored(entry), Err(problem), "{entry}");
    }
    // An exception rule frees a name under a wildcard rule.
    assert_eq!(stored("www.ck"), Ok("www.ck".into()));
    assert_eq!(stored("user.github.io"), Ok("user.github.io".into()), "one user's site is fine");
    assert_eq!(stored("s3.amazonaws.com"), Err(HostProblem::PublicSuffix));
    assert_eq!(stored("help.amazonaws.com"), Ok("help.amazonaws.com".into()), "one exact host is fine");
    assert_eq!(stored("*.msp.example.com"), Ok("*.msp.example.com".into()));
}

#[test]
fn punycode_matches_rfc_3492_samples() {
    assert_eq!(punycode("bücher").as_deref(), Some("bcher-kva"));
    assert_eq!(punycode("münchen").as_deref(), Some("mnchen-3ya"));
    assert_eq!(punycode("españa").as_deref(), Some("espaa-rta"));
    assert_eq!(punycode("他们为什么不说中文").as_deref(), Some("ihqwcrb4cv8a8dqg056pqjye"));
}

#[test]
fn the_snapshot_is_sorted_punycode_and_a_stored_form_is_itself() {
    let l = list();
    assert!(l.lines.len() > 9_000);
    assert!(l.has("co.uk") && l.has("github.io") && l.has("*.ck") && l.has("!www.ck"));
    assert!(is_stored_form("help.example.com", &l));
    assert!(!is_stored_form("Help.Example.com", &l));
    assert!(SuffixList::empty().is_suffix("com"));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever is typed: no panic, and what is stored reads back as itself.
        #[test]
        fn any_entry_is_read_without_panic(entry in "\\PC{0,40}|[*.a-zA-Z0-9äöüÉŁПр:/-]{0,30}") {
            let l = SuffixList::empty();
            if let Ok(p) = parse(&entry, &l) {
                prop_assert!(is_stored_form(p.as_str(), &l), "{} from {:?}", p, entry);
                prop_assert!(p.as_str().is_ascii());
            }
        }
    }
}
