//! Dismissed legacy-key warnings: the salted fingerprint that hides a warning, and where
//! and when the user dismissed it, so the options page can say which warning it was
//! ("Legacy-key warning on acme.repairshopr.com, dismissed 3 Nov 2026"). The key itself
//! is never kept.

use crate::dates::Date;
use crate::keep::fingerprint::Fingerprint;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// At most this many dismissals are kept.
pub const MAX_DISMISSED: usize = 10_000;
/// Dismissals one site may make: a compromised page cannot crowd out the user's others.
pub const MAX_DISMISSED_PER_HOST: usize = 200;

/// One dismissed warning. `host` and `on` are unknown for dismissals stored by versions
/// that kept only the fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dismissal {
    pub fingerprint: Fingerprint,
    pub host: Option<String>,
    #[serde(serialize_with = "iso")]
    pub on: Option<Date>,
}

fn iso<S: Serializer>(on: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match on {
        Some(d) => s.serialize_str(&d.iso()),
        None => s.serialize_none(),
    }
}

/// `YYYY-MM-DD`, as `iso` writes it.
fn parse_iso(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Date::new(year, month, day)
}

/// Reads both stored forms: a bare fingerprint (older versions) and the full record.
impl<'de> Deserialize<'de> for Dismissal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Dismissal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a dismissed warning")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dismissal, E> {
                let fingerprint =
                    Fingerprint::from_hex(v).ok_or_else(|| E::custom("a fingerprint is 32 hex digits"))?;
                Ok(Dismissal { fingerprint, host: None, on: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dismissal, A::Error> {
                let (mut fingerprint, mut host, mut on) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "fingerprint" => fingerprint = Some(map.next_value::<Fingerprint>()?),
                        "host" => host = map.next_value::<Option<String>>()?,
                        "on" => on = map.next_value::<Option<String>>()?.as_deref().and_then(parse_iso),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let fingerprint = fingerprint.ok_or_else(|| de::Error::missing_field("fingerprint"))?;
                Ok(Dismissal { fingerprint, host, on })
            }
        }
        d.deserialize_any(Either)
    }
}

/// The dismissals, sorted by fingerprint and unique, as the plan's lookups expect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dismissals(Vec<Dismissal>);

impl Dismissals {
    /// What storage gave back: sorted, unique, at most `MAX_DISMISSED`.
    pub fn from_stored(mut list: Vec<Dismissal>) -> Dismissals {
        list.truncate(MAX_DISMISSED);
        list.sort_by_key(|d| d.fingerprint);
        list.dedup_by_key(|d| d.fingerprint);
        Dismissals(list)
    }

    pub fn contains(&self, print: &Fingerprint) -> bool {
        self.0.binary_search_by_key(print, |d| d.fingerprint).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many dismissals were made on `host`.
    pub fn on_host(&self, host: &str) -> usize {
        self.0.iter().filter(|d| d.host.as_deref() == Some(host)).count()
    }

    /// Records a dismissal; one already there keeps where and when it was first made.
    pub fn add(&mut self, dismissal: Dismissal) {
        if let Err(at) = self.0.binary_search_by_key(&dismissal.fingerprint, |d| d.fingerprint) {
            self.0.insert(at, dismissal);
        }
    }

    pub fn remove(&mut self, print: &Fingerprint) {
        if let Ok(at) = self.0.binary_search_by_key(print, |d| d.fingerprint) {
            self.0.remove(at);
        }
    }

    /// Newest first, for the options page; the oldest stored form (no date) last.
    pub fn newest_first(&self) -> Vec<Dismissal> {
        let mut list = self.0.clone();
        list.sort_by_key(|d| std::cmp::Reverse(d.on));
        list
    }

    pub fn as_slice(&self) -> &[Dismissal] {
        &self.0
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::keep::fingerprint::Salt;

    #[test]
    fn both_stored_forms_are_read_and_written_in_the_new_one() {
        let print = Salt::from_bytes([7; 16]).of("k");
        let old: Vec<Dismissal> = serde_json::from_value(serde_json::json!([print.hex()])).expect("old form");
        assert_eq!(old, vec![Dismissal { fingerprint: print, host: None, on: None }]);
        let new =
            Dismissal { fingerprint: print, host: Some("acme.repairshopr.com".into()), on: Date::new(2026, 11, 3) };
        let json = serde_json::to_value(&new).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"fingerprint": print.hex(), "host": "acme.repairshopr.com", "on": "2026-11-03"})
        );
        let back: Dismissal = serde_json::from_value(json).expect("new form");
        assert_eq!(back, new);
        assert!(serde_json::from_value::<Dismissal>(serde_json::json!({"host": "x"})).is_err(), "no fingerprint");
    }

    #[test]
    fn kept_sorted_unique_and_first_dismissal_wins() {
        let salt = Salt::from_bytes([1; 16]);
        let at = |k: &str, day: u32| Dismissal {
            fingerprint: salt.of(k),
            host: Some(k.into()),
            on: Date::new(2026, 1, day),
        };
        let mut d = Dismissals::from_stored(vec![at("b", 2), at("a", 1), at("b", 3)]);
        assert_eq!(d.len(), 2);
        d.add(at("a", 9));
        assert_eq!(d.newest_first().iter().map(|x| x.on.map(|o| o.day)).collect::<Vec<_>>(), vec![Some(2), Some(1)]);
        assert!(d.contains(&salt.of("a")));
        d.remove(&salt.of("a"));
        assert!(!d.contains(&salt.of("a")));
    }
}
