//! What the vendor's rules mean for a value on a given day. The engine never reads the
//! clock: `today` always comes in as an argument. Output is message ids with parameters;
//! the shell localizes them (`_locales`).

pub use crate::dates::{Date, Expiry};
use crate::text::TextId;
use serde::Serialize;

/// Legacy keys stopped working on this day.
pub const LEGACY_CUTOFF: Date = Date { year: 2020, month: 12, day: 1 };
/// Integrations configured before this day still use legacy keys.
pub const TOKENS_INTRODUCED: Date = Date { year: 2020, month: 6, day: 3 };
/// A token expiring within this many days gets a warning.
pub const EXPIRING_DAYS: i64 = 14;

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
