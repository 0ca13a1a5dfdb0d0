//! Custom domains a user (or an administrator) adds: what each must look like, what it
//! is stored as, and the exact match pattern Keyshift asks the browser access for.
//!
//! A domain is lower-cased and its Unicode labels written in punycode (`bücher.example`
//! becomes `xn--bcher-kva.example`, the form browsers match). Refused: IP addresses, a
//! bare `*` or a `*` anywhere but a leading `*.`, a wildcard over a public suffix
//! (`*.co.uk`, `*.github.io`), a public suffix itself, and the vendor's own domains,
//! which Keyshift covers already. The suffixes come from the Public Suffix List snapshot
//! the extension ships (`extension/psl.dat`, made by `tools/psl.py`).

use crate::read::page::VENDOR_DOMAINS;
use std::fmt;

/// Why an entry is not a domain Keyshift can work on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostProblem {
    /// Not a host name: wrong characters, an empty label, a label too long.
    Shape,
    /// `*` alone, or a `*` anywhere but a leading `*.`.
    Wildcard,
    IpAddress,
    /// A public suffix (`co.uk`), or a wildcard over one (`*.github.io`).
    PublicSuffix,
    /// A wildcard over a domain with public suffixes beneath it (`*.amazonaws.com` covers
    /// `s3.amazonaws.com`, where anyone may have a site).
    SuffixesBeneath,
    /// Not a web address Keyshift could work on (`file:///…`, `ftp://…`).
    Scheme,
    /// `*.repairshopr.com` and `*.syncromsp.com` are covered already.
    Vendor,
}

/// A custom domain as stored: `help.example.com` or `*.example.com`, lower-case ASCII.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPattern(String);

impl HostPattern {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pattern to ask the browser access for, and to register the content script on.
    pub fn match_pattern(&self) -> String {
        format!("https://{}/*", self.0)
    }
}

/// The match patterns for custom domains as stored (each already `parse`d when saved).
pub fn match_patterns(stored: &[String]) -> Vec<String> {
    stored.iter().map(|h| HostPattern(h.clone()).match_pattern()).collect()
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Public Suffix List: its rules, one a line, sorted (comment lines start `//`).
pub struct SuffixList {
    text: String,
    /// Byte ranges of the rule lines in `text`, in sorted order.
    lines: Vec<(u32, u32)>,
}

impl SuffixList {
    pub fn parse(text: String) -> SuffixList {
        let mut lines = Vec::with_capacity(10_000);
        let mut at = 0usize;
        for line in text.split('\n') {
            let end = at + line.len();
            if !line.is_empty() && !line.starts_with("//") {
                lines.push((at as u32, end as u32));
            }
            at = end + 1;
        }
        let mut list = SuffixList { text, lines };
        let text = &list.text;
        let rule = |r: &(u32, u32)| &text[r.0 as usize..r.1 as usize];
        // The shipped snapshot is sorted already (tools/psl.py): checking costs one pass,
        // sorting ten thousand rules on every start cost most of the engine's start.
        if !list.lines.is_sorted_by(|a, b| rule(a) <= rule(b)) {
            list.lines.sort_by(|a, b| rule(a).cmp(rule(b)));
        }
        list
    }

    /// An empty list: every domain's last label still counts as a suffix (the list's
    /// implicit `*` rule), so `*.com` is refused even without the snapshot.
    pub fn empty() -> SuffixList {
        SuffixList { text: String::new(), lines: Vec::new() }
    }

    fn has(&self, rule: &str) -> bool {
        self.lines.binary_search_by(|&(a, b)| self.text[a as usize..b as usize].cmp(rule)).is_ok()
    }

    /// Whether any rule lies beneath `domain` (`s3.amazonaws.com` beneath
    /// `amazonaws.com`): a wildcard over `domain` would cover sites of other owners. One
    /// pass over the rules: this runs when settings are checked, not per page.
    pub fn has_beneath(&self, domain: &str) -> bool {
        let tail = format!(".{domain}");
        self.lines.iter().any(|&(a, b)| {
            let rule = &self.text[a as usize..b as usize];
            rule.trim_start_matches('!').ends_with(&tail)
        })
    }

    /// Whether `domain` (lower-case, punycode) is a public suffix: a rule names it, a
    /// wildcard rule covers it (and no exception frees it), or it is a single label.
    pub fn is_suffix(&self, domain: &str) -> bool {
        if !domain.contains('.') {
            return true;
        }
        if self.has(domain) {
            return true;
        }
        let parent = &domain[domain.find('.').map_or(0, |i| i + 1)..];
        self.has(&format!("*.{parent}")) && !self.has(&format!("!{domain}"))
    }
}

/// Reads one entry the way a person types it (`https://Help.Example.com/`, `bücher.example`,
/// `*.example.com`) into the pattern Keyshift stores, or says what is wrong with it.
pub fn parse(entry: &str, suffixes: &SuffixList) -> Result<HostPattern, HostProblem> {
    let mut host = entry.trim();
    if let Some((scheme, _)) = host.split_once("://") {
        if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
            return Err(HostProblem::Scheme);
        }
    }
    for scheme in ["https://", "http://"] {
        if host.get(..scheme.len()).is_some_and(|s| s.eq_ignore_ascii_case(scheme)) {
            host = &host[scheme.len()..];
        }
    }
    host = host.split(['/', '?', '#']).next().unwrap_or_default().trim_end_matches('.');
    if host.contains(['[', ']']) || host.matches(':').count() > 1 {
        return Err(HostProblem::IpAddress);
    }
    let host = host.split(':').next().unwrap_or_default(); // a port says nothing here
    let (wildcard, rest) = match host.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, host),
    };
    if rest.contains('*') || host == "*" {
        return Err(HostProblem::Wildcard);
    }
    let labels: Vec<String> = rest.split('.').map(label_to_ascii).collect::<Result<_, _>>()?;
    if labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return Err(HostProblem::IpAddress);
    }
    let domain = labels.join(".");
    if domain.len() > 253 {
        return Err(HostProblem::Shape);
    }
    let vendor = VENDOR_DOMAINS.iter().any(|v| domain == *v || domain.ends_with(&format!(".{v}")));
    if vendor {
        return Err(HostProblem::Vendor);
    }
    if suffixes.is_suffix(&domain) {
        return Err(HostProblem::PublicSuffix);
    }
    if wildcard && suffixes.has_beneath(&domain) {
        return Err(HostProblem::SuffixesBeneath);
    }
    Ok(HostPattern(if wildcard { format!("*.{domain}") } else { domain }))
}

