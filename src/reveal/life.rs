//! A reveal's lifetime: open → copied (by Keyshift, the user or the page) or left on
//! purpose. The content script reports what happened; this decides what it means. One
//! table of transitions (`step`), so every event from every stage has one answer.

use serde::{Deserialize, Serialize};

/// How sure Keyshift is that a token on screen is the user's fresh one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rank {
    /// The page's evidence alone.
    #[default]
    Judged,
    /// This tab sent the New Token (or Clone) form on this origin moments before.
    Confirmed,
}

/// Who copied a token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CopiedBy {
    /// Keyshift's Copy button, on the note, the question or the popup.
    #[default]
    Keyshift,
    /// The user's own copy: a selection and Ctrl+C, or a copy event carrying the token.
    User,
    /// A trusted press on the page's own copy control for the token, in its region.
    Page,
}

/// A way out of a reveal, as the content script saw it happen (trusted events only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exit {
    /// A press on a Done-like or close control of the reveal's region.
    #[default]
    Activate,
    /// Escape while the reveal's dialog is open.
    Escape,
    /// A press on the dialog's backdrop.
    Backdrop,
    /// A form in the region sent (a submit button, or Enter in a field).
    Submit,
    /// A link that leaves the reveal (another page, or another route of the same app).
    Link,
    /// The page took the token off the screen by itself (its own timer, a re-render).
    Removed,
}

/// Where a capture is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// On screen, neither copied nor answered.
    Open,
    /// Copied or filled into an integration: losing the page costs nothing.
    Copied(CopiedBy),
    /// The user said "I've saved it, continue".
    Left,
}

/// What the content script does with the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// Hold the way out back and ask: the token was neither copied nor left on purpose.
    Confirm,
    /// Let it through.
    Allow,
    /// The token is gone from the page, but Keyshift keeps it: say so, and where.
    Kept,
}

/// The one table: what an exit means at each stage. `held`: Keyshift still keeps the
/// token itself (the toolbar can copy it).
pub fn step(stage: Stage, exit: Exit, held: bool) -> Decision {
    match (stage, exit) {
        (Stage::Copied(_) | Stage::Left, _) => Decision::Allow,
        // Nothing can hold back a page that removes its own token: the safety net is the
        // toolbar, if it still has the token.
        (Stage::Open, Exit::Removed) if held => Decision::Kept,
        (Stage::Open, Exit::Removed) => Decision::Allow,
        (Stage::Open, Exit::Activate | Exit::Escape | Exit::Backdrop | Exit::Submit | Exit::Link) => Decision::Confirm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const EXITS: [Exit; 6] = [Exit::Activate, Exit::Escape, Exit::Backdrop, Exit::Submit, Exit::Link, Exit::Removed];
    const STAGES: [Stage; 5] = [
        Stage::Open,
        Stage::Copied(CopiedBy::Keyshift),
        Stage::Copied(CopiedBy::User),
        Stage::Copied(CopiedBy::Page),
        Stage::Left,
    ];

    #[test]
    fn every_exit_from_every_stage() {
        for stage in STAGES {
            for exit in EXITS {
                for held in [true, false] {
                    let want = match (stage, exit) {
                        (Stage::Open, Exit::Removed) if held => Decision::Kept,
                        (Stage::Open, Exit::Removed) => Decision::Allow,
                        (Stage::Open, _) => Decision::Confirm,
                        _ => Decision::Allow,
                    };
                    assert_eq!(step(stage, exit, held), want, "{stage:?} {exit:?} held={held}");
                }
            }
        }
    }

    #[test]
    fn a_confirmed_rank_outranks_a_judged_one() {
        assert!(Rank::Confirmed > Rank::Judged);
        assert_eq!(Rank::default(), Rank::Judged);
    }
}
