//! The missed-page report: a redacted, structural copy of a page a user can read in
//! full and hand over, so a page Keyshift misread becomes a replica and a test
//! (`tools/replay.py`). Nothing in it can identify a secret, a person or a customer:
//!
//! - the element tree keeps tags, roles, ARIA attributes, input types, ids and classes;
//! - text keeps only the words Keyshift reads pages by (`words`: labels, headings, Done,
//!   "shown once", `curl`/`Bearer`…) and common interface words, so a replica of the
//!   report is judged on the same evidence; every other word is its shape, letters
//!   `x`/`X` and digits `9` (a name is never one of those words);
//! - values (inputs, data attributes) are only their shape;
//! - before that, every token, shortened token, UUID, e-mail address and long number is
//!   replaced by a typed placeholder of the same shape (a token stays a token, so the
//!   replica reads the same).

use crate::words::{self, fold};
use serde::{Deserialize, Serialize};

/// A token of the real shape that no one was ever issued.
pub const TOKEN: &str = "T00000000000000000-00000000000000000000000000000000";
/// A UUID placeholder (version 4, all zeros otherwise).
pub const UUID: &str = "00000000-0000-4000-8000-000000000000";
pub const EMAIL: &str = "user@example.com";

/// Limits on what a report reads of a page.
pub const ELEMENTS: usize = 4000;
pub const DEPTH: usize = 80;
/// What the strict reader allows a report message: each element nests two values deep.
pub const MESSAGE: crate::strict::Limits =
    crate::strict::Limits { text_units: 4_000_000, values: 400_000, depth: 2 * DEPTH + 8 };
const TEXT: usize = 2000;

/// An element as the content script reads it: `[tag, attributes, own text, children]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "(String, Vec<(String, String)>, String, Vec<RawNode>)")]
pub struct RawNode {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<RawNode>,
}

impl From<(String, Vec<(String, String)>, String, Vec<RawNode>)> for RawNode {
    fn from((tag, attrs, text, children): (String, Vec<(String, String)>, String, Vec<RawNode>)) -> Self {
        RawNode { tag, attrs, text, children }
    }
}

/// What the content script sends for a report: the page's address, language and tree.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub url: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub title: String,
    pub body: RawNode,
}

/// A redacted element: `[tag, attributes, text, children]`, the same shape as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    into = "(String, Vec<(String, String)>, String, Vec<Node>)",
    from = "(String, Vec<(String, String)>, String, Vec<Node>)"
)]
pub struct Node {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl From<Node> for (String, Vec<(String, String)>, String, Vec<Node>) {
    fn from(n: Node) -> Self {
        (n.tag, n.attrs, n.text, n.children)
    }
}

impl From<(String, Vec<(String, String)>, String, Vec<Node>)> for Node {
    fn from((tag, attrs, text, children): (String, Vec<(String, String)>, String, Vec<Node>)) -> Self {
        Node { tag, attrs, text, children }
    }
}

/// The report as the user reads, copies or saves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub format: u32,
    pub url: String,
    pub lang: String,
    pub title: String,
    /// The engine's last judgement of the page (`page`, `verdict`): filled in by the caller.
    pub page: String,
    pub verdict: Option<crate::reveal::Verdict>,
    /// What the user says Keyshift should have done, in their words (`expected`).
    #[serde(default)]
    pub expected: String,
    pub body: Node,
}

/// Attributes kept, and how their values are redacted.
#[derive(Clone, Copy)]
enum Keep {
    /// Kept as written: enumerated values (`role`, `type`, `aria-modal`).
    Plain,
    /// Words of a label: kept if they are interface words, else their shape.
    Words,
    /// Identifiers (`id`, `class`, `name`, `for`): each piece kept if an interface word.
    Names,
    /// Only the shape.
    Shape,
    Url,
}

fn keep(attr: &str) -> Option<Keep> {
    Some(match attr {
        "role" | "type" | "aria-modal" | "aria-hidden" | "aria-expanded" | "aria-selected" | "aria-colindex"
        | "aria-rowindex" | "aria-colcount" | "aria-rowcount" | "aria-live" | "aria-level" | "hidden" | "readonly"
        | "disabled" | "lang" | "dir" | "tabindex" => Keep::Plain,
        "aria-label" | "placeholder" | "title" | "alt" | "aria-roledescription" => Keep::Words,
        "id" | "class" | "name" | "for" | "aria-labelledby" | "aria-describedby" | "aria-controls" => Keep::Names,
        "href" | "action" | "src" => Keep::Url,
        a if a.starts_with("data-") || a == "value" => Keep::Shape,
        _ => return None,
    })
}

