//! What an administrator sets through browser policy (`storage.managed`, schema in
//! `extension/managed_schema.json`): each value present wins over the user's own setting
//! and is shown locked on the options page.

use crate::settings::Settings;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Managed {
    pub hold_minutes: Option<u32>,
    pub clear_clipboard: Option<bool>,
    pub clear_after_seconds: Option<u32>,
    pub extra_hosts: Option<Vec<String>>,
    pub capture_tokens: Option<bool>,
}

/// A setting an administrator can lock, named as in `Settings`' JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Locked {
    HoldMinutes,
    ClearClipboard,
    ClearAfterSeconds,
    ExtraHosts,
    CaptureTokens,
}

impl Managed {
    /// Keeps each value on its own only if it is valid as a setting: one typo in a policy
    /// drops that value (the user's stands), not the whole policy.
    pub fn valid(self) -> Managed {
        let base = Settings::default();
        let ok = |s: Settings| s.check().is_ok();
        Managed {
            hold_minutes: self.hold_minutes.filter(|&v| ok(Settings { hold_minutes: v, ..base.clone() })),
            clear_clipboard: self.clear_clipboard,
            clear_after_seconds: self
                .clear_after_seconds
                .filter(|&v| ok(Settings { clear_after_seconds: v, ..base.clone() })),
            extra_hosts: self.extra_hosts.filter(|v| ok(Settings { extra_hosts: v.clone(), ..base.clone() })),
            capture_tokens: self.capture_tokens,
        }
    }

    /// The settings in force: the user's, with every managed value in its place.
    pub fn over(&self, user: &Settings) -> Settings {
        Settings {
            hold_minutes: self.hold_minutes.unwrap_or(user.hold_minutes),
            clear_clipboard: self.clear_clipboard.unwrap_or(user.clear_clipboard),
            clear_after_seconds: self.clear_after_seconds.unwrap_or(user.clear_after_seconds),
            extra_hosts: self.extra_hosts.clone().unwrap_or_else(|| user.extra_hosts.clone()),
            capture_tokens: self.capture_tokens.unwrap_or(user.capture_tokens),
        }
    }

    /// The user's new settings: what they asked for, except where a policy decides, where
    /// their earlier choice is kept for the day the policy goes.
    pub fn keep_locked(&self, asked: Settings, before: &Settings) -> Settings {
        Settings {
            hold_minutes: if self.hold_minutes.is_some() { before.hold_minutes } else { asked.hold_minutes },
            clear_clipboard: if self.clear_clipboard.is_some() {
                before.clear_clipboard
            } else {
                asked.clear_clipboard
            },
            clear_after_seconds: if self.clear_after_seconds.is_some() {
                before.clear_after_seconds
            } else {
                asked.clear_after_seconds
            },
            extra_hosts: if self.extra_hosts.is_some() { before.extra_hosts.clone() } else { asked.extra_hosts },
            capture_tokens: if self.capture_tokens.is_some() { before.capture_tokens } else { asked.capture_tokens },
        }
    }

    pub fn locked(&self) -> Vec<Locked> {
        [
            (self.hold_minutes.is_some(), Locked::HoldMinutes),
            (self.clear_clipboard.is_some(), Locked::ClearClipboard),
            (self.clear_after_seconds.is_some(), Locked::ClearAfterSeconds),
            (self.extra_hosts.is_some(), Locked::ExtraHosts),
            (self.capture_tokens.is_some(), Locked::CaptureTokens),
        ]
        .into_iter()
        .filter_map(|(on, which)| on.then_some(which))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn user() -> Settings {
        Settings { hold_minutes: 30, extra_hosts: vec!["help.example.com".into()], ..Settings::default() }
    }

    #[test]
    fn managed_values_win_and_are_locked() {
        let m = Managed { hold_minutes: Some(0), capture_tokens: Some(false), ..Managed::default() };
        let s = m.over(&user());
        assert_eq!((s.hold_minutes, s.capture_tokens, s.extra_hosts.len()), (0, false, 1));
        assert_eq!(m.locked(), vec![Locked::HoldMinutes, Locked::CaptureTokens]);
        assert_eq!(Managed::default().over(&user()), user());
        assert!(Managed::default().locked().is_empty());
    }

    #[test]
    fn invalid_managed_values_drop_one_by_one() {
        let m = Managed {
            hold_minutes: Some(99_999),
            clear_after_seconds: Some(1),
            extra_hosts: Some(vec!["not a host".into()]),
            clear_clipboard: Some(true),
            capture_tokens: None,
        }
        .valid();
        assert_eq!(m, Managed { clear_clipboard: Some(true), ..Managed::default() });
    }

    #[test]
    fn a_locked_setting_keeps_the_users_earlier_choice() {
        let m = Managed { hold_minutes: Some(5), ..Managed::default() };
        let asked = Settings { hold_minutes: 60, clear_clipboard: true, ..user() };
        let kept = m.keep_locked(asked, &user());
        assert_eq!((kept.hold_minutes, kept.clear_clipboard), (30, true));
    }
}
