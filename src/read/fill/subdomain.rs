//! The other half of every integration's form: where the account is. Keyshift knows it
//! from the page the token was captured on (`acme.repairshopr.com`), so the fill offers
//! to fill the form's subdomain field too, in the form that field wants: the bare prefix
//! (`acme`), the host, the site's URL or its API base.

use super::{fillable, name_words, Candidate, Field, FormPage, Holds};
use crate::ids::ElementId;
use crate::words::{self, fold};

/// What a field wants to be told about the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressForm {
    /// `acme`, the part before `.repairshopr.com`.
    Prefix,
    /// `acme.repairshopr.com`.
    Host,
    /// `https://acme.repairshopr.com`.
    Url,
    /// `https://acme.repairshopr.com/api/v1`.
    ApiBase,
}

/// A field beside the token's that Keyshift can fill with the account's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub id: ElementId,
    /// How to name it to the user: its label, placeholder or name.
    pub label: String,
    /// What goes in it. Not a secret: the account's address, as the site shows it.
    pub value: String,
}

/// The form a field wants, from its own words and its placeholder; `None` when it is not a
/// field for the account's address at all.
pub fn form_of(f: &Field) -> Option<AddressForm> {
    let raw = [&f.label, &f.name, &f.placeholder].into_iter().flatten().map(|t| t.to_lowercase()).collect::<Vec<_>>();
    let own = raw.iter().map(|t| fold(&name_words(t))).collect::<Vec<_>>().join(" | ");
    let placeholder = f.placeholder.as_deref().unwrap_or("").to_ascii_lowercase();
    let subdomain = words::SUBDOMAIN_LABEL.in_text(&own);
    let vendor_host = placeholder.contains(".repairshopr.com") || placeholder.contains(".syncromsp.com");
    let address = words::API_ADDRESS_LABEL.in_text(&own)
        || words::ADDRESS_WORD.in_text(&own) && (super::names_vendor(&own) || vendor_host);
    if !subdomain && !address {
        return None;
    }
    // Its placeholder shows the form best: an example is what the field will accept.
    if placeholder.contains("://") {
        return Some(if placeholder.contains("/api") { AddressForm::ApiBase } else { AddressForm::Url });
    }
    if vendor_host {
        return Some(AddressForm::Host);
    }
    if subdomain {
        return Some(AddressForm::Prefix);
    }
    let api = own.split(|c: char| !c.is_alphanumeric()).any(|w| w == "api");
    let url = raw.iter().any(|t| t.contains("url")) || own.contains("endpoint");
    Some(match (api, url) {
        (true, _) => AddressForm::ApiBase,
        (false, true) => AddressForm::Url,
        _ => AddressForm::Host,
    })
}

/// The account's address in `form`, from the origin the token was captured on. A custom
/// domain has no vendor prefix: only its host, URL and API base are known.
pub fn value(origin: &str, form: AddressForm) -> Option<String> {
    let host = crate::read::page::address(origin)?.host.trim_end_matches('.').to_ascii_lowercase();
    let prefix = ["repairshopr.com", "syncromsp.com"]
        .iter()
        .find_map(|d| host.strip_suffix(d).and_then(|p| p.strip_suffix('.')))
        .filter(|p| !p.is_empty() && !p.contains('.'));
    match form {
        AddressForm::Prefix => prefix.map(str::to_owned),
        AddressForm::Host => Some(host.clone()),
        AddressForm::Url => Some(format!("https://{host}")),
        AddressForm::ApiBase => Some(format!("https://{host}/api/v1")),
    }
}

/// The empty address field in the chosen token field's form, with what to fill it with.
/// None when the form names the other vendor (the account would be wrong), when the field
/// already holds something (the user's entry stands), or when the form has no such field.
pub fn offer(token_origin: &str, page: &FormPage, chosen: &Candidate) -> Option<Offer> {
    if super::vendor_mismatch(token_origin, page, std::slice::from_ref(chosen)).is_some() {
        return None;
    }
    let group = page.fields.iter().find(|f| f.id == chosen.id)?.group?;
    page.fields
        .iter()
        .filter(|f| f.id != chosen.id && f.group == Some(group) && fillable(f))
        .filter(|f| super::holds(f.shape.as_deref()) == Holds::Empty)
        .find_map(|f| {
            let value = value(token_origin, form_of(f)?)?;
            let label = [&f.label, &f.placeholder, &f.name].into_iter().flatten().find(|t| !t.trim().is_empty())?;
            Some(Offer { id: f.id, label: label.trim().chars().take(80).collect(), value })
        })
}

