//! The notes and guard of the tokens a plan found, once the capture store decided what
//! it keeps: the captured-token note says the safety net out loud, and the reveal's guard
//! names every way out.

use super::{FoundToken, Note, NoteKind};
use crate::ids::{CaptureId, Region};
use crate::policy::{Duration, Message, Param};
use crate::reveal::guard::{DoneGuard, Exits};
use crate::text::TextId;

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
pub fn captured_note(found: &FoundToken, kept: Kept) -> Note {
    let (message, capture, copy_failed) = match kept {
        Kept::Yes { capture, hold_minutes } if hold_minutes > 0 => (
            Message::new(TextId::CapturedToken, vec![Param::Duration(Duration::of_seconds(hold_minutes * 60))]),
            Some(capture),
            TextId::CopyFailed,
        ),
        Kept::Yes { capture, .. } => {
            (Message::new(TextId::CapturedTokenNoHold, vec![]), Some(capture), TextId::CopyFailedNoHold)
        }
        Kept::Refused => (Message::new(TextId::CaptureRefused, vec![]), None, TextId::CopyFailedNoHold),
        Kept::No => (Message::new(TextId::CapturedTokenNoHold, vec![]), None, TextId::CopyFailedNoHold),
    };
    Note {
        capture,
        copy_failed: Some(copy_failed),
        ..Note::new(found.block, found.span, NoteKind::CapturedToken, message)
    }
}

/// Where the page shows its reveal, and the ways out of it there.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RevealAt {
    /// The dialog (`None`: the page).
    pub region: Region,
    pub exits: Exits,
}

impl RevealAt {
    /// The guard to arm for `capture` (`None`: the page asks by itself).
    pub fn guard(&self, capture: Option<CaptureId>) -> DoneGuard {
        DoneGuard {
            control: self.exits.primary,
            capture,
            region: self.region,
            exits: self.exits.exits.clone(),
            copies: self.exits.copies.clone(),
            dialog: self.region != Region::Page,
        }
    }
}
