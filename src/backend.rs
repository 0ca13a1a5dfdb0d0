//! The background's decisions: who may ask what, what each request changes, and what
//! the shell must store or schedule afterwards (`messages::Effects`). The shell applies
//! effects and never decides.

use crate::contract::error::Error;
use crate::contract::messages::*;
use crate::health::Health;
use crate::ids::{Millis, TabId};
use crate::keep::capture::{CopiedBy, Label};
use crate::keep::dismissals::{Dismissal, Dismissals, MAX_DISMISSED, MAX_DISMISSED_PER_HOST};
use crate::keep::fingerprint::Salt;
use crate::keep::hosts::match_patterns;
use crate::keep::hosts::SuffixList;
use crate::keep::settings::{Managed, Settings};
use crate::policy::copied_message;
use crate::read::integrations::TokenKind;
use crate::read::page::address;
use crate::read::snapshot::limits;

/// The background's state and decisions: settings under policy, dismissals, held tokens.
pub struct Backend {
    /// The user's own settings, as stored.
    user: Settings,
    managed: Managed,
    /// The settings in force: `user` under `managed`.
    settings: Settings,
    /// Dismissed legacy-key warnings.
    dismissed: Dismissals,
    salt: Salt,
    /// What custom domains may not cover.
    suffixes: SuffixList,
    /// The salt was made at this start and is not stored yet.
    new_salt: bool,
    session: Session,
    self_id: String,
    self_origin: String,
    /// When each tab last opened the fill window, and when any did (memory only).
    fill_opened: Vec<(TabId, Millis)>,
    fill_opened_any: Option<Millis>,
    /// What each account's token list last said (no secret in it).
    health: Health,
    /// Minutes east of UTC, as the shell last said: an alarm's tick has no clock of its
    /// own, and reminders go by the user's calendar day.
    offset_minutes: i32,
}

/// A tab's notes open the fill window at most this often, and all tabs together at most
/// every `FILL_OPEN_ANY_GAP_MS`: two pages taking turns cannot flood the screen.
const FILL_OPEN_GAP_MS: Millis = Millis::seconds(2);
const FILL_OPEN_ANY_GAP_MS: Millis = Millis::seconds(1);
/// Tabs remembered as offering a fill note, or as having opened the window.
const FILL_TABS: usize = 32;

/// What a request changed, to be written back by the shell.
#[derive(Default)]
struct Changes {
    held: bool,
    dismissed: bool,
    /// The accounts' token health (`keep::health`): written to local storage.
    health: bool,
    settings: bool,
    /// Re-sync host access with the custom domains in force (after any save attempt).
    hosts: bool,
    /// Open the fill window over this tab.
    open_fill: Option<TabId>,
    /// A page was read: the toolbar's badges follow.
    badges: bool,
    /// Reminders to show now.
    notify: Vec<Notice>,
}

/// A refused request: the error for the asker, and what the shell must still do (host
/// access is re-synced after a refused save too, so a grant asked for it never stays).
#[derive(Debug)]
pub struct Refusal {
    pub error: Error,
    pub effects: Box<Effects>,
}

impl Backend {
    /// Starts from what the shell loaded; each part that cannot be used starts afresh.
    pub fn new(state: State) -> Self {
        let suffixes = state.suffixes.map_or_else(SuffixList::empty, SuffixList::parse);
        let user = state.settings.filter(|s| s.check(&suffixes).is_ok()).unwrap_or_default();
        let managed = state.managed.map(|m| m.valid(&suffixes)).unwrap_or_default();
        let stored = state.salt.as_deref().and_then(Salt::from_hex);
        Backend {
            settings: managed.over(&user),
            user,
            managed,
            dismissed: Dismissals::from_stored(state.dismissed),
            new_salt: stored.is_none(),
            salt: stored.unwrap_or_else(|| Salt::from_bytes(state.fresh_salt)),
            suffixes,
            session: state.session.unwrap_or_default(),
            self_id: state.self_id,
            self_origin: state.self_origin,
            fill_opened: Vec::new(),
            fill_opened_any: None,
            health: state.health.unwrap_or_default(),
            offset_minutes: 0,
        }
    }

