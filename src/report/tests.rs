use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const SECRET_TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
const KEY: &str = "5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e";

fn n(tag: &str, attrs: &[(&str, &str)], text: &str, children: Vec<RawNode>) -> RawNode {
    RawNode {
        tag: tag.into(),
        attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        text: text.into(),
        children,
    }
}

fn reveal_page() -> RawPage {
    RawPage {
        url: "https://acme.repairshopr.com/api_tokens/42?from=dana".into(),
        lang: "en".into(),
        title: "API Token Created | Dana's Repairs".into(),
        body: n(
            "body",
            &[],
            "",
            vec![
                n("h1", &[("class", "page-title")], "API Token Created", vec![]),
                n("p", &[("class", "alert")], "Copy this token now. It will not be shown again.", vec![]),
                n("label", &[("for", "token")], "Your API Token", vec![]),
                n("input", &[("id", "token"), ("readonly", ""), ("value", SECRET_TOKEN)], "", vec![]),
                n("p", &[], "Created by dana.tech@acme-repairs.com for Dana Tech, customer 4471903.", vec![]),
                n("a", &[("id", "done"), ("class", "btn"), ("href", "/api_tokens?done=1")], "Done", vec![]),
            ],
        ),
    }
}

#[test]
fn interface_words_stay_and_everything_else_is_its_shape() {
    let r = redact(&reveal_page());
    let b = &r.body.children;
    assert_eq!(r.url, "https://acme.repairshopr.com/api_tokens/99");
    assert_eq!(b[0].text, "API Token Created", "a heading keeps the words Keyshift reads by");
    assert_eq!(
        b[1].text, "Copy this token now. Xx will not be shown again.",
        "in prose, the phrases a reveal is judged by stay and nothing else"
    );
    assert_eq!(
        b[3].attrs,
        vec![("id".into(), "token".into()), ("readonly".into(), "".into()), ("value".into(), TOKEN.into())]
    );
    assert_eq!(
        b[4].text,
        format!("Xxxxxxx xx {EMAIL} xxx Xxxx Xxxx, xxxxxxxx 9999999."),
        "other words are their shape"
    );
    assert_eq!((b[5].text.as_str(), b[5].attrs[2].1.as_str()), ("Done", "/api_tokens"));
    assert_eq!(r.title, "API Token Created | Xxxx'x Xxxxxxx");
}

#[test]
fn keys_and_shortened_tokens_keep_their_kind() {
    let page = RawPage {
        url: format!("https://acme.syncromsp.com/{SECRET_TOKEN}"),
        body: n(
            "div",
            &[("role", "grid"), ("data-row", KEY)],
            "",
            vec![
                n("div", &[("role", "gridcell")], &format!("API Key {KEY}"), vec![]),
                n("div", &[("role", "gridcell")], "T5e1c0a9...cdef", vec![]),
            ],
        ),
        ..RawPage::default()
    };
    let r = redact(&page);
    assert_eq!(r.url, format!("https://acme.syncromsp.com/{TOKEN}"));
    assert_eq!(r.body.attrs, vec![("role".into(), "grid".into()), ("data-xxx".into(), UUID.into())]);
    assert_eq!(r.body.children[0].text, format!("API Key {UUID}"), "the label that makes it a key stays");
    assert_eq!(r.body.children[1].text, "T0000000...0000");
}

