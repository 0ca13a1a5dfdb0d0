//! The user's settings, what makes them valid, and an administrator's policy over them:
//! all from one table (`settings!`). The options page, `extension/managed_schema.json`
//! and the README's policy table are checked against it (`tests`).
//!
//! What is in force is the user's settings under the policy: each value a policy sets
//! wins and shows locked; a policy value out of range is dropped on its own.

use crate::ids::Millis;
use crate::keep::hosts::{is_stored_form, SuffixList};
use crate::text::TextId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which setting was out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadSetting {
    HoldTooLong,
    ClearDelay,
    TooManyHosts,
    HostShape,
}

impl fmt::Display for BadSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadSetting::HoldTooLong => "the keep time can be at most 24 hours (1440 minutes)",
            BadSetting::ClearDelay => "the clipboard can be cleared after 10 to 3600 seconds",
            BadSetting::TooManyHosts => "at most 50 extra hosts",
            BadSetting::HostShape => "an extra host must look like help.example.com or *.example.com",
        })
    }
}

impl BadSetting {
    /// What the options page shows beside the field: a `_locales` id.
    pub fn text(self) -> TextId {
        match self {
            BadSetting::HoldTooLong => TextId::ErrorHoldTooLong,
            BadSetting::ClearDelay => TextId::ErrorClearDelay,
            BadSetting::TooManyHosts => TextId::ErrorTooManyHosts,
            BadSetting::HostShape => TextId::ErrorHostShape,
        }
    }
}

impl BadSetting {
    /// The setting whose value was refused: its error is shown beside that field.
    pub fn field(self) -> Locked {
        match self {
            BadSetting::HoldTooLong => Locked::HoldMinutes,
            BadSetting::ClearDelay => Locked::ClearAfterSeconds,
            BadSetting::TooManyHosts | BadSetting::HostShape => Locked::ExtraHosts,
        }
    }
}

/// The options page's sections, in the order shown (the dismissed warnings follow them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Capture,
    Clipboard,
    Domains,
    Filling,
    Reminders,
}

impl Section {
    pub const ALL: [Section; 5] =
        [Section::Capture, Section::Clipboard, Section::Domains, Section::Filling, Section::Reminders];

    pub fn title(self) -> TextId {
        match self {
            Section::Capture => TextId::SectionCapture,
            Section::Clipboard => TextId::SectionClipboard,
            Section::Domains => TextId::SectionDomains,
            Section::Filling => TextId::SectionFilling,
            Section::Reminders => TextId::SectionReminders,
        }
    }
}

impl Locked {
    /// Where the setting sits on the options page.
    pub fn section(self) -> Section {
        match self {
            Locked::CaptureTokens | Locked::HoldMinutes => Section::Capture,
            Locked::ClearClipboard | Locked::ClearAfterSeconds => Section::Clipboard,
            Locked::ExtraHosts => Section::Domains,
            Locked::ForgetAfterFill => Section::Filling,
            Locked::RemindBeforeExpiry => Section::Reminders,
        }
    }

    /// The switch this setting only matters under: while it is off, the setting is shown
    /// but cannot be edited (a keep time without capture, a delay without clearing).
    pub fn needs(self) -> Option<Locked> {
        match self {
            Locked::HoldMinutes => Some(Locked::CaptureTokens),
            Locked::ClearAfterSeconds => Some(Locked::ClearClipboard),
            _ => None,
        }
    }
}

/// What kind of value a setting holds, and its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Flag,
    Number { min: u32, max: u32 },
    Hosts { max: usize },
}

/// One row of the table, for the options page, the schema check and the README check.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// The name in storage, in the policy and on the options page.
    pub key: &'static str,
    pub locked: Locked,
    pub kind: Kind,
    /// The options page's label and help texts.
    pub label: TextId,
    pub help: Option<TextId>,
}

