//! The JavaScript-facing contract, run in the browser: message shapes as the shell
//! writes them, replies as it reads them, and error names.

use super::*;
use wasm_bindgen_test::wasm_bindgen_test as test;

const SELF: &str = "abcdefghijklmnopabcdefghijklmnop";
const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

/// A property of a reply object, by dotted path.
fn get(reply: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(reply.clone(), |v, key| js_sys::Reflect::get(&v, &key.into()).expect("property"))
}

fn engine() -> Engine {
    // Parts of the wrong shape (another version's) start afresh instead of failing.
    let init = js(&format!(
        r#"{{"selfId":"{SELF}","selfOrigin":"chrome-extension://{SELF}","salt":"00112233445566778899aabbccddeeff",
            "managed":{{"holdMinutes":0,"captureTokens":"yes"}},"dismissed":null,"session":[1,2]}}"#
    ));
    Engine::new(init).expect("an engine")
}

fn sender(url: &str) -> JsValue {
    js(&format!(r#"{{"id":"{SELF}","url":"{url}","tab":3,"frame":0,"tabUrl":"{url}"}}"#))
}

fn page(engine: &mut Engine, request: JsValue) -> Result<JsValue, JsValue> {
    engine.handle(request, sender("https://acme.repairshopr.com/profile"), 1.8e12, -480.0)
}

fn error_name(e: JsValue) -> String {
    e.dyn_into::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default()
}

#[test]
fn a_scan_as_the_content_script_sends_it() {
    let mut e = engine();
    let out = page(
        &mut e,
        js(r#"{"scan":{"snapshot":{"page":{"url":"https://acme.repairshopr.com/profile","title":"Profile","lang":"en","headings":[["Profile/Password",0]],"controls":[[7,"Update Profile",0]]},
            "blocks":[{"id":1,"segs":["API Key","5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e"],"label":"API Key"}],"rows":[[4,"row text"]]}}}"#),
    )
    .expect("scan answers");
    assert!(get(&out, "reply").is_object(), "replies are objects, not JSON text");
    assert_eq!(get(&out, "reply.plan.page").as_string().as_deref(), Some("profile"));
    assert_eq!(get(&out, "reply.plan.notes.0.kind").as_string().as_deref(), Some("legacy-key"));
    assert_eq!(get(&out, "reply.plan.notes.0.message.id").as_string().as_deref(), Some("legacyKeyStopped"));
    assert!(get(&out, "reply.plan.notes.0.dismiss").as_string().is_some_and(|f| f.len() == 32));
    assert!(get(&out, "effects.alarmAt").is_null());
}

