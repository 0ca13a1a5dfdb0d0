//! What kind of page this is, from its meaning: address, title, headings and the labels
//! of its buttons and links. No single class name or word decides; signals add up.

use crate::words::{self, fold, Words};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Whether a host is the vendor's own (`*.repairshopr.com`, `*.syncromsp.com`).
pub fn is_vendor_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    VENDOR_DOMAINS.iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
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
    Path(&'static [&'static str]),
    /// Title and headings.
    Heading(&'static Words),
    /// Button and link labels.
    Control(&'static Words),
}

struct Signal {
    kind: PageKind,
    place: Place,
    weight: u32,
}

/// Everything that points at a kind of page. Words come from `words`, in every language
/// Keyshift reads; paths are the vendor's own.
const SIGNALS: &[Signal] = &[
    Signal { kind: PageKind::NewToken, place: Place::Path(&["/api_tokens/new"]), weight: 3 },
    Signal { kind: PageKind::TokenList, place: Place::Path(&["/api_tokens"]), weight: 2 },
    Signal { kind: PageKind::Profile, place: Place::Path(&["/profile", "/users/edit", "/my_account"]), weight: 2 },
    Signal { kind: PageKind::NewToken, place: Place::Heading(&words::NEW_TOKEN), weight: 2 },
    Signal { kind: PageKind::TokenList, place: Place::Heading(&words::TOKEN_LIST), weight: 2 },
    Signal { kind: PageKind::Profile, place: Place::Heading(&words::PROFILE), weight: 1 },
    Signal { kind: PageKind::NewToken, place: Place::Control(&words::NEW_TOKEN), weight: 1 },
    Signal { kind: PageKind::TokenList, place: Place::Control(&words::NEW_TOKEN_CONTROL), weight: 1 },
    Signal { kind: PageKind::Profile, place: Place::Control(&words::PROFILE_CONTROL), weight: 1 },
];
/// The least score that names a kind; below it the page is `Other`.
const MIN_SCORE: u32 = 2;

/// What the classifier reads of a page.
pub struct PageFacts<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub headings: &'a [&'a str],
    pub controls: &'a [&'a str],
}

/// The kind of page by address and words. (A reveal is judged per token: `reveal`.)
pub fn classify(facts: &PageFacts) -> PageKind {
    let path = facts.path.to_ascii_lowercase();
    let headings: Vec<String> = std::iter::once(facts.title).chain(facts.headings.iter().copied()).map(fold).collect();
    let controls: Vec<String> = facts.controls.iter().map(|c| fold(c)).collect();
    let mut best = (PageKind::Other, 0);
    for kind in [PageKind::NewToken, PageKind::TokenList, PageKind::Profile] {
        let score: u32 = SIGNALS
            .iter()
            .filter(|s| s.kind == kind)
            .filter(|s| match s.place {
                Place::Path(paths) => paths.iter().any(|p| path.contains(p)),
                Place::Heading(words) => headings.iter().any(|h| words.in_text(h)),
                Place::Control(words) => controls.iter().any(|c| words.in_text(c)),
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

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn kind(path: &str, title: &str, headings: &[&str], controls: &[&str]) -> PageKind {
        classify(&PageFacts { path, title, headings, controls })
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
    fn pages_in_other_languages() {
        assert_eq!(kind("/x", "", &["Tokens de API"], &["Nuevo token"]), PageKind::TokenList);
        assert_eq!(kind("/x", "", &["Neues API-Token"], &["API-Token erstellen"]), PageKind::NewToken);
        assert_eq!(kind("/x", "", &["Mon profil"], &["Mettre à jour le profil"]), PageKind::Profile);
        assert_eq!(kind("/x", "", &["Mijn account"], &["Wachtwoord wijzigen"]), PageKind::Profile);
    }
}
