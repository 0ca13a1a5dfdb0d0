//! The wasm-bindgen boundary: converts types and errors, decides nothing.

use crate::backend::{Backend, Outcome, Request, Sender, State};
use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(e.name());
    err.into()
}

fn decode<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| js_error(Error::malformed(e)))
}

fn encode<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| js_error(Error::malformed(e)))
}

fn millis(now: f64) -> i64 {
    // Date.now() is a whole number of milliseconds well inside i64.
    now as i64
}

/// The background's engine. One instance lives in the service worker.
#[wasm_bindgen]
pub struct Engine {
    backend: Backend,
}

#[wasm_bindgen]
impl Engine {
    /// `state` is what the shell loaded from storage (`undefined` on first run).
    #[wasm_bindgen(constructor)]
    pub fn new(state: JsValue) -> Result<Engine, JsValue> {
        let state: State = if state.is_undefined() || state.is_null() { State::default() } else { decode(state)? };
        Ok(Engine { backend: Backend::new(state) })
    }

    /// Answers one `runtime.onMessage` message, given its sender's `id`, `url` and tab
    /// id: `{ reply, effects }`, or throws an `Error` whose `name` says what was wrong.
    pub fn handle(
        &mut self,
        request: JsValue,
        sender_id: Option<String>,
        sender_url: Option<String>,
        sender_tab: Option<f64>,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        // Tab ids are small whole numbers; a fractional one names no tab.
        let tab = sender_tab.filter(|t| t.fract() == 0.0).map(|t| t as i64);
        let sender = Sender { id: sender_id, url: sender_url, tab };
        let caller = self.backend.caller(&sender).map_err(js_error)?;
        let request: Request = decode(request)?;
        let outcome: Outcome = self.backend.handle(&caller, request, millis(now)).map_err(js_error)?;
        encode(&outcome)
    }

    /// An alarm fired: expire what is due.
    pub fn tick(&mut self, now: f64) -> Result<JsValue, JsValue> {
        encode(&self.backend.tick(millis(now)))
    }
}
