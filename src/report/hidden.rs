//! What a report never shows as written: every token, shortened token, UUID and e-mail
//! address becomes its placeholder, in the page's text and in the user's own line.

use super::{word_char, EMAIL, TOKEN, UUID};
use crate::read::scan::{scan, FindingKind};

/// The ranges of every e-mail address in `text`: a local part and a domain with a dot.
pub(super) fn email_ranges(text: &str) -> Vec<(usize, usize)> {
    let is_mail = |c: char| word_char(c) || matches!(c, '.' | '_' | '%' | '+' | '-');
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at].char_indices().rev().take_while(|(_, c)| is_mail(*c)).last().map_or(at, |(i, _)| i);
        let end = text[at + 1..]
            .char_indices()
            .take_while(|(_, c)| is_mail(*c))
            .last()
            .map_or(at + 1, |(i, c)| at + 1 + i + c.len_utf8());
        let domain = text[at + 1..end].trim_end_matches('.');
        if start < at && domain.contains('.') {
            out.push((start, at + 1 + domain.len()));
        }
    }
    out
}

/// Redacts `text` with `rest`, except that every token, shortened token, UUID and e-mail
/// address becomes its placeholder whole.
pub(super) fn redact_with(text: &str, rest: impl Fn(&str) -> String) -> String {
    let mut hidden: Vec<(usize, usize, &str)> = scan(text)
        .into_iter()
        .map(|f| {
            let placeholder = match f.kind {
                FindingKind::Token => TOKEN,
                FindingKind::Uuid => UUID,
                FindingKind::TokenRef => "T0000000...0000",
            };
            (f.start, f.end, placeholder)
        })
        .chain(email_ranges(text).into_iter().map(|(a, b)| (a, b, EMAIL)))
        .collect();
    hidden.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end, placeholder) in hidden {
        if start < last {
            continue; // inside one already hidden
        }
        out.push_str(&rest(&text[last..start]));
        out.push_str(placeholder);
        last = end;
    }
    out.push_str(&rest(&text[last..]));
    out
}

/// The longest answer to "what should Keyshift have done?" a report keeps.
pub const EXPECTED_CHARS: usize = 300;

/// The user's answer to "what should Keyshift have done?", as the report keeps it: their
/// words as written (they wrote them to be shared), but any token, shortened token, UUID
/// or e-mail address pasted in becomes its placeholder, and it is cut to a sentence or two.
pub fn expected(text: &str) -> String {
    let kept = redact_with(text.trim(), |rest| rest.to_string());
    kept.chars().take(EXPECTED_CHARS).collect()
}
