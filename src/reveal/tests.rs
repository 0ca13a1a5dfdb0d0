use super::*;
use crate::ids::{ElementId, Region};
use crate::read::snapshot::{Heading, Shown};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";
const OK: Situation = Situation { just_submitted: false, frame_ok: true };

fn anc(tag: &str, role: &str, class: &str) -> Ancestor {
    Ancestor { tag: tag.into(), role: role.into(), class: class.into() }
}

fn page(url: &str, title: &str, headings: &[&str], controls: &[&str]) -> PageInfo {
    PageInfo {
        url: url.into(),
        title: title.into(),
        lang: "en".into(),
        headings: headings.iter().map(|h| Heading { text: h.to_string(), region: Region::Page }).collect(),
        controls: controls
            .iter()
            .enumerate()
            .map(|(i, l)| Control { id: ElementId(100 + i as u32), label: l.to_string(), region: Region::Page })
            .collect(),
        ..Default::default()
    }
}

fn value_block() -> Block {
    Block {
        id: ElementId(1),
        segs: vec![TOKEN.into()],
        source: Source::Value,
        path: vec![anc("INPUT", "", "form-control")],
        shown: Some(Shown { css: true, x: 10, y: 10, width: 400, height: 30, unseen: false }),
        ..Default::default()
    }
}

fn verdict(page: &PageInfo, block: &Block, at: Situation) -> Verdict {
    let text = block.segs.concat();
    let start = text.find(TOKEN).expect("the block shows the token");
    let addr = crate::read::page::address(&page.url).expect("https address");
    let reading = PageReading::new(page, &[], addr.host, addr.path);
    judge(&reading, block, &text, start, start + TOKEN.len(), at)
}

fn blank() -> PageInfo {
    page("https://acme.repairshopr.com/settings", "Settings", &[], &[])
}

#[test]
fn each_signal_alone_is_seen_and_weighed() {
    let alone = |p: &PageInfo, b: &Block, at: Situation| verdict(p, b, at).evidence;
    let v = value_block();
    assert_eq!(alone(&blank(), &v, OK), vec![Evidence::ShownAsValue]);
    assert!(alone(&blank(), &v, Situation { just_submitted: true, frame_ok: true }).contains(&Evidence::JustSubmitted));
    assert!(alone(&page("https://acme.repairshopr.com/api_tokens/42", "", &[], &[]), &v, OK)
        .contains(&Evidence::RevealAddress));
    assert!(!alone(&page("https://acme.repairshopr.com/api_tokens/new", "", &[], &[]), &v, OK)
        .contains(&Evidence::RevealAddress));
    assert!(alone(&page("https://a.repairshopr.com/x", "", &["API Token Created"], &[]), &v, OK)
        .contains(&Evidence::RevealHeading));
    let once = Block { near: Some(("Copy it now, it won't be shown again.".into(), String::new())), ..value_block() };
    assert!(alone(&blank(), &once, OK).contains(&Evidence::OnceText));
    assert!(alone(&page("https://a.repairshopr.com/x", "", &[], &["Cancel", "Done"]), &v, OK)
        .contains(&Evidence::DoneNearby));
    let prose = Block {
        source: Source::Text,
        segs: vec![format!("Hi team, the customer pasted {TOKEN} into the portal and asked us to check why it fails.")],
        ..value_block()
    };
    assert!(alone(&blank(), &prose, OK).contains(&Evidence::InProse));
    let hidden = Block { shown: Some(Shown { css: false, ..Shown::default() }), ..value_block() };
    assert!(alone(&blank(), &hidden, OK).contains(&Evidence::Hidden));
    let echo = page(&format!("https://a.repairshopr.com/{TOKEN}"), "", &[], &[]);
    assert!(alone(&echo, &v, OK).contains(&Evidence::EchoesAddress));
    assert!(alone(&blank(), &v, Situation { just_submitted: false, frame_ok: false }).contains(&Evidence::ForeignFrame));
    let attr = Block { source: Source::Attr, path: vec![anc("DIV", "", "")], ..value_block() };
    assert!(alone(&blank(), &attr, OK).contains(&Evidence::AttributeOnly));
    for e in EVIDENCE.iter().map(|(e, _)| e) {
        assert!(EVIDENCE.iter().filter(|(x, _)| x == e).count() == 1, "{e:?} weighed once");
    }
}

