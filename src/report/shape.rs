//! The report's enumerations and shaping: which plain attribute values are kept (their
//! enumerations), which prose phrases stay, and how the rest becomes its shape.

use super::hidden::{email_ranges, redact_with};
use super::{shape, word_char};
use crate::read::scan::scan;
use crate::words::{self, fold};

/// What a password field's value becomes, whatever it was.
pub(super) const PASSWORD: &str = "********";

/// Elements and roles whose words are the page's interface (labels, headings, controls):
/// their vocabulary words stay. Elsewhere only the phrases Keyshift reads by stay.
pub(super) const INTERFACE_TAGS: &[&str] = &[
    "LABEL", "H1", "H2", "H3", "H4", "H5", "H6", "BUTTON", "A", "LEGEND", "TH", "DT", "SUMMARY", "OPTION", "CAPTION",
    "TITLE",
];
pub(super) const INTERFACE_ROLES: &[&str] =
    &["heading", "button", "link", "tab", "columnheader", "rowheader", "menuitem"];

/// ARIA roles (WAI-ARIA 1.2), input and button types, and the other enumerations a plain
/// attribute may hold: a value outside them is the page's own text, so it is shaped.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "alert", "alertdialog", "application", "article", "banner", "blockquote", "button", "caption", "cell", "checkbox",
    "code", "columnheader", "combobox", "complementary", "contentinfo", "definition", "deletion", "dialog", "directory",
    "document", "emphasis", "feed", "figure", "form", "generic", "grid", "gridcell", "group", "heading", "img",
    "insertion", "link", "list", "listbox", "listitem", "log", "main", "marquee", "math", "menu", "menubar",
    "menuitem", "menuitemcheckbox", "menuitemradio", "meter", "navigation", "none", "note", "option", "paragraph",
    "presentation", "progressbar", "radio", "radiogroup", "region", "row", "rowgroup", "rowheader", "scrollbar",
    "search", "searchbox", "separator", "slider", "spinbutton", "status", "strong", "subscript", "superscript",
    "switch", "tab", "table", "tablist", "tabpanel", "term", "textbox", "time", "timer", "toolbar", "tooltip", "tree",
    "treegrid", "treeitem",
];
#[rustfmt::skip]
const TYPES: &[&str] = &[
    "button", "checkbox", "color", "date", "datetime-local", "email", "file", "hidden", "image", "month", "number",
    "password", "radio", "range", "reset", "search", "submit", "tel", "text", "time", "url", "week", "menu",
];

/// A plain attribute's value if it is one of its enumeration (or a number, or a language
/// tag), else its shape; a token, key or address in it is hidden first either way.
pub(super) fn plain(name: &str, value: &str) -> String {
    if !scan(value).is_empty() || !email_ranges(value).is_empty() {
        return collapse(&redact_with(value, shape));
    }
    let v = value.trim().to_ascii_lowercase();
    let number = || !v.is_empty() && v.len() <= 6 && v.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit());
    let valid = match name {
        "role" => !v.is_empty() && v.split_ascii_whitespace().all(|r| ROLES.contains(&r)),
        "type" => TYPES.contains(&v.as_str()),
        "dir" => matches!(v.as_str(), "ltr" | "rtl" | "auto"),
        "aria-live" => matches!(v.as_str(), "off" | "polite" | "assertive"),
        "aria-modal" | "aria-hidden" | "aria-selected" => matches!(v.as_str(), "true" | "false"),
        "aria-expanded" => matches!(v.as_str(), "true" | "false" | "undefined"),
        "aria-level" | "aria-colindex" | "aria-rowindex" | "aria-colcount" | "aria-rowcount" | "tabindex" => number(),
        "hidden" | "readonly" | "disabled" => v.is_empty() || v == name || matches!(v.as_str(), "true" | "until-found"),
        "lang" => is_language_tag(&v),
        _ => false,
    };
    if valid {
        v
    } else {
        collapse(&shape(value))
    }
}

/// A language tag as pages write them (BCP 47's common part): a 2–3 letter language, then
/// a 4-letter script or a 2-letter or 3-digit region. Longer subtags are where a page's own
/// words could hide, so they do not pass.
pub(super) fn is_language_tag(v: &str) -> bool {
    let mut parts = v.split('-');
    let first = parts.next().unwrap_or_default();
    let alpha = |p: &str| p.bytes().all(|b| b.is_ascii_alphabetic());
    (2..=3).contains(&first.len())
        && alpha(first)
        && parts.all(|p| {
            (p.len() == 4 && alpha(p))
                || (p.len() == 2 && alpha(p))
                || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Runs of one shape character collapse to one (`Xxxxx99999` → `Xx9`): a value's shape
/// says what kind of thing it is, not how long.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = None;
    for c in text.chars() {
        let shaped = matches!(c, 'x' | 'X' | '9');
        if !(shaped && last == Some(c)) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Free text outside labels, headings and controls: only whole phrases of Keyshift's own
/// tables stay (what a reveal, a sample or a ticket is judged by); every other word is its
/// shape, single letters and month names included.
pub(super) fn prose(text: &str) -> String {
    redact_with(text, |t| {
        let spans = word_spans(t);
        let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&t[a..b])).collect();
        let mut keep = vec![false; spans.len()];
        for i in 0..spans.len() {
            for phrase in phrases_from(&folded[i]) {
                let n = phrase.len();
                if i + n <= folded.len() && phrase.iter().zip(&folded[i..i + n]).all(|(p, w)| p == w) {
                    keep[i..i + n].iter_mut().for_each(|k| *k = true);
                }
            }
        }
        let mut out = String::with_capacity(t.len());
        let mut last = 0;
        for (i, &(a, b)) in spans.iter().enumerate() {
            out.push_str(&t[last..a]);
            out.push_str(&if keep[i] { t[a..b].to_string() } else { shape(&t[a..b]) });
            last = b;
        }
        out.push_str(&t[last..]);
        out
    })
}

/// Byte ranges of the runs of word characters in `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Keyshift's phrases (every reading table, the code markers), as folded words, by their
/// first word. Made once.
fn phrases_from(first: &str) -> &'static [Vec<String>] {
    static PHRASES: std::sync::OnceLock<std::collections::HashMap<String, Vec<Vec<String>>>> =
        std::sync::OnceLock::new();
    let map = PHRASES.get_or_init(|| {
        let mut map: std::collections::HashMap<String, Vec<Vec<String>>> = std::collections::HashMap::new();
        let all = words::ALL.iter().flat_map(|w| w.all()).chain(words::CODE_MARKERS.iter().copied());
        for phrase in all {
            let folded = fold(phrase);
            let spans = word_spans(&folded);
            let list: Vec<String> = spans.iter().map(|&(a, b)| folded[a..b].to_string()).collect();
            // One-word entries of one or two letters say too little to keep.
            if list.is_empty() || (list.len() == 1 && list[0].chars().count() < 3) {
                continue;
            }
            map.entry(list[0].clone()).or_default().push(list);
        }
        map
    });
    map.get(first).map_or(&[], |v| v.as_slice())
}
