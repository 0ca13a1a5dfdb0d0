//! From a warning to the right token, and the field an integration takes it in.

use super::*;
use crate::ids::ElementId;
use crate::policy::Param;
use crate::read::fill::Field;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn on_list(rows: &[(u32, &str, &str, &str, &str)]) -> Analysis {
    let snapshot = list(
        "en",
        rows.iter()
            .map(|&(id, name, token, perms, expires)| {
                list_row(id, &[("Name", name), ("Token", token), ("Permissions", perms), ("Expires", expires)])
            })
            .collect(),
    );
    run(&snapshot)
}

#[test]
fn a_warning_on_a_row_for_a_prebuilt_integration_links_to_that_token() {
    let a = on_list(&[
        (1, "Zapier (old)", KEY, "All (legacy)", ""),
        (2, "Docs sync", "T1a2b3c...9f9f", "IT Glue", "2026-11-01"),
        (3, "n8n workflows", "T4d5e6f7...0a0a", "Customers", "2026-11-02"),
    ]);
    let actions: Vec<(NoteKind, TokenKind, &Message)> = a
        .plan
        .notes
        .iter()
        .map(|n| {
            let action = n.action.as_ref().expect("every warning links to a replacement");
            (n.kind, action.kind, &action.label)
        })
        .collect();
    assert_eq!(actions.len(), 3);
    assert_eq!((actions[0].0, actions[0].1), (NoteKind::LegacyKey, TokenKind::Zapier));
    assert_eq!(*actions[0].2, Message::new(TextId::CreatePrebuiltToken, vec![Param::Name("Zapier".into())]));
    assert_eq!((actions[1].0, actions[1].1), (NoteKind::TokenExpired, TokenKind::ItGlue));
    assert_eq!(*actions[1].2, Message::new(TextId::CreatePrebuiltToken, vec![Param::Name("IT Glue".into())]));
    assert_eq!((actions[2].0, actions[2].1), (NoteKind::TokenExpired, TokenKind::Custom));
    assert_eq!(actions[2].2.id, TextId::CreateReplacementToken);
}

fn new_token_page() -> Snapshot {
    let mut p = page(
        "https://acme.repairshopr.com/api_tokens/new",
        &["New API Token", "Prebuilt", "Custom Permissions"],
        &["IT Glue", "Ninja RMM", "Pax 8", "Zapier", "Create API Token"],
    );
    p.title = "New API Token".into();
    Snapshot { page: p, ..Default::default() }
}

#[test]
fn the_new_token_page_marks_the_choice_the_link_was_for() {
    let choice = |replacing| {
        let a = run_full(&new_token_page(), &[], Situation::default(), None, false, replacing);
        a.plan
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::ReplacementChoice)
            .map(|n| (n.block, n.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        choice(Some(TokenKind::NinjaRmm)),
        vec![(ElementId(101), Message::new(TextId::ReplaceWithPrebuilt, vec![Param::Name("Ninja RMM".into())]))]
    );
    assert_eq!(
        choice(Some(TokenKind::Custom)),
        vec![(ElementId(104), Message::new(TextId::ReplaceWithCustom, vec![Param::Name("Create API Token".into())]))]
    );
    assert!(choice(None).is_empty(), "without a link followed, nothing is marked");
}

fn swagger(shape: &str, value: Option<&str>) -> Snapshot {
    let mut p = page("https://api-docs.repairshopr.com/", &["RepairShopr API"], &["Authorize", "Close"]);
    p.title = "Swagger UI".into();
    let field = Field {
        id: ElementId(60),
        kind: "text".into(),
        near: Some("Available authorizations api_key (apiKey) Name: api_key In: query Value:".into()),
        group: Some(1),
        shape: Some(shape.into()),
        visible: true,
        editable: true,
        ..Default::default()
    };
    let blocks = value.map(|v| vec![Block { source: Source::Value, ..block(60, &[v]) }]).unwrap_or_default();
    Snapshot { page: p, fields: vec![field], blocks, ..Default::default() }
}

#[test]
fn the_vendors_api_docs_field_offers_a_held_token_and_names_a_legacy_key_in_it() {
    let uuid_shape = "hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh";
    let holding = |s: &Snapshot, holding| run_full(s, &[], Situation::default(), None, holding, None).plan.notes;
    // A legacy key typed into the Authorize dialog: the legacy note, with Fill when a token is held.
    let legacy = swagger(uuid_shape, Some(KEY));
    let notes = holding(&legacy, true);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!((notes[0].block, notes[0].kind, notes[0].fill), (ElementId(60), NoteKind::LegacyKey, true));
    assert!(notes[0].dismiss.is_some());
    assert!(!holding(&legacy, false)[0].fill, "nothing held, nothing to fill");
    // An empty field: the offer to fill, only while a token is held.
    let empty = swagger("", None);
    let notes = holding(&empty, true);
    assert_eq!((notes.len(), notes[0].kind, notes[0].fill), (1, NoteKind::FillField, true));
    assert!(holding(&empty, false).is_empty());
    // Already a token there: nothing to say.
    let token_shape = format!("T{}-{}", "h".repeat(17), "h".repeat(32));
    assert!(holding(&swagger(&token_shape, Some(TOKEN)), true).is_empty());
}

#[test]
fn a_form_on_a_tenant_subdomain_gets_no_fill_offer_the_api_docs_and_custom_domains_do() {
    let holding = |s: &Snapshot| run_full(s, &[], Situation::default(), None, true, None).plan.notes;
    let mut tenant = swagger("xxxxxxxx", None);
    tenant.page.url = "https://evil.repairshopr.com/settings/api".into();
    tenant.page.title = "Connect your API token".into();
    assert!(holding(&tenant).iter().all(|n| !n.fill), "no Keyshift voice on anyone's tenant form");
    assert!(holding(&swagger("xxxxxxxx", None)).iter().any(|n| n.fill), "the vendor's API docs");
    let mut custom = swagger("xxxxxxxx", None);
    custom.page.url = "https://help.acme-msp.com/settings".into();
    custom.fields[0].label = Some("API Token".into());
    tenant.fields[0].label = Some("API Token".into());
    assert!(holding(&tenant).iter().all(|n| !n.fill), "not even a field labelled API Token");
    assert!(holding(&custom).iter().any(|n| n.fill), "a custom domain the user added");
}
