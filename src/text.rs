//! Every text the engine asks the shell to show, named by its `_locales` message id. The
//! shell renders them with `chrome.i18n`; `locales_tests` checks every locale has each
//! one, with the same placeholders.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextId {
    LegacyKeyStopped,
    LegacyKeyStopsSoon,
    TokenExpired,
    TokenExpiring,
    TokenExpiresToday,
    CapturedToken,
    CreateReplacementToken,
    ErrorMalformed,
    ErrorTooLarge,
    ErrorNotAllowed,
    ErrorUnknownCapture,
    ErrorNotHeld,
    ErrorHoldTooLong,
    ErrorClearDelay,
    ErrorTooManyHosts,
    ErrorHostShape,
}

impl TextId {
    pub const ALL: [TextId; 16] = [
        TextId::LegacyKeyStopped,
        TextId::LegacyKeyStopsSoon,
        TextId::TokenExpired,
        TextId::TokenExpiring,
        TextId::TokenExpiresToday,
        TextId::CapturedToken,
        TextId::CreateReplacementToken,
        TextId::ErrorMalformed,
        TextId::ErrorTooLarge,
        TextId::ErrorNotAllowed,
        TextId::ErrorUnknownCapture,
        TextId::ErrorNotHeld,
        TextId::ErrorHoldTooLong,
        TextId::ErrorClearDelay,
        TextId::ErrorTooManyHosts,
        TextId::ErrorHostShape,
    ];

    /// The message id in `_locales/*/messages.json`.
    pub fn id(self) -> &'static str {
        match self {
            TextId::LegacyKeyStopped => "legacyKeyStopped",
            TextId::LegacyKeyStopsSoon => "legacyKeyStopsSoon",
            TextId::TokenExpired => "tokenExpired",
            TextId::TokenExpiring => "tokenExpiring",
            TextId::TokenExpiresToday => "tokenExpiresToday",
            TextId::CapturedToken => "capturedToken",
            TextId::CreateReplacementToken => "createReplacementToken",
            TextId::ErrorMalformed => "errorMalformed",
            TextId::ErrorTooLarge => "errorTooLarge",
            TextId::ErrorNotAllowed => "errorNotAllowed",
            TextId::ErrorUnknownCapture => "errorUnknownCapture",
            TextId::ErrorNotHeld => "errorNotHeld",
            TextId::ErrorHoldTooLong => "errorHoldTooLong",
            TextId::ErrorClearDelay => "errorClearDelay",
            TextId::ErrorTooManyHosts => "errorTooManyHosts",
            TextId::ErrorHostShape => "errorHostShape",
        }
    }

    /// How many parameters the engine passes with it: the locale's `$1`..`$n`.
    pub fn params(self) -> usize {
        match self {
            TextId::LegacyKeyStopped => 2,
            TextId::LegacyKeyStopsSoon => 3,
            TextId::TokenExpired | TextId::TokenExpiresToday => 1,
            TextId::TokenExpiring => 2,
            _ => 0,
        }
    }
}

impl Serialize for TextId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
