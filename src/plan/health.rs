//! The token list, read as facts for the account's token health (`keep::health`): per row,
//! its name, kind, the token as shown (shortened, never whole), expiry, permissions and
//! whether it holds a legacy key. Columns are found by their headers' meaning, in every
//! language Keyshift reads; nothing here is shown to the page.

use super::{Note, NoteKind};
use crate::dates::{read_expiry, Date, NumericOrder};
use crate::health::TokenFact;
use crate::ids::ElementId;
use crate::read::block::Joined;
use crate::read::integrations::TokenKind;
use crate::read::scan::FindingKind;
use crate::read::snapshot::{Block, Snapshot, Source};
use crate::words::{self, fold, Words};
use std::collections::HashMap;

fn under(block: &Block, header: &Words) -> bool {
    block.header.as_deref().is_some_and(|h| {
        let h = fold(h);
        header.is(&h) || header.in_text(&h)
    })
}

fn text(block: &Block) -> String {
    block.segs.concat().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The token list's rows as facts; rows that show no token, key or expiry are left out.
pub(super) fn facts(snapshot: &Snapshot, notes: &[Note], order: Option<NumericOrder>, today: Date) -> Vec<TokenFact> {
    let mut cells: HashMap<ElementId, Vec<&Block>> = HashMap::new();
    for b in snapshot.blocks.iter().filter(|b| b.source == Source::Text) {
        if let Some(row) = b.row {
            cells.entry(row).or_default().push(b);
        }
    }
    let mut out = Vec::new();
    for row in &snapshot.rows {
        let Some(cells) = cells.get(&row.id) else { continue };
        let legacy = notes.iter().any(|n| n.kind == NoteKind::LegacyKey && cells.iter().any(|c| c.id == n.block));
        let shown = cells.iter().find_map(|c| {
            let joined = Joined::new(&c.segs);
            joined
                .findings()
                .into_iter()
                .find(|f| f.kind == FindingKind::TokenRef)
                .map(|f| f.text(&joined.text).to_string())
        });
        let expires = cells
            .iter()
            .find(|c| under(c, &words::EXPIRES_HEADER))
            .map(|c| read_expiry(&text(c), order, today))
            .unwrap_or(None);
        if !legacy && shown.is_none() && expires.is_none() {
            continue;
        }
        let permissions = cells.iter().find(|c| under(c, &words::PERMISSIONS_HEADER)).map(|c| text(c));
        let name = cells
            .iter()
            .find(|c| under(c, &words::NAME_HEADER))
            .map(|c| text(c))
            .unwrap_or_else(|| cells.first().map(|c| text(c)).unwrap_or_default());
        let all_permissions = legacy
            || permissions.as_deref().is_some_and(|p| {
                let p = fold(p);
                words::ALL_PERMISSIONS.is(&p)
                    || p.split([' ', '(', ')']).next().is_some_and(|w| words::ALL_PERMISSIONS.is(w))
            });
        out.push(TokenFact {
            kind: TokenKind::named_in(&fold(&row.text)).unwrap_or(TokenKind::Custom),
            name,
            shown: if legacy { String::new() } else { shown.unwrap_or_default() },
            expires,
            permissions,
            all_permissions,
            legacy,
        });
    }
    out
}
