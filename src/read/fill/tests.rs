//! Field finding on the forms of the integrations users wire RepairShopr and Syncro to,
//! described as `fields.js` describes them, and on pages that only look similar.

use super::*;
use crate::ids::ElementId;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const UUID_SHAPE: &str = "hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh";

fn field(id: u32, label: &str, name: &str, group: u32, near: &str) -> Field {
    Field {
        id: ElementId(id),
        kind: "text".into(),
        label: (!label.is_empty()).then(|| label.into()),
        name: (!name.is_empty()).then(|| name.into()),
        near: (!near.is_empty()).then(|| near.into()),
        group: Some(group),
        shape: Some(String::new()),
        visible: true,
        editable: true,
        ..Default::default()
    }
}

fn ids(found: &[Candidate]) -> Vec<ElementId> {
    found.iter().map(|c| c.id).collect()
}

#[test]
fn integration_forms_with_a_subdomain_and_a_token_field() {
    // Zomentum: Settings → Integrations → RepairShopr → Connect.
    let zomentum = [
        field(0, "Search", "q", 1, ""),
        field(1, "Subdomain", "subdomain", 2, "Connect RepairShopr"),
        field(2, "API Token", "api_token", 2, "Connect RepairShopr Subdomain"),
    ];
    let found = find(&zomentum, "Integrations | Zomentum", false);
    assert_eq!(ids(&found), vec![2]);
    assert!(found[0].signals.contains(&Signal::SubdomainBeside));
    assert_eq!(found[0].label, "API Token");
    // NinjaOne's PSA settings name the field for Syncro and use camelCase names.
    let ninja = [
        field(0, "", "syncroSubdomain", 3, "PSA Syncro"),
        Field { kind: "password".into(), ..field(1, "", "syncroApiKey", 3, "PSA Syncro") },
    ];
    assert_eq!(ids(&find(&ninja, "NinjaOne", false)), vec![1]);
    // A plain in-house form: one field, its label says it all.
    let plain = [field(0, "RepairShopr API token", "token", 1, "")];
    assert_eq!(ids(&find(&plain, "Sync settings", false)), vec![0]);
}

#[test]
fn the_vendors_swagger_authorize_dialog() {
    // Swagger UI's Authorize dialog: an unlabelled "Value" input under "api_key (apiKey)".
    let swagger = [
        field(0, "", "", 1, "Explore"),
        field(1, "", "", 2, "Available authorizations api_key (apiKey) Name: api_key In: query Value:"),
    ];
    let found = find(&swagger, "RepairShopr API", true);
    assert_eq!(ids(&found), vec![1]);
    assert!(find(&swagger, "Some API", false).is_empty(), "the same dialog for another API is not ours");
}

#[test]
fn what_the_field_holds_now() {
    let with = |shape: &str| Field { shape: Some(shape.into()), ..field(0, "RepairShopr API key", "", 1, "") };
    assert_eq!(find(&[with(UUID_SHAPE)], "", false)[0].holds, Holds::LegacyKey);
    let token = format!("T{}-{}", "h".repeat(17), "h".repeat(32));
    assert_eq!(find(&[with(&token)], "", false)[0].holds, Holds::Token);
    assert_eq!(find(&[with("")], "", false)[0].holds, Holds::Empty);
    assert_eq!(find(&[with("xxxxhh")], "", false)[0].holds, Holds::Other);
    assert_eq!(holds(Some("hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhh")), Holds::Other, "one digit short");
}

#[test]
fn several_matching_fields_are_all_offered_best_first() {
    let form = [
        field(0, "Subdomain", "", 1, "RepairShopr"),
        field(1, "API key", "", 1, "RepairShopr"),
        field(2, "Backup RepairShopr API key", "", 4, ""),
    ];
    let found = find(&form, "", false);
    assert_eq!(ids(&found), vec![1, 2]);
    assert!(found[0].score > found[1].score);
}