#[test]
fn the_vendors_reveal_adds_up_and_history_alone_nearly_does() {
    let reveal = page(
        "https://acme.repairshopr.com/api_tokens/42",
        "API Token Created | RepairShopr",
        &["API Token Created"],
        &["Tickets", "Done"],
    );
    let block = Block {
        near: Some(("Copy this token now. It will not be shown again.".into(), "Done".into())),
        ..value_block()
    };
    let v = verdict(&reveal, &block, OK);
    assert!(v.reveal, "{v:?}");
    assert_eq!(
        v.evidence,
        vec![
            Evidence::RevealAddress,
            Evidence::RevealHeading,
            Evidence::OnceText,
            Evidence::DoneNearby,
            Evidence::ShownAsValue
        ]
    );
    assert_eq!(v.score, 8);
    // A page in words Keyshift does not read, right after the New Token form: history decides.
    let foreign = page("https://acme.repairshopr.com/x", "Gettone creato", &["Gettone creato"], &["Fatto"]);
    assert!(verdict(&foreign, &value_block(), Situation { just_submitted: true, frame_ok: true }).reveal);
    assert!(!verdict(&foreign, &value_block(), OK).reveal, "without history nothing says it is fresh");
}

#[test]
fn a_dialog_is_judged_on_its_own_words_and_done() {
    let mut p = page("https://acme.repairshopr.com/api_tokens", "API Tokens", &["API Tokens"], &["New Token"]);
    p.headings.push(Heading { text: "Token created".into(), region: Region::Dialog(ElementId(9)) });
    p.controls.push(Control { id: ElementId(55), label: "Done".into(), region: Region::Dialog(ElementId(9)) });
    let block = Block { region: Region::Dialog(ElementId(9)), ..value_block() };
    let addr = crate::read::page::address(&p.url).expect("address");
    let regions = [Dialog { id: ElementId(9), name: "New API token".into() }];
    let reading = PageReading::new(&p, &regions, addr.host, addr.path);
    let v = judge(&reading, &block, TOKEN, 0, TOKEN.len(), Situation { just_submitted: true, frame_ok: true });
    assert!(v.reveal);
    assert_eq!(v.region, Region::Dialog(ElementId(9)));
    assert_eq!(reading.done_control(Region::Dialog(ElementId(9))), Some(ElementId(55)));
    assert_eq!(reading.done_control(Region::Page), None, "the page's own controls hold no Done");
}

#[test]
fn docs_tickets_articles_and_echoes_are_not_reveals() {
    let docs = page(
        "https://api-docs.repairshopr.com/#/Customer",
        "RepairShopr API Documentation",
        &["Authentication"],
        &["Authorize", "Done"],
    );
    let curl = Block {
        source: Source::Text,
        segs: vec![format!("curl -H \"Authorization: Bearer {TOKEN}\" https://acme.repairshopr.com/api/v1/customers")],
        path: vec![anc("CODE", "", ""), anc("PRE", "", "highlight")],
        ..value_block()
    };
    let v = verdict(&docs, &curl, Situation { just_submitted: true, frame_ok: true });
    assert!(!v.reveal, "{v:?}");
    assert!(v.evidence.contains(&Evidence::InCodeSample) && v.evidence.contains(&Evidence::OnDocsPage));

    let ticket = page(
        "https://acme.repairshopr.com/tickets/1234",
        "Ticket #1234",
        &["Ticket #1234: API not syncing"],
        &["Close", "Reply"],
    );
    let comment = Block {
        source: Source::Text,
        segs: vec![format!("Our token is {TOKEN}")],
        path: vec![anc("P", "", ""), anc("DIV", "", "ticket-comment__body")],
        ..value_block()
    };
    let v = verdict(&ticket, &comment, OK);
    assert!(!v.reveal && v.evidence.contains(&Evidence::InDiscussion), "{v:?}");

    let kb = page(
        "https://help.repairshopr.com/articles/1959628",
        "Updating Legacy API Tokens | Knowledge Base",
        &["Updating Legacy RepairShopr API Tokens"],
        &[],
    );
    assert!(!verdict(&kb, &value_block(), OK).reveal);

    let missing =
        page(&format!("https://acme.syncromsp.com/{TOKEN}"), "Page not found", &["404: Page not found"], &["Done"]);
    let echoed = Block { source: Source::Text, segs: vec![format!("/{TOKEN}")], ..value_block() };
    let v = verdict(&missing, &echoed, Situation { just_submitted: true, frame_ok: true });
    assert!(!v.reveal && v.evidence.contains(&Evidence::EchoesAddress));
}