#[test]
fn big_and_deep_pages_are_cut_not_refused() {
    let mut deep = n("div", &[], "leaf", vec![]);
    for _ in 0..200 {
        deep = n("div", &[], "", vec![deep]);
    }
    let wide = n("ul", &[], "", (0..10_000).map(|_| n("li", &[], "x", vec![])).collect());
    let page = RawPage { body: n("body", &[], "", vec![deep, wide]), ..RawPage::default() };
    let r = redact(&page);
    fn depth(n: &Node) -> usize {
        1 + n.children.iter().map(depth).max().unwrap_or(0)
    }
    fn count(n: &Node) -> usize {
        1 + n.children.iter().map(count).sum::<usize>()
    }
    assert!(depth(&r.body) <= DEPTH + 2);
    assert!(count(&r.body) <= ELEMENTS + 1);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Names made of words Keyshift keeps elsewhere, months and initials.
    const VOCABULARY_NAMES: &[&str] = &["Will Page", "April May", "Mark Key", "J. Q. Public"];

    proptest! {
        /// Secrets and names in the channels a page can hide them in: plain attributes,
        /// attribute and tag names, `lang`, a password's value, prose.
        #[test]
        fn no_secret_or_name_survives_in_any_channel(secrets in prop::collection::vec(secret(), 1..4), pick in 0usize..4) {
            let s = |i: usize| secrets[i % secrets.len()].as_str();
            let slug = |t: &str| t.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>().to_ascii_lowercase();
            let vocab = VOCABULARY_NAMES[pick];
            let mut children = Vec::new();
            for i in 0..4 {
                let data = format!("data-{}", slug(s(i)));
                let attrs = [
                    ("role", s(i).to_string()),
                    ("type", s(i + 1).to_string()),
                    ("lang", s(i + 2).to_string()),
                    ("tabindex", s(i + 3).to_string()),
                    ("aria-level", s(i).to_string()),
                    ("dir", s(i + 1).to_string()),
                    (data.as_str(), "1".to_string()),
                ];
                let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                children.push(n(&format!("x-{}", slug(s(i))), &attrs, "", vec![]));
                children.push(n("input", &[("type", "password"), ("value", s(i + 1))], "", vec![]));
                children.push(n("p", &[], &format!("{vocab} wrote to {} about {}", s(i), s(i + 2)), vec![]));
            }
            let page = RawPage { url: "https://acme.repairshopr.com/".into(), lang: s(0).into(), title: String::new(), body: n("body", &[], "", children) };
            let text = serde_json::to_string(&redact(&page)).expect("serializes").to_lowercase();
            for secret in &secrets {
                for part in secret.split([' ', '@', '.']).filter(|p| p.len() >= 4) {
                    prop_assert!(!text.contains(&part.to_lowercase()), "{:?} survived in {}", part, text);
                }
            }
            prop_assert!(!text.contains(&vocab.to_lowercase()), "{:?} survived in {}", vocab, text);
            for word in vocab.split(' ').filter(|w| w.trim_end_matches('.').len() <= 1 || is_month(&fold(w))) {
                prop_assert!(!text.contains(&format!(" {} ", word.to_lowercase())), "{:?} survived in {}", word, text);
            }
        }
    }

    /// A person's or customer's name: capitalised, and no word Keyshift keeps.
    fn name() -> impl Strategy<Value = String> {
        "[A-Z][a-z]{4,9}( [A-Z][a-z]{4,9})?"
            .prop_filter("not an interface word", |n| n.split(' ').all(|w| !allowed(&fold(w))))
    }

    fn secret() -> impl Strategy<Value = String> {
        prop_oneof![
            "T[0-9a-f]{17}-[0-9a-f]{32}",
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
            "[a-z]{3,8}\\\\.[a-z]{3,8}@[a-z]{3,8}\\\\.(com|net|co\\\\.uk)",
            name(),
        ]
    }

    /// A page holding `secrets` in every position a page can hold text: headings, labels,
    /// buttons, links, cells, prose, values, ids, classes, names, ARIA labels, titles,
    /// placeholders, data attributes, addresses and the title.
    fn page_with(secrets: &[String]) -> RawPage {
        let s = |i: usize| secrets[i % secrets.len()].as_str();
        let mut children = Vec::new();
        for (i, tag) in
            ["h1", "h2", "label", "button", "a", "th", "p", "td", "span", "div", "legend", "option"].iter().enumerate()
        {
            let attrs = vec![
                ("id", format!("x-{}", s(i))),
                ("class", format!("card {}", s(i + 1))),
                ("name", s(i + 2).to_string()),
                ("aria-label", format!("Open {}", s(i + 3))),
                ("title", s(i + 4).to_string()),
                ("placeholder", s(i + 5).to_string()),
                ("data-user", s(i + 6).to_string()),
                ("value", s(i + 7).to_string()),
                ("href", format!("https://acme.repairshopr.com/customers/{}?q={}", s(i + 8), s(i + 9))),
                ("role", "heading".to_string()),
            ];
            let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            children.push(n(tag, &attrs, &format!("Done {} and {}", s(i + 10), s(i + 11)), vec![]));
        }
        RawPage {
            url: format!("https://{}.repairshopr.com/x/{}", "acme", s(12)),
            lang: "en".into(),
            title: s(13).to_string(),
            body: n("body", &[], "", children),
        }
    }

    proptest! {
        #[test]
        fn no_token_key_address_or_name_survives(secrets in prop::collection::vec(secret(), 1..6)) {
            let report = redact(&page_with(&secrets));
            let text = serde_json::to_string(&report).expect("serializes").to_lowercase();
            for s in &secrets {
                for part in s.split([' ', '@', '.']).filter(|p| p.len() >= 4) {
                    prop_assert!(!text.contains(&part.to_lowercase()), "{:?} survived in {}", part, text);
                }
            }
        }
    }
}

