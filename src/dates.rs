//! Reading the dates a token list shows: `2026-09-19`, `Sep 19, 2026`, `19 Sep 2026`,
//! `19. September 2026`, `19 de septiembre de 2026`, numeric `09/19/2026` or
//! `19/09/2026`, and relative dates ("in 5 days", "tomorrow", "2 months ago", "vor 3
//! Tagen") in every language Keyshift reads. Which numeric order a page uses is decided
//! by the column's other values and the page's language; a date that could be read both
//! ways and is not decided is left alone, never guessed. The clock is never read here:
//! `today` comes in as an argument.

use crate::words::{self, fold, Words};

/// A calendar date (proleptic Gregorian), compared by days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The calendar day a clock reading falls on for a user `offset_minutes` east of UTC
    /// (what JavaScript's `-getTimezoneOffset()` gives).
    pub fn local(unix_ms: i64, offset_minutes: i32) -> Date {
        let local_ms = unix_ms + i64::from(offset_minutes) * 60_000;
        Date::from_days(local_ms.div_euclid(86_400_000))
    }

    pub fn plus_days(self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// `YYYY-MM-DD`, for years 0 to 9999 (the only ones a token list shows).
    pub fn iso(self) -> String {
        let digits = |n: u32, width: usize, out: &mut String| {
            for i in (0..width).rev() {
                out.push(char::from(b'0' + (n / 10u32.pow(i as u32) % 10) as u8));
            }
        };
        let mut out = String::with_capacity(10);
        digits(self.year.clamp(0, 9999) as u32, 4, &mut out);
        out.push('-');
        digits(self.month, 2, &mut out);
        out.push('-');
        digits(self.day, 2, &mut out);
        out
    }
}

/// Stored (token health) as `YYYY-MM-DD`.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        let mut parts = text.splitn(3, '-').map(|p| p.parse::<u32>().ok());
        let (y, m, day) = (parts.next().flatten(), parts.next().flatten(), parts.next().flatten());
        y.zip(m)
            .zip(day)
            .and_then(|((y, m), day)| Date::new(i32::try_from(y).ok()?, m, day))
            .ok_or_else(|| serde::de::Error::custom("a date is YYYY-MM-DD"))
    }
}

/// What an expiry cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expiry {
    Never,
    On(Date),
}

/// Which number comes first in a date like `03/04/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    MonthFirst,
    DayFirst,
}

/// The order a page's language writes numeric dates in, where it is clear: US English
/// month first, the other languages and regions Keyshift reads day first. Canadian
/// English writes both, and other languages are not ours to judge.
pub fn order_for_lang(tag: &str) -> Option<NumericOrder> {
    let tag = tag.to_ascii_lowercase();
    let mut parts = tag.split(['-', '_']);
    let (lang, region) = (parts.next()?, parts.next());
    match (lang, region) {
        ("en", None | Some("us" | "ph" | "as" | "gu" | "pr" | "vi" | "um")) => Some(NumericOrder::MonthFirst),
        ("en", Some("ca")) => None,
        ("en" | "es" | "de" | "fr" | "nl", _) => Some(NumericOrder::DayFirst),
        _ => None,
    }
}

/// A numeric date's three parts and the separator between them.
struct Numeric {
    parts: [u32; 3],
    widths: [usize; 3],
    sep: char,
}

fn numeric(word: &str) -> Option<Numeric> {
    let sep = word.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let pieces: Vec<&str> = word.trim_end_matches('.').split(sep).collect();
    let [a, b, c] = pieces[..] else { return None };
    let mut parts = [0u32; 3];
    let mut widths = [0usize; 3];
    for (i, p) in [a, b, c].into_iter().enumerate() {
        parts[i] = number(p)?;
        widths[i] = p.len();
    }
    Some(Numeric { parts, widths, sep })
}

fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn year(n: u32, width: usize) -> Option<i32> {
    match width {
        4 => Some(n as i32),
        2 => Some(2000 + n as i32),
        _ => None,
    }
}

/// What one numeric date tells about its page's order: `Some` only when one reading is
/// impossible (`19/09/2026` is day first).
fn order_evidence(word: &str) -> Option<NumericOrder> {
    let n = numeric(word)?;
    if n.widths[0] == 4 || n.widths[2] < 2 {
        return None;
    }
    let [a, b, _] = n.parts;
    match (a > 12 && b <= 12, b > 12 && a <= 12) {
        (true, false) => Some(NumericOrder::DayFirst),
        (false, true) => Some(NumericOrder::MonthFirst),
        _ => None,
    }
}

/// The order a column's dates are written in, from the ones only one order can read;
/// `None` when none can tell, or when they disagree.
pub fn order_from_column<'a>(cells: impl IntoIterator<Item = &'a str>) -> Option<NumericOrder> {
    let mut found = None;
    for cell in cells {
        for word in fold(cell).split([' ', ',']) {
            if let Some(o) = order_evidence(word) {
                if found.is_some_and(|f| f != o) {
                    return None;
                }
                found = Some(o);
            }
        }
    }
    found
}