/// Common words of admin interfaces, kept in labels and names beside the reading words.
#[rustfmt::skip]
const INTERFACE: &[&str] = &[
    "account", "actions", "add", "admin", "alert", "all", "api", "apply", "authorize", "back", "body", "btn",
    "button", "cancel", "card", "cell", "close", "col", "column", "comment", "comments", "confirm", "container",
    "content", "copy", "create", "created", "custom", "customers", "dashboard", "delete", "dialog", "docs",
    "documentation", "done", "edit", "email", "expires", "field", "footer", "form", "grid", "header", "help",
    "home", "input", "integration", "integrations", "invoices", "item", "key", "keys", "label", "last", "legacy",
    "link", "list", "login", "logout", "main", "menu", "meta", "modal", "more", "muted", "name", "nav", "new",
    "next", "note", "ok", "page", "panel", "password", "permissions", "prebuilt", "primary", "profile", "reset",
    "row", "save", "search", "secondary", "section", "settings", "show", "status", "submit", "subdomain", "tab",
    "table", "tabs", "text", "ticket", "tickets", "title", "token", "tokens", "used", "user", "value",
    "api_tokens", "api-tokens", "repairshopr", "syncro", "syncromsp",
];

/// Every word a report may keep, sorted: the interface words, and each word of the
/// phrases and month names Keyshift reads pages by. Made once.
fn vocabulary() -> &'static [&'static str] {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let phrases = words::ALL
            .iter()
            .flat_map(|w| w.all())
            .chain(words::MONTHS.iter().flat_map(|m| m.iter().flat_map(|l| l.iter().copied())))
            .chain(words::CODE_MARKERS.iter().copied())
            .chain(words::DISCUSSION_CLASSES.iter().copied());
        let split = |p: &'static str| p.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric());
        let mut all: Vec<&'static str> = phrases.flat_map(split).chain(INTERFACE.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all
    })
}

/// Whether a folded word may stay: an interface word, or a word of Keyshift's tables;
/// never a single letter (initials) or a month name (a name like "April May").
fn allowed(word: &str) -> bool {
    word.is_empty() || (word.chars().count() > 1 && !is_month(word) && vocabulary().binary_search(&word).is_ok())
}

fn is_month(word: &str) -> bool {
    words::MONTHS.iter().flat_map(|m| m.iter().flat_map(|l| l.iter())).any(|m| *m == word)
}

/// A letter or digit for the report's purposes: every character beyond ASCII counts as a
/// letter, so names in any script are shaped away (and no Unicode tables ship).
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || !c.is_ascii()
}

/// Letters become `x` (`X` for an ASCII capital), digits `9`; punctuation stays.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => '9',
            'A'..='Z' => 'X',
            c if word_char(c) => 'x',
            c => c,
        })
        .collect()
}

/// Each word kept if it is allowed, else its shape.
fn words_of(text: &str) -> String {
    pieces(text, false)
}

/// Identifiers (`ticket-comment__body`, `CommentBody`): each piece kept if an interface
/// word, else its shape.
fn names(text: &str) -> String {
    pieces(text, true)
}

/// Each run of word characters kept if it is an allowed word, else its shape; with
/// `camel`, a run also ends where lower case turns upper.
fn pieces(text: &str, camel: bool) -> String {
    redact_with(text, |t| {
        let mut out = String::with_capacity(t.len());
        let mut piece = String::new();
        let flush = |piece: &mut String, out: &mut String| {
            out.push_str(&if allowed(&fold(piece)) { piece.clone() } else { shape(piece) });
            piece.clear();
        };
        let mut prev_lower = false;
        for c in t.chars() {
            if !word_char(c) || (camel && c.is_ascii_uppercase() && prev_lower) {
                flush(&mut piece, &mut out);
            }
            if word_char(c) {
                piece.push(c);
            } else {
                out.push(c);
            }
            prev_lower = c.is_ascii_lowercase();
        }
        flush(&mut piece, &mut out);
        out
    })
}

