//! What kind of page this is, from its meaning: address, title, headings and the labels
//! of its buttons and links. No single class name or word decides; signals add up.

use crate::context::{contains, normalize};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// The API token management list.
    TokenList,
    /// The New Token form (prebuilt or custom permissions).
    NewToken,
    /// The one-time page that shows a full token, usually with a Done control.
    TokenReveal,
    /// The user's profile, where the legacy key used to be shown.
    Profile,
    /// A third-party tool's settings page where a key is pasted; not detected yet.
    Integration,
    Other,
}

/// The hosts Keyshift works on without being asked: the two names of one platform.
pub const VENDOR_DOMAINS: &[&str] = &["repairshopr.com", "syncromsp.com"];
/// Where the New Token form lives on a vendor host.
pub const NEW_TOKEN_PATH: &str = "/api_tokens/new";

/// The parts of an `https:` page address that matter here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address<'a> {
    /// `https://host[:port]`
    pub origin: &'a str,
    /// Lowercase is not guaranteed; compare with `host_enabled`.
    pub host: &'a str,
    /// The path, query and fragment, starting with `/` (or empty).
    pub path: &'a str,
}

/// Splits an `https:` address; anything else (or one with credentials) is `None`.
pub fn address(url: &str) -> Option<Address<'_>> {
    let rest = url.get(..8).filter(|s| s.eq_ignore_ascii_case("https://")).map(|_| &url[8..])?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => authority,
    };
    Some(Address { origin: &url[..8 + end], host, path: &rest[end..] })
}

/// Whether a host is one Keyshift works on: a vendor subdomain, or a host the user added
/// (`help.example.com`, or `*.example.com` for every subdomain).
pub fn host_enabled(host: &str, extra: &[String]) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |domain: &str| {
        host.len() > domain.len() + 1 && host.ends_with(domain) && host[..host.len() - domain.len()].ends_with('.')
    };
    VENDOR_DOMAINS.iter().any(|d| under(d))
        || extra.iter().any(|pattern| match pattern.strip_prefix("*.") {
            Some(domain) => under(domain) || host == domain,
            None => host == *pattern,
        })
}

#[derive(Clone, Copy)]
enum Place {
    Path,
    /// Title and headings.
    Heading,
    /// Button and link labels.
    Control,
}

struct Signal {
    kind: PageKind,
    place: Place,
    words: &'static [&'static str],
    weight: u32,
}

/// Everything that points at a kind of page. Update here when the vendor's pages change.
const SIGNALS: &[Signal] = &[
    Signal { kind: PageKind::NewToken, place: Place::Path, words: &["/api_tokens/new"], weight: 3 },
    Signal { kind: PageKind::TokenList, place: Place::Path, words: &["/api_tokens"], weight: 2 },
    Signal {
        kind: PageKind::Profile,
        place: Place::Path,
        words: &["/profile", "/users/edit", "/my_account"],
        weight: 2,
    },
    Signal {
        kind: PageKind::NewToken,
        place: Place::Heading,
        words: &["new api token", "new token", "create api token", "custom permissions"],
        weight: 2,
    },
    Signal { kind: PageKind::TokenList, place: Place::Heading, words: &["api tokens"], weight: 2 },
    Signal { kind: PageKind::Profile, place: Place::Heading, words: &["profile", "password", "my account"], weight: 1 },
    Signal {
        kind: PageKind::NewToken,
        place: Place::Control,
        words: &["create api token", "custom permissions", "prebuilt"],
        weight: 1,
    },
    Signal { kind: PageKind::TokenList, place: Place::Control, words: &["new token"], weight: 1 },
    Signal {
        kind: PageKind::Profile,
        place: Place::Control,
        words: &["reset api key", "update profile", "change password"],
        weight: 1,
    },
];
/// The least score that names a kind; below it the page is `Other`.
const MIN_SCORE: u32 = 2;

/// Labels of the control that leaves a token reveal for good.
pub const DONE_LABELS: &[&str] =
    &["done", "i've copied it", "i have copied it", "i've saved it", "finish", "close", "continue"];

/// What the classifier reads of a page.
pub struct PageFacts<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub headings: &'a [String],
    pub controls: &'a [String],
    /// A full token is visible somewhere on the page.
    pub shows_full_token: bool,
}

