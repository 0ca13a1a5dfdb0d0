//! The background's whole decision-making: who is asking, whether they may, and what the
//! answer and its side effects are. The shell only delivers messages and applies the
//! `Effects` (storage writes, alarms); the clock comes in as `now`.

use crate::capture::{Binding, CaptureStore, DoneDecision, HeldView, Millis};
use crate::error::Error;
use crate::page::{address, host_enabled};
use crate::plan::{analyze, Context, DoneGuard, Plan};
use crate::policy::Date;
use crate::snapshot::Snapshot;
use serde::{Deserialize, Serialize};

/// The user's settings (kept in `storage.local`: nothing secret in them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Settings {
    /// How long a captured token stays available to the popup; 0 = not at all.
    pub hold_minutes: u32,
    /// Custom domains: `help.example.com` or `*.example.com`.
    pub extra_hosts: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { hold_minutes: 10, extra_hosts: Vec::new() }
    }
}

pub const MAX_HOLD_MINUTES: u32 = 24 * 60;
pub const MAX_EXTRA_HOSTS: usize = 50;

impl Settings {
    pub fn check(&self) -> Result<(), Error> {
        if self.hold_minutes > MAX_HOLD_MINUTES {
            return Err(Error::BadSetting("the hold time can be at most 24 hours (1440 minutes)"));
        }
        if self.extra_hosts.len() > MAX_EXTRA_HOSTS {
            return Err(Error::BadSetting("at most 50 extra hosts"));
        }
        if !self.extra_hosts.iter().all(|h| valid_host_pattern(h)) {
            return Err(Error::BadSetting("an extra host must look like help.example.com or *.example.com"));
        }
        Ok(())
    }

    fn hold_ms(&self) -> Millis {
        Millis::from(self.hold_minutes) * 60_000
    }
}

/// `name.tld` or `*.name.tld`, letters, digits, dashes and dots only.
fn valid_host_pattern(pattern: &str) -> bool {
    let host = pattern.strip_prefix("*.").unwrap_or(pattern);
    let labels: Vec<&str> = host.split('.').collect();
    host.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// What the shell knows of a message's sender (from `runtime.onMessage`'s `sender`).
#[derive(Debug, Clone, Default)]
pub struct Sender {
    /// `sender.id`: the extension that sent it.
    pub id: Option<String>,
    pub url: Option<String>,
    pub tab: Option<i64>,
}

/// Who is asking, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A content script in a tab on an enabled host.
    Page(Binding),
    /// The popup or the options page.
    ExtensionPage,
}

/// A message to the background, written `{ "kind": { ...fields } }`. (Externally tagged:
/// it decodes in one pass, where a `type` field would make serde buffer the whole message.)
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    Scan { snapshot: Snapshot },
    Copied(CaptureRef),
    DoneClicked(CaptureRef),
    Dismiss(FingerprintRef),
    ListHeld(NoFields),
    RevealHeld(CaptureRef),
    Forget(CaptureRef),
    ForgetAll(NoFields),
    GetSettings(NoFields),
    SetSettings { settings: Settings },
    ListDismissed(NoFields),
    Undismiss(FingerprintRef),
}

// Shared bodies: one decoder each, however many requests carry them.

/// `{ "capture": id }`
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureRef {
    pub capture: u32,
}

/// `{ "fingerprint": "<32 hex digits>" }`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FingerprintRef {
    pub fingerprint: String,
}

/// `{}`
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Reply {
    Plan {
        plan: Plan,
    },
    /// Whether the page should keep guarding Done.
    Copied {
        guard: bool,
    },
    Done {
        decision: DoneDecision,
    },
    Held {
        held: Vec<HeldView>,
    },
    /// The full token: only ever sent to the extension's own pages.
    Revealed {
        token: crate::capture::Secret,
    },
    Settings {
        settings: Settings,
    },
    Dismissed {
        fingerprints: Vec<String>,
    },
    Ok,
}

/// What the shell must do after a request, besides replying.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Effects {
    /// Write this to `storage.session` (the held tokens changed).
    pub session: Option<CaptureStore>,
    /// Write these to `storage.local` (settings or dismissals changed).
    pub settings: Option<Settings>,
    pub dismissed: Option<Vec<String>>,
    /// Schedule the next `tick` at this time (ms since epoch); `None`: clear the alarm,
    /// nothing is held any more.
    pub alarm_at: Option<Millis>,
}

