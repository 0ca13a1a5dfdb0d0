//! Captured tokens: seen → held (until the hold time ends) → copied / skipped /
//! forgotten, and remembered without the token for as long as the page may still show
//! it, so the Done guard never lapses while an uncopied token is on screen.
//!
//! Each capture is bound to the tab and origin it came from: a page can only ever touch
//! its own captures, and only the extension's own pages can read a held token back (see
//! `backend`). Every origin and tab has a small quota of its own: a page can fill only
//! its own, and an uncopied token is never dropped to make room for a stranger's.
//!
//! Captures have a rank. *Confirmed*: this tab sent the New Token form on this origin
//! moments before (`reveal::Rank`). *Judged*: the page's evidence alone. The two are
//! counted apart, so no number of judged captures, from any page, refuses or evicts a
//! confirmed one; a confirmed capture may take a judged one's place.

use crate::ids::{CaptureId, Millis, TabId};
use crate::keep::fingerprint::Fingerprint;
use crate::read::integrations::TokenKind;
pub use crate::reveal::life::{CopiedBy, Rank};
use serde::{Deserialize, Serialize};

/// Judged captures one page (a tab on one origin) may have at once, and in all.
pub const JUDGED_PER_PAGE: usize = 4;
pub const JUDGED_TOTAL: usize = 24;
/// Confirmed captures one page may have at once (an admin making one token per
/// integration in a row keeps them all), and in all.
pub const CONFIRMED_PER_PAGE: usize = 12;
pub const CONFIRMED_TOTAL: usize = 24;
/// A capture is remembered (without its token once the hold ends) this long after the
/// page last showed it, so the Done guard still knows whether it was copied.
pub const PAGE_MEMORY_MS: Millis = Millis::minutes(30);
/// Names longer than this are cut: a name is for telling tokens apart in the popup.
pub const NAME_CHARS: usize = 80;

pub use crate::keep::secret::Secret;

/// Where a capture came from. A page may touch only captures with its own binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    /// The browser's tab id.
    pub tab: TabId,
    /// `https://host[:port]`, lower-case.
    pub origin: String,
}

/// What is known of a token besides its text: the name the user gave it and its kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub name: Option<String>,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capture {
    pub id: CaptureId,
    pub binding: Binding,
    fingerprint: Fingerprint,
    label: Label,
    seen_at: Millis,
    last_seen: Millis,
    /// When the token itself is dropped; the record may outlive it (`PAGE_MEMORY_MS`).
    hold_until: Millis,
    copied_at: Option<Millis>,
    /// Who copied it first: Keyshift's own button, the user (selection and Ctrl+C), or the
    /// page's own copy control.
    #[serde(default)]
    copied_by: Option<CopiedBy>,
    #[serde(default)]
    rank: Rank,
    /// The name came from what the user typed or chose, not from text the page wrote.
    #[serde(default)]
    named_by_user: bool,
    /// The page showed it on screen, in a visible tab, long enough for a person to see it.
    #[serde(default)]
    viewed: bool,
    /// The user chose to leave without copying.
    skipped: bool,
    /// Keyshift filled it into an integration's field for the user.
    #[serde(default)]
    filled: bool,
    /// The token, kept for the popup until `hold_until`; `None` once that passed, or when
    /// holding is off.
    token: Option<Secret>,
}

impl Capture {
    fn ends(&self) -> Millis {
        self.hold_until.max(self.last_seen + PAGE_MEMORY_MS)
    }

    /// Copied, filled or answered: dropping it costs the user nothing.
    fn settled(&self) -> bool {
        self.stage() != Stage::Open
    }

    fn stage(&self) -> Stage {
        if self.copied_at.is_some() || self.filled {
            Stage::Copied(self.copied_by.unwrap_or_default())
        } else if self.skipped {
            Stage::Left
        } else {
            Stage::Open
        }
    }
}

/// What to do with a way out of a reveal (`reveal::life`).
pub use crate::reveal::life::{Decision as DoneDecision, Exit, Stage};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureError {
    /// No capture with that id belongs to the asker: it was forgotten, its time is up, or
    /// it was never theirs.
    Unknown,
    /// The capture exists but its token is not held (hold time 0, or the hold ended).
    NotHeld,
    /// This site or tab already has as many uncopied tokens waiting as it may.
    QuotaFull,
}

pub use list::{HeldView, Place};

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptureStore {
    next_id: CaptureId,
    captures: Vec<Capture>,
}

/// A new token as the page showed it.
pub struct Seen {
    pub token: Secret,
    pub fingerprint: Fingerprint,
    pub label: Label,
    pub rank: Rank,
    /// `label.name` is what the user typed on the New Token form.
    pub named_by_user: bool,
}

