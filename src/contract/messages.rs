//! The contract between the shell and the engine: requests, replies, the effects the
//! shell applies, and what lives in storage. `backend` decides; this module only says
//! what crosses.

use crate::dates::Date;
use crate::ids::{CaptureId, Millis, TabId};
use crate::keep::capture::{CaptureStore, DoneDecision};
use crate::keep::clipboard::ClipboardClears;
use crate::keep::dismissals::Dismissal;
use crate::keep::fingerprint::Fingerprint;
use crate::keep::settings::{Managed, Settings};
use crate::plan::Plan;
use crate::policy::Message;
use crate::read::integrations::TokenKind;
use crate::read::snapshot::Snapshot;
use serde::{Deserialize, Serialize};

pub use super::replies::{Csv, DismissedList, Filled, HeldList, InForce, Judged, Opened, Revealed};

/// What the shell knows of a message's sender (from `runtime.onMessage`'s `sender`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sender {
    /// `sender.id`: the extension that sent it.
    pub id: Option<String>,
    pub url: Option<String>,
    pub tab: Option<TabId>,
    /// `sender.frameId`: 0 is the tab's top frame.
    pub frame: Option<i64>,
    /// `sender.tab.url`: the top page's address (absent where Keyshift has no access).
    pub tab_url: Option<String>,
}

/// The time, and where the user's calendar day begins (minutes east of UTC, what
/// JavaScript's `-new Date().getTimezoneOffset()` gives).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    /// Milliseconds since the Unix epoch.
    pub now: Millis,
    /// Minutes east of UTC.
    pub offset_minutes: i32,
}

impl Clock {
    /// The time `now`, on a UTC calendar.
    pub fn at(now: Millis) -> Clock {
        Clock { now, offset_minutes: 0 }
    }

    /// The user's calendar day.
    pub fn today(self) -> Date {
        Date::local(self.now.0, self.offset_minutes)
    }
}

/// A message to the background, written `{ "kind": { ...fields } }`. (Externally tagged:
/// it decodes in one pass, where a `type` field would make serde buffer the whole message.)
/// The extension's pages send theirs as values of this type (`asks`); what only a content
/// script sends is never written from Rust.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    /// A content script starting, before the page is read: wakes the background, so the
    /// engine loads while the page finishes loading.
    #[serde(skip_serializing)]
    Hello(NoFields),
    /// What a page shows: answered with a plan.
    #[serde(skip_serializing)]
    Scan {
        /// The page's blocks and landmarks.
        snapshot: Snapshot,
    },
    /// A captured token was copied (by a note or the popup, or by the user or the page:
    /// the content script saw a copy event carrying it, or a press on the page's own copy
    /// control).
    Copied(CopyRef),
    /// A trusted way out of a reveal (a press on Done, Escape, the backdrop…).
    #[serde(skip_serializing)]
    DoneClicked(ExitRef),
    /// The user chose to leave a reveal without copying.
    #[serde(skip_serializing)]
    DoneSkipped(CaptureRef),
    /// The page showed a captured token on screen, in a visible tab, for a moment.
    #[serde(skip_serializing)]
    Viewed(CaptureRef),
    /// The user submitted the New Token form in this tab.
    #[serde(skip_serializing)]
    Submitted(Submitted),
    /// The user dismissed a legacy-key note.
    #[serde(skip_serializing)]
    Dismiss(FingerprintRef),
    /// The user followed a note's link to replace a token (of this kind) in this tab.
    #[serde(skip_serializing)]
    Replacing(Replacing),
    /// The user asked a field's note to fill a held token: open Keyshift's own window
    /// for this tab, where the user chooses and confirms.
    #[serde(skip_serializing)]
    FillOpen(NoFields),
    /// The popup filled a held token into a page's field.
    Filled(CaptureRef),
    /// The popup opening: everything it shows in one answer.
    Popup(Here),
    /// The missed-page report: how the engine last judged the page in that tab.
    PageVerdict(Here),
    /// Held tokens, masked.
    ListHeld(Here),
    /// One held token, whole: only for the extension's own pages.
    RevealHeld(CaptureRef),
    /// Forget one held token.
    Forget(CaptureRef),
    /// Forget every held token.
    ForgetAll(NoFields),
    /// The settings in force and what a policy locks.
    GetSettings(NoFields),
    /// Save the user's settings.
    SetSettings {
        /// What the options page asks for.
        settings: Settings,
    },
    /// Fingerprints of dismissed notes.
    ListDismissed(NoFields),
    /// Bring a dismissed note back.
    Undismiss(FingerprintRef),
    /// An account's token health as CSV.
    HealthCsv(OriginRef),
    /// Forget what Keyshift knows of every account's tokens.
    ClearHealth(NoFields),
    /// Test builds only: makes the engine panic, to prove the shell recovers from it.
    #[cfg(feature = "fault-injection")]
    #[serde(skip_serializing)]
    Crash(NoFields),
}

