//! The engine's names for things it did not make: a capture it holds, an element the
//! content script numbered, a browser tab, a moment, the part of a page a thing is in.
//! Each is its own type, so one can never be passed for another; each crosses the wire
//! as the bare number it always was.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, Mul, Sub};
use std::str::FromStr;

/// A token the engine keeps (`keep::capture`), numbered by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaptureId(pub u32);

/// A block, row, control or field of one page, numbered by the content script (from 1;
/// the same element keeps its number while the page lives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ElementId(pub u32);

/// A browser tab (`tabs.Tab.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TabId(pub i64);

impl fmt::Display for CaptureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for TabId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A tab named in an extension page's address (`popup.html?tab=12`).
impl FromStr for TabId {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<TabId, Self::Err> {
        s.parse().map(TabId)
    }
}

/// A moment, or a length of time, in milliseconds (moments since the Unix epoch, as the
/// shell's `Date.now()` gives them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Millis(pub i64);

impl Millis {
    /// The epoch, or no time at all.
    pub const ZERO: Millis = Millis(0);

    /// `n` seconds.
    pub const fn seconds(n: i64) -> Millis {
        Millis(n * 1000)
    }

    /// `n` minutes.
    pub const fn minutes(n: i64) -> Millis {
        Millis(n * 60 * 1000)
    }
}

impl Add for Millis {
    type Output = Millis;
    fn add(self, other: Millis) -> Millis {
        Millis(self.0.saturating_add(other.0))
    }
}

impl Sub for Millis {
    type Output = Millis;
    fn sub(self, other: Millis) -> Millis {
        Millis(self.0.saturating_sub(other.0))
    }
}

/// A length of time repeated: `10 * Millis::minutes(1)`.
impl Mul<Millis> for i64 {
    type Output = Millis;
    fn mul(self, span: Millis) -> Millis {
        Millis(span.0.saturating_mul(self))
    }
}

/// A few milliseconds more or less (`until - 1`: the last moment before).
impl Add<i64> for Millis {
    type Output = Millis;
    fn add(self, ms: i64) -> Millis {
        Millis(self.0.saturating_add(ms))
    }
}

impl Sub<i64> for Millis {
    type Output = Millis;
    fn sub(self, ms: i64) -> Millis {
        Millis(self.0.saturating_sub(ms))
    }
}

/// Where on a page a thing is: the page itself, or one dialog on it. On the wire a dialog
/// is its element's number and the page is `null`, absent or `0` (the content script's
/// compact tuples write 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Region {
    #[default]
    Page,
    Dialog(ElementId),
}

impl Region {
    /// The dialog's number (the page has none).
    pub fn dialog(self) -> Option<ElementId> {
        match self {
            Region::Page => None,
            Region::Dialog(id) => Some(id),
        }
    }
}

impl From<u32> for Region {
    fn from(n: u32) -> Region {
        if n == 0 {
            Region::Page
        } else {
            Region::Dialog(ElementId(n))
        }
    }
}

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.dialog().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Region, D::Error> {
        Ok(Option::<u32>::deserialize(d)?.map_or(Region::Page, Region::from))
    }
}

// Tests name ids by the numbers the page (or the store) gave them.
#[cfg(test)]
impl PartialEq<u32> for ElementId {
    fn eq(&self, n: &u32) -> bool {
        self.0 == *n
    }
}

#[cfg(test)]
impl PartialEq<u32> for CaptureId {
    fn eq(&self, n: &u32) -> bool {
        self.0 == *n
    }
}

#[cfg(test)]
impl PartialEq<i64> for TabId {
    fn eq(&self, n: &i64) -> bool {
        self.0 == *n
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_region_crosses_as_the_number_it_was() {
        assert_eq!(serde_json::to_string(&Region::Page).unwrap(), "null");
        assert_eq!(serde_json::to_string(&Region::Dialog(ElementId(7))).unwrap(), "7");
        for (wire, region) in [("null", Region::Page), ("0", Region::Page), ("7", Region::Dialog(ElementId(7)))] {
            assert_eq!(serde_json::from_str::<Region>(wire).unwrap(), region, "{wire}");
        }
        assert_eq!(serde_json::to_string(&CaptureId(3)).unwrap(), "3");
        assert_eq!(serde_json::to_string(&TabId(-1)).unwrap(), "-1");
    }

    #[test]
    fn time_saturates_rather_than_wraps() {
        assert_eq!(Millis(i64::MAX) + Millis::minutes(1), Millis(i64::MAX));
        assert_eq!(Millis::minutes(10) - Millis::seconds(600), Millis::ZERO);
    }
}
