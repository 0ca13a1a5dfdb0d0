//! The named replies the extension's pages read (`asks` pairs each with its request); the
//! backend answers with the same types.

use crate::keep::capture::{HeldView, Secret};
use crate::keep::dismissals::Dismissal;
use crate::keep::settings::{Locked, Settings};
use crate::read::page::PageKind;
use crate::reveal::Verdict;
use serde::{Deserialize, Serialize};

/// Held tokens, masked.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeldList {
    pub held: Vec<HeldView>,
}

/// What the popup shows: held tokens, the settings in force (for honest empty states),
/// and whether Keyshift works on the tab it was opened over.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Opened {
    pub held: Vec<HeldView>,
    pub settings: Settings,
    pub locked: Vec<Locked>,
    pub enabled: bool,
    /// Warnings on the page the popup's tab shows (the badge's number).
    pub flagged: u32,
    /// The page the popup's tab shows has a field that takes a token (its content script
    /// read one): Fill in is each row's main action there.
    #[serde(rename = "fillHere")]
    pub fill_here: bool,
    /// The accounts' token health, the tab's account first (`keep::health`).
    pub health: Vec<crate::health::View>,
}

/// An account's token health as CSV, for the MSP's own documentation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Csv {
    pub csv: String,
}

/// The full token: only ever sent to the extension's own pages. It stays a `Secret`
/// (wiped on drop) until the clipboard or the fill takes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Revealed {
    pub token: Secret,
}

/// The settings in force, and which of them a policy decides.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InForce {
    pub settings: Settings,
    pub locked: Vec<Locked>,
}

/// Dismissed warnings, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DismissedList {
    pub dismissed: Vec<Dismissal>,
}

/// How the engine last judged the page in a tab.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Judged {
    pub page: Option<PageKind>,
    pub verdict: Option<Verdict>,
}

/// After a fill: whether the token was forgotten at once (the option says so).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Filled {
    pub forgotten: bool,
}
