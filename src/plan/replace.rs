//! From a warning to the right new token. A legacy-key or expiry note on a token-list row
//! that names one of the vendor's prebuilt integrations (IT Glue, Ninja RMM, Pax 8,
//! Zapier) links to a prebuilt token for it; any other row, to Custom Permissions. When
//! the user follows the link, the New Token page marks that choice.

use super::{Action, Note, NoteKind};
use crate::policy::{Message, Param};
use crate::read::block::Joined;
use crate::read::integrations::TokenKind;
use crate::read::page::NEW_TOKEN_PATH;
use crate::read::snapshot::Control;
use crate::text::TextId;
use crate::words::fold;

/// The token that replaces one whose row says `row_text` (none: Custom Permissions).
pub(super) fn kind_for(row_text: Option<&str>) -> TokenKind {
    row_text.and_then(|t| TokenKind::named_in(&fold(t))).unwrap_or(TokenKind::Custom)
}

/// The link to the New Token page of the site the note is on, for a token of `kind`.
pub(super) fn link(origin: Option<&str>, kind: TokenKind) -> Option<Action> {
    let label = match kind.vendor_name() {
        Some(name) => Message::new(TextId::CreatePrebuiltToken, vec![Param::Name(name.into())]),
        None => Message::new(TextId::CreateReplacementToken, vec![]),
    };
    origin.map(|o| Action { label, href: format!("{o}{NEW_TOKEN_PATH}"), kind })
}

/// On the New Token page a replacement link led to: a note beside the choice that makes
/// the right token (the prebuilt one, or Custom Permissions' Create button, named as the
/// page names it: `shown` are the page's controls with their labels).
pub(super) fn mark_choice(
    kind: TokenKind,
    controls: &[(crate::ids::ElementId, TokenKind)],
    shown: &[Control],
    notes: &mut Vec<Note>,
) {
    let want = if kind == TokenKind::Unknown { TokenKind::Custom } else { kind };
    let Some(&(control, _)) = controls.iter().find(|(_, k)| *k == want) else { return };
    let message = match want.vendor_name() {
        Some(name) => Message::new(TextId::ReplaceWithPrebuilt, vec![Param::Name(name.into())]),
        None => {
            let label = shown.iter().find(|c| c.id == control).map(|c| c.label.as_str());
            Message::new(TextId::ReplaceWithCustom, vec![Param::label(label, TextId::CreateWord)])
        }
    };
    notes.push(Note::new(control, Joined::new::<&str>(&[]).whole(), NoteKind::ReplacementChoice, message));
}