#[test]
fn fields_that_only_look_similar_are_not_the_tokens() {
    // Another product's key, even beside a subdomain field.
    let other = [field(0, "Subdomain", "", 1, "ConnectWise Manage"), field(1, "API key", "", 1, "ConnectWise Manage")];
    assert!(find(&other, "Integrations", false).is_empty());
    // A key field on a page that never names RepairShopr or Syncro.
    assert!(find(&[field(0, "API key", "api_key", 1, "Settings")], "Acme tools", false).is_empty());
    // A login form on the vendor's own page: nothing about keys.
    let login = [field(0, "Email", "email", 1, "Sign in"), field(1, "Password", "password", 1, "Sign in")];
    assert!(find(&login, "RepairShopr", true).is_empty());
    // Hidden, read-only and non-text fields never take a token.
    let base = field(0, "RepairShopr API token", "", 1, "");
    for f in [
        Field { visible: false, ..base.clone() },
        Field { editable: false, ..base.clone() },
        Field { kind: "email".into(), ..base.clone() },
        Field { kind: "hidden".into(), ..base.clone() },
    ] {
        assert!(find(std::slice::from_ref(&f), "", false).is_empty(), "{f:?}");
    }
    // The subdomain field itself is never the token's.
    assert!(find(&[field(0, "RepairShopr subdomain", "", 1, "API token")], "", false).is_empty());
}

#[test]
fn translated_forms_read_like_native_ones() {
    for (sub, key) in [
        ("Subdominio", "Token de API"),
        ("Subdomäne", "API-Schlüssel"),
        ("Sous-domaine", "Jeton API"),
        ("Subdomein", "API-sleutel"),
    ] {
        let form = [field(0, sub, "", 1, "Syncro"), field(1, key, "", 1, "Syncro")];
        assert_eq!(ids(&find(&form, "", false)), vec![1], "{key}");
    }
}

#[test]
fn only_the_vendors_api_docs_vouch_for_a_field() {
    assert!(vendor_api_docs("api-docs.repairshopr.com", "Swagger UI"));
    assert!(vendor_api_docs("acme.syncromsp.com", "Syncro API documentation"));
    assert!(!vendor_api_docs("acme.syncromsp.com", "Integrations"), "the vendor's settings ask for other keys");
    assert!(!vendor_api_docs("api-docs.example.com", "Swagger UI"));
    // A third-party key on the vendor's own integrations page is not the token's field.
    let webroot = [field(0, "Webroot API key", "", 1, "Integrations Webroot")];
    assert!(find(&webroot, "Integrations | Syncro", vendor_api_docs("acme.syncromsp.com", "Integrations | Syncro"))
        .is_empty());
}

#[test]
fn names_are_read_as_words() {
    assert_eq!(name_words("repairshopr_api_key"), "repairshopr api key");
    assert_eq!(name_words("syncroApiToken"), "syncro Api Token");
    assert_eq!(name_words("settings[api-token]"), "settings api token ");
}

#[test]
fn only_text_fields_count_whatever_the_describer_sends() {
    // The describers send every input: a hidden "subdomain" and a checkbox are no hint.
    let form = [
        Field { kind: "hidden".into(), ..field(0, "", "subdomain", 1, "") },
        Field { kind: "checkbox".into(), ..field(1, "RepairShopr API key", "", 1, "") },
        field(2, "API key", "", 1, ""),
    ];
    assert!(find(&form, "Settings", false).is_empty(), "one key word alone is not enough");
    let with_subdomain = [Field { kind: "text".into(), ..form[0].clone() }, form[2].clone()];
    assert_eq!(ids(&find(&with_subdomain, "Settings", false)), vec![2], "a real subdomain field is");
}

#[test]
fn a_form_that_names_the_other_vendor_is_told_apart_from_one_that_names_none() {
    let field = |label: &str, near: &str| Field {
        id: ElementId(1),
        kind: "text".into(),
        label: Some(label.into()),
        near: Some(near.into()),
        visible: true,
        editable: true,
        ..Default::default()
    };
    let page = |title: &str, f: Field| FormPage {
        host: "app.example.com".into(),
        title: title.into(),
        fields: vec![f],
        ..FormPage::default()
    };
    let found = |p: &FormPage| find(&p.fields, &p.title, false);
    let syncro = page("Connect", field("Syncro API token", "Connect Syncro"));
    assert_eq!(
        vendor_mismatch("https://acme.repairshopr.com", &syncro, &found(&syncro)),
        Some((Vendor::Syncro, Vendor::RepairShopr))
    );
    assert_eq!(vendor_mismatch("https://acme.syncromsp.com", &syncro, &found(&syncro)), None, "the right vendor");
    let either = page("PSA", field("API token", "RepairShopr or Syncro"));
    assert_eq!(vendor_mismatch("https://acme.repairshopr.com", &either, &found(&either)), None, "both named: no guess");
    assert_eq!(
        vendor_mismatch("https://help.example.com", &syncro, &found(&syncro)),
        None,
        "a custom domain's token: unknown"
    );
}
