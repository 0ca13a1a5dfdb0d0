//! What the engine knows of each page a tab shows, between messages: one record per tab,
//! origin and frame kind (the tab's own page, or a frame in it), with one cap. How the
//! page was judged (for the report and the reveal's guard), a New Token form it just sent,
//! a replacement link it followed, the warnings it may dismiss, whether it was offered a
//! fill. Pure data: the clock comes in as an argument.

use crate::ids::{CaptureId, ElementId, Millis, TabId};
use crate::keep::capture::Label;
use crate::keep::fingerprint::Fingerprint;
use crate::read::integrations::TokenKind;
use crate::read::page::PageKind;
use crate::reveal::Verdict;
use serde::{Deserialize, Serialize};

/// Pages remembered at once, across tabs; frames go before any tab's own page.
pub const MAX_PAGES: usize = 32;
/// After the New Token form is sent (or a replacement link followed), the tab's next
/// pages on that origin count it this long.
pub const RECENT_MS: Millis = Millis::minutes(10);
/// A warning shown on a page may be dismissed from it this long after.
pub const OFFER_MS: Millis = Millis::minutes(60);
/// Warnings remembered as offered, per page (the oldest go first).
pub const MAX_OFFERED: usize = 256;
/// Warnings counted per page: the badge shows at most this.
pub const MAX_FLAGGED: usize = 999;

/// One page of a tab, as the engine last knew it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageFacts {
    pub tab: TabId,
    /// `https://host[:port]`, lower-case.
    pub origin: String,
    /// The tab's own page (its top frame), or a frame in it.
    pub top: bool,
    /// When the engine last heard from it.
    pub seen: Millis,
    /// The address last read, how it was judged, and the capture whose Done guard it
    /// holds (a Done the page draws again on its own is guarded for it too).
    pub url: String,
    pub page: Option<PageKind>,
    pub verdict: Option<Verdict>,
    pub guards: Option<CaptureId>,
    /// The New Token form sent from it, when, and what it said.
    pub submitted: Option<(Millis, Label)>,
    /// A replacement link followed to it, when, and for which token.
    pub replacing: Option<(Millis, TokenKind)>,
    /// Warnings its plans offered for dismissal, and when last.
    pub offered: Vec<(Fingerprint, Millis)>,
    /// Its last plan offered a fill note.
    pub fill: bool,
    /// The page was loaded again (its content script said hello) since its token list was
    /// last recorded: the next reading of the list replaces the account's token health.
    pub new_visit: bool,
    /// The blocks that carry a warning (a legacy key, an expired or expiring token), and
    /// which, as last read: what the toolbar badge and a list's summary line count.
    pub flagged: Vec<(ElementId, Warning)>,
}

/// What a warning is about, for counting (the plan's note kinds, below it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Warning {
    Legacy,
    Expired,
    Expiring,
}

/// Every page the engine remembers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tabs(Vec<PageFacts>);

impl Tabs {
    fn find(&self, tab: TabId, origin: &str, top: bool) -> Option<&PageFacts> {
        self.0.iter().find(|p| p.tab == tab && p.origin == origin && p.top == top)
    }