/// What a request changed, to be written back by the shell.
#[derive(Default)]
struct Changes {
    held: bool,
    dismissed: bool,
    settings: bool,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub reply: Reply,
    pub effects: Effects,
}

/// What the shell loads from storage when the background starts.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct State {
    pub settings: Option<Settings>,
    pub dismissed: Vec<String>,
    pub salt: String,
    pub held: Option<CaptureStore>,
    /// This extension's `runtime.id`, and the origin of its own pages.
    pub self_id: String,
    pub self_origin: String,
}

pub struct Backend {
    settings: Settings,
    /// Fingerprints of dismissed notes, sorted and unique.
    dismissed: Vec<String>,
    salt: String,
    store: CaptureStore,
    self_id: String,
    self_origin: String,
}

pub const MAX_DISMISSED: usize = 10_000;

/// What storage gave back, sorted and unique, as the binary searches expect. Stored lists
/// are already sorted, so this is one pass; anything else is rebuilt by insertion.
fn sorted_unique(mut list: Vec<String>) -> Vec<String> {
    list.truncate(MAX_DISMISSED);
    if list.windows(2).all(|w| w[0] < w[1]) {
        return list;
    }
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for item in list {
        if let Err(at) = out.binary_search(&item) {
            out.insert(at, item);
        }
    }
    out
}

impl Backend {
    pub fn new(state: State) -> Self {
        Backend {
            settings: state.settings.filter(|s| s.check().is_ok()).unwrap_or_default(),
            dismissed: sorted_unique(state.dismissed),
            salt: state.salt,
            store: state.held.unwrap_or_default(),
            self_id: state.self_id,
            self_origin: state.self_origin,
        }
    }

    /// Identifies the sender; anything not from this extension is refused.
    pub fn caller(&self, sender: &Sender) -> Result<Caller, Error> {
        if sender.id.as_deref() != Some(self.self_id.as_str()) || self.self_id.is_empty() {
            return Err(Error::NotAllowed("the message did not come from Keyshift"));
        }
        let url = sender.url.as_deref().unwrap_or_default();
        // The popup or options page, even when opened in a tab (it then has a tab id too).
        let own_page = !self.self_origin.is_empty()
            && url.strip_prefix(self.self_origin.as_str()).is_some_and(|rest| rest.starts_with('/'));
        if own_page {
            return Ok(Caller::ExtensionPage);
        }
        let tab = sender.tab.ok_or(Error::NotAllowed("the message came from an unknown context"))?;
        let addr = address(url).ok_or(Error::NotAllowed("Keyshift works only on https pages"))?;
        if !host_enabled(addr.host, &self.settings.extra_hosts) {
            return Err(Error::NotAllowed("Keyshift is not enabled on this site"));
        }
        Ok(Caller::Page(Binding { tab, origin: addr.origin.to_ascii_lowercase() }))
    }

    pub fn handle(&mut self, caller: &Caller, request: Request, now: Millis) -> Result<Outcome, Error> {
        let mut changed = Changes { held: !self.store.expire(now).is_empty(), ..Changes::default() };
        let reply = self.respond(caller, request, now, &mut changed)?;
        Ok(self.outcome(reply, changed))
    }

    /// An alarm fired: drop what expired.
    pub fn tick(&mut self, now: Millis) -> Outcome {
        let held = !self.store.expire(now).is_empty();
        self.outcome(Reply::Ok, Changes { held, ..Changes::default() })
    }

    fn outcome(&self, reply: Reply, changed: Changes) -> Outcome {
        let effects = Effects {
            session: changed.held.then(|| self.store.clone()),
            settings: changed.settings.then(|| self.settings.clone()),
            dismissed: changed.dismissed.then(|| self.dismissed.clone()),
            alarm_at: self.store.next_deadline(),
        };
        Outcome { reply, effects }
    }

