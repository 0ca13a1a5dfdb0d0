//! The background's whole decision-making: who is asking, whether they may, and what the
//! answer and its side effects are. The shell only delivers messages and applies the
//! `Effects` (storage writes, alarms); the clock comes in as `now`.

use crate::capture::{fingerprint, Binding, CaptureStore, DoneDecision, HeldView, Millis, Secret};
use crate::clipboard::ClipboardClears;
use crate::error::Error;
use crate::managed::{Locked, Managed};
use crate::page::{address, host_enabled};
use crate::plan::{analyze, Context, DoneGuard, Plan};
use crate::policy::Date;
use crate::settings::Settings;
use crate::snapshot::Snapshot;
use serde::{Deserialize, Serialize};

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

/// A reply, written as its fields alone (`{ "plan": … }`, `{ "held": […] }`): each request
/// has one kind of reply, so the asker knows what to read.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
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
        token: Secret,
    },
    /// The settings in force, and which of them a policy decides.
    Settings {
        settings: Settings,
        locked: Vec<Locked>,
    },
    Dismissed {
        fingerprints: Vec<String>,
    },
    /// Whether to empty the clipboard now.
    Clipboard {
        clear: bool,
    },
    Ok {},
}

/// What the shell must do after a request, besides replying.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Effects {
    /// Write this to `storage.session` (held tokens or pending clears changed).
    pub session: Option<Session>,
    /// Write these to `storage.local` (settings or dismissals changed): the user's own
    /// settings, not the ones a policy decides.
    pub settings: Option<Settings>,
    /// The custom domains in force changed (the user's or a policy's): register these.
    pub extra_hosts: Option<Vec<String>>,
    pub dismissed: Option<Vec<String>>,
    /// Schedule the next `tick` at this time (ms since epoch); `None`: clear the alarm,
    /// nothing is held any more.
    pub alarm_at: Option<Millis>,
    /// A clipboard clear is due: read the clipboard and pass it to `clipboard`.
    pub read_clipboard: bool,
}

/// What lives in `storage.session`: memory only, gone when the browser closes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Session {
    pub held: CaptureStore,
    pub clears: ClipboardClears,
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

/// What the shell loads from storage when the background starts. Each part that cannot
/// be read (corrupt, or written by another version) starts afresh on its own.
#[derive(Debug, Default)]
pub struct State {
    pub settings: Option<Settings>,
    pub managed: Option<Managed>,
    pub dismissed: Vec<String>,
    pub salt: String,
    pub session: Option<Session>,
    /// This extension's `runtime.id`, and the origin of its own pages.
    pub self_id: String,
    pub self_origin: String,
}

pub struct Backend {
    /// The user's own settings, as stored.
    user: Settings,
    managed: Managed,
    /// The settings in force: `user` under `managed`.
    settings: Settings,
    /// Fingerprints of dismissed notes, sorted and unique.
    dismissed: Vec<String>,
    salt: String,
    session: Session,
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
        let user = state.settings.filter(|s| s.check().is_ok()).unwrap_or_default();
        let managed = state.managed.map(Managed::valid).unwrap_or_default();
        Backend {
            settings: managed.over(&user),
            user,
            managed,
            dismissed: sorted_unique(state.dismissed),
            salt: state.salt,
            session: state.session.unwrap_or_default(),
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
        let mut changed = Changes { held: !self.session.held.expire(now).is_empty(), ..Changes::default() };
        let reply = self.respond(caller, request, now, &mut changed)?;
        Ok(self.outcome(reply, changed, now))
    }

    /// The administrator's policy changed: the settings in force follow (the shell
    /// re-registers custom domains from the effects).
    pub fn set_managed(&mut self, managed: Managed, now: Millis) -> Outcome {
        self.managed = managed.valid();
        self.settings = self.managed.over(&self.user);
        self.outcome(self.settings_reply(), Changes { settings: true, ..Changes::default() }, now)
    }

    fn settings_reply(&self) -> Reply {
        Reply::Settings { settings: self.settings.clone(), locked: self.managed.locked() }
    }