    /// The record of this page, made if new (the least recently heard-from goes when the
    /// table is full, frames first).
    fn entry(&mut self, tab: TabId, origin: &str, top: bool, now: Millis) -> &mut PageFacts {
        let at = match self.0.iter().position(|p| p.tab == tab && p.origin == origin && p.top == top) {
            Some(at) => at,
            None => {
                if self.0.len() >= MAX_PAGES {
                    let oldest = |frames: bool| {
                        self.0
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| p.top != frames)
                            .min_by_key(|(_, p)| p.seen)
                            .map(|(i, _)| i)
                    };
                    if let Some(i) = oldest(true).or_else(|| oldest(false)) {
                        self.0.remove(i);
                    }
                }
                self.0.push(PageFacts { tab, origin: origin.into(), top, ..PageFacts::default() });
                self.0.len() - 1
            }
        };
        let page = &mut self.0[at];
        page.seen = page.seen.max(now);
        page
    }

    /// The page the tab shows now: its own page the engine heard from last.
    pub fn shown(&self, tab: TabId) -> Option<&PageFacts> {
        self.0.iter().filter(|p| p.tab == tab && p.top).max_by_key(|p| p.seen)
    }

    /// What this tab's New Token form on `origin` said a moment ago, if it was just sent.
    pub fn submitted(&self, tab: TabId, origin: &str, now: Millis) -> Option<&Label> {
        self.0
            .iter()
            .filter(|p| p.tab == tab && p.origin == origin)
            .filter_map(|p| p.submitted.as_ref())
            .filter(|(at, _)| *at + RECENT_MS > now)
            .max_by_key(|(at, _)| *at)
            .map(|(_, label)| label)
    }

    /// The token a replacement link this tab followed on `origin` a moment ago is for.
    pub fn replacing(&self, tab: TabId, origin: &str, now: Millis) -> Option<TokenKind> {
        self.0
            .iter()
            .filter(|p| p.tab == tab && p.origin == origin)
            .filter_map(|p| p.replacing)
            .filter(|(at, _)| *at + RECENT_MS > now)
            .max_by_key(|(at, _)| *at)
            .map(|(_, kind)| kind)
    }

    pub fn note_submitted(&mut self, tab: TabId, origin: &str, top: bool, label: Label, now: Millis) {
        self.entry(tab, origin, top, now).submitted = Some((now, label));
    }

    pub fn note_replacing(&mut self, tab: TabId, origin: &str, top: bool, kind: TokenKind, now: Millis) {
        self.entry(tab, origin, top, now).replacing = Some((now, kind));
    }

    /// Remembers how a page was judged: a new address starts afresh (its guard goes); a
    /// later scan of part of the same page keeps a verdict it did not see again. Says
    /// whether anything changed.
    pub fn judged(
        &mut self,
        (tab, origin, top): (TabId, &str, bool),
        url: &str,
        page: PageKind,
        verdict: Option<&Verdict>,
        now: Millis,
    ) -> bool {
        let facts = self.entry(tab, origin, top, now);
        if facts.url != url {
            facts.url = url.into();
            facts.page = Some(page);
            facts.verdict = verdict.cloned();
            facts.guards = None;
            facts.flagged.clear();
            return true;
        }
        if verdict.is_none() || (facts.verdict.as_ref() == verdict && facts.page == Some(page)) {
            return false;
        }
        facts.verdict = verdict.cloned();
        facts.page = Some(page);
        true
    }

    /// The capture whose guard the page at `url` in this tab holds, if any.
    pub fn guards(&self, tab: TabId, url: &str) -> Option<(CaptureId, Option<&Verdict>)> {
        self.0.iter().find(|p| p.tab == tab && p.url == url).and_then(|p| Some((p.guards?, p.verdict.as_ref())))
    }

    pub fn set_guards(&mut self, tab: TabId, url: &str, capture: CaptureId) {
        if let Some(p) = self.0.iter_mut().find(|p| p.tab == tab && p.url == url) {
            p.guards = Some(capture);
        }
    }

    /// Remembers the warnings a plan lets the page dismiss; says whether any is new.
    pub fn offer(&mut self, (tab, origin, top): (TabId, &str, bool), prints: &[Fingerprint], now: Millis) -> bool {
        if prints.is_empty() && self.find(tab, origin, top).is_none() {
            return false;
        }
        let list = &mut self.entry(tab, origin, top, now).offered;
        let mut new = false;
        for print in prints {
            match list.iter_mut().find(|(p, _)| p == print) {
                // Refreshed in memory only: a later write carries it.
                Some((_, at)) => *at = now,
                None => {
                    if list.len() >= MAX_OFFERED {
                        list.remove(0);
                    }
                    list.push((*print, now));
                    new = true;
                }
            }
        }
        new
    }

    /// Whether a plan offered this tab's page on `origin` this warning within the hour.
    pub fn was_offered(&self, tab: TabId, origin: &str, print: &Fingerprint, now: Millis) -> bool {
        self.0
            .iter()
            .filter(|p| p.tab == tab && p.origin == origin)
            .flat_map(|p| p.offered.iter())
            .any(|(p, at)| p == print && *at + OFFER_MS > now)
    }

    pub fn set_fill(&mut self, (tab, origin, top): (TabId, &str, bool), fill: bool, now: Millis) {
        if fill || self.find(tab, origin, top).is_some() {
            self.entry(tab, origin, top, now).fill = fill;
        }
    }

    /// The warnings a scan saw: the blocks it read lose their old ones, then gain what the
    /// plan says now. Says whether the count changed.
    pub fn flag(
        &mut self,
        (tab, origin, top): (TabId, &str, bool),
        read: &[ElementId],
        warned: &[(ElementId, Warning)],
        now: Millis,
    ) -> bool {
        if warned.is_empty() && self.find(tab, origin, top).is_none_or(|p| p.flagged.is_empty()) {
            return false;
        }
        let list = &mut self.entry(tab, origin, top, now).flagged;
        let before = list.clone();
        list.retain(|(b, _)| !read.contains(b));
        for w in warned {
            if !list.contains(w) && list.len() < MAX_FLAGGED {
                list.push(*w);
            }
        }
        *list != before
    }

    /// How many warnings the page a tab shows carries (its frames' included).
    /// A page's content script started: a new visit of whatever it shows.
    pub fn hello(&mut self, (tab, origin, top): (TabId, &str, bool), now: Millis) {
        self.entry(tab, origin, top, now).new_visit = true;
    }

    /// Whether this read starts a new visit of the page (once per visit).
    pub fn take_new_visit(&mut self, (tab, origin, top): (TabId, &str, bool), now: Millis) -> bool {
        std::mem::take(&mut self.entry(tab, origin, top, now).new_visit)
    }

    /// How many warnings of each kind the page carries, as last read (legacy, expired,
    /// expiring): a list's summary line.
    pub fn warnings(&self, (tab, origin, top): (TabId, &str, bool)) -> [usize; 3] {
        let mut out = [0; 3];
        for (_, w) in self.find(tab, origin, top).map_or(&[][..], |p| &p.flagged[..]) {
            out[*w as usize] += 1;
        }
        out
    }

    pub fn flagged(&self, tab: TabId) -> usize {
        let Some(shown) = self.shown(tab) else { return 0 };
        let frames = self.0.iter().filter(|p| p.tab == tab && !p.top).map(|p| p.flagged.len()).sum::<usize>();
        (shown.flagged.len() + frames).min(MAX_FLAGGED)
    }

    /// Every tab the engine knows a page of.
    pub fn tab_ids(&self) -> Vec<TabId> {
        let mut ids: Vec<TabId> = self.0.iter().filter(|p| p.top).map(|p| p.tab).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether this tab's page on `origin` was last offered a fill note.
    pub fn fill_offered(&self, tab: TabId, origin: &str) -> bool {
        self.0.iter().any(|p| p.tab == tab && p.origin == origin && p.fill)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const A: &str = "https://acme.repairshopr.com";

    #[test]
    fn a_frame_never_replaces_the_tabs_own_page_and_the_table_has_one_cap() {
        let mut tabs = Tabs::default();
        assert!(tabs.judged(
            (TabId(1), A, true),
            "https://acme.repairshopr.com/api_tokens/5",
            PageKind::TokenReveal,
            None,
            Millis(0)
        ));
        tabs.set_guards(TabId(1), "https://acme.repairshopr.com/api_tokens/5", CaptureId(7));
        assert!(tabs.judged(
            (TabId(1), "https://help.x.com", false),
            "https://help.x.com/w",
            PageKind::Other,
            None,
            Millis(1)
        ));
        assert_eq!(tabs.shown(TabId(1)).map(|p| p.url.as_str()), Some("https://acme.repairshopr.com/api_tokens/5"));
        assert_eq!(tabs.guards(TabId(1), "https://acme.repairshopr.com/api_tokens/5").map(|g| g.0), Some(CaptureId(7)));
        for n in 0..(MAX_PAGES as i64 * 2) {
            tabs.judged(
                (TabId(100 + n), A, n % 2 == 0),
                "https://acme.repairshopr.com/",
                PageKind::Other,
                None,
                Millis(10 + n),
            );
        }
        assert_eq!(tabs.0.len(), MAX_PAGES);
    }

    #[test]
    fn what_a_tab_did_counts_for_a_while_on_its_origin_only() {
        let mut tabs = Tabs::default();
        tabs.note_submitted(TabId(1), A, true, Label::default(), Millis(0));
        tabs.note_replacing(TabId(1), A, true, TokenKind::Zapier, Millis(0));
        assert!(tabs.submitted(TabId(1), A, RECENT_MS - 1).is_some());
        assert!(tabs.submitted(TabId(1), A, RECENT_MS).is_none(), "moments ago only");
        assert!(tabs.submitted(TabId(1), "https://evil.repairshopr.com", Millis(1)).is_none());
        assert!(tabs.submitted(TabId(2), A, Millis(1)).is_none());
        assert_eq!(tabs.replacing(TabId(1), A, Millis(1)), Some(TokenKind::Zapier));
    }

    #[test]
    fn warnings_are_counted_per_block_as_last_read() {
        let mut tabs = Tabs::default();
        tabs.judged(
            (TabId(1), A, true),
            "https://acme.repairshopr.com/api_tokens",
            PageKind::TokenList,
            None,
            Millis(0),
        );
        assert!(tabs.flag(
            (TabId(1), A, true),
            &[ElementId(1), ElementId(2), ElementId(3)],
            &[(ElementId(1), Warning::Legacy), (ElementId(3), Warning::Expired)],
            Millis(1)
        ));
        assert_eq!(tabs.warnings((TabId(1), A, true)), [1, 1, 0]);
        assert_eq!(tabs.flagged(TabId(1)), 2);
        // A later read of block 3 alone (a row re-rendered, its key replaced) drops its warning.
        assert!(tabs.flag((TabId(1), A, true), &[ElementId(3)], &[], Millis(2)));
        assert_eq!(tabs.flagged(TabId(1)), 1);
        // Another address starts afresh.
        tabs.judged((TabId(1), A, true), "https://acme.repairshopr.com/profile", PageKind::Profile, None, Millis(3));
        assert_eq!(tabs.flagged(TabId(1)), 0);
        assert_eq!(tabs.tab_ids(), vec![1]);
    }

    #[test]
    fn offers_are_per_page_and_last_an_hour() {
        let mut tabs = Tabs::default();
        let print = Fingerprint::from_hex("0123456789abcdef0123456789abcdef").expect("hex");
        assert!(tabs.offer((TabId(1), A, true), &[print], Millis(0)));
        assert!(!tabs.offer((TabId(1), A, true), &[print], Millis(5)), "already offered");
        assert!(tabs.was_offered(TabId(1), A, &print, OFFER_MS - 1));
        assert!(!tabs.was_offered(TabId(1), A, &print, OFFER_MS + 5));
        assert!(!tabs.was_offered(TabId(2), A, &print, Millis(1)));
        assert!(!tabs.offer((TabId(3), A, true), &[], Millis(0)) && tabs.0.len() == 1, "an empty plan makes no record");
    }
}
