//! Reading text the way the tables are written: folding case, accents and typography,
//! and finding a table's phrases as whole words, fast enough for every block of a big
//! token list.

use super::Words;

/// Lowercases and folds text the way the tables are written: Latin accents dropped
/// (`é` → `e`, `ß` → `ss`), typographic quotes and dashes made plain, runs of white
/// space (no-break spaces too) made one space, and the ends trimmed. Hand-written for
/// Latin-1 and the few letters these languages add, so no Unicode case tables ship.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => out.push('a'),
            'ç' | 'Ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out.push('i'),
            'ñ' | 'Ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ø' | 'Ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('u'),
            'ý' | 'ÿ' | 'Ý' => out.push('y'),
            'ß' => out.push_str("ss"),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            '\u{2018}' | '\u{2019}' | '\u{2032}' | '`' | '\u{b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' | '\u{201e}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            _ => out.push(c),
        }
    }
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether `phrase` stands in `text` as whole words: not inside a longer word at either
/// end (where the phrase itself ends in a letter or digit).
pub fn contains_words(text: &str, phrase: &str) -> bool {
    let (t, p) = (text.as_bytes(), phrase.as_bytes());
    if p.is_empty() || p.len() > t.len() {
        return false;
    }
    let first_is_word = is_word_byte(p[0]);
    let last_is_word = is_word_byte(p[p.len() - 1]);
    let last_start = t.len() - p.len();
    let mut from = 0;
    // Only where the phrase's first byte is: most texts hold few of those.
    while let Some(offset) = t[from..=last_start].iter().position(|&b| b == p[0]) {
        let i = from + offset;
        if &t[i..i + p.len()] == p
            && (!first_is_word || i == 0 || !is_word_byte(t[i - 1]))
            && (!last_is_word || i + p.len() == t.len() || !is_word_byte(t[i + p.len()]))
        {
            return true;
        }
        from = i + 1;
        if from > last_start {
            break;
        }
    }
    false
}

/// The first two bytes of every word of a folded text, for ruling out most of a
/// concept's words before `contains_words` decides on the rest. Reading one text for
/// several concepts (`context`) builds it once.
pub struct WordStarts<'a> {
    text: &'a str,
    pairs: Vec<[u8; 2]>,
}

impl<'a> WordStarts<'a> {
    pub fn new(text: &'a str) -> WordStarts<'a> {
        let b = text.as_bytes();
        let mut pairs: Vec<[u8; 2]> = (0..b.len())
            .filter(|&i| i == 0 || !is_word_byte(b[i - 1]))
            .map(|i| [b[i], b.get(i + 1).copied().unwrap_or(0)])
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        WordStarts { text, pairs }
    }

    /// Whether the text contains one of `words`' phrases, as whole words.
    pub fn has(&self, words: &Words) -> bool {
        words.all().any(|w| {
            let p = w.as_bytes();
            // A phrase that starts mid-word (`<token>`) may match anywhere.
            let possible = match p {
                [first, ..] if !is_word_byte(*first) => true,
                [first, second, ..] => self.pairs.binary_search(&[*first, *second]).is_ok(),
                [first] => self.pairs.iter().any(|pair| pair[0] == *first),
                [] => false,
            };
            possible && contains_words(self.text, w)
        })
    }
}
