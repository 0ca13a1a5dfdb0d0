//! The extension's pages ↔ a tab's content script (`extension/content/pages.js`): the
//! popup's fill asks for the page's fields and marks or fills one; the report asks for
//! the page as read. Written `{ "kind": body }`, like the engine's requests.

use crate::ids::ElementId;
use crate::read::fill::FormPage;
use crate::report::RawPage;
use serde::{Deserialize, Serialize};

/// What a page asks a tab's content script (its top frame only).
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TabRequest<'a> {
    /// The page as read, for the missed-page report (`{ "report": true }`).
    Report(bool),
    /// The page's text fields (`fields.js`).
    Fields(super::messages::NoFields),
    /// Outline a field with a callout that says what Keyshift will do there (or take both
    /// off: `label` empty).
    Mark { at: ElementId, expect: Expect<'a>, on: bool, label: &'a str },
    /// Put the token in a field.
    Fill { at: ElementId, expect: Expect<'a>, value: &'a str },
}

/// How the script makes sure the field is still the one described, in the document the
/// user approved (`fields.js` compares each before it touches the field).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Expect<'a> {
    pub kind: &'a str,
    pub name: Option<&'a str>,
    pub origin: &'a str,
    pub doc: &'a str,
}

/// The answer to `fields`.
#[derive(Debug, Deserialize)]
pub struct Gathered {
    pub page: FormPage,
}

/// The answer to `report`.
#[derive(Debug, Deserialize)]
pub struct Reported {
    pub page: RawPage,
}

/// The answer to `fill` and `mark`, wrapped (from the content script) or bare (from an
/// injected `fields.js`).
#[derive(Debug, Deserialize)]
pub struct Acted<T> {
    pub result: T,
}

/// What became of a fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FillResult {
    /// The field holds the token now.
    Filled,
    /// The field is no longer the one the user chose (the page changed it).
    Changed,
    /// The field or its document is not the one approved, or it cannot take text.
    Refused,
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;

    /// The shapes `pages.js` reads: `message.fill.at`, `.expect`, `.value`, and so on.
    #[test]
    fn each_tab_request_is_written_as_pages_js_reads_it() {
        let expect = Expect { kind: "password", name: Some("api_key"), origin: "https://app.example.com", doc: "d1" };
        let wire = |r: &TabRequest| serde_json::to_value(r).expect("written");
        assert_eq!(wire(&TabRequest::Report(true)), json!({ "report": true }));
        assert_eq!(wire(&TabRequest::Fields(super::super::messages::NoFields {})), json!({ "fields": {} }));
        assert_eq!(
            wire(&TabRequest::Mark { at: ElementId(4), expect, on: true, label: "Keyshift fills the token in here" }),
            json!({ "mark": { "at": 4, "expect": { "kind": "password", "name": "api_key", "origin": "https://app.example.com", "doc": "d1" }, "on": true, "label": "Keyshift fills the token in here" } })
        );
        let fill = wire(&TabRequest::Fill { at: ElementId(4), expect, value: "T0" });
        assert_eq!((fill["fill"]["at"].clone(), fill["fill"]["value"].clone()), (json!(4), json!("T0")));
        for (text, result) in
            [("filled", FillResult::Filled), ("changed", FillResult::Changed), ("refused", FillResult::Refused)]
        {
            assert_eq!(serde_json::from_value::<FillResult>(json!(text)).expect("read"), result);
        }
    }
}