/// Every entry of the options page's list (one a line, blank lines skipped), read on its
/// own: what it is stored as, or what is wrong with it.
pub fn review<'a>(text: &'a str, suffixes: &SuffixList) -> Vec<(&'a str, Result<HostPattern, HostProblem>)> {
    text.split(['\n', ',', ' ']).map(str::trim).filter(|l| !l.is_empty()).map(|l| (l, parse(l, suffixes))).collect()
}

/// A stored pattern is valid as it stands (what `parse` would store).
pub fn is_stored_form(pattern: &str, suffixes: &SuffixList) -> bool {
    parse(pattern, suffixes).is_ok_and(|p| p.as_str() == pattern)
}

/// Lower case for the scripts domain names are written in here: Latin (with its
/// accented letters), Greek and Cyrillic. Hand-written so that no Unicode case tables
/// ship in the wasm; other scripts have no case, or keep what was typed.
fn lower(c: char) -> char {
    let n = u32::from(c);
    let shifted = match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => n + 0x20,
        0x400..=0x40F => n + 0x50,
        // Latin Extended-A: capital and small letters alternate.
        0x100..=0x137 | 0x14A..=0x177 if n % 2 == 0 => n + 1,
        0x139..=0x148 | 0x179..=0x17E if n % 2 == 1 => n + 1,
        _ => n,
    };
    char::from_u32(shifted).unwrap_or(c)
}

/// One label, lower-cased, in punycode if it is not ASCII.
fn label_to_ascii(label: &str) -> Result<String, HostProblem> {
    let lower: String = label.chars().map(lower).collect();
    let ascii = if lower.is_ascii() { lower } else { format!("xn--{}", punycode(&lower).ok_or(HostProblem::Shape)?) };
    let ok = !ascii.is_empty()
        && ascii.len() <= 63
        && !ascii.starts_with('-')
        && !ascii.ends_with('-')
        && ascii.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then_some(ascii).ok_or(HostProblem::Shape)
}

/// Punycode (RFC 3492) of a label: written here because the `idna` crate's Unicode
/// mapping tables would cost the shipped wasm far more than this (see the README's
/// "Dependencies and why"). Lower-casing happens before, with the standard library.
fn punycode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    let digit = |d: u32| char::from(if d < 26 { b'a' + d as u8 } else { b'0' + (d - 26) as u8 });
    let adapt = |mut delta: u32, points: u32, first: bool| {
        delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    };
    let chars: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while (handled as usize) < chars.len() {
        let m = chars.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &chars {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests;
