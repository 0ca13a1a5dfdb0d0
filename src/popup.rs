//! What the toolbar popup says: each held token's name (or that it has none), where it
//! came from, the empty state that tells the truth about the settings in force, when to
//! ask before forgetting, and how long a token still stays. `ui::popup` draws it.

use crate::health::Problem;
use crate::ids::Millis;
use crate::keep::capture::{HeldView, Place};
use crate::keep::settings::{Locked, Settings};
use crate::text::TextId;

/// What the popup says when it holds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Empty {
    pub text: TextId,
    /// The hold time, for the text that names it.
    pub minutes: Option<u32>,
    /// The setting that makes it so is an administrator's.
    pub locked: bool,
}

/// The empty state for the settings in force: capture off, a hold time of 0, or how long
/// a new token will stay.
pub fn empty(settings: &Settings, locked: &[Locked]) -> Empty {
    if !settings.capture_tokens {
        Empty { text: TextId::PopupEmptyCaptureOff, minutes: None, locked: locked.contains(&Locked::CaptureTokens) }
    } else if settings.hold_minutes == 0 {
        Empty { text: TextId::PopupEmptyHoldZero, minutes: None, locked: locked.contains(&Locked::HoldMinutes) }
    } else {
        Empty {
            text: TextId::PopupEmpty,
            minutes: Some(settings.hold_minutes),
            locked: locked.contains(&Locked::HoldMinutes),
        }
    }
}

/// The line that says where a token came from, when it is not the tab the popup is over.
pub fn place(view: &HeldView) -> Option<TextId> {
    match view.place {
        Place::ThisTab => None,
        Place::EarlierInTab => Some(TextId::FromEarlierPage),
        Place::ThisSite => Some(TextId::FromOtherTab),
        Place::Elsewhere => Some(TextId::FromOtherSite),
    }
}

/// The popup's one line about the tab it opened over: what Keyshift found on its page, or
/// where Keyshift works when this page is not one of them.
pub fn about_here(enabled: bool, flagged: u32) -> (TextId, Option<u32>) {
    match (enabled, flagged) {
        (false, _) => (TextId::PopupHereElsewhere, None),
        (true, 0) => (TextId::PopupHereClear, None),
        (true, n) => (TextId::PopupHereFlagged, Some(n)),
    }
}

/// How the health view names a problem ("Never expires: $1", the tokens' names).
pub fn problem_text(problem: Problem) -> TextId {
    match problem {
        Problem::Legacy => TextId::HealthLegacy,
        Problem::Expired => TextId::HealthExpired,
        Problem::ExpiresInADay => TextId::HealthExpiresDay,
        Problem::ExpiresInAWeek => TextId::HealthExpiresWeek,
        Problem::ExpiresInAMonth => TextId::HealthExpiresMonth,
        Problem::NeverExpires => TextId::HealthNever,
        Problem::AllPermissions => TextId::HealthAllPermissions,
    }
}

/// Where an account's token list is, for each health line to open it.
pub fn token_list(origin: &str) -> String {
    format!("{origin}/api_tokens")
}

/// Forgetting a token nobody copied loses it for good: the popup asks first.
pub fn ask_before_forgetting(views: &[&HeldView]) -> bool {
    views.iter().any(|v| !v.copied && !v.filled)
}

/// Time left, in whole hours, minutes and seconds, for the shell to write in the reader's
/// language (`Intl.NumberFormat` units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remaining {
    pub hours: u32,
    pub minutes: u32,
    pub seconds: u32,
}

pub fn remaining(ms: Millis) -> Remaining {
    let total = (ms.0.max(0) + 999) / 1000;
    Remaining { hours: (total / 3600) as u32, minutes: (total % 3600 / 60) as u32, seconds: (total % 60) as u32 }
}

/// The host of an origin (`https://acme.repairshopr.com` → `acme.repairshopr.com`).
pub fn host(origin: &str) -> &str {
    origin.split_once("://").map_or(origin, |(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CaptureId;
    use crate::read::integrations::TokenKind;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn view(copied: bool, place: Place) -> HeldView {
        HeldView {
            id: CaptureId(1),
            masked: "T5e1c0a9…cdef".into(),
            origin: "https://acme.repairshopr.com".into(),
            name: None,
            kind: TokenKind::Unknown,
            place,
            captured_at: Millis(0),
            expires_in_ms: Millis(0),
            copied,
            filled: false,
            confirmed: false,
        }
    }

    #[test]
    fn the_empty_state_tells_the_truth_about_the_settings() {
        let on = Settings::default();
        assert_eq!(empty(&on, &[]), Empty { text: TextId::PopupEmpty, minutes: Some(10), locked: false });
        let zero = Settings { hold_minutes: 0, ..Settings::default() };
        assert_eq!(
            empty(&zero, &[Locked::HoldMinutes]),
            Empty { text: TextId::PopupEmptyHoldZero, minutes: None, locked: true }
        );
        let off = Settings { capture_tokens: false, hold_minutes: 0, ..Settings::default() };
        assert_eq!(empty(&off, &[Locked::HoldMinutes]).text, TextId::PopupEmptyCaptureOff);
        assert!(!empty(&off, &[Locked::HoldMinutes]).locked, "capture is the user's own choice here");
    }

    #[test]
    fn the_line_about_this_tab_says_what_was_found_or_where_keyshift_works() {
        assert_eq!(about_here(false, 0), (TextId::PopupHereElsewhere, None));
        assert_eq!(about_here(true, 0), (TextId::PopupHereClear, None));
        assert_eq!(about_here(true, 3), (TextId::PopupHereFlagged, Some(3)));
    }

    #[test]
    fn places_forgetting_and_time() {
        assert_eq!(place(&view(false, Place::ThisTab)), None);
        assert_eq!(place(&view(false, Place::ThisSite)), Some(TextId::FromOtherTab));
        assert_eq!(place(&view(false, Place::Elsewhere)), Some(TextId::FromOtherSite));
        assert_eq!(place(&view(false, Place::EarlierInTab)), Some(TextId::FromEarlierPage));
        assert!(ask_before_forgetting(&[&view(true, Place::ThisTab), &view(false, Place::ThisTab)]));
        assert!(!ask_before_forgetting(&[&view(true, Place::ThisTab)]));
        let filled = HeldView { filled: true, ..view(false, Place::ThisTab) };
        assert!(!ask_before_forgetting(&[&filled]), "a token filled into an integration was put to use");
        assert_eq!(remaining(Millis(86_399_000)), Remaining { hours: 23, minutes: 59, seconds: 59 });
        assert_eq!(
            remaining(Millis(599_001)),
            Remaining { hours: 0, minutes: 10, seconds: 0 },
            "rounded up: never 0 while it stays"
        );
        assert_eq!(remaining(Millis(-5)), Remaining { hours: 0, minutes: 0, seconds: 0 });
        assert_eq!(host("https://acme.repairshopr.com"), "acme.repairshopr.com");
    }
}
