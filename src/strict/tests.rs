use super::json::from_json;
use super::*;
use crate::contract::messages::Request;
use serde::Deserialize;
use serde_json::{json, Value as Json};

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Shape {
    id: u32,
    when: i64,
    name: Option<String>,
    pair: (u32, String),
    list: Vec<bool>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    Plain,
    Boxed(u32),
    Named { x: u32 },
}

fn read<T: de::DeserializeOwned>(value: Json) -> Result<T, Error> {
    from_json(&value, MESSAGE)
}

#[test]
fn reads_what_the_shell_sends() {
    let shape: Shape =
        read(json!({"id": 7, "when": -1_795_000_000_000i64, "name": null, "pair": [3, "a"], "list": [true, false]}))
            .expect("reads");
    assert_eq!(
        shape,
        Shape { id: 7, when: -1_795_000_000_000, name: None, pair: (3, "a".into()), list: vec![true, false] }
    );
    assert_eq!(read::<Kind>(json!("plain")).expect("unit"), Kind::Plain);
    assert_eq!(read::<Kind>(json!({"boxed": 5})).expect("newtype"), Kind::Boxed(5));
    assert_eq!(read::<Kind>(json!({"named": {"x": 1}})).expect("struct"), Kind::Named { x: 1 });
    assert_eq!(read::<Option<u32>>(Json::Null).expect("absent"), None);
    assert_eq!(read::<u32>(json!(1.0)).expect("JavaScript's 1.0 is 1"), 1);
}

#[test]
fn refuses_with_a_reason_and_never_the_value() {
    let err = |v: Json| read::<Shape>(v).expect_err("refused").to_string();
    assert!(err(json!({"id": 1.5, "when": 0, "pair": [1, "a"], "list": []})).contains("u32"));
    assert!(err(json!({"id": -1, "when": 0, "pair": [1, "a"], "list": []})).contains("u32"));
    let secret = err(json!({"id": "secret-value", "when": 0, "pair": [1, "a"], "list": []}));
    assert!(secret.contains("u32") && !secret.contains("secret"), "{secret}");
    assert!(err(json!({"id": 1, "when": 0, "pair": [1, "a"], "list": [], "extra": 1})).contains("extra"));
    assert!(err(json!({"when": 0, "pair": [1, "a"], "list": []})).contains("`id`"));
    assert!(err(json!([1, 2])).contains("Shape"), "a struct written as an array is refused");
    assert!(read::<Kind>(json!({"plain": 1, "boxed": 2})).is_err(), "one kind at a time");
    assert!(read::<Kind>(json!({"launch": {}})).expect_err("unknown").to_string().contains("launch"));
}

#[test]
fn oversized_messages_are_refused_before_their_text_is_copied() {
    let small = Limits { text_units: 100, values: 50, depth: 4 };
    let text = json!({"id": 1, "when": 0, "name": "x".repeat(101), "pair": [1, "a"], "list": []});
    assert_eq!(from_json::<Shape>(&text, small), Err(Error::TooLarge { what: "characters of text", limit: 100 }));
    let many = json!({"id": 1, "when": 0, "pair": [1, "a"], "list": vec![true; 60]});
    assert_eq!(from_json::<Shape>(&many, small), Err(Error::TooLarge { what: "values", limit: 50 }));
    let deep = (0..10).fold(json!(1), |inner, _| json!([inner]));
    assert!(matches!(from_json::<Json>(&deep, small), Err(Error::TooLarge { what: "levels of nesting", .. })));
    // The real bound sits above every precise limit: a big but valid page still reads.
    let page = json!({"scan": {"snapshot": {"page": {"url": "https://a.repairshopr.com/"},
        "blocks": (0..1500).map(|i| json!({"id": i, "segs": ["x".repeat(1000)]})).collect::<Vec<_>>()}}});
    assert!(from_json::<Request>(&page, MESSAGE).is_ok());
}

/// JavaScript has no integers: `JSON.parse("1.0")` is 1. serde_json keeps `1.0` a float,
/// so the comparison reads both the way the browser would.
fn as_javascript_reads_it(v: &mut Json) {
    match v {
        Json::Number(n) => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                *v = if f < 0.0 { json!(f as i64) } else { json!(f as u64) };
            }
        }
        Json::Array(items) => items.iter_mut().for_each(as_javascript_reads_it),
        Json::Object(fields) => fields.values_mut().for_each(as_javascript_reads_it),
        _ => {}
    }
}

fn has_array_in_a_field(v: &Json) -> bool {
    match v {
        Json::Array(items) => items.iter().any(has_array_in_a_field),
        Json::Object(fields) => fields.values().any(|f| f.is_array() || has_array_in_a_field(f)),
        _ => false,
    }
}

/// The messages the engine's own tests send, and every file of the `messages` fuzz
/// corpus: decoded after `JSON.parse` by the strict reader and by serde_json, the two
/// agree. The one difference allowed is the strict one: a struct written as an array.
#[test]
fn the_strict_reader_agrees_with_serde_json_on_every_fixture_and_corpus_file() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/messages");
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&corpus)
        .expect("the committed corpus")
        .map(|e| std::fs::read(e.expect("file").path()).expect("readable"))
        .collect();
    for fixture in [
        r#"{"hello":{}}"#,
        r#"{"copied":{"capture":3}}"#,
        r#"{"done-skipped":{"capture":3}}"#,
        r#"{"submitted":{"kind":"it-glue","name":"IT Glue sync"}}"#,
        r#"{"list-held":{"tab":4,"url":"https://acme.repairshopr.com/"}}"#,
        r#"{"dismiss":{"fingerprint":"0123456789abcdef0123456789abcdef"}}"#,
        r#"{"set-settings":{"settings":{"holdMinutes":5,"extraHosts":["help.example.com"]}}}"#,
        r#"{"scan":{"snapshot":{"page":{"url":"https://acme.repairshopr.com/x","lang":"en","headings":[["API Token Created",0]],"controls":[[7,"Done",0]]},"blocks":[{"id":1,"segs":["a"],"source":"value","path":[["INPUT","",""]],"shown":[true,1,2,3,4,false],"near":["b","c"]}],"rows":[[4,"row"]],"regions":[[9,"Dialog"]],"fields":[{"id":3,"kind":"text","label":"Name"}]}}}"#,
        r#"{"copied":{"capture":[3]}}"#,
        r#"{"copied":[3]}"#,
        r#"{"copied":{"capture":1.0}}"#,
    ] {
        inputs.push(fixture.as_bytes().to_vec());
    }
    let (mut compared, mut agreed_ok) = (0, 0);
    for bytes in &inputs {
        let Ok(mut value) = serde_json::from_slice::<Json>(bytes) else { continue }; // JSON.parse would throw
        as_javascript_reads_it(&mut value);
        compared += 1;
        let strict = from_json::<Request>(&value, MESSAGE).map(|r| format!("{r:?}"));
        let loose = serde_json::from_value::<Request>(value.clone()).map(|r| format!("{r:?}"));
        match (&strict, &loose) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{value}");
                agreed_ok += 1;
            }
            (Err(_), Err(_)) => {}
            (Err(Error::Malformed(why)), Ok(_)) => {
                assert!(why.contains("struct") && has_array_in_a_field(&value), "{value}: {why}")
            }
            _ => panic!("{value}: strict {strict:?}, serde_json {loose:?}"),
        }
    }
    assert!(compared > 1000 && agreed_ok > 50, "{compared} compared, {agreed_ok} read alike");
}
