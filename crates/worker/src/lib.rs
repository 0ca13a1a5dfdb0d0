//! The wasm-bindgen boundary of the background's engine: converts types and errors,
//! decides nothing. What pages send is read by the engine's strict reader (over `JsValue`
//! here); replies and effects leave as plain JavaScript objects through
//! serde-wasm-bindgen. Only the engine's public API is in reach from here.
#![cfg(target_arch = "wasm32")]

/// Smaller and faster than the default dlmalloc on wasm (single-threaded: no atomics).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "bench")]
mod bench;

use keyshift::backend::Backend;
use keyshift::contract::error::Error;
use keyshift::contract::messages::{Clock, Request, Sender, State};
use keyshift::ids::Millis;
use keyshift::strict::{self, from_source};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// The request, reply and effect types, published in keyshift.d.ts for the shell's type
/// check (`tsc`, in `make test`); `messages::tests` keeps them in step with the Rust types.
#[wasm_bindgen(typescript_custom_section)]
const CONTRACT: &str = include_str!("../../../src/contract/contract.d.ts");

/// Errors reach JavaScript as `Error`s named after the Rust error (`MalformedMessage`,
/// `MessageTooLarge`, …), with `text`: the `_locales` id the shell shows.
fn thrown(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(e.name());
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("text"), &JsValue::from_str(e.text().id()));
    err.into()
}

/// Reads what a page (or storage) sent, strictly and within the message limits.
fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    Ok(from_source(value, strict::MESSAGE)?)
}

/// Replies leave as plain objects (`Map`s would not survive `sendMessage`).
fn write<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| thrown(Error::malformed("the reply could not be written")))
}

fn clock(now: f64, offset_minutes: f64) -> Clock {
    // Date.now() is a whole number of milliseconds; offsets are whole minutes.
    Clock { now: Millis(now as i64), offset_minutes: offset_minutes as i32 }
}

/// Sixteen random bytes from the browser (`crypto.getRandomValues`), for a new salt.
fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok());
    if let Some(crypto) = crypto {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}

/// The engine's wasm memory in bytes, for diagnostics and `make bench`. (It never shrinks:
/// what a message may cost before it is refused is bounded by `strict::MESSAGE`.)
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}

/// What `new Engine({...})` takes: what the shell loaded from storage and who we are.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Init {
    self_id: String,
    self_origin: String,
}

/// The part of `init` under `key`, read on its own: a part that cannot be read starts
/// afresh, so broken storage never stops Keyshift.
fn part<T: DeserializeOwned>(init: &JsValue, key: &str) -> Option<T> {
    let value = js_sys::Reflect::get(init, &JsValue::from_str(key)).ok()?;
    read(value).ok()
}

/// The background's engine. One instance lives in the service worker (or event page).
#[wasm_bindgen]
pub struct Engine {
    backend: Backend,
}

#[wasm_bindgen]
impl Engine {
    /// `new Engine({ selfId, selfOrigin, salt, settings, managed, dismissed, session, suffixes })`:
    /// what the shell loaded from storage (any of it `undefined` on first run).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Init")] init: JsValue) -> Result<Engine, JsValue> {
        let who: Init = read(init.clone()).map_err(thrown)?;
        let state = State {
            settings: part(&init, "settings"),
            managed: part(&init, "managed"),
            dismissed: part(&init, "dismissed").unwrap_or_default(),
            health: part(&init, "health"),
            salt: part(&init, "salt"),
            fresh_salt: random_bytes(),
            session: part(&init, "session"),
            suffixes: part(&init, "suffixes"),
            self_id: who.self_id,
            self_origin: who.self_origin,
        };
        Ok(Engine { backend: Backend::new(state) })
    }

    /// Once after construction: `{ reply, effects }` (a new salt to keep, the custom
    /// domains to register, the alarm to set).
    #[wasm_bindgen(unchecked_return_type = "Outcome<NoFields>")]
    pub fn start(&mut self, now: f64, offset_minutes: f64) -> Result<JsValue, JsValue> {
        write(&self.backend.start(clock(now, offset_minutes)))
    }

    /// Answers one `runtime.onMessage` message. `sender`: `{ id, url, tab, frame, tabUrl }`
    /// from the message's sender. Returns `{ reply, effects }`, or throws an `Error` whose
    /// `name` says what was wrong.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn handle(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SenderInfo")] sender: JsValue,
        now: f64,
        offset_minutes: f64,
    ) -> Result<JsValue, JsValue> {
        let sender: Sender = read(sender).map_err(thrown)?;
        let caller = self.backend.caller(&sender).map_err(thrown)?;
        let request: Request = read(request).map_err(thrown)?;
        match self.backend.handle(&caller, request, clock(now, offset_minutes)) {
            Ok(outcome) => write(&outcome),
            Err(refusal) => {
                // The error, carrying what the shell must still apply.
                let error = thrown(refusal.error);
                let _ = js_sys::Reflect::set(&error, &JsValue::from_str("effects"), &write(&refusal.effects)?);
                Err(error)
            }
        }
    }

    /// The clipboard's text, read because `effects.readClipboard` said a clear was due:
    /// `{ reply: { clear }, effects }`.
    #[wasm_bindgen(unchecked_return_type = "Outcome<ClipboardReply>")]
    pub fn clipboard(&mut self, text: String, now: f64) -> Result<JsValue, JsValue> {
        write(&self.backend.clipboard(keyshift::keep::capture::Secret::new(text), Millis(now as i64)))
    }

    /// `storage.managed` changed: `{ reply: { settings, locked }, effects }`. A policy
    /// that cannot be read counts as none.
    #[wasm_bindgen(unchecked_return_type = "Outcome<SettingsReply>")]
    pub fn managed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] managed: JsValue,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        write(&self.backend.set_managed(read(managed).unwrap_or_default(), Millis(now as i64)))
    }

    /// An alarm fired: expire what is due.
    #[wasm_bindgen(unchecked_return_type = "Outcome<NoFields>")]
    pub fn tick(&mut self, now: f64) -> Result<JsValue, JsValue> {
        write(&self.backend.tick(Millis(now as i64)))
    }
}

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg(test)]
mod tests;