/// An address: the scheme kept; a vendor host keeps its domain with the customer's
/// subdomain replaced; path segments kept if interface words; query and fragment dropped.
pub fn url(address: &str) -> String {
    let Some(addr) = crate::read::page::address(address) else {
        return if address.starts_with('#') || address.starts_with('/') { path(address) } else { String::new() };
    };
    let host = addr.host.to_ascii_lowercase();
    let host = match crate::read::page::VENDOR_DOMAINS.iter().find(|d| host.ends_with(&format!(".{d}"))) {
        Some(d) if host.starts_with("api-docs.") => format!("api-docs.{d}"),
        Some(d) => format!("acme.{d}"),
        None => names(&host),
    };
    format!("https://{host}{}", path(addr.path))
}

fn path(p: &str) -> String {
    let p = p.split(['?', '#']).next().unwrap_or_default();
    p.split('/')
        .map(|seg| if allowed(&fold(seg)) { seg.to_string() } else { redact_with(seg, shape) })
        .collect::<Vec<_>>()
        .join("/")
}

fn cut(text: &str) -> &str {
    let mut end = text.len().min(TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The redacted copy of a page, with at most `ELEMENTS` elements and `DEPTH` levels.
pub fn redact(page: &RawPage) -> Report {
    let mut budget = ELEMENTS;
    Report {
        format: 1,
        url: url(&page.url),
        lang: shape_lang(&page.lang),
        title: words_of(cut(&page.title)),
        page: String::new(),
        verdict: None,
        expected: String::new(),
        body: node(&page.body, 0, &mut budget),
    }
}

fn shape_lang(lang: &str) -> String {
    let v = lang.trim().to_ascii_lowercase();
    if v.is_empty() || is_language_tag(&v) {
        v
    } else {
        collapse(&shape(&v))
    }
}

fn node(raw: &RawNode, depth: usize, budget: &mut usize) -> Node {
    *budget = budget.saturating_sub(1);
    let tag: String = raw
        .tag
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect::<String>()
        .to_ascii_uppercase();
    // A custom element's name is the page's own word: its shape.
    let tag = if tag.contains('-') { shape(&tag.to_ascii_lowercase()).to_ascii_uppercase() } else { tag };
    let attr = |name: &str| raw.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let password = tag == "INPUT" && attr("type").is_some_and(|t| t.eq_ignore_ascii_case("password"));
    let role = attr("role").unwrap_or_default().to_ascii_lowercase();
    let interface = INTERFACE_TAGS.contains(&tag.as_str()) || INTERFACE_ROLES.contains(&role.as_str());
    let attrs = raw
        .attrs
        .iter()
        .filter_map(|(k, v)| {
            let k = k.to_ascii_lowercase();
            let v = cut(v);
            let value = match keep(&k)? {
                Keep::Plain => plain(&k, v),
                Keep::Words => words_of(v),
                Keep::Names => names(v),
                Keep::Shape if k == "value" && password => PASSWORD.to_string(),
                Keep::Shape => collapse(&redact_with(v, shape)),
                Keep::Url => url(v),
            };
            // Only Keyshift's own copy attributes keep their names; other `data-*` names
            // are a page's words, so they are shaped after `data-`.
            let k = match k.strip_prefix("data-") {
                Some(rest) if !crate::read::snapshot::COPY_ATTRS.contains(&k.as_str()) => {
                    format!("data-{}", shape(rest))
                }
                _ => k,
            };
            Some((k, value))
        })
        .collect();
    let children = if depth >= DEPTH {
        Vec::new()
    } else {
        let mut kept = Vec::new();
        for child in &raw.children {
            if *budget == 0 {
                break;
            }
            kept.push(node(child, depth + 1, budget));
        }
        kept
    };
    let text = if interface { words_of(cut(&raw.text)) } else { prose(cut(&raw.text)) };
    Node { tag, attrs, text, children }
}

mod hidden;
mod shape;
use hidden::redact_with;
pub use hidden::{expected, EXPECTED_CHARS};
use shape::{collapse, is_language_tag, plain, prose, INTERFACE_ROLES, INTERFACE_TAGS, PASSWORD};

#[cfg(test)]
mod tests;