fn numeric_date(word: &str, order: Option<NumericOrder>) -> Option<Date> {
    let n = numeric(word)?;
    let [a, b, c] = n.parts;
    if n.widths[0] == 4 {
        return Date::new(a as i32, b, c); // 2026-09-19, 2026/09/19
    }
    let y = year(c, n.widths[2])?;
    // Dots are the German and Dutch way, always day first.
    let order = if n.sep == '.' { Some(NumericOrder::DayFirst) } else { order };
    let month_first = Date::new(y, a, b);
    let day_first = Date::new(y, b, a);
    match (month_first, day_first) {
        (Some(m), Some(d)) if m == d => Some(m),
        (Some(m), Some(d)) => match order? {
            NumericOrder::MonthFirst => Some(m),
            NumericOrder::DayFirst => Some(d),
        },
        (Some(m), None) if order != Some(NumericOrder::DayFirst) => Some(m),
        (None, Some(d)) if order != Some(NumericOrder::MonthFirst) => Some(d),
        _ => None,
    }
}

/// `Sep 19, 2026`, `19 Sep 2026`, `19. September 2026`, `19 de septiembre de 2026`.
fn named_date(words: &[&str]) -> Option<Date> {
    let at = words.iter().position(|w| words::month_named(w).is_some())?;
    let month = words::month_named(words[at])?;
    let day_of = |w: &str| number(w.trim_end_matches(['.', 'e', 'r'])).filter(|d| (1..=31).contains(d));
    let before = at.checked_sub(1).and_then(|i| words.get(i)).and_then(|w| day_of(w));
    // "19 de septiembre": the day stands two words before.
    let before = before.or_else(|| at.checked_sub(2).filter(|&i| words[i + 1] == "de").and_then(|i| day_of(words[i])));
    let after = words.get(at + 1).and_then(|w| day_of(w).filter(|_| w.len() <= 3));
    let day = after.or(before)?;
    let year = words[at + 1..].iter().filter(|w| **w != "de").find_map(|w| number(w).filter(|_| w.len() == 4))?;
    Date::new(year as i32, month, day)
}

fn amount(word: &str, lang_words: &Words) -> Option<i64> {
    number(word).map(i64::from).or_else(|| lang_words.all().any(|w| w == word).then_some(1))
}

fn unit_days(word: &str) -> Option<i64> {
    [(&words::UNIT_DAY, 1), (&words::UNIT_WEEK, 7), (&words::UNIT_MONTH, 30), (&words::UNIT_YEAR, 365)]
        .into_iter()
        .find(|(u, _)| u.all().any(|w| w == word))
        .map(|(_, days)| days)
}

/// "in 5 days", "dentro de 2 semanas", "vor 3 Tagen", "2 months ago": days from today.
/// Weeks, months and years are 7, 30 and 365 days: a page that rounds to months does
/// not say the day, and 30 is enough to tell expired, expiring and fine apart.
fn relative_days(words: &[&str]) -> Option<i64> {
    if words.iter().any(|w| words::TODAY.all().any(|t| t == *w)) {
        return Some(0);
    }
    // German "heute Morgen" is this morning: today wins above, so "morgen" here is tomorrow.
    if words.iter().any(|w| words::TOMORROW.all().any(|t| t == *w)) {
        return Some(1);
    }
    if words.iter().any(|w| words::YESTERDAY.all().any(|t| t == *w)) {
        return Some(-1);
    }
    for i in 0..words.len() {
        let Some(n) = amount(words[i], &words::ONE) else { continue };
        let Some(unit) = words.get(i + 1).and_then(|w| unit_days(w)) else { continue };
        let preceded = |table: &Words| {
            table.all().any(|phrase| {
                let parts: Vec<&str> = phrase.split(' ').collect();
                i >= parts.len() && words[i - parts.len()..i] == parts[..]
            })
        };
        if preceded(&words::FUTURE_BEFORE) {
            return Some(n * unit);
        }
        if preceded(&words::PAST_BEFORE) || words.get(i + 2).is_some_and(|w| words::PAST_AFTER.all().any(|p| p == *w)) {
            return Some(-n * unit);
        }
    }
    None
}

/// Reads an expiry cell. `order` is the page's numeric order if known (see
/// `order_from_column` and `order_for_lang`); `today` the user's calendar day, against
/// which relative dates count. `None`: the cell says nothing Keyshift can read for sure.
pub fn read_expiry(cell: &str, order: Option<NumericOrder>, today: Date) -> Option<Expiry> {
    let folded = fold(cell);
    if folded.is_empty() || folded == "-" || folded == "--" || words::NEVER_EXPIRES.is(&folded) {
        return Some(Expiry::Never);
    }
    let words: Vec<&str> = folded.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    // ISO with a time: 2026-09-19T10:00:00Z.
    let first = words.first()?.split('t').next()?;
    let date = numeric_date(first, order)
        .or_else(|| words.iter().skip(1).find_map(|w| numeric_date(w, order)))
        .or_else(|| named_date(&words))
        .or_else(|| relative_days(&words).map(|d| today.plus_days(d)))?;
    (date.year >= 2000).then_some(Expiry::On(date))
}

#[cfg(test)]
mod tests;
