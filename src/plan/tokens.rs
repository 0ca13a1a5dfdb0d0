//! The notes and guard of the tokens a plan found, once the capture store decided what
//! it keeps: the captured-token note says the safety net out loud, and the reveal's guard
//! names every way out.

use super::{FoundToken, Note, NoteKind, Shortened};
use crate::ids::{CaptureId, ElementId, Region};
use crate::policy::{Duration, Message, Param};
use crate::reveal::guard::Exits;
use crate::text::TextId;
use serde::Serialize;

/// What the capture store made of a found token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Kept under this id; `hold_minutes`: how long the toolbar keeps the token itself (0:
    /// the hold time is 0, only the record is kept).
    Yes { capture: CaptureId, hold_minutes: u32 },
    /// Refused: this page already has as many uncopied tokens waiting as it may.
    Refused,
    /// Not kept for another reason (it was forgotten meanwhile): the page's own copy
    /// still works.
    No,
}

/// The note beside a captured token, once the store decided: it says the safety net out
/// loud (the toolbar keeps the token for the hold time) where there is one.
/// `done`: what the page calls its way on (`RevealAt::done`).
pub fn captured_note(found: &FoundToken, kept: Kept, done: Param) -> Note {
    let no_hold = |done| Message::new(TextId::CapturedTokenNoHold, vec![done]);
    let (message, capture, copy_failed) = match kept {
        Kept::Yes { capture, hold_minutes } if hold_minutes > 0 => (
            Message::new(TextId::CapturedToken, vec![Param::Duration(Duration::of_seconds(hold_minutes * 60)), done]),
            Some(capture),
            TextId::CopyFailed,
        ),
        Kept::Yes { capture, .. } => (no_hold(done), Some(capture), TextId::CopyFailedNoHold),
        Kept::Refused => (Message::new(TextId::CaptureRefused, vec![]), None, TextId::CopyFailedNoHold),
        Kept::No => (no_hold(done), None, TextId::CopyFailedNoHold),
    };
    Note {
        capture,
        copy_failed: Some(copy_failed),
        ..Note::new(found.block, found.span, NoteKind::CapturedToken, message)
    }
}

/// What the content script arms for one reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoneGuard {
    /// The main way on (the question names what it does): Done first, then Close-like.
    pub control: Option<ElementId>,
    /// The capture to ask the engine about; `None`: the engine keeps no record (its
    /// quota refused it, or a policy), so the page asks by itself.
    pub capture: Option<CaptureId>,
    /// The dialog the reveal is in (`None`: the page itself).
    pub region: Region,
    /// Every control whose press leaves the reveal.
    pub exits: Vec<ElementId>,
    /// The page's own copy controls in the region.
    pub copies: Vec<ElementId>,
    /// Escape and a press on the backdrop close the reveal's dialog.
    pub dialog: bool,
    /// What the page calls its way on, for the words about it ("Keyshift won't ask at
    /// Done"): the page's own label, in the page's language, or Keyshift's word.
    pub done: Param,
}

/// After Done, beside the page's shortened form of a token Keyshift still keeps in full
/// (the site's "token created" line): for how long the toolbar has it, in whole minutes.
pub fn kept_note(at: &Shortened, left_ms: u64) -> Note {
    let minutes = left_ms.div_ceil(60_000).max(1) as u32;
    let message = Message::new(TextId::KeptAfterDone, vec![Param::Duration(Duration::of_seconds(minutes * 60))]);
    Note::new(at.block, at.span, NoteKind::Kept, message)
}

/// Where the page shows its reveal, and the ways out of it there.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RevealAt {
    /// The dialog (`None`: the page).
    pub region: Region,
    pub exits: Exits,
}

impl RevealAt {
    /// What the page calls its way on: its own label, or Keyshift's word for Done.
    pub fn done(&self) -> Param {
        Param::label(self.exits.named.as_deref(), TextId::DoneWord)
    }

    /// The guard to arm for `capture` (`None`: the page asks by itself).
    pub fn guard(&self, capture: Option<CaptureId>) -> DoneGuard {
        DoneGuard {
            control: self.exits.primary,
            capture,
            region: self.region,
            exits: self.exits.exits.clone(),
            copies: self.exits.copies.clone(),
            dialog: self.region != Region::Page,
            done: self.done(),
        }
    }
}
