//! Every way out of a reveal, for the content script to hold back while its token is
//! neither copied nor left on purpose: the region's Done-like and close controls, its
//! dialog's Escape and backdrop, a form sent from it, a link that leaves it. And the
//! page's own copy controls there, whose trusted press counts as the user's copy.

use super::PageReading;
use crate::ids::{ElementId, Region};
use crate::words::{self, Words};

/// Labels of a close control that are a glyph, not a word (a dialog header's ×).
const CLOSE_GLYPHS: &[&str] = &["×", "✕", "✖", "x", "╳"];

/// The controls of a reveal's region, sorted into ways out and copy controls.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exits {
    pub primary: Option<ElementId>,
    /// The primary's label, when it is a word (Done, Close) and not a glyph (×).
    pub named: Option<String>,
    pub exits: Vec<ElementId>,
    pub copies: Vec<ElementId>,
}

fn is_close(label: &str) -> bool {
    words::CLOSE_CONTROL.is(label) || CLOSE_GLYPHS.contains(&label.trim())
}

/// Sorts a region's controls. `confirmed`: this tab just sent the New Token form, so the
/// page is a reveal whatever its language; when none of its controls reads as Done or
/// Close in a language Keyshift knows, every control there but a copy control is a way
/// out (asking once too often beats losing the token).
pub fn exits(reading: &PageReading, region: Region, confirmed: bool) -> Exits {
    let controls: Vec<_> = reading.controls_in(region).collect();
    let pick = |test: &dyn Fn(&str) -> bool| -> Vec<ElementId> {
        controls.iter().filter(|(label, _)| test(label)).map(|(_, c)| c.id).collect()
    };
    let is = |w: &'static Words| move |l: &str| w.is(l);
    let done = pick(&is(&words::DONE_CONTROL));
    let close = pick(&is_close);
    let copies = pick(&|l: &str| words::COPY_CONTROL.is(l));
    let mut exits: Vec<ElementId> = done.iter().chain(&close).copied().collect();
    if exits.is_empty() && confirmed {
        exits = controls.iter().map(|(_, c)| c.id).filter(|id| !copies.contains(id)).collect();
    }
    let primary = done.first().or(close.first()).or(exits.last()).copied();
    // As the page writes it (the folded label reads, the page's own words are shown).
    let named = primary
        .and_then(|p| controls.iter().find(|(_, c)| c.id == p))
        .filter(|(label, _)| words::DONE_CONTROL.is(label) || words::CLOSE_CONTROL.is(label))
        .map(|(_, c)| c.label.trim().to_owned());
    Exits { primary, named, exits, copies }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::snapshot::{Control, Dialog, PageInfo};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn page(controls: &[(u32, &str, Option<u32>)]) -> PageInfo {
        PageInfo {
            url: "https://acme.repairshopr.com/api_tokens/new".into(),
            controls: controls
                .iter()
                .map(|(id, l, r)| Control {
                    id: ElementId(*id),
                    label: l.to_string(),
                    region: r.map_or(Region::Page, Region::from),
                })
                .collect(),
            ..PageInfo::default()
        }
    }

    fn sorted(page: &PageInfo, region: Region, confirmed: bool) -> Exits {
        let regions = [Dialog { id: ElementId(9), name: "Token".into() }];
        exits(&PageReading::new(page, &regions, "acme.repairshopr.com", "/api_tokens/new"), region, confirmed)
    }

    #[test]
    fn done_close_and_the_header_cross_are_ways_out_copy_is_not() {
        let p = page(&[(1, "Copy", Some(9)), (2, "×", Some(9)), (3, "Done", Some(9)), (4, "Help", None)]);
        let e = sorted(&p, Region::Dialog(ElementId(9)), false);
        assert_eq!(
            e,
            Exits {
                primary: Some(ElementId(3)),
                named: Some("Done".into()),
                exits: vec![ElementId(3), ElementId(2)],
                copies: vec![ElementId(1)]
            }
        );
    }

    #[test]
    fn in_an_unknown_language_after_a_submit_every_control_but_copy_guards() {
        let p = page(&[(1, "Kopiera", Some(9)), (2, "Copy", Some(9)), (3, "Klar nu", Some(9))]);
        assert_eq!(
            sorted(&p, Region::Dialog(ElementId(9)), true),
            Exits {
                primary: Some(ElementId(3)),
                named: None,
                exits: vec![ElementId(1), ElementId(3)],
                copies: vec![ElementId(2)]
            }
        );
        assert_eq!(
            sorted(&p, Region::Dialog(ElementId(9)), false),
            Exits { primary: None, named: None, exits: vec![], copies: vec![ElementId(2)] }
        );
    }
}
