//! Warnings in a list: each drawn on one line beside its row, so a six-row list stays a
//! six-row list, and one line above the list that counts the page's warnings ("Legacy
//! keys: 1 · Expired: 1 · Expiring soon: 2").

use super::{Note, NoteKind};
use crate::ids::ElementId;
use crate::keep::tabs::Warning;
use crate::policy::{Message, Param};
use crate::read::snapshot::Snapshot;
use crate::text::TextId;
use serde::Serialize;

/// The line above a list: what the page's warnings come to, placed before the list that
/// holds `block` (its first warned row in this read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub block: ElementId,
    pub parts: Vec<Message>,
}

/// A page gets its summary line once it carries this many warnings.
const SUMMARY_FROM: usize = 2;

/// What a note warns of, if it is a warning.
pub fn warning(kind: NoteKind) -> Option<Warning> {
    match kind {
        NoteKind::LegacyKey => Some(Warning::Legacy),
        NoteKind::TokenExpired => Some(Warning::Expired),
        NoteKind::TokenExpiring => Some(Warning::Expiring),
        _ => None,
    }
}

/// Marks each warning whose block is in a row of a list `compact`.
pub(super) fn compact(snapshot: &Snapshot, notes: &mut [Note]) {
    let in_row = |id: ElementId| snapshot.blocks.iter().any(|b| b.id == id && b.row.is_some());
    for note in notes.iter_mut().filter(|n| warning(n.kind).is_some()) {
        note.compact = in_row(note.block);
    }
}

/// The summary line for a page whose warnings, as last read, are `counts` (legacy,
/// expired, expiring), placed before the list holding `block`; none below two warnings.
pub fn summary(block: ElementId, counts: [usize; 3]) -> Option<Summary> {
    if counts.iter().sum::<usize>() < SUMMARY_FROM {
        return None;
    }
    let texts = [TextId::SummaryLegacy, TextId::SummaryExpired, TextId::SummaryExpiring];
    let parts = texts
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| Message::new(t, vec![Param::Count(i64::try_from(n).unwrap_or(i64::MAX))]))
        .collect();
    Some(Summary { block, parts })
}
