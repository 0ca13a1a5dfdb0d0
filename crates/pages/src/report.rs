//! The missed-page report: the redacted copy of the page a user opened it for, shown in
//! full before anything happens, to copy or save as a file. Nothing is sent anywhere.
//! What is kept and what is hidden is decided by `keyshift::report`.

use super::chrome::{ask, ask_tab, t};
use super::dom::{append, attr, by_id, download, el, on_click};
use super::keep;
use keyshift::contract::asks;
use keyshift::contract::messages::Here;
use keyshift::contract::tab::{Reported, TabRequest};
use keyshift::ids::TabId;
use keyshift::read::page::PageKind;
use keyshift::report::{expected, redact, Report, MESSAGE};
use keyshift::text::TextId;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlElement;

fn page_text(page: Option<PageKind>) -> TextId {
    match page {
        Some(PageKind::TokenList) => TextId::PageTokenList,
        Some(PageKind::NewToken) => TextId::PageNewToken,
        Some(PageKind::TokenReveal) => TextId::PageTokenReveal,
        Some(PageKind::Profile) => TextId::PageProfile,
        _ => TextId::PageOther,
    }
}

/// The tab the report is about, from `report.html?tab=N`.
fn tab() -> Option<TabId> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("tab")?.parse().ok()
}

thread_local! {
    /// The report as redacted, before the user's own line is added.
    static REPORT: std::cell::RefCell<Option<Report>> = const { std::cell::RefCell::new(None) };
}

/// Writes the report, with the user's answer, into the folded `<pre>` that Copy and Save
/// take their text from: what is shown is exactly what is shared.
fn show_report() {
    let Some(body) = by_id::<HtmlElement>("report") else { return };
    let said = by_id::<web_sys::HtmlInputElement>("expected").map(|i| i.value()).unwrap_or_default();
    let Some(mut report) = REPORT.with(|r| r.borrow().clone()) else { return };
    report.expected = expected(&said);
    let value = serde::Serialize::serialize(&report, &serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL);
    let text = js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    body.set_text_content(Some(&text));
}

/// Draws the report page in `<main id="app">`: what Keyshift made of the page, one line
/// for what it should have done, where to send the report, and the report itself folded
/// under "Show what will be shared".
#[wasm_bindgen]
pub fn report() {
    super::set_lang();
    let Some(app) = by_id::<HtmlElement>("app") else { return };
    let title = el("h1", "", &t(TextId::ReportMissed, &[]));
    let intro = el("p", "", &t(TextId::ReportIntro, &[]));
    let summary = el("p", "", "");
    attr(&summary, "id", "summary");
    let ask_label = el("label", "", &t(TextId::ReportExpected, &[]));
    attr(&ask_label, "for", "expected");
    let answer = el("input", "", "");
    attr(&answer, "id", "expected");
    attr(&answer, "type", "text");
    attr(&answer, "maxlength", &keyshift::report::EXPECTED_CHARS.to_string());
    attr(&answer, "autocomplete", "off");
    let send = el("p", "", &t(TextId::ReportWhere, &[]));
    attr(&send, "id", "where");
    let actions = el("p", "actions", "");
    let copy = el("button", "primary", &t(TextId::CopyReport, &[]));
    let save = el("button", "", &t(TextId::SaveReport, &[]));
    let status = el("span", "status", "");
    attr(&status, "id", "status");
    attr(&status, "role", "status");
    attr(&status, "aria-live", "polite");
    append(&actions, &[&copy, &save, &status]);
    let fold = el("details", "", "");
    let fold_title = el("summary", "", &t(TextId::ReportShowShared, &[]));
    let body = el("pre", "report", "");
    attr(&body, "id", "report");
    attr(&body, "tabindex", "0");
    attr(&body, "aria-label", &t(TextId::ReportShowShared, &[]));
    append(&fold, &[&fold_title, &body]);
    append(&app, &[&title, &intro, &summary, &ask_label, &answer, &send, &actions, &fold]);
    keep(gloo_events::EventListener::new(&answer, "input", |_| show_report()));
    keep(on_click(&copy, move |_| {
        spawn_local(async {
            let (Some(text), Some(status)) =
                (by_id::<HtmlElement>("report").and_then(|r| r.text_content()), by_id::<HtmlElement>("status"))
            else {
                return;
            };
            let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return };
            let done = JsFuture::from(clipboard.write_text(&text)).await.is_ok();
            status.set_text_content(Some(&t(if done { TextId::ReportCopied } else { TextId::CopyFailedPopup }, &[])));
        })
    }));
    keep(on_click(&save, |_| save_file()));
    spawn_local(async move {
        let Some(tab) = tab() else { return summary.set_text_content(Some(&t(TextId::ReportNoPage, &[]))) };
        let answer = ask_tab(tab, &TabRequest::Report(true)).await;
        let Some(Reported { page: raw }) = answer.and_then(|a| keyshift::strict::from_source(a, MESSAGE).ok()) else {
            return summary.set_text_content(Some(&t(TextId::ReportNoPage, &[])));
        };
        let mut report: Report = redact(&raw);
        drop(raw); // the page's own text goes as soon as it is redacted
        if let Ok(j) = ask(asks::page_verdict(Here { tab: Some(tab), url: None })).await {
            report.page = j
                .page
                .map(|p| serde_wasm_bindgen::to_value(&p).ok().and_then(|v| v.as_string()).unwrap_or_default())
                .unwrap_or_default();
            let evidence: Vec<String> = j
                .verdict
                .iter()
                .flat_map(|v| v.evidence.iter())
                .filter_map(|e| serde_wasm_bindgen::to_value(e).ok()?.as_string())
                .collect();
            let page = t(page_text(j.page), &[]);
            // No evidence, no "Evidence: –": the line says only what there is.
            let line = if evidence.is_empty() {
                t(TextId::ReportVerdictPlain, &[&page])
            } else {
                t(TextId::ReportVerdict, &[&page, &evidence.join(", ")])
            };
            summary.set_text_content(Some(&line));
            report.verdict = j.verdict;
        }
        REPORT.with(|r| *r.borrow_mut() = Some(report));
        show_report();
    });
}

/// Saves the report as `keyshift-report.json` (a download made by the page, no permission).
fn save_file() {
    let Some(text) = by_id::<HtmlElement>("report").and_then(|r| r.text_content()) else { return };
    download("keyshift-report.json", "application/json", &text);
}
