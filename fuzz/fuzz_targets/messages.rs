//! The backend on any message, as a page and as the popup would send it: parsed the way
//! `JSON.parse` would, read by the same strict reader the browser uses (within the same
//! limits), then handled. No panic; a refusal is a typed error.
#![no_main]

use keyshift::{from_json, Backend, Binding, Caller, Clock, Millis, Request, State, TabId, MESSAGE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let Ok(request) = from_json::<Request>(&value, MESSAGE) else { return };
    let state = State { salt: Some("00112233445566778899aabbccddeeff".into()), ..State::default() };
    let mut backend = Backend::new(state);
    let page = Caller::page(Binding { tab: TabId(1), origin: "https://acme.repairshopr.com".into() });
    let clock = Clock { now: Millis(1_795_000_000_000), offset_minutes: -480 };
    let _ = backend.handle(&page, request.clone(), clock);
    let _ = backend.handle(&Caller::ExtensionPage, request, clock);
    let _ = backend.tick(Millis(1_795_000_600_000));
});