macro_rules! settings {
    ($($(#[$doc:meta])* $field:ident: $ty:ty = $default:expr, $key:literal, $locked:ident, $kind:expr, $label:ident, $help:expr, $bad:expr;)*) => {
        /// The user's settings (kept where content scripts cannot reach: nothing secret in
        /// them, but a page must not turn Keyshift off).
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields, rename_all = "camelCase")]
        pub struct Settings {
            $($(#[$doc])* pub $field: $ty,)*
        }

        impl Default for Settings {
            fn default() -> Self {
                Settings { $($field: $default,)* }
            }
        }

        /// What an administrator sets through browser policy (`storage.managed`).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(default, rename_all = "camelCase")]
        pub struct Managed {
            $(pub $field: Option<$ty>,)*
        }

        /// A setting an administrator can lock, named as in `Settings`' JSON.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum Locked {
            $($locked,)*
        }

        /// Every setting, in the order the options page shows them.
        pub const TABLE: &[Setting] = &[
            $(Setting { key: $key, locked: Locked::$locked, kind: $kind, label: TextId::$label, help: $help },)*
        ];

        impl Settings {
            /// Each value within its bounds (`TABLE`); custom domains in their stored form.
            pub fn check(&self, suffixes: &SuffixList) -> Result<(), BadSetting> {
                $(Check::check(&self.$field, $kind, $bad, suffixes)?;)*
                Ok(())
            }
        }

        impl Managed {
            /// Keeps each value only if it is valid as a setting: one typo in a policy
            /// drops that value (the user's stands), not the whole policy.
            pub fn valid(self, suffixes: &SuffixList) -> Managed {
                Managed { $($field: self.$field.filter(|v| Check::check(v, $kind, $bad, suffixes).is_ok()),)* }
            }

            /// The settings in force: the user's, with every managed value in its place.
            pub fn over(&self, user: &Settings) -> Settings {
                Settings { $($field: self.$field.clone().unwrap_or_else(|| user.$field.clone()),)* }
            }

            /// The user's new settings: what they asked for, except where a policy decides,
            /// where their earlier choice is kept for the day the policy goes.
            pub fn keep_locked(&self, asked: Settings, before: &Settings) -> Settings {
                Settings { $($field: if self.$field.is_some() { before.$field.clone() } else { asked.$field },)* }
            }

            pub fn locked(&self) -> Vec<Locked> {
                let mut out = Vec::new();
                $(if self.$field.is_some() { out.push(Locked::$locked); })*
                out
            }
        }
    };
}

settings! {
    /// Capture newly created tokens (note, copy button, Done guard, hold).
    capture_tokens: bool = true, "captureTokens", CaptureTokens, Kind::Flag, CaptureLabel, Some(TextId::CaptureHelp), None;
    /// How long a captured token stays available to the popup; 0 = not at all.
    hold_minutes: u32 = 10, "holdMinutes", HoldMinutes, Kind::Number { min: 0, max: 1440 }, HoldLabel, Some(TextId::HoldHelp), Some(BadSetting::HoldTooLong);
    /// Empty the clipboard a while after a token was copied, if it still holds it.
    clear_clipboard: bool = false, "clearClipboard", ClearClipboard, Kind::Flag, ClearLabel, Some(TextId::ClearHelp), None;
    clear_after_seconds: u32 = 60, "clearAfterSeconds", ClearAfterSeconds, Kind::Number { min: 10, max: 3600 }, ClearAfterLabel, None, Some(BadSetting::ClearDelay);
    /// Custom domains, in their stored form: `help.example.com` or `*.example.com`.
    extra_hosts: Vec<String> = Vec::new(), "extraHosts", ExtraHosts, Kind::Hosts { max: 50 }, HostsLabel, Some(TextId::HostsHelp), Some(BadSetting::TooManyHosts);
    /// Forget a held token once it was filled into an integration's form.
    forget_after_fill: bool = false, "forgetAfterFill", ForgetAfterFill, Kind::Flag, ForgetAfterFillLabel, Some(TextId::ForgetAfterFillHelp), None;
    /// Notify before a token in an account's token list expires (30, 7 and 1 days), and
    /// once after; off until the user turns it on and grants the notifications permission.
    remind_before_expiry: bool = false, "remindBeforeExpiry", RemindBeforeExpiry, Kind::Flag, RemindLabel, Some(TextId::RemindHelp), None;
}

/// How each kind of value is checked against its row; `bad` is the row's refusal.
trait Check {
    fn check(&self, kind: Kind, bad: Option<BadSetting>, suffixes: &SuffixList) -> Result<(), BadSetting>;
}

impl Check for bool {
    fn check(&self, _: Kind, _: Option<BadSetting>, _: &SuffixList) -> Result<(), BadSetting> {
        Ok(())
    }
}

impl Check for u32 {
    fn check(&self, kind: Kind, bad: Option<BadSetting>, _: &SuffixList) -> Result<(), BadSetting> {
        match kind {
            Kind::Number { min, max } if !(min..=max).contains(self) => Err(bad.unwrap_or(BadSetting::HoldTooLong)),
            _ => Ok(()),
        }
    }
}

impl Check for Vec<String> {
    fn check(&self, kind: Kind, _: Option<BadSetting>, suffixes: &SuffixList) -> Result<(), BadSetting> {
        match kind {
            Kind::Hosts { max } if self.len() > max => Err(BadSetting::TooManyHosts),
            _ if !self.iter().all(|h| is_stored_form(h, suffixes)) => Err(BadSetting::HostShape),
            _ => Ok(()),
        }
    }
}

impl Settings {
    pub fn hold_ms(&self) -> Millis {
        Millis::minutes(i64::from(self.hold_minutes))
    }
}

#[cfg(test)]
mod tests;
