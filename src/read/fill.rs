//! Which form field asks for a RepairShopr/Syncro API token, by meaning: an integration's
//! settings (IT Glue, NinjaOne, Pax8, Zapier, Zomentum, an in-house tool) or the vendor's
//! own Swagger docs. The page's JavaScript only describes its fields (`extension/fields.js`);
//! every judgement is here, from evidence that adds up, like `reveal`.

use crate::ids::{ElementId, Region};
use crate::read::integrations::names_other_product;
use crate::words::{self, fold};
use serde::{Deserialize, Serialize};

/// A text field as `fields.js` describes it (and as the content script sends it in a
/// snapshot). Its value never leaves the page: only its shape does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The describer's handle: its index on the page, or the content script's element id.
    pub id: ElementId,
    /// `input` type (`text`, `password`, …) or `textarea`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub label: Option<String>,
    /// The `name` and `id` attributes.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub placeholder: Option<String>,
    /// The dialog the field is in (content script only).
    #[serde(default)]
    pub region: Region,
    /// The headings of its form or section and the words just before it.
    #[serde(default)]
    pub near: Option<String>,
    /// The first heading of its form or section, to tell two such fields apart.
    #[serde(default)]
    pub section: Option<String>,
    /// Fields of the same form or section share a group.
    #[serde(default)]
    pub group: Option<u32>,
    /// The value's shape: hex digits as `h`, `T` and `-` kept, anything else `x`.
    #[serde(default)]
    pub shape: Option<String>,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default = "yes")]
    pub editable: bool,
}

fn yes() -> bool {
    true
}

/// A page's fields, as the popup gathers them from the tab.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormPage {
    pub host: String,
    /// The page's origin and its document's own name (`fields.js` `keyshiftDoc`): the fill
    /// goes only to that document.
    #[serde(default)]
    pub origin: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub fields: Vec<Field>,
}

/// What a field holds now, from its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Holds {
    Empty,
    /// A UUID: the integration still uses a legacy key.
    LegacyKey,
    /// Already an API token.
    Token,
    Other,
}

/// One piece of evidence that a field asks for the token (or against it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    /// Its own label, name, id or placeholder says API key, API token or the like.
    OwnSaysKey,
    /// Its own words name RepairShopr or Syncro.
    OwnNamesVendor,
    /// Its form's headings or the words before it say API key or token.
    NearSaysKey,
    /// Its form's headings or the words before it name RepairShopr or Syncro.
    NearNamesVendor,
    /// The page is the vendor's own API documentation (its Swagger docs).
    VendorApiDocs,
    /// The page's title names RepairShopr or Syncro.
    TitleNamesVendor,
    /// Its form also asks for the account's subdomain, as every integration does.
    SubdomainBeside,
    /// It names another product (ConnectWise, Autotask…) and not ours.
    OtherProduct,
}

/// Each signal's weight. A field is the token's when the sum reaches `THRESHOLD`: its own
/// words plus one more hint (vendor named nearby, a subdomain field beside it), or the
/// vendor's API docs with key words around the field.
pub const SIGNALS: &[(Signal, i32)] = &[
    (Signal::OwnSaysKey, 3),
    (Signal::OwnNamesVendor, 3),
    (Signal::NearSaysKey, 2),
    (Signal::NearNamesVendor, 2),
    (Signal::VendorApiDocs, 3),
    (Signal::TitleNamesVendor, 1),
    (Signal::SubdomainBeside, 2),
    (Signal::OtherProduct, -6),
];

pub const THRESHOLD: i32 = 5;

/// A field that asks for the token, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub id: ElementId,
    pub score: i32,
    pub signals: Vec<Signal>,
    pub holds: Holds,
    /// How to name it to the user: its label, placeholder or name.
    pub label: String,
    /// The heading of its part of the page, if it has one.
    pub section: Option<String>,
}

const VENDOR_NAMES: &[&str] = &["repairshopr", "repair shopr", "syncro", "syncromsp", "syncro msp"];

fn names_vendor(folded: &str) -> bool {
    VENDOR_NAMES.iter().any(|v| words::contains_words(folded, v))
}

fn says_key(folded: &str) -> bool {
    [&words::KEY_LABEL, &words::TOKEN_LABEL, &words::CREDENTIAL_LABEL].iter().any(|w| w.in_text(folded))
}

/// `repairshopr_api_key`, `apiToken`, `api-token` read as words.
fn name_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut prev_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' || c == '[' || c == ']' || c == '.' {
            out.push(' ');
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// A field for text: the describers report every input (checkboxes, hidden ones…).
fn takes_text(f: &Field) -> bool {
    matches!(f.kind.as_str(), "text" | "password" | "search" | "url" | "" | "textarea")
}

/// Only text fields the user can type in and see take a token.
fn fillable(f: &Field) -> bool {
    takes_text(f) && f.visible && f.editable
}

/// What a shape says the field holds.
pub fn holds(shape: Option<&str>) -> Holds {
    let Some(shape) = shape.map(str::trim).filter(|s| !s.is_empty()) else { return Holds::Empty };
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b == b'h');
    let parts: Vec<&str> = shape.split('-').collect();
    if let [a, b, c, d, e] = parts.as_slice() {
        if hex(a, 8) && hex(b, 4) && hex(c, 4) && hex(d, 4) && hex(e, 12) {
            return Holds::LegacyKey;
        }
    }
    if let [t, rest] = parts.as_slice() {
        if t.len() == 18 && t.starts_with('T') && hex(&t[1..], 17) && hex(rest, 32) {
            return Holds::Token;
        }
    }
    Holds::Other
}

