//! Every way a request can fail, with a message a person can act on. Messages never
//! carry a key or token: anything that came from the page is redacted first.

use crate::keep::settings::BadSetting;
use crate::read::scan::scan;
use crate::text::TextId;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The message is not of the expected shape (the reason is redacted).
    Malformed(String),
    TooLarge {
        what: &'static str,
        limit: usize,
    },
    /// The sender may not ask this.
    NotAllowed(&'static str),
    /// No such capture for this sender: expired, forgotten, or not theirs.
    UnknownCapture,
    /// The capture exists but holding was off, so its token was not kept.
    NotHeld,
    /// The site or tab has as many uncopied tokens waiting as it may.
    CaptureRefused,
    /// A setting is out of range.
    BadSetting(BadSetting),
}

impl Error {
    /// The JavaScript `Error.name` for this error.
    pub fn name(&self) -> &'static str {
        match self {
            Error::Malformed(_) => "MalformedMessage",
            Error::TooLarge { .. } => "MessageTooLarge",
            Error::NotAllowed(_) => "NotAllowed",
            Error::UnknownCapture => "UnknownCapture",
            Error::NotHeld => "NotHeld",
            Error::CaptureRefused => "CaptureRefused",
            Error::BadSetting(_) => "BadSetting",
        }
    }

    /// What the shell shows a person: a `_locales` id. (`Display` is the English text
    /// for developers and logs.)
    pub fn text(&self) -> TextId {
        match self {
            Error::Malformed(_) => TextId::ErrorMalformed,
            Error::TooLarge { .. } => TextId::ErrorTooLarge,
            Error::NotAllowed(_) => TextId::ErrorNotAllowed,
            Error::UnknownCapture => TextId::ErrorUnknownCapture,
            Error::NotHeld => TextId::ErrorNotHeld,
            Error::CaptureRefused => TextId::CaptureRefused,
            Error::BadSetting(which) => which.text(),
        }
    }

    /// Builds `Malformed` from a decoder's message, which may quote the input.
    pub fn malformed(reason: impl fmt::Display) -> Self {
        Error::Malformed(redact(&reason.to_string()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Malformed(reason) => write!(f, "Keyshift could not read the message: {reason}"),
            Error::TooLarge { what, limit } => {
                write!(f, "The message has too many {what} (the limit is {limit}); it was not processed")
            }
            Error::NotAllowed(why) => write!(f, "Not allowed: {why}"),
            Error::UnknownCapture => f.write_str("That token is no longer held: it expired or was forgotten"),
            Error::NotHeld => f.write_str("Keyshift did not keep that token: the hold time is 0 or has run out"),
            Error::CaptureRefused => f.write_str(
                "Keyshift did not keep this token: this site already has as many uncopied new tokens as it may",
            ),
            Error::BadSetting(which) => write!(f, "Setting not saved: {which}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<crate::keep::capture::CaptureError> for Error {
    fn from(e: crate::keep::capture::CaptureError) -> Self {
        match e {
            crate::keep::capture::CaptureError::Unknown => Error::UnknownCapture,
            crate::keep::capture::CaptureError::NotHeld => Error::NotHeld,
            crate::keep::capture::CaptureError::QuotaFull => Error::CaptureRefused,
        }
    }
}

impl From<BadSetting> for Error {
    fn from(which: BadSetting) -> Error {
        Error::BadSetting(which)
    }
}

/// The strict reader's refusal, as the request's (its reason redacted like any other).
impl From<crate::strict::Error> for Error {
    fn from(e: crate::strict::Error) -> Error {
        match e {
            crate::strict::Error::Malformed(why) => Error::malformed(why),
            crate::strict::Error::TooLarge { what, limit } => Error::TooLarge { what, limit },
        }
    }
}

/// The longest reason we pass on; decoder messages can quote whole inputs.
const MAX_REASON: usize = 200;

/// Replaces every token, token reference and UUID in `text` with `[redacted]`, and cuts
/// what is left to a readable length.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_REASON));
    let mut last = 0;
    for f in scan(text) {
        out.push_str(&text[last..f.start]);
        out.push_str("[redacted]");
        last = f.end;
    }
    out.push_str(&text[last..]);
    if out.len() > MAX_REASON {
        let mut cut = MAX_REASON;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn decoder_messages_lose_their_secrets() {
        let token = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
        let key = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";
        let e = Error::malformed(format!("invalid type: string \"{token}\" near {key}, expected u32"));
        let shown = e.to_string();
        assert!(!shown.contains(token) && !shown.contains(key), "{shown}");
        assert!(shown.contains("[redacted]"));
        assert_eq!(e.name(), "MalformedMessage");
    }

    #[test]
    fn long_reasons_are_cut_on_a_character_boundary() {
        let long = "é".repeat(500);
        let r = redact(&long);
        assert!(r.len() <= MAX_REASON + '…'.len_utf8());
        assert!(r.ends_with('…'));
    }
}
