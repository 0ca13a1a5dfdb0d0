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
    assert_eq!(b[1].text, "Copy this token now. It will not be shown again.", "the words a reveal is judged by stay");
    assert_eq!(
        b[3].attrs,
        vec![("id".into(), "token".into()), ("readonly".into(), "".into()), ("value".into(), TOKEN.into())]
    );
    assert_eq!(
        b[4].text,
        format!("Created xx {EMAIL} for Xxxx Xxxx, customer 9999999."),
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
    assert_eq!(r.body.attrs, vec![("role".into(), "grid".into()), ("data-row".into(), UUID.into())]);
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