pub fn classify(facts: &PageFacts) -> PageKind {
    if facts.shows_full_token {
        return PageKind::TokenReveal;
    }
    let path = facts.path.to_ascii_lowercase();
    let headings: Vec<String> =
        std::iter::once(facts.title).chain(facts.headings.iter().map(String::as_str)).map(normalize).collect();
    let controls: Vec<String> = facts.controls.iter().map(|c| normalize(c)).collect();
    let mut best = (PageKind::Other, 0);
    for kind in [PageKind::NewToken, PageKind::TokenList, PageKind::Profile] {
        let score: u32 = SIGNALS
            .iter()
            .filter(|s| s.kind == kind)
            .filter(|s| {
                let hit = |t: &String| s.words.iter().any(|w| contains(t, w));
                match s.place {
                    Place::Path => s.words.iter().any(|w| contains(&path, w)),
                    Place::Heading => headings.iter().any(hit),
                    Place::Control => controls.iter().any(hit),
                }
            })
            .map(|s| s.weight)
            .sum();
        if score > best.1 {
            best = (kind, score);
        }
    }
    if best.1 >= MIN_SCORE {
        best.0
    } else {
        PageKind::Other
    }
}

/// The index of the control that ends a reveal, preferring the earliest label in
/// `DONE_LABELS` ("Done" over "Close").
pub fn done_control(controls: &[String]) -> Option<usize> {
    let labels: Vec<String> = controls.iter().map(|c| normalize(c)).collect();
    DONE_LABELS
        .iter()
        .find_map(|want| labels.iter().position(|l| l.trim_matches(|c: char| !c.is_alphanumeric()) == *want))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn kind(path: &str, title: &str, headings: &[&str], controls: &[&str]) -> PageKind {
        let (headings, controls) = (strings(headings), strings(controls));
        classify(&PageFacts { path, title, headings: &headings, controls: &controls, shows_full_token: false })
    }

    #[test]
    fn vendor_hosts_and_user_hosts() {
        assert!(host_enabled("acme.repairshopr.com", &[]));
        assert!(host_enabled("ACME.SyncroMSP.com.", &[]));
        assert!(!host_enabled("repairshopr.com.evil.io", &[]));
        assert!(!host_enabled("evilrepairshopr.com", &[]));
        assert!(!host_enabled("repairshopr.com", &[]));
        let extra = strings(&["help.example.com", "*.msp.example"]);
        assert!(host_enabled("help.example.com", &extra));
        assert!(!host_enabled("x.help.example.com", &extra));
        assert!(host_enabled("a.b.msp.example", &extra));
        assert!(!host_enabled("amsp.example", &extra));
    }

    #[test]
    fn addresses() {
        let a = address("https://acme.repairshopr.com:8443/api_tokens?x=1").expect("https address");
        assert_eq!(
            (a.origin, a.host, a.path),
            ("https://acme.repairshopr.com:8443", "acme.repairshopr.com", "/api_tokens?x=1")
        );
        let b = address("HTTPS://acme.syncromsp.com").expect("bare origin");
        assert_eq!((b.host, b.path), ("acme.syncromsp.com", ""));
        assert_eq!(address("http://acme.repairshopr.com/"), None);
        assert_eq!(address("https://user:pw@acme.repairshopr.com/"), None);
        assert_eq!(address("chrome-extension://abc/popup.html"), None);
    }

    #[test]
    fn pages_by_address() {
        assert_eq!(kind("/api_tokens", "", &[], &[]), PageKind::TokenList);
        assert_eq!(kind("/api_tokens/new", "", &[], &[]), PageKind::NewToken);
        assert_eq!(kind("/profile", "", &[], &[]), PageKind::Profile);
        assert_eq!(kind("/tickets/12", "Ticket #12", &["Ticket #12"], &["Save"]), PageKind::Other);
    }

    #[test]
    fn pages_by_meaning_when_the_address_says_nothing() {
        assert_eq!(kind("/#/settings", "Syncro", &["API Tokens"], &["New Token", "Delete"]), PageKind::TokenList);
        assert_eq!(kind("/x", "", &["New API Token"], &["Create API Token"]), PageKind::NewToken);
        assert_eq!(kind("/x", "", &["My Profile"], &["Update Profile"]), PageKind::Profile);
        // One weak hint is not enough.
        assert_eq!(kind("/x", "", &["Password policy"], &[]), PageKind::Other);
    }

    #[test]
    fn full_token_means_reveal() {
        let none: Vec<String> = vec![];
        let facts =
            PageFacts { path: "/api_tokens/123", title: "", headings: &none, controls: &none, shows_full_token: true };
        assert_eq!(classify(&facts), PageKind::TokenReveal);
    }

    #[test]
    fn done_control_prefers_done() {
        assert_eq!(done_control(&strings(&["Close", "Cancel", " Done "])), Some(2));
        assert_eq!(done_control(&strings(&["Copy", "Close"])), Some(1));
        assert_eq!(done_control(&strings(&["Done deal", "Copy"])), None);
    }
}