#[test]
fn hidden_attribute_only_and_foreign_frames_never_reveal_whatever_else_is_there() {
    let reveal =
        page("https://acme.repairshopr.com/api_tokens/42", "API Token Created", &["API Token Created"], &["Done"]);
    let strong = Situation { just_submitted: true, frame_ok: true };
    for shown in [
        Shown { css: false, x: 0, y: 0, width: 100, height: 20, unseen: false },
        Shown { css: true, x: 0, y: 0, width: 0, height: 0, unseen: false },
        Shown { css: true, x: -10_000, y: 10, width: 400, height: 20, unseen: false },
        Shown { css: true, x: 10, y: -5_000, width: 400, height: 20, unseen: false },
        Shown { css: true, x: 10, y: 10, width: 400, height: 20, unseen: true },
    ] {
        let v = verdict(&reveal, &Block { shown: Some(shown), ..value_block() }, strong);
        assert!(!v.reveal && v.evidence.contains(&Evidence::Hidden), "{shown:?}");
    }
    let data = Block {
        source: Source::Attr,
        field: Some("data-token".into()),
        path: vec![anc("SPAN", "", "")],
        ..value_block()
    };
    assert!(!verdict(&reveal, &data, strong).reveal);
    let copy_button = Block {
        source: Source::Attr,
        field: Some("data-clipboard-text".into()),
        inner: Some("Copy to clipboard".into()),
        path: vec![anc("BUTTON", "", "btn")],
        ..value_block()
    };
    assert!(verdict(&reveal, &copy_button, OK).reveal, "a copy button's payload is a value");
    assert!(!verdict(&reveal, &value_block(), Situation { just_submitted: true, frame_ok: false }).reveal);
}

#[test]
fn translated_pages_read_like_native_ones() {
    for (title, once, done) in [
        ("Token de API creado", "Cópielo ahora: no se volverá a mostrar.", "Listo"),
        ("API-Token erstellt", "Kopieren Sie es jetzt. Es wird nicht erneut angezeigt.", "Fertig"),
        ("Jeton API créé", "Copiez-le maintenant : il ne sera plus affiché.", "Terminé"),
        ("API-token aangemaakt", "Kopieer het nu, het wordt niet opnieuw getoond.", "Klaar"),
    ] {
        let p = page("https://acme.repairshopr.com/settings", title, &[title], &[done]);
        let block = Block { near: Some((once.into(), String::new())), ..value_block() };
        let v = verdict(&p, &block, OK);
        assert!(v.reveal, "{title}: {v:?}");
        assert!(v.evidence.contains(&Evidence::OnceText) && v.evidence.contains(&Evidence::DoneNearby), "{title}");
        // The words about its way on use the page's own label, in the page's language.
        let reading = PageReading::new(&p, &[], "acme.repairshopr.com", "/settings");
        let named = super::guard::exits(&reading, Region::Page, false).named;
        assert_eq!(named.as_deref(), Some(done), "{title}");
    }
}

