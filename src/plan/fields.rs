//! Notes beside the field an integration takes the token in, on the pages the content
//! script reads (the vendor's API docs, a custom domain): a legacy key still in it, and
//! the offer to fill a held token. Which field that is, `fill` decides.

use super::{replace, Note, NoteKind};
use crate::policy::{legacy_message, Message};
use crate::read::block::Joined;
use crate::read::fill::{find, Holds};
use crate::read::page::address;
use crate::read::scan::FindingKind;
use crate::read::snapshot::{Snapshot, Source};
use crate::text::TextId;

use super::Context;

/// Adds the field's note, or marks the legacy-key note already beside it.
pub(super) fn notes(snapshot: &Snapshot, ctx: &Context, origin: Option<&str>, notes: &mut Vec<Note>) {
    let Some(addr) = address(&snapshot.page.url) else { return };
    let docs = crate::read::fill::vendor_api_docs(addr.host, &snapshot.page.title);
    // On the vendor's own hosts only its API docs take a token: a form on a tenant
    // subdomain (anyone's) must not get Keyshift's voice offering to fill it.
    if crate::read::page::is_vendor_host(addr.host) && !docs {
        return;
    }
    // The best field only: a page asks for its token once.
    let Some(best) = find(&snapshot.fields, &snapshot.page.title, docs).into_iter().next() else { return };
    if let Some(note) = notes.iter_mut().find(|n| n.block == best.id && n.kind == NoteKind::LegacyKey) {
        note.fill = ctx.holding;
        return;
    }
    match best.holds {
        Holds::LegacyKey => {
            // The key itself is in the field's value block: its fingerprint makes the note
            // dismissable like any legacy-key note.
            let value = snapshot.blocks.iter().find(|b| b.id == best.id && b.source == Source::Value);
            let Some((block, joined)) = value.map(|b| (b, Joined::new(&b.segs))) else { return };
            let Some(uuid) = joined.findings().into_iter().find(|f| f.kind == FindingKind::Uuid) else { return };
            let print = ctx.salt.of(&uuid.text(&joined.text).to_ascii_lowercase());
            if ctx.dismissed.contains(&print) {
                return;
            }
            notes.push(Note {
                action: replace::link(origin, crate::read::integrations::TokenKind::Custom),
                dismiss: Some(print),
                fill: ctx.holding,
                ..Note::new(block.id, joined.span(&uuid), NoteKind::LegacyKey, legacy_message())
            });
        }
        Holds::Empty | Holds::Other if ctx.holding => {
            let span = Joined::new::<&str>(&[]).whole();
            notes.push(Note {
                fill: true,
                ..Note::new(best.id, span, NoteKind::FillField, Message::new(TextId::FillHint, vec![]))
            });
        }
        _ => {}
    }
}
