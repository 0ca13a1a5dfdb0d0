//! What the vendor's rules mean for a value on a given day. The engine never reads the
//! clock: `today` always comes in as an argument. Output is message ids with parameters;
//! the shell localizes them (`_locales`).

use crate::text::TextId;
use serde::Serialize;

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

    /// The UTC date of a Unix time in milliseconds.
    pub fn from_unix_ms(ms: i64) -> Date {
        let z = ms.div_euclid(86_400_000) + 719_468;
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

/// Legacy keys stopped working on this day.
pub const LEGACY_CUTOFF: Date = Date { year: 2020, month: 12, day: 1 };
/// Integrations configured before this day still use legacy keys.
pub const TOKENS_INTRODUCED: Date = Date { year: 2020, month: 6, day: 3 };
/// A token expiring within this many days gets a warning.
pub const EXPIRING_DAYS: i64 = 14;

/// Column headers or labels of a token's expiry date.
pub const EXPIRY_WORDS: &[&str] = &["expires", "expiration", "expiry", "valid until"];

/// A message parameter, typed so the shell can format it in the reader's locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Param {
    /// Written as `{"date": "YYYY-MM-DD"}`.
    #[serde(serialize_with = "iso_date")]
    Date(Date),
    /// Written as `{"count": n}`.
    Count(i64),
}

fn iso_date<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date.iso())
}

/// A message for the shell to localize: an id from `_locales` and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub id: TextId,
    pub params: Vec<Param>,
}

impl Message {
    pub fn new(id: TextId, params: Vec<Param>) -> Self {
        debug_assert_eq!(params.len(), id.params(), "{id:?}");
        Message { id, params }
    }
}

/// What an expiry cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Never,
    On(Date),
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_named(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| word.starts_with(m)).map(|i| i as u32 + 1)
}