#[test]
fn plain_attributes_keep_only_their_enumerations_and_passwords_a_fixed_marker() {
    let page = RawPage {
        url: "https://acme.repairshopr.com/".into(),
        body: n(
            "body",
            &[],
            "",
            vec![
                n(
                    "div",
                    &[("role", "dialog"), ("aria-level", "40 characters of T5e1c0a9b2d3f4"), ("lang", "en-GB")],
                    "",
                    vec![],
                ),
                n("button", &[("type", "T5e1c0a9b2d3f4a5b6-0123456789abcdef")], "Done", vec![]),
                n("input", &[("type", "password"), ("value", "Xx9xx9xxx&9!")], "", vec![]),
                n("token-reveal", &[("data-customer-name", "1"), ("data-clipboard-text", SECRET_TOKEN)], "", vec![]),
                n("p", &[], "Will Page and April May, J. Q.", vec![]),
            ],
        ),
        ..RawPage::default()
    };
    let r = redact(&page);
    let b = &r.body.children;
    assert_eq!(
        b[0].attrs,
        vec![
            ("role".into(), "dialog".into()),
            ("aria-level".into(), "9 x x X9x9x9x9x9x9x9".into()),
            ("lang".into(), "en-gb".into())
        ]
    );
    assert_eq!(b[1].attrs[0].1, "X9x9x9x9x9x9x9x9x9-9x", "no part of a token in a button type");
    assert_eq!(b[2].attrs[1].1, "********", "a password's shape is not kept either");
    assert_eq!(b[3].tag, "XXXXX-XXXXXX", "a custom element's name is its shape");
    assert_eq!(b[3].attrs[0].0, "data-xxxxxxxx-xxxx");
    assert_eq!(b[3].attrs[1].0, "data-clipboard-text", "Keyshift's own copy attributes keep their names");
    assert_eq!(b[4].text, "Xxxx Xxxx xxx Xxxxx Xxx, X. X.", "names made of vocabulary words, months, initials");
}

#[test]
fn the_copy_attributes_are_the_content_scripts() {
    let read = include_str!("../../extension/content/read.js");
    let line = read
        .lines()
        .find(|l| l.trim_start_matches("export ").starts_with("const COPY_ATTRS"))
        .expect("read.js names its copy attributes");
    let listed: Vec<&str> = line.split('\'').skip(1).step_by(2).collect();
    assert_eq!(listed, crate::read::snapshot::COPY_ATTRS);
}

#[test]
fn the_users_own_words_are_kept_but_not_what_they_pasted() {
    let said = expected(&format!("  It should have captured {SECRET_TOKEN} on the reveal, mail dana@example.com  "));
    assert!(said.starts_with("It should have captured "), "{said}");
    assert!(!said.contains(SECRET_TOKEN) && !said.contains("dana@example.com"), "{said}");
    assert!(said.ends_with(&format!("mail {EMAIL}")), "{said}");
    assert_eq!(expected(&"x".repeat(1000)).chars().count(), EXPECTED_CHARS);
}