    /// What the shell does once at start: keep a new salt, bring host access and the
    /// custom domains' content script in line with the settings, schedule what is due.
    pub fn start(&mut self, clock: Clock) -> Outcome {
        self.offset_minutes = clock.offset_minutes;
        let held = self.session.held.expire(clock.now);
        let mut changed = Changes { held, ..Changes::default() };
        self.remind(clock.now, &mut changed);
        let mut out = self.outcome(Reply::Ok {}, changed, clock.now);
        out.effects.host_patterns = Some(match_patterns(&self.settings.extra_hosts));
        out
    }

    /// Answers one request from a checked caller: the reply and what the shell must do, or
    /// a refusal (with what the shell must still do).
    pub fn handle(&mut self, caller: &Caller, request: Request, clock: Clock) -> Result<Outcome, Refusal> {
        self.offset_minutes = clock.offset_minutes;
        let mut changed = Changes { held: self.session.held.expire(clock.now), ..Changes::default() };
        match self.respond(caller, request, clock, &mut changed) {
            Ok(reply) => Ok(self.outcome(reply, changed, clock.now)),
            Err(error) => {
                Err(Refusal { error, effects: Box::new(self.outcome(Reply::Ok {}, changed, clock.now).effects) })
            }
        }
    }

    /// The administrator's policy changed: the settings in force follow (the shell
    /// re-registers custom domains from the effects).
    ///
    /// At a browser start the engine runs on the policy as last read until the fresh one
    /// comes (seconds later): what it kept meanwhile is brought under the fresh policy
    /// here, so a policy that turns capture off, or shortens the hold, reaches tokens
    /// captured in that gap too.
    pub fn set_managed(&mut self, managed: Managed, now: Millis) -> Outcome {
        self.managed = managed.valid(&self.suffixes);
        self.settings = self.managed.over(&self.user);
        let held = if self.settings.capture_tokens {
            self.session.held.shorten_holds(now + self.settings.hold_ms())
        } else {
            self.session.held.forget_all() > 0
        };
        self.outcome(self.settings_reply(), Changes { settings: true, held, ..Changes::default() }, now)
    }

    fn settings_reply(&self) -> Reply {
        Reply::Settings(InForce { settings: self.settings.clone(), locked: self.managed.locked() })
    }

    /// How many new tokens were not kept for want of room (see `capture`).
    pub fn stats(&self) -> Stats {
        self.session.stats
    }

    fn outcome(&mut self, reply: Reply, changed: Changes, now: Millis) -> Outcome {
        let wake = [self.session.held.next_deadline(), self.session.clears.next_due(), self.next_reminder_check(now)];
        let salt = std::mem::take(&mut self.new_salt).then(|| self.salt.hex());
        let effects = Effects {
            session: changed.held.then(|| self.session.clone()),
            settings: changed.settings.then(|| self.user.clone()),
            host_patterns: (changed.settings || changed.hosts).then(|| match_patterns(&self.settings.extra_hosts)),
            dismissed: changed.dismissed.then(|| self.dismissed.as_slice().to_vec()),
            health: changed.health.then(|| self.health.clone()),
            salt,
            alarm_at: wake.into_iter().flatten().min(),
            read_clipboard: self.session.clears.is_due(now),
            open_fill: changed.open_fill,
            badges: (changed.badges || changed.held).then(|| self.badges(now)),
            notify: (!changed.notify.is_empty()).then_some(changed.notify),
        };
        Outcome { reply, effects }
    }

