//! What the background remembers of each tab between messages (how its page was judged,
//! a New Token form it just sent, a replacement link it followed) and a scan of a page,
//! which reads that memory and registers the fresh tokens it finds.

use super::{Backend, MAX_OFFERED, SUBMITTED_WINDOW_MS};
use crate::contract::messages::{Clock, Judged, Offered, Replacement, Submission};
use crate::keep::capture::{Binding, CaptureError, Label, Millis, Seen};
use crate::plan::{analyze, captured_note, Context, Kept, Plan};
use crate::read::integrations::TokenKind;
use crate::read::snapshot::Snapshot;
use crate::reveal::Situation;

/// Submissions and replacements remembered at once (one per tab that recently sent one).
const MAX_REMEMBERED: usize = 16;

/// Something a tab did a moment ago (sent the New Token form, followed a replacement
/// link), remembered for its next pages on the same site.
trait TabMemory {
    fn tab(&self) -> i64;
    fn origin(&self) -> &str;
    fn at(&self) -> Millis;
}

// Both keep where and when they happened under the same names.
macro_rules! tab_memory {
    ($($kind:ty),*) => {$(
        impl TabMemory for $kind {
            fn tab(&self) -> i64 {
                self.tab
            }
            fn origin(&self) -> &str {
                &self.origin
            }
            fn at(&self) -> Millis {
                self.at
            }
        }
    )*};
}

tab_memory!(Submission, Replacement);

fn fresh<T: TabMemory>(item: &T, now: Millis) -> bool {
    item.at() + SUBMITTED_WINDOW_MS > now
}

/// Keeps `item` as this tab's latest, dropping its older one and any gone stale.
fn remember<T: TabMemory>(list: &mut Vec<T>, item: T, now: Millis) {
    list.retain(|x| !(x.tab() == item.tab() && x.origin() == item.origin()) && fresh(x, now));
    if list.len() >= MAX_REMEMBERED {
        list.remove(0);
    }
    list.push(item);
}

/// What this tab did a moment ago on this site, if anything.
fn recall<'a, T: TabMemory>(list: &'a [T], binding: &Binding, now: Millis) -> Option<&'a T> {
    list.iter().rfind(|x| x.tab() == binding.tab && x.origin() == binding.origin && fresh(*x, now))
}

impl Backend {
    /// Remembers how a tab's page (its top frame, or one of its frames) was judged: a new
    /// address starts afresh; a later scan of part of the same page keeps a verdict it did
    /// not see again. Says whether it changed.
    pub(super) fn judged(&mut self, tab: i64, top: bool, url: &str, plan: &Plan) -> bool {
        let list = &mut self.session.judged;
        let mine = |j: &Judged| j.tab == tab && j.top == top && (top || j.url == url);
        match list.iter_mut().find(|j| mine(j)) {
            Some(j) if j.url == url && (plan.verdict.is_none() || j.verdict == plan.verdict) && j.page == plan.page => {
                false
            }
            Some(j) if j.url == url => {
                if plan.verdict.is_some() {
                    j.verdict = plan.verdict.clone();
                    j.page = plan.page;
                }
                true
            }
            found => {
                let fresh =
                    Judged { tab, top, url: url.into(), page: plan.page, verdict: plan.verdict.clone(), guards: None };
                if let Some(j) = found {
                    *j = fresh;
                } else {
                    if list.len() >= MAX_REMEMBERED {
                        // Frames' records go before any tab's own page.
                        let at = list.iter().position(|j| !j.top).unwrap_or(0);
                        list.remove(at);
                    }
                    list.push(fresh);
                }
                true
            }
        }
    }

    /// Remembers that this tab follows a replacement link for a token of `kind`.
    pub(super) fn replacing(&mut self, binding: &Binding, kind: TokenKind, now: Millis) {
        let item = Replacement { tab: binding.tab, origin: binding.origin.clone(), at: now, kind };
        remember(&mut self.session.replacements, item, now);
    }

    /// Remembers that this tab just sent the New Token form, and what it said.
    pub(super) fn submitted(&mut self, binding: &Binding, label: Label, now: Millis) {
        let item = Submission { tab: binding.tab, origin: binding.origin.clone(), at: now, label };
        remember(&mut self.session.submissions, item, now);
    }

