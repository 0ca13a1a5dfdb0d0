//! Every text the engine asks the shell to show, named by its `_locales` message id. The
//! shell renders them with `chrome.i18n`; `locales_tests` checks every locale has each
//! one, with the same placeholders.

use serde::{Serialize, Serializer};

/// One table makes the enum, `ALL`, the ids and the parameter counts, so a text cannot
/// be added without the locale check seeing it.
macro_rules! texts {
    ($($variant:ident => $id:literal, $params:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TextId {
            $($variant),*
        }

        impl TextId {
            pub const ALL: &'static [TextId] = &[$(TextId::$variant),*];

            /// The message id in `_locales/*/messages.json`.
            pub fn id(self) -> &'static str {
                match self {
                    $(TextId::$variant => $id),*
                }
            }

            /// How many parameters the engine passes with it: the locale's `$1`..`$n`.
            pub fn params(self) -> usize {
                match self {
                    $(TextId::$variant => $params),*
                }
            }
        }
    };
}

texts! {
    LegacyKeyStopped => "legacyKeyStopped", 2;
    LegacyKeyStopsSoon => "legacyKeyStopsSoon", 3;
    TokenExpired => "tokenExpired", 1;
    TokenExpiring => "tokenExpiring", 2;
    TokenExpiresToday => "tokenExpiresToday", 1;
    CapturedToken => "capturedToken", 0;
    CaptureRefused => "captureRefused", 0;
    CreateReplacementToken => "createReplacementToken", 0;
    ErrorMalformed => "errorMalformed", 0;
    ErrorTooLarge => "errorTooLarge", 0;
    ErrorNotAllowed => "errorNotAllowed", 0;
    ErrorUnknownCapture => "errorUnknownCapture", 0;
    ErrorNotHeld => "errorNotHeld", 0;
    ErrorHoldTooLong => "errorHoldTooLong", 0;
    ErrorClearDelay => "errorClearDelay", 0;
    ErrorTooManyHosts => "errorTooManyHosts", 0;
    ErrorHostShape => "errorHostShape", 0;
}

impl Serialize for TextId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