    /// An alarm fired: drop what expired; say whether a clipboard clear is due.
    pub fn tick(&mut self, now: Millis) -> Outcome {
        let held = !self.session.held.expire(now).is_empty();
        self.outcome(Reply::Ok {}, Changes { held, ..Changes::default() }, now)
    }

    /// The clipboard's text, read because a clear was due: whether to empty it.
    pub fn clipboard(&mut self, text: Secret, now: Millis) -> Outcome {
        let print = fingerprint(&self.salt, text.expose().trim());
        let clear = self.session.clears.check(now, &print);
        self.outcome(Reply::Clipboard { clear }, Changes { held: true, ..Changes::default() }, now)
    }

    fn outcome(&self, reply: Reply, changed: Changes, now: Millis) -> Outcome {
        let wake = [self.session.held.next_deadline(), self.session.clears.next_due()];
        let effects = Effects {
            session: changed.held.then(|| self.session.clone()),
            settings: changed.settings.then(|| self.user.clone()),
            extra_hosts: changed.settings.then(|| self.settings.extra_hosts.clone()),
            dismissed: changed.dismissed.then(|| self.dismissed.clone()),
            alarm_at: wake.into_iter().flatten().min(),
            read_clipboard: self.session.clears.is_due(now),
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
                self.session.held.copied(capture, page, now)?;
                if let (true, Some(print)) = (self.settings.clear_clipboard, self.session.held.fingerprint_of(capture))
                {
                    let due = now + Millis::from(self.settings.clear_after_seconds) * 1000;
                    self.session.clears.schedule(print, due);
                }
                changed.held = true;
                Reply::Copied { guard: self.session.held.wants_guard(capture) }
            }
            (Caller::Page(binding), Request::DoneClicked(CaptureRef { capture })) => {
                let decision = self.session.held.done_clicked(capture, binding)?;
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
                Reply::Ok {}
            }
            (Caller::Page(_), _) => {
                return Err(Error::NotAllowed("web pages may only send scans, copies, Done clicks and dismissals"))
            }
            (Caller::ExtensionPage, Request::ListHeld(_)) => Reply::Held { held: self.session.held.list(now) },
            (Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture })) => {
                Reply::Revealed { token: self.session.held.reveal(capture, now)?.clone() }
            }
            (Caller::ExtensionPage, Request::Forget(CaptureRef { capture })) => {
                self.session.held.forget(capture)?;
                changed.held = true;
                Reply::Held { held: self.session.held.list(now) }
            }
            (Caller::ExtensionPage, Request::ForgetAll(_)) => {
                self.session.held.forget_all();
                changed.held = true;
                Reply::Held { held: self.session.held.list(now) }
            }
            (Caller::ExtensionPage, Request::GetSettings(_)) => self.settings_reply(),
            (Caller::ExtensionPage, Request::SetSettings { settings }) => {
                let user = self.managed.keep_locked(settings, &self.user);
                user.check()?;
                self.settings = self.managed.over(&user);
                self.user = user;
                changed.settings = true;
                self.settings_reply()
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
        let ctx =
            Context { today, salt: &self.salt, dismissed: &self.dismissed, capture: self.settings.capture_tokens };
        let analysis = analyze(snapshot, &ctx);
        let mut plan = analysis.plan;
        let mut first_capture = None;
        let mut changed = false;
        for found in analysis.tokens {
            let (id, new) =
                self.session.held.seen(found.token, binding.clone(), found.fingerprint, now, self.settings.hold_ms());
            plan.notes[found.note].capture = Some(id);
            first_capture.get_or_insert(id);
            changed |= new;
        }
        plan.done = match (analysis.done_control, first_capture) {
            (Some(control), Some(capture)) if self.session.held.wants_guard(capture) => {
                Some(DoneGuard { control, capture })
            }
            _ => None,
        };
        (plan, changed)
    }
}

#[cfg(test)]
#[path = "backend_tests.rs"]
mod tests;
