//! Turns a snapshot into a plan: the kind of page, the notes to place, the tokens to
//! capture and the controls to watch. Pure: the day, the salt, the dismissed
//! fingerprints and what the tab just did come in as arguments.

use crate::dates::{order_for_lang, order_from_column, read_expiry, Date, NumericOrder};
use crate::ids::{CaptureId, ElementId, Region};
use crate::keep::capture::{Label, Secret};
use crate::keep::dismissals::Dismissals;
use crate::keep::fingerprint::{Fingerprint, Salt};
use crate::policy::{expiry_message, legacy_message, ExpiryStatus, Message};
use crate::read::block::{Joined, Span};
use crate::read::context::{legacy_key_reason, Surroundings};
use crate::read::integrations::TokenKind;
use crate::read::look::{theme, Theme};
use crate::read::page::{address, classify, PageFacts, PageKind};
use crate::read::scan::FindingKind;
use crate::read::snapshot::{Block, Snapshot, Source};
use crate::reveal::guard::exits;
use crate::reveal::life::Rank;
use crate::reveal::{judge, PageReading, Situation, Verdict};
use crate::text::TextId;
use crate::words::{self, fold};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    LegacyKey,
    TokenExpired,
    TokenExpiring,
    CapturedToken,
    /// Beside the field an integration (or the vendor's API docs) takes the token in.
    FillField,
    /// On the New Token page: the choice that makes the replacement the user came for.
    ReplacementChoice,
    /// After Done, beside the page's shortened form of the new token: the toolbar still
    /// keeps it in full (`kept_note`).
    Kept,
}

/// A link the note offers: its label, where it goes, and the kind of token it is for
/// (the New Token page marks that choice when the user follows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub label: Message,
    pub href: String,
    pub kind: TokenKind,
}

/// One note for the content script to place right after what shows the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub block: ElementId,
    /// Where the value stands in the block; the note goes after the element holding its end.
    pub span: Span,
    pub kind: NoteKind,
    pub message: Message,
    pub action: Option<Action>,
    /// For dismissable notes: the salted fingerprint to send back when dismissed.
    pub dismiss: Option<Fingerprint>,
    /// For captured tokens: the capture id to report copies and Done clicks with (none
    /// when Keyshift could not keep the token: the page's copy button still works).
    pub capture: Option<CaptureId>,
    /// For captured tokens: what to say if the browser refuses the copy (whether the
    /// toolbar popup can still copy it depends on the hold time).
    #[serde(rename = "copyFailed")]
    pub copy_failed: Option<TextId>,
    /// Offer "Fill held token": this note is beside the field the token goes in.
    pub fill: bool,
    /// A warning in a row of a list: drawn on one line, so the list keeps its shape
    /// (`list::compact`).
    pub compact: bool,
}

impl Note {
    fn new(block: ElementId, span: Span, kind: NoteKind, message: Message) -> Note {
        Note {
            block,
            span,
            kind,
            message,
            action: None,
            dismiss: None,
            capture: None,
            copy_failed: None,
            fill: false,
            compact: false,
        }
    }
}

/// A fresh token found on the page, not yet registered with the capture store: its note
/// is made once the store said whether it keeps it (`captured_note`).
#[derive(Debug)]
pub struct FoundToken {
    pub block: ElementId,
    pub span: Span,
    pub token: Secret,
    pub fingerprint: Fingerprint,
    pub label: Label,
    /// `label.name` is what the user typed on the New Token form, not the page's text.
    pub named_by_user: bool,
    pub rank: Rank,
}

/// A token the page names by a shortened form (`T5e1c0a…9b21`): never a secret.
#[derive(Debug)]
pub struct Shortened {
    pub block: ElementId,
    pub span: Span,
    pub shown: String,
}

/// Shortened tokens an analysis keeps: a token list shows one per row.
const MAX_SHORTENED: usize = 50;

use form::{new_token_forms, watch};
pub use list::{summary, warning, Summary};
pub use tokens::{captured_note, kept_note, DoneGuard, Kept, RevealAt};

/// On the New Token page: the controls whose trusted click submits the form (and which
/// kind of token each makes), and the field holding the token's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Watch {
    pub controls: Vec<(ElementId, TokenKind)>,
    pub name: Option<ElementId>,
    /// No submit control reads as one in a language Keyshift knows: any trusted form
    /// submission on this page is the New Token form being sent.
    pub submits: bool,
}

/// A block that could not be read; the rest of the plan stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockError {
    pub block: ElementId,
    pub error: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub page: PageKind,
    pub notes: Vec<Note>,
    pub done: Option<DoneGuard>,
    pub watch: Option<Watch>,
    /// The judgement on the page's most convincing full token, if it shows any: which
    /// evidence decided (for tests and the missed-page report).
    pub verdict: Option<Verdict>,
    pub errors: Vec<BlockError>,
    /// Above a list with several warnings: one line that counts them (`list::summary`).
    pub summary: Option<Summary>,
    /// The page's own colour scheme, which the notes take (`look::theme`).
    pub theme: Theme,
}