#[test]
fn a_token_set_apart_in_a_sentence_is_a_value_and_the_sentence_can_announce_it() {
    let reveal = page("https://acme.repairshopr.com/api_tokens/78", "API Tokens", &[], &["Done"]);
    let sentence =
        |segs: Vec<String>| Block { source: Source::Text, segs, path: vec![anc("DIV", "", "alert")], ..value_block() };
    // <div>Your new API token is: <code>T…</code>. Copy it now, you won't be able to see it again.</div>
    let apart = sentence(vec![
        "Your new API token is: ".into(),
        TOKEN.into(),
        ". Copy it now, you won't be able to see it again.".into(),
    ]);
    let v = verdict(&reveal, &apart, OK);
    assert!(v.reveal, "{v:?}");
    assert!(v.evidence.contains(&Evidence::ShownAsValue) && v.evidence.contains(&Evidence::RevealHeading), "{v:?}");
    // The same words in one text node: the token is part of the sentence.
    let inline =
        sentence(vec![format!("Your new API token is: {TOKEN}. Copy it now, you won't be able to see it again.")]);
    assert!(verdict(&reveal, &inline, OK).evidence.contains(&Evidence::InProse));
    // Set apart, but in a comment, or as an example: still no reveal.
    let ticket = page("https://acme.repairshopr.com/tickets/55", "Ticket #55", &["Ticket #55"], &["Close"]);
    let comment = Block {
        path: vec![anc("P", "", ""), anc("DIV", "", "comment")],
        ..sentence(vec![
            "Your new API token is: ".into(),
            TOKEN.into(),
            ". Copy it now, it won't be shown again.".into(),
        ])
    };
    assert!(!verdict(&ticket, &comment, OK).reveal);
    let example =
        sentence(vec!["Your new token looks like this example: ".into(), TOKEN.into(), ". Copy it now.".into()]);
    let v = verdict(&reveal, &example, OK);
    assert!(!v.reveal && v.evidence.contains(&Evidence::InCodeSample), "{v:?}");
}

#[test]
fn a_value_that_writes_its_own_evidence_is_no_reveal() {
    let customer = page("https://acme.repairshopr.com/customers/7", "Customer", &["Customer"], &["Done"]);
    let forged = Block {
        segs: vec![format!("Your new API token is {} Copy it now, it won't be shown again", value_block().segs[0])],
        ..value_block()
    };
    let v = verdict(&customer, &forged, Situation { just_submitted: false, frame_ok: true });
    assert!(!v.reveal, "{v:?}");
    assert!(v.evidence.contains(&Evidence::WordsInValue));
    assert!(!v.evidence.contains(&Evidence::RevealHeading) && !v.evidence.contains(&Evidence::OnceText));
}

#[test]
fn a_percent_encoded_echo_of_the_address_is_no_reveal() {
    let token = value_block().segs[0].clone();
    let url = format!("https://acme.repairshopr.com/api_tokens/search?q=%54{}", &token[1..]);
    let echo = page(&url, "API Token Created", &["API Token Created"], &["Done"]);
    let v = verdict(&echo, &value_block(), Situation { just_submitted: false, frame_ok: true });
    assert!(!v.reveal && v.evidence.contains(&Evidence::EchoesAddress), "{v:?}");
}

#[test]
fn history_confirms_a_reveal_and_evidence_alone_only_judges_it() {
    let reveal =
        page("https://acme.repairshopr.com/api_tokens/42", "API Token Created", &["API Token Created"], &["Done"]);
    let judged = verdict(&reveal, &value_block(), Situation { just_submitted: false, frame_ok: true });
    let confirmed = verdict(&reveal, &value_block(), Situation { just_submitted: true, frame_ok: true });
    assert_eq!((judged.reveal, judged.rank), (true, crate::reveal::life::Rank::Judged));
    assert_eq!((confirmed.reveal, confirmed.rank), (true, crate::reveal::life::Rank::Confirmed));
}
