//! The New Token form, wherever it is (the page, or a dialog the token list opens): which
//! of its controls submit it and as which kind of token, and where the name is typed.

use super::Watch;
use crate::ids::{ElementId, Region};
use crate::read::integrations::TokenKind;
use crate::read::page::PageKind;
use crate::read::snapshot::Snapshot;
use crate::words::{self, fold};

/// Where the New Token form is: the page itself (`None`), or dialogs whose name or
/// headings say so (a modal opened from the token list).
pub(super) fn new_token_forms(snapshot: &Snapshot, page: PageKind) -> Vec<Region> {
    let mut forms: Vec<Region> = Vec::new();
    if page == PageKind::NewToken {
        forms.push(Region::Page);
    }
    let says = |t: &str| words::NEW_TOKEN.in_text(&fold(t));
    for region in &snapshot.regions {
        let headed = snapshot.page.headings.iter().any(|h| h.region == Region::Dialog(region.id) && says(&h.text));
        if says(&region.name) || headed {
            forms.push(Region::Dialog(region.id));
        }
    }
    forms
}

/// On the New Token form: which controls submit it, as which kind of token, and where
/// the name is typed.
pub(super) fn watch(snapshot: &Snapshot, forms: &[Region]) -> Watch {
    let controls: Vec<(ElementId, TokenKind)> = snapshot
        .page
        .controls
        .iter()
        .filter(|c| forms.contains(&c.region))
        .filter_map(|c| {
            let label = fold(&c.label);
            let kind = TokenKind::named_in(&label)
                .or_else(|| words::CREATE_TOKEN_CONTROL.is(&label).then_some(TokenKind::Custom))?;
            Some((c.id, kind))
        })
        .collect();
    let named = |f: &crate::read::snapshot::Field| {
        forms.contains(&f.region)
            && [&f.label, &f.name, &f.placeholder]
                .into_iter()
                .flatten()
                .any(|t| words::NAME_LABEL.is(&fold(t)) || fold(t).ends_with("[name]"))
    };
    let submits = controls.is_empty();
    Watch { controls, name: snapshot.fields.iter().find(|f| named(f)).map(|f| f.id), submits }
}