pub struct Analysis {
    pub plan: Plan,
    pub tokens: Vec<FoundToken>,
    /// On a token list: its rows as facts for the account's token health (never sent to
    /// the page).
    pub health: Vec<crate::health::TokenFact>,
    /// The reveal this page shows now, or showed before (`Context::revealed`).
    pub reveal: Option<RevealAt>,
    /// Tokens the page names by a shortened form, outside lists' rows first (a "token
    /// created" line), at most `MAX_SHORTENED`.
    pub shortened: Vec<Shortened>,
}

/// What the analysis needs besides the snapshot.
pub struct Context<'a> {
    /// The user's own calendar day.
    pub today: Date,
    pub salt: &'a Salt,
    /// Dismissed legacy-key warnings.
    pub dismissed: &'a Dismissals,
    /// Whether full tokens are captured at all (a policy can turn it off).
    pub capture: bool,
    pub situation: Situation,
    /// What this tab's New Token form said a moment ago, if it was just submitted.
    pub submitted: Option<&'a Label>,
    /// Whether Keyshift holds a token now (a field may offer to fill it).
    pub holding: bool,
    /// This tab followed a replacement link for a token of this kind a moment ago.
    pub replacing: Option<TokenKind>,
    /// Where this page, judged a reveal earlier, showed its token (its dialog, or the page),
    /// while its Done is still guarded: a part of it read again finds its Done there.
    pub revealed: Option<Region>,
}

fn names_expiry(text: Option<&str>) -> bool {
    text.is_some_and(|t| words::EXPIRES_HEADER.in_text(&fold(t)))
}

/// Per row: where a token reference stands, and the row's expiry cell.
#[derive(Default)]
struct Rows<'a> {
    refs: HashMap<ElementId, (ElementId, Span)>,
    expiry: Vec<(ElementId, &'a Block)>,
}

/// Finds what the page shows and decides what to say about it.
pub fn analyze(snapshot: &Snapshot, ctx: &Context) -> Analysis {
    let addr = address(&snapshot.page.url);
    let origin = addr.map(|a| a.origin);
    let reading =
        PageReading::new(&snapshot.page, &snapshot.regions, addr.map_or("", |a| a.host), addr.map_or("", |a| a.path));
    let row_texts: HashMap<ElementId, &str> = snapshot.rows.iter().map(|r| (r.id, r.text.as_str())).collect();
    let mut plan = Plan {
        page: PageKind::Other,
        notes: Vec::new(),
        done: None,
        watch: None,
        verdict: None,
        errors: Vec::new(),
        summary: None,
        theme: theme(&snapshot.page.look),
    };
    let mut tokens: Vec<FoundToken> = Vec::new();
    let mut reveal_region = None;
    let mut rows = Rows::default();
    let mut shortened = Vec::new();

    // Text and values first, so a token shown both in text and in a copy button's
    // attribute gets its note beside the visible one.
    let visible = snapshot.blocks.iter().filter(|b| b.source != Source::Attr);
    for block in visible.chain(snapshot.blocks.iter().filter(|b| b.source == Source::Attr)) {
        if let Err(e) = block.check() {
            plan.errors.push(BlockError { block: block.id, error: e.name(), message: e.to_string() });
            continue;
        }
        let joined = Joined::new(&block.segs);
        if let Some(row) =
            block.row.filter(|_| names_expiry(block.header.as_deref()) || names_expiry(block.label.as_deref()))
        {
            rows.expiry.push((row, block));
        }
        for finding in joined.findings() {
            let span = joined.span(&finding);
            let value = finding.text(&joined.text);
            match finding.kind {
                FindingKind::Token if !ctx.capture => {}
                FindingKind::Token => {
                    let verdict = judge(&reading, block, &joined.text, finding.start, finding.end, ctx.situation);
                    let reveal = verdict.reveal;
                    if plan.verdict.as_ref().is_none_or(|v| (verdict.reveal, verdict.score) > (v.reveal, v.score)) {
                        plan.verdict = Some(verdict.clone());
                    }
                    let fingerprint = ctx.salt.of(value);
                    if !reveal || tokens.iter().any(|t| t.fingerprint == fingerprint) {
                        continue;
                    }
                    reveal_region.get_or_insert(verdict.region);
                    let (label, named_by_user) = label_of(snapshot, verdict.region, ctx.submitted);
                    tokens.push(FoundToken {
                        block: block.id,
                        span,
                        token: Secret::new(value.to_owned()),
                        fingerprint,
                        label,
                        named_by_user,
                        rank: verdict.rank,
                    });
                }
                FindingKind::TokenRef => {
                    if let Some(row) = block.row {
                        rows.refs.entry(row).or_insert((block.id, span));
                    }
                    if shortened.len() < MAX_SHORTENED {
                        shortened.push((block.row.is_some(), Shortened { block: block.id, span, shown: value.into() }));
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
                        row: block.row.and_then(|r| row_texts.get(&r).copied()),
                    };
                    if legacy_key_reason(&around).is_none() {
                        continue;
                    }
                    let print = ctx.salt.of(&value.to_ascii_lowercase());
                    if ctx.dismissed.contains(&print) {
                        continue;
                    }
                    plan.notes.push(Note {
                        action: replace::link(origin, replace::kind_for(around.row)),
                        dismiss: Some(print),
                        ..Note::new(block.id, span, NoteKind::LegacyKey, legacy_message())
                    });
                }
            }
        }
    }
    let order = numeric_order(&rows, &snapshot.page.lang);
    expiry_notes(&rows, &row_texts, order, ctx.today, origin, &mut plan.notes);

    let headings: Vec<&str> = snapshot.page.headings.iter().map(|h| h.text.as_str()).collect();
    let controls: Vec<&str> = snapshot.page.controls.iter().map(|c| c.label.as_str()).collect();
    let path = addr.map_or("", |a| a.path);
    plan.page = if tokens.is_empty() {
        classify(&PageFacts { path, title: &snapshot.page.title, headings: &headings, controls: &controls })
    } else {
        PageKind::TokenReveal
    };
    fields::notes(snapshot, ctx, origin, &mut plan.notes);
    let forms = new_token_forms(snapshot, plan.page);
    if !forms.is_empty() {
        let watched = watch(snapshot, &forms);
        if let Some(kind) = ctx.replacing {
            replace::mark_choice(kind, &watched.controls, &snapshot.page.controls, &mut plan.notes);
        }
        plan.watch = Some(watched);
    }
    list::compact(snapshot, &mut plan.notes);
    let health = if plan.page == PageKind::TokenList {
        health::facts(snapshot, &plan.notes, order, ctx.today)
    } else {
        Vec::new()
    };
    let confirmed = ctx.situation.just_submitted;
    let reveal =
        reveal_region.or(ctx.revealed).map(|region| RevealAt { region, exits: exits(&reading, region, confirmed) });
    shortened.sort_by_key(|(in_row, _)| *in_row);
    let shortened = shortened.into_iter().map(|(_, s)| s).collect();
    Analysis { plan, tokens, health, reveal, shortened }
}