impl CaptureStore {
    /// Records a token shown on a page and returns its capture id, and whether it is new.
    /// Seeing it again on the same page only notes that the page still shows it.
    pub fn seen(
        &mut self,
        seen: Seen,
        binding: &Binding,
        now: Millis,
        hold_ms: Millis,
    ) -> Result<(CaptureId, bool), CaptureError> {
        if let Some(c) = self.captures.iter_mut().find(|c| c.binding == *binding && c.fingerprint == seen.fingerprint) {
            c.last_seen = now;
            if c.label.name.is_none() {
                c.label.name = seen.label.name;
            }
            if c.label.kind == TokenKind::Unknown {
                c.label.kind = seen.label.kind;
            }
            c.rank = c.rank.max(seen.rank);
            return Ok((c.id, false));
        }
        let page = |c: &Capture| c.binding == *binding;
        match seen.rank {
            Rank::Judged => {
                self.make_room(|c| c.rank == Rank::Judged && page(c), JUDGED_PER_PAGE, Rank::Judged)?;
                self.make_room(|c| c.rank == Rank::Judged, JUDGED_TOTAL, Rank::Judged)?;
            }
            Rank::Confirmed => {
                self.make_room(|c| c.rank == Rank::Confirmed && page(c), CONFIRMED_PER_PAGE, Rank::Confirmed)?;
                self.make_room(|c| c.rank == Rank::Confirmed, CONFIRMED_TOTAL, Rank::Confirmed)?;
            }
        }
        self.next_id = CaptureId(self.next_id.0.wrapping_add(1).max(1));
        let (token, hold_until) = if hold_ms > Millis::ZERO { (Some(seen.token), now + hold_ms) } else { (None, now) };
        let mut label = seen.label;
        label.name = label.name.map(|n| n.chars().take(NAME_CHARS).collect());
        self.captures.push(Capture {
            id: self.next_id,
            binding: binding.clone(),
            fingerprint: seen.fingerprint,
            label,
            seen_at: now,
            last_seen: now,
            hold_until,
            copied_at: None,
            copied_by: None,
            rank: seen.rank,
            named_by_user: seen.named_by_user,
            viewed: false,
            skipped: false,
            filled: false,
            token,
        });
        Ok((self.next_id, true))
    }

    /// Frees one place among the captures `within` (all of rank `rank`) if they already
    /// have `limit`: the oldest settled one goes, then the oldest whose token the hold
    /// already dropped. An uncopied token still held is never dropped, and a capture of
    /// one rank never makes room in the other's count.
    fn make_room(&mut self, within: impl Fn(&Capture) -> bool, limit: usize, rank: Rank) -> Result<(), CaptureError> {
        debug_assert!(self.captures.iter().filter(|c| within(c)).all(|c| c.rank == rank));
        if self.captures.iter().filter(|c| within(c)).count() < limit {
            return Ok(());
        }
        let oldest = |pick: &dyn Fn(&Capture) -> bool| {
            self.captures
                .iter()
                .enumerate()
                .filter(|(_, c)| within(c) && pick(c))
                .min_by_key(|(_, c)| c.seen_at)
                .map(|(i, _)| i)
        };
        let victim = oldest(&|c: &Capture| c.settled()).or_else(|| oldest(&|c: &Capture| c.token.is_none()));
        match victim {
            Some(i) => {
                self.captures.remove(i);
                Ok(())
            }
            None => Err(CaptureError::QuotaFull),
        }
    }

    fn find_mut(&mut self, id: CaptureId, binding: Option<&Binding>) -> Result<&mut Capture, CaptureError> {
        self.captures
            .iter_mut()
            .find(|c| c.id == id && binding.is_none_or(|b| *b == c.binding))
            .ok_or(CaptureError::Unknown)
    }

    /// Marks a capture copied, and by whom. `binding` is the asking page's, or `None`
    /// for the popup.
    pub fn copied(
        &mut self,
        id: CaptureId,
        binding: Option<&Binding>,
        by: CopiedBy,
        now: Millis,
    ) -> Result<(), CaptureError> {
        let capture = self.find_mut(id, binding)?;
        capture.copied_at.get_or_insert(now);
        capture.copied_by.get_or_insert(by);
        Ok(())
    }

    /// The page showed the token to the user (on screen, in a visible tab, for a moment).
    pub fn viewed(&mut self, id: CaptureId, binding: &Binding) -> Result<(), CaptureError> {
        self.find_mut(id, Some(binding))?.viewed = true;
        Ok(())
    }