// Shared bodies: one decoder each, however many requests carry them.

/// `{ "capture": id }`
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureRef {
    pub capture: CaptureId,
}

/// `{ "capture": id, "by"?: "keyshift" | "user" | "page" }`
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyRef {
    pub capture: CaptureId,
    #[serde(default)]
    pub by: crate::keep::capture::CopiedBy,
}

/// `{ "capture": id, "how"?: "activate" | "escape" | "backdrop" | "submit" | "link" | "removed" }`
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitRef {
    pub capture: CaptureId,
    #[serde(default)]
    pub how: crate::keep::capture::Exit,
}

/// `{ "fingerprint": "<32 hex digits>" }`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FingerprintRef {
    pub fingerprint: Fingerprint,
}

/// `{ "kind": "custom", "name": "n8n workflows" }`: what the New Token form was sent with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submitted {
    /// The kind the plan's watch named for the pressed control (`unknown` for a form
    /// sent any other way).
    pub kind: TokenKind,
    #[serde(default)]
    pub name: Option<String>,
    /// The labels of what the user chose in the form: a checked radio, a selected option
    /// or tab. A prebuilt choice there names the kind when the control does not.
    #[serde(default)]
    pub chosen: Vec<String>,
}

impl Submitted {
    /// The kind of token the user asked for: the pressed control's own prebuilt name,
    /// else the one prebuilt choice among what they selected, else a custom token.
    pub fn kind(&self) -> TokenKind {
        let prebuilt = |k: TokenKind| !matches!(k, TokenKind::Unknown | TokenKind::Custom);
        if prebuilt(self.kind) {
            return self.kind;
        }
        let mut named = self.chosen.iter().filter_map(|c| TokenKind::named_in(&crate::words::fold(c)));
        match (named.next(), named.next()) {
            (Some(kind), None) => kind,
            _ => TokenKind::Custom,
        }
    }
}

/// `{ "kind": "zapier" }`: the token a replacement link is for.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacing {
    pub kind: TokenKind,
}

/// `{ "tab": 12, "url": "https://…" }`: the tab the popup was opened over, if known.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Here {
    #[serde(default)]
    pub tab: Option<TabId>,
    #[serde(default)]
    pub url: Option<String>,
}

/// `{ "origin": "https://acme.syncromsp.com" }`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginRef {
    pub origin: String,
}

/// `{}`
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

/// A reply, written as its fields alone (`{ "plan": … }`, `{ "held": […] }`): each request
/// has one kind of reply, so the asker knows what to read. The replies the extension's
/// pages read are named types (`asks` pairs each with its request).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Reply {
    Plan {
        plan: Plan,
    },
    /// What to tell the user (when the clipboard will be cleared, if it will). A copy
    /// settles the reveal (`reveal::life`): nothing is guarded after it.
    Copied {
        said: Message,
    },
    Done {
        decision: DoneDecision,
    },
    Held(HeldList),
    Popup(Opened),
    Revealed(Revealed),
    Settings(InForce),
    Dismissed(DismissedList),
    Verdict(Judged),
    /// Whether to empty the clipboard now.
    Clipboard {
        clear: bool,
    },
    Filled(Filled),
    Csv(Csv),
    Ok {},
}

