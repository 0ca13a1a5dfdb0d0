//! The vendor's rules, and what Keyshift says of them: what the rules mean for a value on a given day. The engine never reads the
//! clock: `today` always comes in as an argument. Output is message ids with parameters;
//! the shell localizes them (`_locales`).

pub use crate::dates::{Date, Expiry};
use crate::text::TextId;
use serde::Serialize;
use std::borrow::Cow;

/// Legacy keys stopped working on this day.
pub const LEGACY_CUTOFF: Date = Date { year: 2020, month: 12, day: 1 };
/// A token expiring within this many days gets a warning.
pub const EXPIRING_DAYS: i64 = 14;

/// A message parameter: a number with its meaning, so the shell writes it in the reader's
/// language with `Intl` (plurals, "tomorrow", units); or a name, shown as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Param {
    /// A calendar day: `{"date": "YYYY-MM-DD"}` (`Intl.DateTimeFormat`).
    #[serde(serialize_with = "iso_date")]
    Date(Date),
    /// A count: `{"count": n}` (`Intl.NumberFormat`).
    Count(i64),
    /// Days from today: `{"days": n}`, written "tomorrow", "in 5 days", "morgen"
    /// (`Intl.RelativeTimeFormat`, numeric "auto").
    Days(i64),
    /// A length of time: `{"duration": {"value": 2, "unit": "minute"}}`, written
    /// "2 minutes", "2 Minuten" (`Intl.NumberFormat` units).
    Duration(Duration),
    /// A name, the same in every language: a vendor's (`{"name": "IT Glue"}`) or a label
    /// the page itself shows (its Done button's, in the page's language).
    Name(Cow<'static, str>),
    /// One of Keyshift's own words, in the reader's language (`{"word": "doneWord"}`):
    /// where the page's own label for something is not known.
    Word(TextId),
}

impl Param {
    /// The label the page shows for a control, as the message's parameter; its meaning in
    /// Keyshift's words where the page shows none that reads well in a sentence.
    pub fn label(shown: Option<&str>, otherwise: TextId) -> Param {
        match shown.map(str::trim) {
            Some(label) if (1..=MAX_LABEL).contains(&label.chars().count()) => Param::Name(label.to_owned().into()),
            _ => Param::Word(otherwise),
        }
    }
}

/// A page's label longer than this is not a button's name: Keyshift's word stands in.
const MAX_LABEL: usize = 40;

/// A length of time in the one unit that writes it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Duration {
    pub value: u32,
    pub unit: TimeUnit,
}

/// The units `Intl.NumberFormat` knows by these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
}

impl TimeUnit {
    /// The unit's name in `Intl.NumberFormat`.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
        }
    }
}

impl Duration {
    /// Whole hours or minutes when the seconds divide evenly ("1 hour", "2 minutes"),
    /// else seconds ("90 seconds").
    pub fn of_seconds(seconds: u32) -> Duration {
        match seconds {
            s if s >= 3600 && s % 3600 == 0 => Duration { value: s / 3600, unit: TimeUnit::Hour },
            s if s >= 60 && s % 60 == 0 => Duration { value: s / 60, unit: TimeUnit::Minute },
            s => Duration { value: s, unit: TimeUnit::Second },
        }
    }
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
            Message::new(TextId::TokenExpiring, vec![Param::Date(date), Param::Days(days)]),
        )),
        ExpiryStatus::Fine => None,
    }
}

/// The message for a legacy key: what it is, since when it fails; the note's link says
/// what to do.
pub fn legacy_message() -> Message {
    Message::new(TextId::LegacyKeyStopped, vec![Param::Date(LEGACY_CUTOFF)])
}

/// What a note or the popup says after a copy: when clipboard clearing is on, when the
/// clipboard will be emptied, so a late paste that gives nothing is no surprise.
pub fn copied_message(clear_after_seconds: Option<u32>) -> Message {
    match clear_after_seconds {
        Some(s) => Message::new(TextId::CopiedWillClear, vec![Param::Duration(Duration::of_seconds(s))]),
        None => Message::new(TextId::Copied, vec![]),
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
    fn a_pages_label_is_quoted_as_written_else_keyshifts_word_stands_in() {
        assert_eq!(Param::label(Some(" Fertig "), TextId::DoneWord), Param::Name("Fertig".into()));
        assert_eq!(Param::label(Some(""), TextId::DoneWord), Param::Word(TextId::DoneWord));
        assert_eq!(Param::label(None, TextId::DoneWord), Param::Word(TextId::DoneWord));
        let essay = "Done ".repeat(10);
        assert_eq!(Param::label(Some(&essay), TextId::DoneWord), Param::Word(TextId::DoneWord), "not a button's name");
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
            Some(Message::new(TextId::TokenExpiring, vec![Param::Date(d(2026, 12, 5)), Param::Days(7)]))
        );
        assert_eq!(expiry_message(Expiry::On(d(2026, 11, 28)), today).map(|m| m.1.id), Some(TextId::TokenExpiresToday));
        assert_eq!(expiry_message(Expiry::On(d(2025, 1, 1)), today).map(|m| m.1.id), Some(TextId::TokenExpired));
        assert_eq!(expiry_message(Expiry::Never, today), None);
    }

    #[test]
    fn legacy_wording_names_the_day_keys_stopped() {
        assert_eq!(legacy_message(), Message::new(TextId::LegacyKeyStopped, vec![Param::Date(LEGACY_CUTOFF)]));
    }

    #[test]
    fn tomorrow_is_a_relative_day_not_a_plural() {
        let today = d(2026, 11, 28);
        assert_eq!(
            expiry_message(Expiry::On(d(2026, 11, 29)), today).map(|m| m.1),
            Some(Message::new(TextId::TokenExpiring, vec![Param::Date(d(2026, 11, 29)), Param::Days(1)]))
        );
    }

    #[test]
    fn durations_take_the_unit_that_writes_them_exactly() {
        let of = Duration::of_seconds;
        assert_eq!(of(30), Duration { value: 30, unit: TimeUnit::Second });
        assert_eq!(of(90), Duration { value: 90, unit: TimeUnit::Second });
        assert_eq!(of(120), Duration { value: 2, unit: TimeUnit::Minute });
        assert_eq!(of(3600), Duration { value: 1, unit: TimeUnit::Hour });
        assert_eq!(of(5400), Duration { value: 90, unit: TimeUnit::Minute });
        for u in [TimeUnit::Second, TimeUnit::Minute, TimeUnit::Hour] {
            assert_eq!(serde_json::to_value(u).expect("json"), u.name(), "one name per unit");
        }
        assert_eq!(copied_message(None).id, TextId::Copied);
        assert_eq!(
            copied_message(Some(60)),
            Message::new(TextId::CopiedWillClear, vec![Param::Duration(Duration { value: 1, unit: TimeUnit::Minute })])
        );
    }
}
