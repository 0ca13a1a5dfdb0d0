//! The integrations RepairShopr and Syncro make prebuilt tokens for (IT Glue, Ninja RMM,
//! Pax 8, Zapier), named as the vendor names them, and how pages write their names.
//! Proper names are the same in every language.

use crate::words::contains_words;
use serde::{Deserialize, Serialize};

/// What kind of token was created: one of the vendor's prebuilt ones, or custom
/// permissions; `Unknown` when Keyshift did not see the New Token form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenKind {
    #[default]
    Unknown,
    Custom,
    ItGlue,
    NinjaRmm,
    Pax8,
    Zapier,
}

/// Each prebuilt kind, the vendor's own spelling, and the folded ways pages write it.
pub const PREBUILT: &[(TokenKind, &str, &[&str])] = &[
    (TokenKind::ItGlue, "IT Glue", &["it glue", "itglue", "it-glue"]),
    (TokenKind::NinjaRmm, "Ninja RMM", &["ninja rmm", "ninjarmm", "ninjaone", "ninja one", "ninja"]),
    (TokenKind::Pax8, "Pax 8", &["pax 8", "pax8"]),
    (TokenKind::Zapier, "Zapier", &["zapier"]),
];

/// Other products whose settings pages ask for an API key too: a field they name is
/// theirs, not ours.
const OTHER_PRODUCTS: &[&str] = &[
    "connectwise",
    "autotask",
    "halopsa",
    "halo psa",
    "kaseya",
    "datto",
    "atera",
    "servicenow",
    "freshdesk",
    "freshservice",
    "zendesk",
    "quickbooks",
    "xero",
    "hubspot",
    "salesforce",
    "stripe",
    "openai",
    "itglue api",
    "it glue api",
    "hudu api",
    "ninjaone api",
    "pax8 api",
    "zomentum api",
];

/// Whether folded text names another product's own API or key.
pub fn names_other_product(folded: &str) -> bool {
    OTHER_PRODUCTS.iter().any(|p| contains_words(folded, p))
}

impl TokenKind {
    /// The prebuilt kind a folded text names, if it names exactly one.
    pub fn named_in(folded: &str) -> Option<TokenKind> {
        let mut named = PREBUILT.iter().filter(|(_, _, words)| words.iter().any(|w| contains_words(folded, w)));
        let first = named.next()?.0;
        named.next().is_none().then_some(first)
    }

    /// The vendor's name for a prebuilt kind.
    pub fn vendor_name(self) -> Option<&'static str> {
        PREBUILT.iter().find(|(k, _, _)| *k == self).map(|(_, name, _)| *name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::fold;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn names_as_pages_write_them() {
        assert_eq!(TokenKind::named_in(&fold("IT Glue sync")), Some(TokenKind::ItGlue));
        assert_eq!(TokenKind::named_in(&fold("NinjaOne")), Some(TokenKind::NinjaRmm));
        assert_eq!(TokenKind::named_in(&fold("Pax8 billing")), Some(TokenKind::Pax8));
        assert_eq!(TokenKind::named_in(&fold("Create Zapier token")), Some(TokenKind::Zapier));
        assert_eq!(TokenKind::named_in(&fold("n8n workflows")), None);
        assert_eq!(TokenKind::named_in(&fold("IT Glue, Ninja RMM, Pax 8 or Zapier")), None, "a list names none");
        assert_eq!(TokenKind::ItGlue.vendor_name(), Some("IT Glue"));
        assert_eq!(TokenKind::Custom.vendor_name(), None);
    }
}