    fn respond(
        &mut self,
        caller: &Caller,
        request: Request,
        now: Millis,
        changed: &mut Changes,
    ) -> Result<Reply, Error> {
        let page = match caller {
            Caller::Page(binding) => Some(binding),
            _ => None,
        };
        let reply = match (caller, request) {
            (Caller::Page(binding), Request::Scan { snapshot }) => {
                snapshot.check()?;
                let (plan, held) = self.scan(binding, &snapshot, now);
                changed.held |= held;
                Reply::Plan { plan }
            }
            (Caller::Page(_) | Caller::ExtensionPage, Request::Copied(CaptureRef { capture })) => {
                self.store.copied(capture, page, now)?;
                changed.held = true;
                Reply::Copied { guard: self.store.wants_guard(capture) }
            }
            (Caller::Page(binding), Request::DoneClicked(CaptureRef { capture })) => {
                let decision = self.store.done_clicked(capture, binding)?;
                changed.held = true;
                Reply::Done { decision }
            }
            (Caller::Page(_) | Caller::ExtensionPage, Request::Dismiss(FingerprintRef { fingerprint })) => {
                if fingerprint.len() != 32 || !fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(Error::malformed("a dismissal names a 32-digit fingerprint"));
                }
                if self.dismissed.len() >= MAX_DISMISSED {
                    return Err(Error::TooLarge { what: "dismissed notes", limit: MAX_DISMISSED });
                }
                if let Err(at) = self.dismissed.binary_search(&fingerprint) {
                    self.dismissed.insert(at, fingerprint);
                }
                changed.dismissed = true;
                Reply::Ok
            }
            (Caller::Page(_), _) => {
                return Err(Error::NotAllowed("web pages may only send scans, copies, Done clicks and dismissals"))
            }
            (Caller::ExtensionPage, Request::ListHeld(_)) => Reply::Held { held: self.store.list(now) },
            (Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture })) => {
                Reply::Revealed { token: self.store.reveal(capture, now)?.clone() }
            }
            (Caller::ExtensionPage, Request::Forget(CaptureRef { capture })) => {
                self.store.forget(capture)?;
                changed.held = true;
                Reply::Held { held: self.store.list(now) }
            }
            (Caller::ExtensionPage, Request::ForgetAll(_)) => {
                self.store.forget_all();
                changed.held = true;
                Reply::Held { held: self.store.list(now) }
            }
            (Caller::ExtensionPage, Request::GetSettings(_)) => Reply::Settings { settings: self.settings.clone() },
            (Caller::ExtensionPage, Request::SetSettings { settings }) => {
                settings.check()?;
                self.settings = settings;
                changed.settings = true;
                Reply::Settings { settings: self.settings.clone() }
            }
            (Caller::ExtensionPage, Request::ListDismissed(_)) => {
                Reply::Dismissed { fingerprints: self.dismissed.clone() }
            }
            (Caller::ExtensionPage, Request::Undismiss(FingerprintRef { fingerprint })) => {
                if let Ok(at) = self.dismissed.binary_search(&fingerprint) {
                    self.dismissed.remove(at);
                }
                changed.dismissed = true;
                Reply::Dismissed { fingerprints: self.dismissed.clone() }
            }
            (Caller::ExtensionPage, Request::Scan { .. } | Request::DoneClicked(_)) => {
                return Err(Error::NotAllowed("only web pages send scans and Done clicks"))
            }
        };
        Ok(reply)
    }

    /// Analyzes a snapshot, registers the tokens it shows, and fills in capture ids and
    /// the Done guard. Returns whether the store changed.
    fn scan(&mut self, binding: &Binding, snapshot: &Snapshot, now: Millis) -> (Plan, bool) {
        let today = Date::from_unix_ms(now);
        let ctx = Context { today, salt: &self.salt, dismissed: &self.dismissed };
        let analysis = analyze(snapshot, &ctx);
        let mut plan = analysis.plan;
        let mut first_capture = None;
        let mut changed = false;
        for found in analysis.tokens {
            let (id, new) =
                self.store.seen(found.token, binding.clone(), found.fingerprint, now, self.settings.hold_ms());
            plan.notes[found.note].capture = Some(id);
            first_capture.get_or_insert(id);
            changed |= new;
        }
        plan.done = match (analysis.done_control, first_capture) {
            (Some(control), Some(capture)) if self.store.wants_guard(capture) => Some(DoneGuard { control, capture }),
            _ => None,
        };
        (plan, changed)
    }
}

#[cfg(test)]
#[path = "backend_tests.rs"]
mod tests;