/// Whether a page is the vendor's API documentation (`api-docs.repairshopr.com`, or a
/// vendor page titled as Swagger or API docs). Only there does the page itself vouch for
/// a key field: the vendor's other settings pages ask for other products' keys.
pub fn vendor_api_docs(host: &str, title: &str) -> bool {
    let title = fold(title);
    crate::read::page::is_vendor_host(host)
        && (host.starts_with("api-docs.")
            || title.contains("swagger")
            || words::DOCS_PAGE.in_text(&title) && title.contains("api"))
}

/// Whose token a token is, or a form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    RepairShopr,
    Syncro,
}

impl Vendor {
    /// The vendor's name, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Vendor::RepairShopr => "RepairShopr",
            Vendor::Syncro => "Syncro",
        }
    }

    /// The vendor whose site a token came from (a custom domain: unknown).
    pub fn of_origin(origin: &str) -> Option<Vendor> {
        let host = crate::read::page::address(origin).map(|a| a.host.to_ascii_lowercase())?;
        let under = |d: &str| host == d || host.ends_with(&format!(".{d}"));
        if under("repairshopr.com") {
            Some(Vendor::RepairShopr)
        } else if under("syncromsp.com") {
            Some(Vendor::Syncro)
        } else {
            None
        }
    }
}

/// The vendor a form asks for, when its page names exactly one (its title, and the
/// labels, sections and words around the fields that take a token).
pub fn vendor_asked(page: &FormPage, found: &[Candidate]) -> Option<Vendor> {
    let mut text = fold(&page.title);
    for f in page.fields.iter().filter(|f| found.iter().any(|c| c.id == f.id)) {
        for t in [&f.label, &f.near, &f.section, &f.name, &f.placeholder].into_iter().flatten() {
            text.push(' ');
            text.push_str(&fold(t));
        }
    }
    let repairshopr = text.contains("repairshopr") || text.contains("repair shopr");
    let syncro = text.contains("syncro");
    match (repairshopr, syncro) {
        (true, false) => Some(Vendor::RepairShopr),
        (false, true) => Some(Vendor::Syncro),
        _ => None,
    }
}

/// A form that asks for one vendor's token while the token is the other's: which each is.
pub fn vendor_mismatch(token_origin: &str, page: &FormPage, found: &[Candidate]) -> Option<(Vendor, Vendor)> {
    let (asked, token) = (vendor_asked(page, found)?, Vendor::of_origin(token_origin)?);
    (asked != token).then_some((asked, token))
}

/// The fields of `fields` that ask for a RepairShopr/Syncro token, best first.
/// `api_docs`: the page is the vendor's API documentation (`vendor_api_docs`).
pub fn find(fields: &[Field], title: &str, api_docs: bool) -> Vec<Candidate> {
    let title_vendor = names_vendor(&fold(title));
    let subdomain = |f: &Field| {
        takes_text(f)
            && [&f.label, &f.name, &f.placeholder]
                .into_iter()
                .flatten()
                .any(|t| words::SUBDOMAIN_LABEL.in_text(&fold(&name_words(t))))
    };
    let subdomain_groups: Vec<u32> = fields.iter().filter(|f| subdomain(f)).filter_map(|f| f.group).collect();
    let mut out: Vec<Candidate> = fields
        .iter()
        .filter(|f| fillable(f) && !subdomain(f))
        .filter_map(|f| {
            let own = [&f.label, &f.name, &f.placeholder]
                .into_iter()
                .flatten()
                .map(|t| fold(&name_words(t)))
                .collect::<Vec<_>>()
                .join(" | ");
            let near = [&f.section, &f.near].into_iter().flatten().map(|t| fold(t)).collect::<Vec<_>>().join(" | ");
            let mut signals = Vec::new();
            let mut note = |on: bool, s: Signal| {
                if on {
                    signals.push(s);
                }
            };
            note(says_key(&own), Signal::OwnSaysKey);
            note(names_vendor(&own), Signal::OwnNamesVendor);
            note(says_key(&near), Signal::NearSaysKey);
            note(names_vendor(&near), Signal::NearNamesVendor);
            note(api_docs, Signal::VendorApiDocs);
            note(title_vendor, Signal::TitleNamesVendor);
            note(f.group.is_some_and(|g| subdomain_groups.contains(&g)), Signal::SubdomainBeside);
            let ours = names_vendor(&own) || names_vendor(&near) || api_docs;
            note(!ours && (names_other_product(&own) || names_other_product(&near)), Signal::OtherProduct);
            // Without a word of its own or nearby about a key or token, no field is the token's.
            if !signals.iter().any(|s| matches!(s, Signal::OwnSaysKey | Signal::NearSaysKey)) {
                return None;
            }
            let score = signals.iter().map(|s| weight(*s)).sum();
            let label = [&f.label, &f.placeholder, &f.name].into_iter().flatten().find(|t| !t.trim().is_empty());
            Some(Candidate {
                id: f.id,
                score,
                signals,
                holds: holds(f.shape.as_deref()),
                label: label.map_or_else(String::new, |l| l.trim().chars().take(80).collect()),
                section: f.section.clone().filter(|s| !s.trim().is_empty()),
            })
        })
        .filter(|c| c.score >= THRESHOLD)
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.score));
    out
}

fn weight(signal: Signal) -> i32 {
    SIGNALS.iter().find(|(s, _)| *s == signal).map_or(0, |(_, w)| *w)
}

pub mod subdomain;

#[cfg(test)]
mod tests;