/// How the page writes numeric dates: its expiry column's own values decide first, then
/// its language; else ambiguous dates stay unread.
fn numeric_order(rows: &Rows, lang: &str) -> Option<NumericOrder> {
    let cells: Vec<String> = rows.expiry.iter().map(|(_, b)| b.segs.concat()).collect();
    order_from_column(cells.iter().map(String::as_str)).or_else(|| order_for_lang(lang))
}

/// Expired and expiring tokens get the same replacement link as legacy keys: the fix is
/// the same.
fn expiry_notes(
    rows: &Rows,
    row_texts: &HashMap<ElementId, &str>,
    order: Option<NumericOrder>,
    today: Date,
    origin: Option<&str>,
    notes: &mut Vec<Note>,
) {
    for (row, block) in &rows.expiry {
        let Some((status, message)) =
            read_expiry(&block.segs.concat(), order, today).and_then(|e| expiry_message(e, today))
        else {
            continue;
        };
        // The note belongs beside the token the row names; failing that, beside the date.
        let (anchor, span) =
            rows.refs.get(row).copied().unwrap_or_else(|| (block.id, Joined::new(&block.segs).whole()));
        let kind = if status == ExpiryStatus::Expired { NoteKind::TokenExpired } else { NoteKind::TokenExpiring };
        let action = replace::link(origin, replace::kind_for(row_texts.get(row).copied()));
        notes.push(Note { action, ..Note::new(anchor, span, kind, message) });
    }
}

/// The token's name and kind as the user chose them on the New Token form; else the name
/// the reveal shows (a value labelled Name in the same dialog or page). Says whether the
/// name is the user's own.
fn label_of(snapshot: &Snapshot, region: Region, submitted: Option<&Label>) -> (Label, bool) {
    let shown = snapshot.blocks.iter().find_map(|b| {
        let named = b.region == region && b.label.as_deref().is_some_and(|l| words::NAME_LABEL.is(&fold(l)));
        let text = b.segs.concat();
        let text = text.trim();
        (named && !text.is_empty() && text.chars().count() <= 100 && Joined::new(&b.segs).findings().is_empty())
            .then(|| text.to_string())
    });
    let submitted = submitted.cloned().unwrap_or_default();
    let by_user = submitted.name.is_some();
    (Label { name: submitted.name.or(shown), kind: submitted.kind }, by_user)
}

mod fields;
mod form;
mod health;
mod list;
mod replace;
#[cfg(test)]
mod tests;
mod tokens;
