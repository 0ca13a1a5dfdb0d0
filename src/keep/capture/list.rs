//! The popup's view of the held tokens: masked, named, placed relative to the tab the
//! popup opened over, newest first.

use super::{Binding, Capture, CaptureStore, Rank};
use crate::ids::{CaptureId, Millis, TabId};
use crate::read::integrations::TokenKind;
use serde::{Deserialize, Serialize};

/// Where a listed capture comes from, seen from the tab the popup was opened over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    ThisTab,
    /// This tab, but another origin than the one it shows now.
    EarlierInTab,
    ThisSite,
    Elsewhere,
}

/// A held token as the popup lists it: masked, never whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldView {
    pub id: CaptureId,
    pub masked: String,
    pub origin: String,
    pub name: Option<String>,
    pub kind: TokenKind,
    pub place: Place,
    pub captured_at: Millis,
    pub expires_in_ms: Millis,
    pub copied: bool,
    pub filled: bool,
    /// This tab submitted the New Token form just before the page showed it.
    pub confirmed: bool,
}

impl CaptureStore {
    /// Held tokens, masked: those of the tab the popup is over first, then that site's,
    /// then the rest; newest first within each. A capture from another origin than the
    /// one the tab shows now is "from an earlier page in this tab", and a name the page
    /// wrote is shown only over that page's own origin.
    pub fn list(&self, now: Millis, tab: Option<TabId>, origin: Option<&str>) -> Vec<HeldView> {
        let place = |b: &Binding| {
            let same_origin = origin.is_none_or(|o| o == b.origin);
            if tab == Some(b.tab) && same_origin {
                Place::ThisTab
            } else if tab == Some(b.tab) {
                Place::EarlierInTab
            } else if origin == Some(b.origin.as_str()) {
                Place::ThisSite
            } else {
                Place::Elsewhere
            }
        };
        let own_name = |c: &Capture| c.named_by_user || origin == Some(c.binding.origin.as_str());
        let mut views: Vec<HeldView> = self
            .captures
            .iter()
            .filter(|c| c.hold_until > now)
            .filter_map(|c| {
                Some(HeldView {
                    id: c.id,
                    masked: c.token.as_ref()?.masked(),
                    origin: c.binding.origin.clone(),
                    // A prebuilt token without a name of its own goes by its integration's.
                    name: c
                        .label
                        .name
                        .clone()
                        .filter(|_| own_name(c))
                        .or_else(|| c.label.kind.vendor_name().map(String::from)),
                    kind: c.label.kind,
                    place: place(&c.binding),
                    captured_at: c.seen_at,
                    expires_in_ms: c.hold_until - now,
                    copied: c.copied_at.is_some(),
                    filled: c.filled,
                    confirmed: c.rank == Rank::Confirmed,
                })
            })
            .collect();
        views.sort_by_key(|v| (v.place, std::cmp::Reverse((v.captured_at, v.id))));
        views
    }
}