/// Which of the found fields the fill window chooses first: the one still holding a legacy
/// key (that is the integration to move), else the best.
pub fn preselect(found: &[Candidate]) -> usize {
    found.iter().position(|c| c.holds == Holds::LegacyKey).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(id: u32, label: &str, placeholder: Option<&str>, group: u32) -> Field {
        Field {
            id: ElementId(id),
            kind: "text".into(),
            label: Some(label.into()),
            placeholder: placeholder.map(Into::into),
            group: Some(group),
            visible: true,
            editable: true,
            ..Field::default()
        }
    }

    fn form(label: &str, placeholder: Option<&str>) -> Option<AddressForm> {
        form_of(&field(1, label, placeholder, 1))
    }

    #[test]
    fn each_field_is_told_the_account_in_the_form_it_wants() {
        assert_eq!(form("Subdomain", None), Some(AddressForm::Prefix));
        assert_eq!(form("Subdomain", Some("yourcompany")), Some(AddressForm::Prefix));
        assert_eq!(form("Subdomain", Some("yourcompany.syncromsp.com")), Some(AddressForm::Host));
        assert_eq!(form("Sous-domaine", None), Some(AddressForm::Prefix));
        assert_eq!(form("Account URL", Some("https://yourcompany.repairshopr.com")), Some(AddressForm::Url));
        assert_eq!(form("API base URL", None), Some(AddressForm::ApiBase));
        assert_eq!(form("Endpoint", Some("https://you.syncromsp.com/api/v1")), Some(AddressForm::ApiBase));
        assert_eq!(form("Syncro hostname", None), Some(AddressForm::Host));
        assert_eq!(form("RepairShopr URL", None), Some(AddressForm::Url));
        assert_eq!(form("Basis-URL", None), Some(AddressForm::Url));
        // Addresses of anything else are not the account's.
        assert_eq!(form("Slack webhook URL", None), None);
        assert_eq!(form("Hostname", None), None);
        assert_eq!(form("Email domain", None), None);
        assert_eq!(form("Company name", None), None);
        assert_eq!(form("Email", Some("you@example.com")), None);
    }

    #[test]
    fn the_address_comes_from_where_the_token_was_captured() {
        let o = "https://acme.repairshopr.com";
        assert_eq!(value(o, AddressForm::Prefix).as_deref(), Some("acme"));
        assert_eq!(value(o, AddressForm::Host).as_deref(), Some("acme.repairshopr.com"));
        assert_eq!(value(o, AddressForm::Url).as_deref(), Some("https://acme.repairshopr.com"));
        assert_eq!(value(o, AddressForm::ApiBase).as_deref(), Some("https://acme.repairshopr.com/api/v1"));
        // A custom domain has no vendor prefix to give.
        assert_eq!(value("https://help.example.com", AddressForm::Prefix), None);
        assert_eq!(value("https://help.example.com", AddressForm::Host).as_deref(), Some("help.example.com"));
    }

    fn page(fields: Vec<Field>, title: &str) -> FormPage {
        FormPage { host: "app.example.com".into(), title: title.into(), fields, ..FormPage::default() }
    }

    fn token_field(id: u32) -> Candidate {
        Candidate {
            id: ElementId(id),
            score: 5,
            signals: vec![],
            holds: Holds::Empty,
            label: "API Token".into(),
            section: None,
        }
    }

    #[test]
    fn only_an_empty_address_field_in_the_same_form_is_offered() {
        let mut token = field(1, "API Token", None, 1);
        token.kind = "password".into();
        let sub = field(2, "Subdomain", None, 1);
        let other = field(3, "Subdomain", None, 2);
        let p = page(vec![token.clone(), sub.clone(), other], "Integrations");
        let got = offer("https://acme.repairshopr.com", &p, &token_field(1)).expect("an offer");
        assert_eq!((got.id, got.label.as_str(), got.value.as_str()), (ElementId(2), "Subdomain", "acme"));

        let mut filled = sub.clone();
        filled.shape = Some("xxxx".into());
        let p = page(vec![token.clone(), filled], "Integrations");
        assert_eq!(offer("https://acme.repairshopr.com", &p, &token_field(1)), None, "the user's entry stands");

        let mut named = token.clone();
        named.label = Some("Syncro API Token".into());
        let p = page(vec![named, sub], "Integrations");
        assert_eq!(
            offer("https://acme.repairshopr.com", &p, &token_field(1)),
            None,
            "a Syncro form gets no RepairShopr account"
        );
    }

    #[test]
    fn the_field_still_holding_a_legacy_key_is_chosen_first() {
        let mut found = vec![token_field(1), token_field(2)];
        assert_eq!(preselect(&found), 0);
        found[1].holds = Holds::LegacyKey;
        assert_eq!(preselect(&found), 1);
    }
}
