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

    /// Every kind of bad input a sender can make, through the real reader and backend:
    /// each gets a typed error (or, for one bad block, a block error beside the rest of
    /// the plan), and the tally by kind is what this list says it is.
    #[test]
    fn bad_input_is_typed_and_counted() {
        const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
        let url = "https://acme.repairshopr.com/api_tokens";
        let snapshot =
            |page: &str, blocks: &str| format!(r#"{{"scan":{{"snapshot":{{"page":{page},"blocks":{blocks}}}}}}}"#);
        let ok_page = format!(r#"{{"url":"{url}"}}"#);
        let block = |id: u32, seg: &str| format!(r#"{{"id":{id},"segs":["{seg}"]}}"#);
        let many = |n: usize, item: &str| vec![item; n].join(",");
        let deep = format!(r#"{{"scan":{{"snapshot":{}{}}}}}"#, "[".repeat(5000), "]".repeat(5000));
        let cases: Vec<(&str, String, &str)> = vec![
            // malformed: not a request at all
            ("no kind", "{}".into(), "MalformedMessage"),
            ("unknown kind", r#"{"launch-missiles":{}}"#.into(), "MalformedMessage"),
            ("two kinds", r#"{"copied":{"capture":1},"forget-all":{}}"#.into(), "MalformedMessage"),
            ("unknown field", r#"{"copied":{"capture":1,"also":2}}"#.into(), "MalformedMessage"),
            ("missing field", r#"{"scan":{}}"#.into(), "MalformedMessage"),
            ("null", "null".into(), "MalformedMessage"),
            ("number", "42".into(), "MalformedMessage"),
            ("string", format!(r#""{TOKEN}""#), "MalformedMessage"),
            ("array", "[1,2]".into(), "MalformedMessage"),
            ("5,000-deep nesting", deep, "MalformedMessage"),
            ("bad fingerprint", format!(r#"{{"dismiss":{{"fingerprint":"{TOKEN}"}}}}"#), "MalformedMessage"),
            // wrongly typed
            ("string for a number", format!(r#"{{"copied":{{"capture":"{TOKEN}"}}}}"#), "MalformedMessage"),
            ("negative id", r#"{"copied":{"capture":-1}}"#.into(), "MalformedMessage"),
            ("fractional id", r#"{"copied":{"capture":1.5}}"#.into(), "MalformedMessage"),
            ("number for a string", snapshot(r#"{"url":7}"#, "[]"), "MalformedMessage"),
            ("string for a list", snapshot(&ok_page, r#"[{"id":1,"segs":"text"}]"#), "MalformedMessage"),
            ("unknown source", snapshot(&ok_page, r#"[{"id":1,"segs":["a"],"source":"laser"}]"#), "MalformedMessage"),
            ("a field where none belong", r#"{"get-settings":{"x":true}}"#.into(), "MalformedMessage"),
            // oversized, as a whole
            (
                "long title",
                snapshot(&format!(r#"{{"url":"{url}","title":"{}"}}"#, "x".repeat(5000)), "[]"),
                "MessageTooLarge",
            ),
            ("long address", snapshot(&format!(r#"{{"url":"{url}?{}"}}"#, "q".repeat(9000)), "[]"), "MessageTooLarge"),
            ("too many blocks", snapshot(&ok_page, &format!("[{}]", many(20_001, &block(1, "a")))), "MessageTooLarge"),
            (
                "too many bytes",
                snapshot(&ok_page, &format!("[{}]", many(130, &block(1, &"y".repeat(64 * 1024))))),
                "MessageTooLarge",
            ),
            (
                "too many controls",
                snapshot(&format!(r#"{{"url":"{url}","controls":[{}]}}"#, many(2001, r#"[1,"Done"]"#)), "[]"),
                "MessageTooLarge",
            ),
            // from where it may not come
            ("a page asking for held tokens", r#"{"reveal-held":{"capture":1}}"#.into(), "NotAllowed"),
        ];
        let mut e = engine();
        let mut tally = std::collections::BTreeMap::new();
        for (what, request, want) in &cases {
            let err = page(&mut e, request).expect_err(what);
            let err = err.dyn_into::<js_sys::Error>().expect("an Error");
            let (name, message) = (String::from(err.name()), String::from(err.message()));
            assert_eq!(&name, want, "{what}: {message}");
            assert!(!message.contains(&TOKEN[1..20]), "{what}: {message}");
            let text = js_sys::Reflect::get(&err, &"text".into()).ok().and_then(|t| t.as_string()).unwrap_or_default();
            assert!(crate::text::TextId::ALL.iter().any(|t| t.id() == text), "{what}: no locale id ({text})");
            *tally.entry(name).or_insert(0) += 1;
        }
        // Senders that are not pages of an enabled host, with a well-formed request.
        let senders = [
            (Some("another-extension".to_string()), Some(url.to_string()), Some(3.0)),
            (Some(SELF.to_string()), Some("http://acme.repairshopr.com/profile".to_string()), Some(3.0)),
            (Some(SELF.to_string()), Some("https://evil.example/profile".to_string()), Some(3.0)),
            (Some(SELF.to_string()), Some(url.to_string()), None),
        ];
        for (id, from, tab) in senders {
            let err = e.handle(js(r#"{"forget-all":{}}"#), id, from, tab, 1.8e12).expect_err("refused");
            *tally.entry(error_name(err)).or_insert(0) += 1;
        }
        let counted: Vec<(&str, i32)> = tally.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(counted, vec![("MalformedMessage", 18), ("MessageTooLarge", 5), ("NotAllowed", 5)]);

        // One bad block among good ones: a block error beside the rest of the plan.
        let key = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";
        let blocks = format!(
            r#"[{{"id":1,"segs":[{}]}},{{"id":2,"segs":["{}"]}},{{"id":3,"segs":["API Key","{key}"],"label":"API Key"}}]"#,
            many(513, r#""a""#),
            "z".repeat(64 * 1024 + 1)
        );
        let out = page(&mut e, &snapshot(&ok_page, &blocks)).expect("the good block is planned");
        assert_eq!(get(&out, "reply.plan.notes.0.kind").as_string().as_deref(), Some("legacy-key"));
        assert_eq!(get(&out, "reply.plan.errors.0.error").as_string().as_deref(), Some("MessageTooLarge"));
        assert_eq!(get(&out, "reply.plan.errors.1.error").as_string().as_deref(), Some("MessageTooLarge"));
        assert!(get(&out, "reply.plan.errors.2").is_undefined());
    }
}
