//! What the extension's own pages (popup, options, report, fill, welcome) ask the engine,
//! each request paired with the one reply type it gets: a page builds an `Ask` here and
//! reads back exactly that type, so a request and its reply cannot drift apart.

use super::messages::{
    CaptureRef, CopyRef, Csv, DismissedList, Filled, FingerprintRef, HeldList, Here, InForce, Judged, NoFields, Opened,
    OriginRef, Request, Revealed,
};
use crate::ids::CaptureId;
use crate::keep::capture::CopiedBy;
use crate::keep::fingerprint::Fingerprint;
use crate::keep::settings::Settings;
use std::marker::PhantomData;

/// A request, and the type its reply is read as.
#[derive(Debug)]
pub struct Ask<R> {
    pub request: Request,
    reply: PhantomData<fn() -> R>,
}

fn ask<R>(request: Request) -> Ask<R> {
    Ask { request, reply: PhantomData }
}

/// A reply the asker only needs to have arrived (the request was done).
pub type Done = serde::de::IgnoredAny;

/// Everything the popup shows, for the tab it was opened over.
pub fn popup(here: Here) -> Ask<Opened> {
    ask(Request::Popup(here))
}

pub fn list_held(here: Here) -> Ask<HeldList> {
    ask(Request::ListHeld(here))
}

/// One held token, whole.
pub fn reveal_held(capture: CaptureId) -> Ask<Revealed> {
    ask(Request::RevealHeld(CaptureRef { capture }))
}

/// The popup copied a held token.
pub fn copied(capture: CaptureId) -> Ask<Done> {
    ask(Request::Copied(CopyRef { capture, by: CopiedBy::Keyshift }))
}

pub fn filled(capture: CaptureId) -> Ask<Filled> {
    ask(Request::Filled(CaptureRef { capture }))
}

/// Forget one held token (`None`: every one).
pub fn forget(capture: Option<CaptureId>) -> Ask<HeldList> {
    ask(match capture {
        Some(capture) => Request::Forget(CaptureRef { capture }),
        None => Request::ForgetAll(NoFields {}),
    })
}

pub fn page_verdict(here: Here) -> Ask<Judged> {
    ask(Request::PageVerdict(here))
}

pub fn get_settings() -> Ask<InForce> {
    ask(Request::GetSettings(NoFields {}))
}

pub fn set_settings(settings: Settings) -> Ask<InForce> {
    ask(Request::SetSettings { settings })
}

pub fn list_dismissed() -> Ask<DismissedList> {
    ask(Request::ListDismissed(NoFields {}))
}

pub fn undismiss(fingerprint: Fingerprint) -> Ask<DismissedList> {
    ask(Request::Undismiss(FingerprintRef { fingerprint }))
}

/// An account's token health as CSV.
pub fn health_csv(origin: &str) -> Ask<Csv> {
    ask(Request::HealthCsv(OriginRef { origin: origin.to_string() }))
}

/// Forget every account's token health.
pub fn clear_health() -> Ask<Done> {
    ask(Request::ClearHealth(NoFields {}))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::strict::json::from_json;
    use crate::strict::MESSAGE;

    /// Every ask a page makes reads back, through the engine's strict reader, as the
    /// request it was built from: the two sides of the wire are one type.
    #[test]
    fn every_ask_decodes_as_the_request_it_is() {
        let here = Here { tab: Some(crate::ids::TabId(4)), url: Some("https://acme.repairshopr.com/".into()) };
        let print: Fingerprint =
            from_json(&serde_json::json!("00112233445566778899aabbccddeeff"), MESSAGE).expect("a print");
        let requests = [
            popup(here.clone()).request,
            list_held(here.clone()).request,
            reveal_held(CaptureId(3)).request,
            copied(CaptureId(3)).request,
            filled(CaptureId(3)).request,
            forget(Some(CaptureId(3))).request,
            forget(None).request,
            page_verdict(here).request,
            get_settings().request,
            set_settings(Settings::default()).request,
            list_dismissed().request,
            undismiss(print).request,
            health_csv("https://acme.syncromsp.com").request,
            clear_health().request,
        ];
        for request in requests {
            let wire = serde_json::to_value(&request).expect("a page's ask is written");
            let back: Request = from_json(&wire, MESSAGE).unwrap_or_else(|e| panic!("{wire}: {e:?}"));
            assert_eq!(format!("{back:?}"), format!("{request:?}"), "{wire}");
        }
        let wire = serde_json::to_string(&reveal_held(CaptureId(3)).request).expect("written");
        assert_eq!(wire, r#"{"reveal-held":{"capture":3}}"#, "the wire is as it was");
    }
}
