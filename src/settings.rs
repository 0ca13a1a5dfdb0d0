//! The user's settings and what makes them valid. (What is in force is these under an
//! administrator's policy: `managed`.)

use crate::capture::Millis;
use crate::error::{BadSetting, Error};
use serde::{Deserialize, Serialize};

/// The user's settings (kept in `storage.local`: nothing secret in them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Settings {
    /// How long a captured token stays available to the popup; 0 = not at all.
    pub hold_minutes: u32,
    /// Empty the clipboard a while after a token was copied, if it still holds it.
    pub clear_clipboard: bool,
    pub clear_after_seconds: u32,
    /// Custom domains: `help.example.com` or `*.example.com`.
    pub extra_hosts: Vec<String>,
    /// Capture newly created tokens (note, copy button, Done guard, hold).
    pub capture_tokens: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            hold_minutes: 10,
            clear_clipboard: false,
            clear_after_seconds: 60,
            extra_hosts: Vec::new(),
            capture_tokens: true,
        }
    }
}

pub const MAX_HOLD_MINUTES: u32 = 24 * 60;
pub const MAX_EXTRA_HOSTS: usize = 50;

impl Settings {
    pub fn check(&self) -> Result<(), Error> {
        if self.hold_minutes > MAX_HOLD_MINUTES {
            return Err(Error::BadSetting(BadSetting::HoldTooLong));
        }
        if !(10..=3600).contains(&self.clear_after_seconds) {
            return Err(Error::BadSetting(BadSetting::ClearDelay));
        }
        if self.extra_hosts.len() > MAX_EXTRA_HOSTS {
            return Err(Error::BadSetting(BadSetting::TooManyHosts));
        }
        if !self.extra_hosts.iter().all(|h| valid_host_pattern(h)) {
            return Err(Error::BadSetting(BadSetting::HostShape));
        }
        Ok(())
    }

    pub fn hold_ms(&self) -> Millis {
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
