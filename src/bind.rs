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
    // The `_locales` id the shell shows in place of the English message.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("text"), &JsValue::from_str(e.text().id()));
    err.into()
}

fn decode<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    crate::jsde::from_value(value).map_err(|e| js_error(Error::malformed(e)))
}

/// Replies go out as JSON text for the shell to `JSON.parse`. The text may hold a token
/// (the popup's copy), so it is wiped once handed over.
fn encode<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Writing our own types cannot fail (no maps, no floats); the error is not formatted,
    // which keeps serde_json's message table out of the wasm.
    let text =
        serde_json::to_string(value).map_err(|_| js_error(Error::malformed("the reply could not be written")))?;
    let text = zeroize::Zeroizing::new(text);
    Ok(JsValue::from_str(&text))
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
    /// Starts from what the shell loaded from storage (`undefined` on first run). A
    /// stored part that cannot be read starts afresh: broken storage never stops Keyshift.
    #[wasm_bindgen(constructor)]
    pub fn new(
        self_id: String,
        self_origin: String,
        salt: String,
        settings: JsValue,
        managed: JsValue,
        dismissed: JsValue,
        session: JsValue,
    ) -> Engine {
        let state = State {
            settings: decode(settings).ok(),
            managed: decode(managed).ok(),
            dismissed: decode(dismissed).unwrap_or_default(),
            salt,
            session: decode(session).ok(),
            self_id,
            self_origin,
        };
        Engine { backend: Backend::new(state) }
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

    /// The clipboard's text, read because `effects.readClipboard` said a clear was due:
    /// `{ reply: { clear }, effects }`.
    pub fn clipboard(&mut self, text: String, now: f64) -> Result<JsValue, JsValue> {
        encode(&self.backend.clipboard(crate::capture::Secret::new(text), millis(now)))
    }

    /// `storage.managed` changed: `{ reply: { settings, locked }, effects }`. A policy
    /// that cannot be read counts as none.
    pub fn managed(&mut self, managed: JsValue, now: f64) -> Result<JsValue, JsValue> {
        encode(&self.backend.set_managed(decode(managed).unwrap_or_default(), millis(now)))
    }

    /// An alarm fired: expire what is due.
    pub fn tick(&mut self, now: f64) -> Result<JsValue, JsValue> {
        encode(&self.backend.tick(millis(now)))
    }
}

/// The JavaScript-facing contract, run in the browser: message shapes as the shell
/// writes them, and error names.
#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const SELF: &str = "abcdefghijklmnopabcdefghijklmnop";

    fn js(json: &str) -> JsValue {
        js_sys::JSON::parse(json).expect("test JSON parses")
    }

    /// A property of a reply, which arrives as JSON text.
    fn get(reply: &JsValue, path: &str) -> JsValue {
        let value = js_sys::JSON::parse(&reply.as_string().expect("replies are JSON text")).expect("valid JSON");
        path.split('.').fold(value, |v, key| js_sys::Reflect::get(&v, &key.into()).expect("property"))
    }

    fn engine() -> Engine {
        let salt = "00112233445566778899aabbccddeeff".to_string();
        // A session of the wrong shape (another version's) starts afresh instead of failing.
        Engine::new(
            SELF.into(),
            format!("chrome-extension://{SELF}"),
            salt,
            JsValue::UNDEFINED,
            js(r#"{"holdMinutes": 0, "captureTokens": "yes"}"#),
            JsValue::NULL,
            js("[1, 2]"),
        )
    }

    fn page(engine: &mut Engine, request: &str) -> Result<JsValue, JsValue> {
        engine.handle(
            js(request),
            Some(SELF.into()),
            Some("https://acme.repairshopr.com/profile".into()),
            Some(3.0),
            1.8e12,
        )
    }

    fn error_name(e: JsValue) -> String {
        e.dyn_into::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default()
    }

    #[test]
    fn a_scan_as_the_content_script_sends_it() {
        let mut e = engine();
        let out = page(
            &mut e,
            r#"{"scan":{"snapshot":{"page":{"url":"https://acme.repairshopr.com/profile","title":"Profile","headings":["Profile/Password"],"controls":[[7,"Update Profile"]]},
                "blocks":[{"id":1,"segs":["API Key","5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e"],"label":"API Key"}],"rows":[[4,"row text"]]}}}"#,
        )
        .expect("scan answers");
        assert_eq!(get(&out, "reply.plan.page").as_string().as_deref(), Some("profile"));
        assert_eq!(get(&out, "reply.plan.notes.0.kind").as_string().as_deref(), Some("legacy-key"));
        assert_eq!(get(&out, "reply.plan.notes.0.message.id").as_string().as_deref(), Some("legacyKeyStopped"));
        assert!(get(&out, "effects.alarmAt").is_null());
    }

    #[test]
    fn bad_messages_get_named_errors() {
        let mut e = engine();
        assert_eq!(
            error_name(page(&mut e, r#"{"scan":{"snapshot":{"page":{"url":7}}}}"#).unwrap_err()),
            "MalformedMessage"
        );
        assert_eq!(error_name(page(&mut e, r#"{"launch-missiles":{}}"#).unwrap_err()), "MalformedMessage");
        assert_eq!(error_name(page(&mut e, r#"{"list-held":{}}"#).unwrap_err()), "NotAllowed");
        let huge = format!(
            r#"{{"scan":{{"snapshot":{{"page":{{"url":"https://acme.repairshopr.com/","title":"{}"}}}}}}}}"#,
            "x".repeat(5000)
        );
        assert_eq!(error_name(page(&mut e, &huge).unwrap_err()), "MessageTooLarge");
        let stranger = e.handle(js(r#"{"list-held":{}}"#), Some("other".into()), None, None, 0.0);
        assert_eq!(error_name(stranger.unwrap_err()), "NotAllowed");
    }

    #[test]
    fn a_malformed_message_never_echoes_a_token() {
        let mut e = engine();
        let token = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
        let err = page(&mut e, &format!(r#"{{"copied":{{"capture":"{token}"}}}}"#)).unwrap_err();
        let message = err.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        // The reader never describes the value it got, only what it expected.
        assert!(message.contains("u32") && !message.contains(&token[1..20]), "{message}");
        // A name the page chose is quoted, with any token in it redacted.
        let err = page(&mut e, &format!(r#"{{"{token}":{{}}}}"#)).unwrap_err();
        let message = err.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        assert!(message.contains("[redacted]") && !message.contains(&token[1..20]), "{message}");
    }
}
