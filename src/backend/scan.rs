//! A scan of a page: reads what the engine knows of the tab (`keep::tabs`), registers the
//! fresh tokens the page shows, and composes their notes and the reveal's guard.

use super::Backend;
use crate::contract::messages::Clock;
use crate::ids::{CaptureId, ElementId};
use crate::keep::capture::{Binding, CaptureError, Seen};
use crate::plan::{analyze, captured_note, kept_note, summary, warning, Context, Kept, Plan};
use crate::policy::Param;
use crate::read::snapshot::Snapshot;
use crate::reveal::Situation;
use crate::text::TextId;

impl Backend {
    /// Analyzes a snapshot, registers the fresh tokens it shows, then composes their
    /// notes and the guard on the reveal's ways out. Says whether the store changed.
    /// The plan for a page's read; whether the session changed, and whether the token
    /// health did (a token list was read).
    pub(super) fn scan(
        &mut self,
        binding: &Binding,
        frame: Frame,
        snapshot: &Snapshot,
        clock: Clock,
    ) -> (Plan, bool, bool) {
        let now = clock.now;
        // A tab that moved to another origin no longer shows what it passed through.
        let moved = frame.top && self.session.held.tab_moved(binding.tab, &binding.origin);
        let tabs = &self.session.tabs;
        let submitted = tabs.submitted(binding.tab, &binding.origin, now).cloned();
        // This page was judged a reveal before and its Done still guards a capture.
        let earlier = tabs.guards(binding.tab, &snapshot.page.url).filter(|(c, _)| self.session.held.wants_guard(*c));
        let guarding = earlier.map(|(c, _)| c);
        let revealed = earlier.and_then(|(_, v)| v).filter(|v| v.reveal).map(|v| v.region);
        let ctx = Context {
            today: clock.today(),
            salt: &self.salt,
            dismissed: &self.dismissed,
            capture: self.settings.capture_tokens,
            situation: Situation { just_submitted: submitted.is_some(), frame_ok: frame.ok },
            submitted: submitted.as_ref(),
            holding: self.session.held.holding(now),
            replacing: tabs.replacing(binding.tab, &binding.origin, now),
            revealed,
        };
        let analysis = analyze(snapshot, &ctx);
        let mut plan = analysis.plan;
        let page = (binding.tab, binding.origin.as_str(), frame.top);
        let judged = self.session.tabs.judged(page, &snapshot.page.url, plan.page, plan.verdict.as_ref(), now);
        // A token list's rows, as the account's token health: a new visit replaces what
        // the last one said; the reads of one visit add up.
        let (mut fresh, mut health) = (false, false);
        if frame.top && !analysis.health.is_empty() {
            fresh = self.session.tabs.take_new_visit(page, now);
            health = self.health.record(&binding.origin, analysis.health, clock.today(), fresh);
        }
        let changed = judged || !analysis.tokens.is_empty() || moved || fresh;
        // Which capture the reveal's guard asks about: the first one kept and still open,
        // or none (the page asks by itself) when the store refused one.
        let mut guarded: Option<Option<CaptureId>> = None;
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
                    Kept::Yes { capture, hold_minutes: self.settings.hold_minutes }
                }
                Err(CaptureError::QuotaFull) => {
                    self.session.stats.refused_captures += 1;
                    guarded.get_or_insert(None);
                    Kept::Refused
                }
                Err(_) => Kept::No,
            };
            let done = analysis.reveal.as_ref().map_or(Param::Word(TextId::DoneWord), |r| r.done());
            plan.notes.push(captured_note(found, kept, done));
        }
        // After Done the site names the new token by a shortened form: beside it, the toolbar
        // still keeps it in full. Once per page, where the page names it first.
        if analysis.tokens.is_empty() && frame.top {
            let kept = analysis.shortened.iter().find_map(|s| {
                let until = self.session.held.still_held(binding, &s.shown, now)?;
                Some(kept_note(s, until.0.saturating_sub(now.0).max(0) as u64))
            });
            plan.notes.extend(kept);
        }
        let read: Vec<ElementId> = snapshot.blocks.iter().map(|b| b.id).collect();
        let warned: Vec<_> = plan.notes.iter().filter_map(|n| warning(n.kind).map(|w| (n.block, w))).collect();
        let flagged = self.session.tabs.flag(page, &read, &warned, now);
        // A read that shows a list's warnings brings the page's count with it (a big list
        // arrives in several reads; the count is the page's, not the read's).
        if let Some(first) = plan.notes.iter().find(|n| n.compact) {
            plan.summary = summary(first.block, self.session.tabs.warnings(page));
        }
        let prints: Vec<_> = plan.notes.iter().filter_map(|n| n.dismiss).collect();
        let offered = self.session.tabs.offer(page, &prints, now);
        self.session.tabs.set_fill(page, plan.notes.iter().any(|n| n.fill), now);
        // Only part of the page was read again (its Done redrawn): it guards the capture
        // the page showed before.
        let capture = guarded.or(guarding.map(Some));
        plan.done = analysis.reveal.as_ref().zip(capture).map(|(at, capture)| at.guard(capture));
        if let Some(capture) = plan.done.as_ref().and_then(|g| g.capture) {
            self.session.tabs.set_guards(binding.tab, &snapshot.page.url, capture);
        }
        (plan, changed || offered || flagged, health)
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
