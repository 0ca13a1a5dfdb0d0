//! What the toolbar and the popup see of the engine's memory: the badge over each tab,
//! and the held tokens listed for the tab the popup opened over.

use super::Backend;
use crate::contract::messages::{Badge, BadgeKind, Here};
use crate::ids::Millis;
use crate::keep::capture::HeldView;
use crate::policy::{Message, Param};
use crate::read::page::address;
use crate::text::TextId;

impl Backend {
    /// What the toolbar says over each tab the engine knows: green with a count while it
    /// holds a new token from that tab, amber with the number of warnings on the page the
    /// tab shows, else nothing.
    pub(super) fn badges(&self, now: Millis) -> Vec<Badge> {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let tabs = &self.session.tabs;
        tabs.tab_ids()
            .into_iter()
            .map(|tab| {
                let (kept, flagged) = (self.session.held.held_from(tab, now), tabs.flagged(tab));
                let (kind, n, text) = if kept > 0 {
                    (BadgeKind::Kept, kept, TextId::BadgeKept)
                } else if flagged > 0 {
                    (BadgeKind::Flagged, flagged, TextId::BadgeFlagged)
                } else {
                    (BadgeKind::None, 0, TextId::BadgeIdle)
                };
                let params = if n > 0 { vec![Param::Count(n as i64)] } else { vec![] };
                Badge { tab, kind, count: count(n), title: Message::new(text, params) }
            })
            .collect()
    }

    /// Held tokens as the popup shows them, those of the tab it was opened over first.
    /// Without the `tabs` permission the popup rarely knows its tab's address; the engine
    /// knows the page that tab's content script last read.
    pub(super) fn list(&self, here: &Here, now: Millis) -> Vec<HeldView> {
        let read = here.tab.and_then(|t| self.session.tabs.shown(t)).map(|p| p.url.as_str());
        let origin = here.url.as_deref().or(read).and_then(address).map(|a| a.origin.to_ascii_lowercase());
        self.session.held.list(now, here.tab, origin.as_deref())
    }

    /// Each account's token health for the popup: the account of the tab it was opened
    /// over first, then the others, newest first (at most three).
    pub(super) fn health_views(&self, here: &Here, today: crate::dates::Date) -> Vec<crate::health::View> {
        let shown = here.tab.and_then(|t| self.session.tabs.shown(t)).map(|p| p.origin.clone());
        let origin = shown.or_else(|| {
            here.url.as_deref().and_then(crate::read::page::address).map(|a| a.origin.to_ascii_lowercase())
        });
        let mut accounts: Vec<&crate::health::Account> = self.health.0.iter().collect();
        accounts.sort_by_key(|a| Some(&a.origin) != origin.as_ref());
        accounts.into_iter().take(3).map(|a| a.view(today)).collect()
    }
}
