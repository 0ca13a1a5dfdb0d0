//! The backend on any message, as a page and as the popup would send it: decoded into the
//! same types, then handled. No panic; a refusal is a typed error.
#![no_main]

use keyshift::backend::{Backend, Caller, Request, State};
use keyshift::capture::Binding;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<Request>(data) else { return };
    let state = State { salt: "00112233445566778899aabbccddeeff".into(), ..State::default() };
    let mut backend = Backend::new(state);
    let page = Caller::Page(Binding { tab: 1, origin: "https://acme.repairshopr.com".into() });
    let _ = backend.handle(&page, request.clone(), 1_795_000_000_000);
    let _ = backend.handle(&Caller::ExtensionPage, request, 1_795_000_000_000);
    let _ = backend.tick(1_795_000_600_000);
});
