//! Turns a snapshot into a plan: the kind of page, the notes to place, the tokens to
//! capture. Pure: `today`, the salt and the dismissed fingerprints come in as arguments.

use crate::block::{Joined, Span};
use crate::capture::{fingerprint, Secret};
use crate::context::{has_any, legacy_key_reason, Surroundings};
use crate::page::{address, classify, done_control, PageFacts, PageKind, NEW_TOKEN_PATH};
use crate::policy::{expiry_message, legacy_message, parse_expiry, Date, ExpiryStatus, Message, EXPIRY_WORDS};
use crate::scan::FindingKind;
use crate::snapshot::{Block, Snapshot, Source};
use crate::text::TextId;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    LegacyKey,
    TokenExpired,
    TokenExpiring,
    CapturedToken,
}

/// A link the note offers, with the message id of its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub label: TextId,
    pub href: String,
}

/// One note for the content script to place right after what shows the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub block: u32,
    /// Where the value stands in the block; the note goes after the element holding its end.
    pub span: Span,
    pub kind: NoteKind,
    pub message: Message,
    pub action: Option<Action>,
    /// For dismissable notes: the salted fingerprint to send back when dismissed.
    pub dismiss: Option<String>,
    /// For captured tokens: the capture id to report copies and Done clicks with.
    pub capture: Option<u32>,
}

/// A full token found on the page, not yet registered with the capture store.
#[derive(Debug)]
pub struct FoundToken {
    /// Index of its note in `Plan::notes`.
    pub note: usize,
    pub token: Secret,
    pub fingerprint: String,
}

/// Hold back the first trusted click on this control until the token was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DoneGuard {
    pub control: u32,
    pub capture: u32,
}

/// A block that could not be read; the rest of the plan stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockError {
    pub block: u32,
    pub error: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub page: PageKind,
    pub notes: Vec<Note>,
    pub done: Option<DoneGuard>,
    pub errors: Vec<BlockError>,
}

pub struct Analysis {
    pub plan: Plan,
    pub tokens: Vec<FoundToken>,
    /// Index into the snapshot's controls of the Done control, on a reveal page.
    pub done_control: Option<u32>,
}

/// What the analysis needs besides the snapshot.
pub struct Context<'a> {
    pub today: Date,
    pub salt: &'a str,
    /// Fingerprints of dismissed notes, sorted.
    pub dismissed: &'a [String],
    /// Whether full tokens are captured at all (a policy can turn it off).
    pub capture: bool,
}

fn names_expiry(text: Option<&str>) -> bool {
    text.is_some_and(|t| has_any(t, EXPIRY_WORDS))
}

/// Finds what the page shows and decides what to say about it.
pub fn analyze(snapshot: &Snapshot, ctx: &Context) -> Analysis {
    let addr = address(&snapshot.page.url);
    let origin = addr.map(|a| a.origin);
    let rows: HashMap<u32, &str> = snapshot.rows.iter().map(|r| (r.id, r.text.as_str())).collect();
    let mut notes = Vec::new();
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut token_prints: Vec<String> = Vec::new();
    // Per row: where a token reference stands, and the row's expiry cell.
    let mut row_refs: HashMap<u32, (u32, Span)> = HashMap::new();
    let mut row_expiry: Vec<(u32, &Block)> = Vec::new();

    // Text and values first, so a token shown both in text and in a copy button's
    // attribute gets its note beside the visible one.
    let visible = snapshot.blocks.iter().filter(|b| b.source != Source::Attr);
    for block in visible.chain(snapshot.blocks.iter().filter(|b| b.source == Source::Attr)) {
        if let Err(e) = block.check() {
            errors.push(BlockError { block: block.id, error: e.name(), message: e.to_string() });
            continue;
        }
        let joined = Joined::new(&block.segs);
        if let Some(row) =
            block.row.filter(|_| names_expiry(block.header.as_deref()) || names_expiry(block.label.as_deref()))
        {
            row_expiry.push((row, block));
        }
        for finding in joined.findings() {
            let span = joined.span(&finding);
            let value = finding.text(&joined.text);
            match finding.kind {
                FindingKind::Token if !ctx.capture => {}
                FindingKind::Token => {
                    let print = fingerprint(ctx.salt, value);
                    if token_prints.contains(&print) {
                        continue;
                    }
                    token_prints.push(print.clone());
                    tokens.push(FoundToken {
                        note: notes.len(),
                        token: Secret::new(value.to_owned()),
                        fingerprint: print,
                    });
                    notes.push(Note {
                        block: block.id,
                        span,
                        kind: NoteKind::CapturedToken,
                        message: Message::new(TextId::CapturedToken, vec![]),
                        action: None,
                        dismiss: None,
                        capture: None,
                    });
                }
                FindingKind::TokenRef => {
                    if let Some(row) = block.row {
                        row_refs.entry(row).or_insert((block.id, span));
                    }
                }
                FindingKind::Uuid => {
                    let around = Surroundings {
                        text: &joined.text,
                        start: finding.start,
                        end: finding.end,
                        label: block.label.as_deref(),
                        header: block.header.as_deref(),
                        field: block.field.as_deref(),
                        row: block.row.and_then(|r| rows.get(&r).copied()),
                    };
                    if legacy_key_reason(&around).is_none() {
                        continue;
                    }
                    let print = fingerprint(ctx.salt, &value.to_ascii_lowercase());
                    if ctx.dismissed.binary_search(&print).is_ok() {
                        continue;
                    }
                    notes.push(Note {
                        block: block.id,
                        span,
                        kind: NoteKind::LegacyKey,
                        message: legacy_message(ctx.today),
                        action: origin.map(|o| Action {
                            label: TextId::CreateReplacementToken,
                            href: format!("{o}{NEW_TOKEN_PATH}"),
                        }),
                        dismiss: Some(print),
                        capture: None,
                    });
                }
            }
        }
    }

    for (row, block) in row_expiry {
        let Some((status, message)) = parse_expiry(&block.segs.concat()).and_then(|e| expiry_message(e, ctx.today))
        else {
            continue;
        };
        // The note belongs beside the token the row names; failing that, beside the date.
        let (anchor, span) =
            row_refs.get(&row).copied().unwrap_or_else(|| (block.id, Joined::new(&block.segs).whole()));
        let kind = if status == ExpiryStatus::Expired { NoteKind::TokenExpired } else { NoteKind::TokenExpiring };
        notes.push(Note { block: anchor, span, kind, message, action: None, dismiss: None, capture: None });
    }

    let controls: Vec<String> = snapshot.page.controls.iter().map(|c| c.label.clone()).collect();
    let headings = &snapshot.page.headings;
    let path = addr.map_or("", |a| a.path);
    let page = classify(&PageFacts {
        path,
        title: &snapshot.page.title,
        headings,
        controls: &controls,
        shows_full_token: !tokens.is_empty(),
    });
    let done_control = (page == PageKind::TokenReveal)
        .then(|| done_control(&controls))
        .flatten()
        .map(|i| snapshot.page.controls[i].id);
    Analysis { plan: Plan { page, notes, done: None, errors }, tokens, done_control }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