/// What the shell must do after a request, besides replying.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Effects {
    /// Write this to `storage.session` (held tokens or pending clears changed).
    pub session: Option<Session>,
    /// Write these to local storage (settings or dismissals changed): the user's own
    /// settings, not the ones a policy decides.
    pub settings: Option<Settings>,
    /// The custom domains in force, as the match patterns to hold access for and run the
    /// content script on (`keep::hosts`): register these, and give back access to any other.
    pub host_patterns: Option<Vec<String>>,
    pub dismissed: Option<Vec<Dismissal>>,
    /// Write this to local storage: what each account's token list last said.
    pub health: Option<crate::health::Health>,
    /// A new salt to keep (first start).
    pub salt: Option<String>,
    /// Schedule the next `tick` at this time (ms since epoch); `None`: clear the alarm,
    /// nothing is held any more.
    pub alarm_at: Option<Millis>,
    /// A clipboard clear is due: read the clipboard and pass it to `clipboard`.
    pub read_clipboard: bool,
    /// Open Keyshift's fill window over this tab (a field's note asked).
    pub open_fill: Option<TabId>,
    /// The toolbar's badge and tooltip for each tab the engine knows (`backend::badges`).
    pub badges: Option<Vec<Badge>>,
    /// Reminders to show as notifications (`backend::remind`).
    pub notify: Option<Vec<Notice>>,
}

/// A reminder, as a notification titled `reminderTitle` with the token's name and its
/// account (page text, so not a message parameter); a click opens `url`, the account's
/// token list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// Names this reminder once: the same id never shows twice.
    pub id: String,
    pub name: String,
    pub account: String,
    pub message: Message,
    pub url: String,
}

/// What the toolbar says over one tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Badge {
    pub tab: TabId,
    pub kind: BadgeKind,
    /// The number on the badge (0: no number).
    pub count: u32,
    /// The tooltip.
    pub title: Message,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BadgeKind {
    /// Keyshift holds a new token from this tab (green).
    Kept,
    /// The page this tab shows carries warnings (amber).
    Flagged,
    /// Nothing to say here.
    None,
}

/// Counted refusals, for tests and diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// New tokens not kept because their site or tab had no room left.
    pub refused_captures: u32,
}

/// What lives in `storage.session`: memory only, gone when the browser closes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub held: CaptureStore,
    pub clears: ClipboardClears,
    /// What the engine knows of each page a tab shows (`keep::tabs`).
    pub tabs: crate::keep::tabs::Tabs,
    pub stats: Stats,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub reply: Reply,
    pub effects: Effects,
}

/// What the shell loads from storage when the background starts. Each part that cannot
/// be read (corrupt, or written by another version) starts afresh on its own.
#[derive(Debug, Default)]
pub struct State {
    /// The user's own settings.
    pub settings: Option<Settings>,
    /// An administrator's policy.
    pub managed: Option<Managed>,
    /// Dismissed warnings, in either stored form.
    pub dismissed: Vec<Dismissal>,
    /// The accounts' token health, as stored.
    pub health: Option<crate::health::Health>,
    /// The stored salt, as stored (32 hex digits).
    pub salt: Option<String>,
    /// Sixteen random bytes, for a salt if none is stored yet.
    pub fresh_salt: [u8; 16],
    /// `storage.session`: held tokens and what goes with them.
    pub session: Option<Session>,
    /// The Public Suffix List snapshot the extension ships (`psl.dat`), for custom domains.
    pub suffixes: Option<String>,
    /// This extension's `runtime.id`, and the origin of its own pages.
    pub self_id: String,
    /// `chrome-extension://<id>` or `moz-extension://<uuid>`.
    pub self_origin: String,
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