    fn respond(
        &mut self,
        caller: &Caller,
        request: Request,
        clock: Clock,
        changed: &mut Changes,
    ) -> Result<Reply, Error> {
        let now = clock.now;
        let page = match caller {
            Caller::Page { binding, .. } => Some(binding),
            Caller::ExtensionPage => None,
        };
        let reply = match (caller, request) {
            (Caller::Page { binding, top, .. }, Request::Hello(_)) => {
                self.session.tabs.hello((binding.tab, &binding.origin, *top), now);
                Reply::Ok {}
            }
            (_, Request::Hello(_)) => Reply::Ok {},
            (Caller::Page { binding, frame_ok, top }, Request::Scan { snapshot }) => {
                snapshot.check()?;
                let (plan, held, health) =
                    self.scan(binding, scan::Frame { top: *top, ok: *frame_ok }, &snapshot, clock);
                changed.held |= held;
                changed.health |= health;
                changed.badges = true;
                Reply::Plan { plan }
            }
            (_, Request::Copied(CopyRef { capture, by })) => {
                // Only a page sees the user's own copy; the popup copies with Keyshift.
                let by = if page.is_some() { by } else { CopiedBy::Keyshift };
                self.session.held.copied(capture, page, by, now)?;
                if let (true, Some(print)) = (self.settings.clear_clipboard, self.session.held.fingerprint_of(capture))
                {
                    let due = now + Millis::seconds(i64::from(self.settings.clear_after_seconds));
                    self.session.clears.schedule(print, due);
                }
                changed.held = true;
                let clears = self.settings.clear_clipboard.then_some(self.settings.clear_after_seconds);
                Reply::Copied { said: copied_message(clears) }
            }
            (Caller::Page { binding, .. }, Request::DoneClicked(ExitRef { capture, how })) => {
                Reply::Done { decision: self.session.held.exit(capture, binding, how, now)? }
            }
            (Caller::Page { binding, .. }, Request::Viewed(CaptureRef { capture })) => {
                self.session.held.viewed(capture, binding)?;
                changed.held = true;
                Reply::Ok {}
            }
            (Caller::Page { binding, .. }, Request::DoneSkipped(CaptureRef { capture })) => {
                self.session.held.skipped(capture, binding)?;
                changed.held = true;
                Reply::Ok {}
            }
            (Caller::Page { binding, top, .. }, Request::Submitted(submitted)) => {
                if submitted.chosen.len() > limits::CHOSEN {
                    return Err(Error::TooLarge { what: "chosen options", limit: limits::CHOSEN });
                }
                let kind = submitted.kind();
                // The name field belongs to the custom form; a prebuilt token goes by its
                // integration's name.
                let name = submitted.name.filter(|n| !n.trim().is_empty() && kind == TokenKind::Custom);
                self.session.tabs.note_submitted(binding.tab, &binding.origin, *top, Label { name, kind }, now);
                changed.held = true;
                Reply::Ok {}
            }
            (_, Request::Dismiss(FingerprintRef { fingerprint })) => {
                if self.dismissed.len() >= MAX_DISMISSED {
                    return Err(Error::TooLarge { what: "dismissed notes", limit: MAX_DISMISSED });
                }
                let host = page.and_then(|b| address(&b.origin)).map(|a| a.host.to_string());
                // A page may dismiss only a warning Keyshift showed it, and only so many.
                if let Some(binding) = page {
                    let offered = self.session.tabs.was_offered(binding.tab, &binding.origin, &fingerprint, now);
                    if !offered {
                        return Err(Error::NotAllowed("only a warning Keyshift showed on this page can be dismissed"));
                    }
                    if host.as_deref().is_some_and(|h| self.dismissed.on_host(h) >= MAX_DISMISSED_PER_HOST) {
                        return Err(Error::TooLarge {
                            what: "dismissed notes on this site",
                            limit: MAX_DISMISSED_PER_HOST,
                        });
                    }
                }
                self.dismissed.add(Dismissal { fingerprint, host, on: Some(clock.today()) });
                changed.dismissed = true;
                Reply::Ok {}
            }
            (Caller::Page { binding, top, .. }, Request::Replacing(Replacing { kind })) => {
                self.session.tabs.note_replacing(binding.tab, &binding.origin, *top, kind, now);
                changed.held = true;
                Reply::Ok {}
            }
            (Caller::Page { binding, .. }, Request::FillOpen(_)) => {
                // Only a page whose plan offered a fill note, one window per tab every
                // 2 s and one for all tabs every second; the shell reuses an open one.
                let offered = self.session.tabs.fill_offered(binding.tab, &binding.origin);
                if !offered {
                    return Err(Error::NotAllowed("only a page Keyshift offered a fill on can open the fill window"));
                }
                let tab_free =
                    self.fill_opened.iter().all(|(tab, at)| *tab != binding.tab || *at + FILL_OPEN_GAP_MS <= now);
                let any_free = self.fill_opened_any.is_none_or(|at| at + FILL_OPEN_ANY_GAP_MS <= now);
                if tab_free && any_free {
                    self.fill_opened.retain(|(tab, _)| *tab != binding.tab);
                    if self.fill_opened.len() >= FILL_TABS {
                        self.fill_opened.remove(0);
                    }
                    self.fill_opened.push((binding.tab, now));
                    self.fill_opened_any = Some(now);
                    changed.open_fill = Some(binding.tab);
                }
                Reply::Ok {}
            }
            (Caller::Page { .. }, _) => {
                return Err(Error::NotAllowed("web pages may only send scans, copies, Done choices and dismissals"))
            }
            (Caller::ExtensionPage, Request::Filled(CaptureRef { capture })) => {
                self.session.held.filled(capture)?;
                changed.held = true;
                let forgotten = self.settings.forget_after_fill && self.session.held.forget(capture).is_ok();
                Reply::Filled(Filled { forgotten })
            }
            (Caller::ExtensionPage, Request::ListHeld(here)) => Reply::Held(HeldList { held: self.list(&here, now) }),
            (Caller::ExtensionPage, Request::PageVerdict(here)) => {
                let shown = here.tab.and_then(|t| self.session.tabs.shown(t));
                Reply::Verdict(Judged {
                    page: shown.and_then(|p| p.page),
                    verdict: shown.and_then(|p| p.verdict.clone()),
                })
            }
            (Caller::ExtensionPage, Request::Popup(here)) => Reply::Popup(Opened {
                held: self.list(&here, now),
                settings: self.settings.clone(),
                locked: self.managed.locked(),
                // Without the `tabs` permission the popup rarely knows the tab's address; the
                // engine knows the tab's content script has read it.
                flagged: here.tab.map_or(0, |t| u32::try_from(self.session.tabs.flagged(t)).unwrap_or(u32::MAX)),
                fill_here: here.tab.and_then(|t| self.session.tabs.shown(t)).is_some_and(|p| p.fill),
                health: self.health_views(&here, clock.today()),
                enabled: here.tab.is_some_and(|t| self.session.tabs.shown(t).is_some())
                    || here.url.as_deref().and_then(address).is_some_and(|a| self.enabled(a.host)),
            }),
            (Caller::ExtensionPage, Request::HealthCsv(OriginRef { origin })) => {
                let account = self
                    .health
                    .account(&origin)
                    .ok_or(Error::NotAllowed("Keyshift has not read that account's token list"))?;
                Reply::Csv(Csv { csv: account.csv(clock.today()) })
            }
            (Caller::ExtensionPage, Request::ClearHealth(_)) => {
                changed.health = self.health.clear();
                Reply::Ok {}
            }
            (Caller::ExtensionPage, Request::RevealHeld(CaptureRef { capture })) => {
                Reply::Revealed(Revealed { token: self.session.held.reveal(capture, now)?.clone() })
            }
            (Caller::ExtensionPage, Request::Forget(CaptureRef { capture })) => {
                self.session.held.forget(capture)?;
                changed.held = true;
                Reply::Held(HeldList { held: self.list(&Here::default(), now) })
            }
            (Caller::ExtensionPage, Request::ForgetAll(_)) => {
                self.session.held.forget_all();
                changed.held = true;
                Reply::Held(HeldList { held: self.list(&Here::default(), now) })
            }
            (Caller::ExtensionPage, Request::GetSettings(_)) => self.settings_reply(),
            (Caller::ExtensionPage, Request::SetSettings { settings }) => {
                changed.hosts = true;
                let user = self.managed.keep_locked(settings, &self.user);
                user.check(&self.suffixes)?;
                self.settings = self.managed.over(&user);
                self.user = user;
                changed.settings = true;
                self.settings_reply()
            }
            (Caller::ExtensionPage, Request::ListDismissed(_)) => {
                Reply::Dismissed(DismissedList { dismissed: self.dismissed.newest_first() })
            }
            (Caller::ExtensionPage, Request::Undismiss(FingerprintRef { fingerprint })) => {
                self.dismissed.remove(&fingerprint);
                changed.dismissed = true;
                Reply::Dismissed(DismissedList { dismissed: self.dismissed.newest_first() })
            }
            #[cfg(feature = "fault-injection")]
            (Caller::ExtensionPage, Request::Crash(_)) => panic!("a fault injected by a test"),
            (
                Caller::ExtensionPage,
                Request::Scan { .. }
                | Request::DoneClicked(_)
                | Request::DoneSkipped(_)
                | Request::Viewed(_)
                | Request::Submitted(_)
                | Request::Replacing(_)
                | Request::FillOpen(_),
            ) => {
                return Err(Error::NotAllowed(
                    "only web pages send scans, Done choices, form submissions and note clicks",
                ))
            }
        };
        Ok(reply)
    }
}

mod caller;
mod events;
mod presence;
mod remind;
mod scan;

pub use caller::Caller;
#[cfg(test)]
mod tests;
