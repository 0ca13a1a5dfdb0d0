//! Decides whether a UUID is a legacy API key. UUIDs are everywhere (asset GUIDs,
//! attachment paths), so a UUID is a key only when its surroundings say so; we never
//! guess from randomness alone. The words that count are `words::KEY_LABEL`,
//! `TOKEN_LABEL` and `NOT_KEY_LABEL`, in every language Keyshift reads.

use crate::words::{fold, WordStarts, KEY_LABEL, NOT_KEY_LABEL, TOKEN_LABEL};

/// Written right before the value (ignoring case), these make it a key on their own.
pub const KEY_PARAMS: &[&str] = &["api_key=", "apikey=", "api-key=", "api_key:", "api_key\":\"", "api_key\": \""];
/// In the block's own text, this many bytes before the value are read for key words.
const NEARBY_BYTES: usize = 48;

/// Why a UUID was judged to be a legacy key; shown nowhere, kept for tests and debugging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyReason {
    Param,
    Label,
    Header,
    Field,
    Row,
    NearbyText,
}

/// What surrounds one value. All fields are optional: the page may show none of them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Surroundings<'a> {
    /// The block's joined text and the value's byte range in it.
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub label: Option<&'a str>,
    pub header: Option<&'a str>,
    pub field: Option<&'a str>,
    pub row: Option<&'a str>,
}

/// Says of one place whether it names a key: `Some(true)` key, `Some(false)` not a key.
fn verdict(place: Option<&str>) -> Option<bool> {
    let place = fold(place?);
    let words = WordStarts::new(&place);
    if words.has(&NOT_KEY_LABEL) {
        Some(false)
    } else if words.has(&KEY_LABEL) || words.has(&TOKEN_LABEL) {
        Some(true)
    } else {
        None
    }
}

fn ends_with_ignore_case(haystack: &str, suffix: &str) -> bool {
    haystack.len() >= suffix.len()
        && haystack.is_char_boundary(haystack.len() - suffix.len())
        && haystack[haystack.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The start of the last `NEARBY_BYTES` bytes of `text`, on a character boundary.
fn nearby_start(text: &str) -> usize {
    let mut from = text.len().saturating_sub(NEARBY_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// Whether the value is a legacy key, and why.
pub fn legacy_key_reason(s: &Surroundings) -> Option<KeyReason> {
    let before = &s.text[..s.start];
    if KEY_PARAMS.iter().any(|p| ends_with_ignore_case(before, p)) {
        return Some(KeyReason::Param);
    }
    // A value inside a URL path (`/attachments/<uuid>/x.png`) is an identifier.
    let after = &s.text[s.end..];
    if before.ends_with('/') || after.starts_with('/') {
        return None;
    }
    let nearby = &before[nearby_start(before)..];
    let places = [
        (Some(nearby), KeyReason::NearbyText),
        (s.field, KeyReason::Field),
        (s.label, KeyReason::Label),
        (s.header, KeyReason::Header),
        (s.row, KeyReason::Row),
    ];
    // The nearest place with an opinion decides: the value's own text, then its field,
    // label and column, then its row. A GUID label beats a "token" row.
    for (place, reason) in places {
        match verdict(place) {
            Some(true) => return Some(reason),
            Some(false) => return None,
            None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const KEY: &str = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";

    fn judge<'a>(text: &'a str, build: impl FnOnce(Surroundings<'a>) -> Surroundings<'a>) -> Option<KeyReason> {
        let start = text.find(KEY).expect("test text holds the key");
        let base = Surroundings { text, start, end: start + KEY.len(), ..Default::default() };
        legacy_key_reason(&build(base))
    }

    #[test]
    fn beside_an_api_key_label() {
        assert_eq!(judge(KEY, |s| Surroundings { label: Some("API Key"), ..s }), Some(KeyReason::Label));
        assert_eq!(judge(&format!("API Key: {KEY}"), |s| s), Some(KeyReason::NearbyText));
        assert_eq!(judge(&format!("API\n   KEY   {KEY}"), |s| s), Some(KeyReason::NearbyText));
    }

    #[test]
    fn in_a_legacy_row_or_column() {
        let row = format!("Legacy API Key {KEY} Created 2019-05-01");
        assert_eq!(judge(KEY, |s| Surroundings { row: Some(&row), ..s }), Some(KeyReason::Row));
        assert_eq!(judge(KEY, |s| Surroundings { header: Some("Token"), ..s }), Some(KeyReason::Header));
        assert_eq!(judge(KEY, |s| Surroundings { field: Some("user[api_key]"), ..s }), Some(KeyReason::Field));
    }

    #[test]
    fn after_api_key_parameter() {
        let url = format!("https://acme.repairshopr.com/api/v1/customers?api_key={KEY}&page=2");
        assert_eq!(judge(&url, |s| s), Some(KeyReason::Param));
        let json = format!(r#"{{"api_key": "{KEY}"}}"#);
        assert_eq!(judge(&json, |s| s), Some(KeyReason::Param));
    }

    #[test]
    fn not_an_asset_guid() {
        assert_eq!(judge(KEY, |s| Surroundings { label: Some("Asset GUID"), ..s }), None);
        let row = format!("Laptop-42 {KEY} token-ring adapter");
        assert_eq!(judge(KEY, |s| Surroundings { header: Some("Device UUID"), row: Some(&row), ..s }), None);
    }

    #[test]
    fn not_inside_a_url_path() {
        let url = format!("https://acme.repairshopr.com/attachments/{KEY}/photo.png api key");
        assert_eq!(judge(&url, |s| s), None);
        let tail = format!("see /assets/{KEY}");
        assert_eq!(judge(&tail, |s| Surroundings { label: Some("API key"), ..s }), None);
    }

    #[test]
    fn the_values_own_text_outranks_a_distant_label() {
        let text = format!("API key: {KEY}");
        assert_eq!(judge(&text, |s| Surroundings { label: Some("Serial number"), ..s }), Some(KeyReason::NearbyText));
        let text = format!("Asset GUID {KEY}");
        assert_eq!(judge(&text, |s| Surroundings { header: Some("API Key"), ..s }), None);
    }

    #[test]
    fn not_in_plain_prose() {
        let prose = format!("The replacement laptop was registered as {KEY} in the warranty portal yesterday.");
        assert_eq!(judge(&prose, |s| s), None);
        let far =
            format!("We discussed the API key last week and unrelated things went on for a long while, then {KEY}.");
        assert_eq!(judge(&far, |s| s), None);
    }
}