#[test]
fn start_hands_over_a_new_salt_made_by_the_browser() {
    let init = js(&format!(r#"{{"selfId":"{SELF}","selfOrigin":"chrome-extension://{SELF}"}}"#));
    let mut e = Engine::new(init).expect("an engine");
    let out = e.start(1.8e12, 0.0).expect("started");
    let salt = get(&out, "effects.salt").as_string().expect("a new salt to keep");
    assert_eq!(salt.len(), 32);
    assert_ne!(salt, "00000000000000000000000000000000", "random, from crypto.getRandomValues");
    assert!(get(&out, "effects.hostPatterns").is_array(), "custom domains re-synced at start");
    let again = Engine::new(js(&format!(r#"{{"selfId":"{SELF}","selfOrigin":"x","salt":"{salt}"}}"#)))
        .expect("an engine")
        .start(1.8e12, 0.0)
        .expect("started");
    assert!(get(&again, "effects.salt").is_null(), "a stored salt is kept");
}

#[test]
fn bad_messages_get_named_errors() {
    let mut e = engine();
    assert_eq!(
        error_name(page(&mut e, js(r#"{"scan":{"snapshot":{"page":{"url":7}}}}"#)).unwrap_err()),
        "MalformedMessage"
    );
    assert_eq!(error_name(page(&mut e, js(r#"{"launch-missiles":{}}"#)).unwrap_err()), "MalformedMessage");
    assert_eq!(error_name(page(&mut e, js(r#"{"list-held":{}}"#)).unwrap_err()), "NotAllowed");
    let huge = format!(
        r#"{{"scan":{{"snapshot":{{"page":{{"url":"https://acme.repairshopr.com/","title":"{}"}}}}}}}}"#,
        "x".repeat(5000)
    );
    assert_eq!(error_name(page(&mut e, js(&huge)).unwrap_err()), "MessageTooLarge");
    let stranger = e.handle(js(r#"{"list-held":{}}"#), js(r#"{"id":"other"}"#), 0.0, 0.0);
    assert_eq!(error_name(stranger.unwrap_err()), "NotAllowed");
}

#[test]
fn an_oversized_message_is_refused_before_it_reaches_wasm_memory() {
    let mut e = engine();
    let request = js(r#"{"scan":{"snapshot":{"page":{"url":"https://acme.repairshopr.com/"}}}}"#);
    let title = js_sys::JsString::from("x").repeat(40_000_000);
    js_sys::Reflect::set(&get(&request, "scan.snapshot.page"), &"title".into(), &title).expect("set");
    let memory = || {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    let before = memory();
    assert_eq!(error_name(page(&mut e, request).unwrap_err()), "MessageTooLarge");
    assert_eq!(memory(), before, "the 40-million-character title was never copied in");
    // And the engine answers the next message.
    assert!(page(&mut e, js(r#"{"hello":{}}"#)).is_ok());
}

#[test]
fn a_malformed_message_never_echoes_a_token() {
    let mut e = engine();
    let err = page(&mut e, js(&format!(r#"{{"copied":{{"capture":"{TOKEN}"}}}}"#))).unwrap_err();
    let message = err.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
    // The reader never describes the value it got, only what it expected.
    assert!(message.contains("u32") && !message.contains(&TOKEN[1..20]), "{message}");
    // A name the page chose is quoted, with any token in it redacted.
    let err = page(&mut e, js(&format!(r#"{{"{TOKEN}":{{}}}}"#))).unwrap_err();
    let message = err.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
    assert!(message.contains("[redacted]") && !message.contains(&TOKEN[1..20]), "{message}");
}

/// Every kind of bad input a sender can make, through the real reader and backend:
/// each gets a typed error (or, for one bad block, a block error beside the rest of
/// the plan), and the tally by kind is what this list says it is.
#[test]
fn bad_input_is_typed_and_counted() {
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
        ("an unknown token kind", r#"{"submitted":{"kind":"rocket"}}"#.into(), "MalformedMessage"),
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
            snapshot(&format!(r#"{{"url":"{url}","controls":[{}]}}"#, many(2001, r#"[1,"Done",0]"#)), "[]"),
            "MessageTooLarge",
        ),
        (
            "text beyond the reader's bound",
            snapshot(&ok_page, &format!("[{}]", many(200, &block(1, &"z".repeat(50_000))))),
            "MessageTooLarge",
        ),
        // from where it may not come
        ("a page asking for held tokens", r#"{"reveal-held":{"capture":1}}"#.into(), "NotAllowed"),
    ];
    let mut e = engine();
    let mut tally = std::collections::BTreeMap::new();
    for (what, request, want) in &cases {
        let err = page(&mut e, js(request)).expect_err(what);
        let err = err.dyn_into::<js_sys::Error>().expect("an Error");
        let (name, message) = (String::from(err.name()), String::from(err.message()));
        assert_eq!(&name, want, "{what}: {message}");
        assert!(!message.contains(&TOKEN[1..20]), "{what}: {message}");
        let text = js_sys::Reflect::get(&err, &"text".into()).ok().and_then(|t| t.as_string()).unwrap_or_default();
        assert!(keyshift::text::TextId::ALL.iter().any(|t| t.id() == text), "{what}: no locale id ({text})");
        *tally.entry(name).or_insert(0) += 1;
    }
    // Senders that are not pages of an enabled host, with a well-formed request.
    let senders = [
        r#"{"id":"another-extension","url":"https://acme.repairshopr.com/api_tokens","tab":3}"#.to_string(),
        format!(r#"{{"id":"{SELF}","url":"http://acme.repairshopr.com/profile","tab":3}}"#),
        format!(r#"{{"id":"{SELF}","url":"https://evil.example/profile","tab":3}}"#),
        format!(r#"{{"id":"{SELF}","url":"{url}"}}"#),
    ];
    for s in senders {
        let err = e.handle(js(r#"{"forget-all":{}}"#), js(&s), 1.8e12, 0.0).expect_err("refused");
        *tally.entry(error_name(err)).or_insert(0) += 1;
    }
    let counted: Vec<(&str, i32)> = tally.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(counted, vec![("MalformedMessage", 19), ("MessageTooLarge", 6), ("NotAllowed", 5)]);

    // One bad block among good ones: a block error beside the rest of the plan.
    let key = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";
    let blocks = format!(
        r#"[{{"id":1,"segs":[{}]}},{{"id":2,"segs":["{}"]}},{{"id":3,"segs":["API Key","{key}"],"label":"API Key"}}]"#,
        many(513, r#""a""#),
        "z".repeat(64 * 1024 + 1)
    );
    let out = page(&mut e, js(&snapshot(&ok_page, &blocks))).expect("the good block is planned");
    assert_eq!(get(&out, "reply.plan.notes.0.kind").as_string().as_deref(), Some("legacy-key"));
    assert_eq!(get(&out, "reply.plan.errors.0.error").as_string().as_deref(), Some("MessageTooLarge"));
    assert_eq!(get(&out, "reply.plan.errors.1.error").as_string().as_deref(), Some("MessageTooLarge"));
    assert!(get(&out, "reply.plan.errors.2").is_undefined());
}