    /// Analyzes a snapshot, registers the fresh tokens it shows, then composes their
    /// notes and the guard on the reveal's ways out. Says whether the store changed.
    pub(super) fn scan(&mut self, binding: &Binding, frame: Frame, snapshot: &Snapshot, clock: Clock) -> (Plan, bool) {
        let now = clock.now;
        // A tab that moved to another origin no longer shows what it passed through.
        let moved = frame.top && self.session.held.tab_moved(binding.tab, &binding.origin);
        let submitted = recall(&self.session.submissions, binding, now).map(|s| s.label.clone());
        // This page was judged a reveal before and its Done still guards a capture.
        let earlier = self.session.judged.iter().find(|j| j.tab == binding.tab && j.url == snapshot.page.url);
        let guarding = earlier.and_then(|j| j.guards).filter(|c| self.session.held.wants_guard(*c));
        let revealed = guarding.and(earlier.and_then(|j| j.verdict.as_ref())).filter(|v| v.reveal).map(|v| v.region);
        let ctx = Context {
            today: clock.today(),
            salt: &self.salt,
            dismissed: &self.dismissed,
            capture: self.settings.capture_tokens,
            situation: Situation { just_submitted: submitted.is_some(), frame_ok: frame.ok },
            submitted: submitted.as_ref(),
            holding: self.session.held.holding(now),
            replacing: recall(&self.session.replacements, binding, now).map(|r| r.kind),
            revealed,
        };
        let analysis = analyze(snapshot, &ctx);
        let mut plan = analysis.plan;
        let changed =
            self.judged(binding.tab, frame.top, &snapshot.page.url, &plan) || !analysis.tokens.is_empty() || moved;
        // Which capture the reveal's guard asks about: the first one kept and still open,
        // or none (the page asks by itself) when the store refused one.
        let mut guarded: Option<Option<u32>> = None;
        for found in &analysis.tokens {
            let seen = Seen {
                token: found.token.clone(),
                fingerprint: found.fingerprint,
                label: found.label.clone(),
                rank: found.rank,
                named_by_user: found.named_by_user,
            };
            let kept = match self.session.held.seen(seen, binding, now, self.settings.hold_ms()) {
                Ok((capture, _)) => {
                    if self.session.held.wants_guard(capture) {
                        guarded.get_or_insert(Some(capture));
                    }
                    Kept::Yes { capture, held: self.settings.hold_ms() > 0 }
                }
                Err(CaptureError::QuotaFull) => {
                    self.session.stats.refused_captures += 1;
                    guarded.get_or_insert(None);
                    Kept::Refused
                }
                Err(_) => Kept::No,
            };
            plan.notes.push(captured_note(found, kept));
        }
        let offered = self.offer(binding, &plan, now);
        self.offer_fill(binding, &plan);
        // Only part of the page was read again (its Done redrawn): it guards the capture
        // the page showed before.
        let capture = guarded.or(guarding.map(Some));
        plan.done = analysis.reveal.as_ref().zip(capture).map(|(at, capture)| at.guard(capture));
        if let Some(capture) = plan.done.as_ref().and_then(|g| g.capture) {
            if let Some(j) = self.session.judged.iter_mut().find(|j| j.tab == binding.tab && j.url == snapshot.page.url)
            {
                j.guards = Some(capture);
            }
        }
        (plan, changed || offered)
    }

    /// Remembers whether this plan offered the page a fill note (only then may it open
    /// the fill window).
    fn offer_fill(&mut self, binding: &Binding, plan: &Plan) {
        let list = &mut self.fill_offered;
        list.retain(|(tab, origin)| !(*tab == binding.tab && *origin == binding.origin));
        if plan.notes.iter().any(|n| n.fill) {
            if list.len() >= super::FILL_TABS {
                list.remove(0);
            }
            list.push((binding.tab, binding.origin.clone()));
        }
    }

    /// Remembers the warnings this plan lets the page dismiss; says whether any is new.
    fn offer(&mut self, binding: &Binding, plan: &Plan, now: Millis) -> bool {
        let list = &mut self.session.offered;
        let mut new = false;
        for fingerprint in plan.notes.iter().filter_map(|n| n.dismiss) {
            let same = |o: &Offered| o.tab == binding.tab && o.origin == binding.origin && o.fingerprint == fingerprint;
            match list.iter_mut().find(|o| same(o)) {
                // Refreshed in memory only: a later write carries it.
                Some(o) => o.at = now,
                None => {
                    if list.len() >= MAX_OFFERED {
                        list.remove(0);
                    }
                    list.push(Offered { tab: binding.tab, origin: binding.origin.clone(), fingerprint, at: now });
                    new = true;
                }
            }
        }
        new
    }
}

/// Where a scan comes from in its tab.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// The tab's top frame.
    pub top: bool,
    /// The frame may show a reveal (`Caller::Page::frame_ok`).
    pub ok: bool,
}