fn number<T: std::str::FromStr>(s: &str) -> Option<T> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Parses an expiry cell: `2022-03-02`, `03/02/2022` (month first, as the US vendor
/// writes it), `Mar 2, 2022`, `2 Mar 2022`, `Never` or empty (never expires). A time
/// after the date is ignored. Anything else is `None`: we do not guess.
pub fn parse_expiry(cell: &str) -> Option<Expiry> {
    let cell = cell.trim();
    if cell.is_empty() || cell.eq_ignore_ascii_case("never") || cell == "-" || cell == "—" {
        return Some(Expiry::Never);
    }
    let words: Vec<&str> = cell.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let first = *words.first()?;
    let date = if let [y, m, d] = first.split('-').collect::<Vec<_>>()[..] {
        Date::new(number(y)?, number(m)?, number(d)?)
    } else if let [m, d, y] = first.split('/').collect::<Vec<_>>()[..] {
        Date::new(number(y)?, number(m)?, number(d)?)
    } else if let (Some(m), Some(d), Some(y)) = (month_named(first), words.get(1), words.get(2)) {
        Date::new(number(y)?, m, number(d)?)
    } else if let (Some(d), Some(m), Some(y)) = (number(first), words.get(1).and_then(|w| month_named(w)), words.get(2))
    {
        Date::new(number(y)?, m, d)
    } else {
        None
    }?;
    (date.year >= 2000).then_some(Expiry::On(date))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryStatus {
    Expired,
    /// Expires within `EXPIRING_DAYS`.
    Expiring,
    Fine,
}

pub fn expiry_status(expiry: Expiry, today: Date) -> ExpiryStatus {
    match expiry {
        Expiry::Never => ExpiryStatus::Fine,
        Expiry::On(date) if date < today => ExpiryStatus::Expired,
        Expiry::On(date) if date.days() - today.days() <= EXPIRING_DAYS => ExpiryStatus::Expiring,
        Expiry::On(_) => ExpiryStatus::Fine,
    }
}

/// The message for an expired or expiring token, `None` when nothing needs saying.
pub fn expiry_message(expiry: Expiry, today: Date) -> Option<(ExpiryStatus, Message)> {
    let Expiry::On(date) = expiry else { return None };
    let days = date.days() - today.days();
    match expiry_status(expiry, today) {
        ExpiryStatus::Expired => {
            Some((ExpiryStatus::Expired, Message::new(TextId::TokenExpired, vec![Param::Date(date)])))
        }
        ExpiryStatus::Expiring if days == 0 => {
            Some((ExpiryStatus::Expiring, Message::new(TextId::TokenExpiresToday, vec![Param::Date(date)])))
        }
        ExpiryStatus::Expiring => Some((
            ExpiryStatus::Expiring,
            Message::new(TextId::TokenExpiring, vec![Param::Date(date), Param::Count(days)]),
        )),
        ExpiryStatus::Fine => None,
    }
}

/// The message for a legacy key, worded for the day it is read.
pub fn legacy_message(today: Date) -> Message {
    if today < LEGACY_CUTOFF {
        let days = LEGACY_CUTOFF.days() - today.days();
        Message::new(
            TextId::LegacyKeyStopsSoon,
            vec![Param::Date(LEGACY_CUTOFF), Param::Count(days), Param::Date(TOKENS_INTRODUCED)],
        )
    } else {
        Message::new(TextId::LegacyKeyStopped, vec![Param::Date(LEGACY_CUTOFF), Param::Date(TOKENS_INTRODUCED)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).expect("valid test date")
    }

    #[test]
    fn day_arithmetic_round_trips() {
        assert_eq!(d(1970, 1, 1).days(), 0);
        assert_eq!(d(2020, 12, 1).days(), 18_597);
        for ms in [0i64, 1_606_780_800_000, 1_606_780_799_999, 4_102_444_800_000, -86_400_000] {
            let date = Date::from_unix_ms(ms);
            assert_eq!(date.days(), ms.div_euclid(86_400_000), "{ms}");
        }
        assert_eq!(Date::from_unix_ms(1_606_780_800_000), d(2020, 12, 1));
        assert_eq!(Date::new(2021, 2, 29), None);
        assert_eq!(Date::new(2024, 2, 29).map(Date::iso).as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn expiry_cells_in_the_forms_a_list_shows() {
        let on = |y, m, day| Some(Expiry::On(d(y, m, day)));
        assert_eq!(parse_expiry("2022-03-02"), on(2022, 3, 2));
        assert_eq!(parse_expiry("03/02/2022"), on(2022, 3, 2));
        assert_eq!(parse_expiry("Mar 2, 2022"), on(2022, 3, 2));
        assert_eq!(parse_expiry("2 Mar 2022"), on(2022, 3, 2));
        assert_eq!(parse_expiry("March 2, 2022 10:15 AM"), on(2022, 3, 2));
        assert_eq!(parse_expiry("2022-03-02 14:00 UTC"), on(2022, 3, 2));
        assert_eq!(parse_expiry("Never"), Some(Expiry::Never));
        assert_eq!(parse_expiry("  "), Some(Expiry::Never));
        assert_eq!(parse_expiry(""), Some(Expiry::Never));
        for bad in ["2022-13-02", "02/30/2022", "soon", "Mar 2", "T5e1c0a...", "1/2/3"] {
            assert_eq!(parse_expiry(bad), None, "{bad}");
        }
    }

    #[test]
    fn expired_expiring_and_fine() {
        let today = d(2026, 11, 28);
        assert_eq!(expiry_status(Expiry::On(d(2026, 11, 27)), today), ExpiryStatus::Expired);
        assert_eq!(expiry_status(Expiry::On(d(2026, 11, 28)), today), ExpiryStatus::Expiring);
        assert_eq!(expiry_status(Expiry::On(d(2026, 12, 12)), today), ExpiryStatus::Expiring);
        assert_eq!(expiry_status(Expiry::On(d(2026, 12, 13)), today), ExpiryStatus::Fine);
        assert_eq!(expiry_status(Expiry::Never, today), ExpiryStatus::Fine);
        assert_eq!(
            expiry_message(Expiry::On(d(2026, 12, 5)), today).map(|m| m.1),
            Some(Message::new(TextId::TokenExpiring, vec![Param::Date(d(2026, 12, 5)), Param::Count(7)]))
        );
        assert_eq!(expiry_message(Expiry::On(d(2026, 11, 28)), today).map(|m| m.1.id), Some(TextId::TokenExpiresToday));
        assert_eq!(expiry_message(Expiry::On(d(2025, 1, 1)), today).map(|m| m.1.id), Some(TextId::TokenExpired));
        assert_eq!(expiry_message(Expiry::Never, today), None);
    }

    #[test]
    fn legacy_wording_before_and_after_the_cutoff() {
        let before = legacy_message(d(2020, 11, 20));
        assert_eq!(
            before,
            Message::new(
                TextId::LegacyKeyStopsSoon,
                vec![Param::Date(LEGACY_CUTOFF), Param::Count(11), Param::Date(TOKENS_INTRODUCED)]
            )
        );
        let on = legacy_message(d(2020, 12, 1));
        assert_eq!(on.id, TextId::LegacyKeyStopped);
        assert_eq!(
            legacy_message(d(2026, 11, 28)),
            Message::new(TextId::LegacyKeyStopped, vec![Param::Date(LEGACY_CUTOFF), Param::Date(TOKENS_INTRODUCED)])
        );
    }
}