    /// This tab now shows a page of `origin`: its judged captures from other origins that
    /// nobody saw, copied, filled or answered go (a page the tab only passed through must
    /// not fill the quota or the popup). A confirmed capture stays: the user made it.
    pub fn tab_moved(&mut self, tab: TabId, origin: &str) -> bool {
        let before = self.captures.len();
        self.captures.retain(|c| {
            c.binding.tab != tab || c.binding.origin == origin || c.rank == Rank::Confirmed || c.viewed || c.settled()
        });
        self.captures.len() != before
    }

    /// Marks a capture filled into a page by the popup (the user put it to use).
    pub fn filled(&mut self, id: CaptureId) -> Result<(), CaptureError> {
        self.find_mut(id, None)?.filled = true;
        Ok(())
    }

    /// The user chose to leave the reveal without copying.
    pub fn skipped(&mut self, id: CaptureId, binding: &Binding) -> Result<(), CaptureError> {
        self.find_mut(id, Some(binding))?.skipped = true;
        Ok(())
    }

    /// The fingerprint of a live capture's token, to recognise it on the clipboard.
    pub fn fingerprint_of(&self, id: CaptureId) -> Option<Fingerprint> {
        self.captures.iter().find(|c| c.id == id).map(|c| c.fingerprint)
    }

    /// Decides a way out of the reveal (`reveal::life::step`): ask, unless the token was
    /// copied or the user already chose to leave without it. Only the user's choice
    /// disarms the guard.
    pub fn exit(
        &mut self,
        id: CaptureId,
        binding: &Binding,
        exit: Exit,
        now: Millis,
    ) -> Result<DoneDecision, CaptureError> {
        let capture = self.find_mut(id, Some(binding))?;
        let held = capture.token.is_some() && capture.hold_until > now;
        Ok(crate::reveal::life::step(capture.stage(), exit, held))
    }

    /// Whether the page should still guard its Done control for this capture.
    pub fn wants_guard(&self, id: CaptureId) -> bool {
        self.captures.iter().any(|c| c.id == id && !c.settled())
    }

    pub fn forget(&mut self, id: CaptureId) -> Result<(), CaptureError> {
        let before = self.captures.len();
        self.captures.retain(|c| c.id != id);
        if self.captures.len() == before {
            return Err(CaptureError::Unknown);
        }
        Ok(())
    }

    /// No token is held past `until` (a policy shortened the hold); says whether any was.
    pub fn shorten_holds(&mut self, until: Millis) -> bool {
        let mut changed = false;
        for c in self.captures.iter_mut().filter(|c| c.hold_until > until) {
            c.hold_until = until;
            if c.hold_until <= c.seen_at {
                c.token = None;
            }
            changed = true;
        }
        changed
    }

    pub fn forget_all(&mut self) -> usize {
        let n = self.captures.len();
        self.captures.clear();
        n
    }

    /// Drops every token whose hold ended and every record whose time is up; says
    /// whether anything changed.
    pub fn expire(&mut self, now: Millis) -> bool {
        let before = self.captures.len();
        self.captures.retain(|c| c.ends() > now);
        let mut changed = self.captures.len() != before;
        for c in self.captures.iter_mut().filter(|c| c.token.is_some() && c.hold_until <= now) {
            c.token = None;
            changed = true;
        }
        changed
    }

    /// The earliest time something is due, for scheduling the next expiry.
    pub fn next_deadline(&self) -> Option<Millis> {
        self.captures.iter().map(|c| if c.token.is_some() { c.hold_until } else { c.ends() }).min()
    }

    /// The held token itself. Only the extension's own pages may call this (`backend`).
    pub fn reveal(&self, id: CaptureId, now: Millis) -> Result<&Secret, CaptureError> {
        let capture = self.captures.iter().find(|c| c.id == id).ok_or(CaptureError::Unknown)?;
        capture.token.as_ref().filter(|_| capture.hold_until > now).ok_or(CaptureError::NotHeld)
    }

    /// How many tokens from `tab` Keyshift holds now (the toolbar's green mark).
    pub fn held_from(&self, tab: TabId, now: Millis) -> usize {
        self.captures.iter().filter(|c| c.binding.tab == tab && c.token.is_some() && c.hold_until > now).count()
    }

    /// The token a page of `binding` names by its shortened form `shown` (the site's "token
    /// created" line after Done), if Keyshift still holds it in full: until when.
    pub fn still_held(&self, binding: &Binding, shown: &str, now: Millis) -> Option<Millis> {
        self.captures.iter().find_map(|c| {
            let token = c.token.as_ref().filter(|_| c.binding == *binding && c.hold_until > now)?;
            crate::read::scan::shortens(shown, token.expose()).then_some(c.hold_until)
        })
    }

    /// Whether any token is held now (a field may offer to fill one).
    pub fn holding(&self, now: Millis) -> bool {
        self.captures.iter().any(|c| c.token.is_some() && c.hold_until > now)
    }
}

mod list;
#[cfg(test)]
mod tests;
