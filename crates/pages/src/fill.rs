//! "Fill into this page": the popup finds the field the tab's page asks for the token in
//! (`keyshift::read::fill` decides which), shows it, and fills it only once the user confirms.
//!
//! The page is reached through Keyshift's content script where one runs (the vendor's
//! hosts, custom domains), else by injecting `fields.js` with the access the toolbar click
//! gave (activeTab). Either way the page only describes its fields and, on the user's
//! word, receives the token; it never sees a token it did not ask for.

use super::chrome::{ask, ask_tab, call_in_tab, inject_file, t};
use super::dom::{append, attr, by_id, el, on_click};
use gloo_events::EventListener;
use js_sys::Array;
use keyshift::contract::asks;
use keyshift::contract::messages::NoFields;
use keyshift::contract::tab::{Acted, Expect, FillResult, Gathered, TabRequest};
use keyshift::ids::ElementId;
use keyshift::ids::{CaptureId, TabId};
use keyshift::policy::LEGACY_CUTOFF;
use keyshift::read::fill::subdomain::{self, Offer};
use keyshift::read::fill::{find, vendor_api_docs, Candidate, Field, FormPage, Holds};
use keyshift::strict::{from_source, MESSAGE};
use keyshift::text::TextId;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, HtmlInputElement};

thread_local! {
    /// The open fill question's listeners; a new question (or its end) drops them.
    static OPEN: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

/// How the popup reaches the tab's page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Keyshift's own content script answers.
    ContentScript,
    /// `fields.js`, injected with activeTab (or a granted host).
    Injected,
}

/// What the popup needs from its list: the token's id and name, the tab, and what to do
/// to copy instead or to redraw once a token was forgotten.
pub(super) struct Job {
    pub capture: CaptureId,
    /// How the popup names the token (its name, or "Unnamed token"), and its mask.
    pub name: String,
    pub masked: String,
    /// Where the token came from: whose token it is (RepairShopr or Syncro).
    pub origin: String,
    pub tab: Option<TabId>,
    pub copy: Rc<dyn Fn()>,
    pub refresh: Rc<dyn Fn()>,
}

fn panel() -> Option<HtmlElement> {
    let p = by_id::<HtmlElement>("fill")?;
    p.set_text_content(None);
    p.set_hidden(false);
    Some(p)
}

fn close() {
    OPEN.with(|o| o.borrow_mut().clear());
    if let Some(p) = by_id::<HtmlElement>("fill") {
        p.set_text_content(None);
        p.set_hidden(true);
    }
}

fn say(text: &str) -> Option<HtmlElement> {
    let p = panel()?;
    let line = el("p", "", text);
    attr(&line, "role", "status");
    let _ = p.append_child(&line);
    Some(p)
}

/// Starts the flow for one held token.
pub(super) fn start(job: Job) {
    OPEN.with(|o| o.borrow_mut().clear());
    say(&t(TextId::FillLooking, &[]));
    spawn_local(async move {
        let Some(tab) = job.tab else { return offer_copy(&job, TextId::FillNoAccess) };
        let Some((reach, page)) = gather(tab).await else { return offer_copy(&job, TextId::FillNoAccess) };
        let found = find(&page.fields, &page.title, vendor_api_docs(&page.host, &page.title));
        if found.is_empty() {
            return offer_copy(&job, TextId::FillNone);
        }
        ask_which(Rc::new(job), tab, reach, page, found).await;
    });
}

thread_local! {
    /// The document the fields were read from (its origin and its own name): every mark
    /// and fill after is bound to it, so a tab that navigated meanwhile gets nothing.
    static BOUND: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
}

/// Reads the page's fields: from the content script if there is one, else by injecting.
async fn gather(tab: TabId) -> Option<(Reach, FormPage)> {
    let (reach, page) = if let Some(answer) = ask_tab(tab, &TabRequest::Fields(NoFields {})).await {
        (Reach::ContentScript, from_source::<Gathered, _>(answer, MESSAGE).ok()?.page)
    } else {
        if !inject_file(tab, "fields.js").await {
            return None;
        }
        let answer = call_in_tab(tab, "keyshiftFields", &Array::new()).await?;
        (Reach::Injected, from_source::<FormPage, _>(answer, MESSAGE).ok()?)
    };
    BOUND.with(|b| *b.borrow_mut() = (page.origin.clone(), page.doc.clone()));
    Some((reach, page))
}

/// Marks a field (or takes the mark off); whether the page's script answered.
async fn mark(tab: TabId, reach: Reach, field: &Field, on: bool) -> bool {
    let (origin, doc) = BOUND.with(|b| b.borrow().clone());
    let expect = Expect { kind: &field.kind, name: field.name.as_deref(), origin: &origin, doc: &doc };
    let label = if on { t(TextId::FillMarkHere, &[]) } else { String::new() };
    match reach {
        Reach::ContentScript => {
            ask_tab(tab, &TabRequest::Mark { at: field.id, expect, on, label: &label }).await.is_some()
        }
        Reach::Injected => {
            let args = Array::of4(
                &JsValue::from(field.id.0),
                &to_js(&expect),
                &JsValue::from_bool(on),
                &JsValue::from_str(&label),
            );
            call_in_tab(tab, "keyshiftMark", &args).await.is_some()
        }
    }
}

/// Fills a field with the token, read back as what became of it.
async fn fill_field(tab: TabId, reach: Reach, field: &Field, value: &str) -> Option<FillResult> {
    let (origin, doc) = BOUND.with(|b| b.borrow().clone());
    let expect = Expect { kind: &field.kind, name: field.name.as_deref(), origin: &origin, doc: &doc };
    let result = match reach {
        Reach::ContentScript => {
            let answer = ask_tab(tab, &TabRequest::Fill { at: field.id, expect, value }).await?;
            from_source::<Acted<FillResult>, _>(answer, MESSAGE).ok()?.result
        }
        Reach::Injected => {
            let args = Array::of3(&JsValue::from(field.id.0), &to_js(&expect), &JsValue::from_str(value));
            from_source::<FillResult, _>(call_in_tab(tab, "keyshiftFill", &args).await?, MESSAGE).ok()?
        }
    };
    Some(result)
}

fn to_js(value: &impl serde::Serialize) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn offer_copy(job: &Job, why: TextId) {
    let Some(p) = say(&t(why, &[])) else { return };
    let copy = el("button", "primary", &t(TextId::Copy, &[]));
    let _ = p.append_child(&copy);
    let _ = copy.focus();
    let go = job.copy.clone();
    OPEN.with(|o| o.borrow_mut().push(on_click(&copy, move |_| go())));
}

/// How a field is named to the user ("API Key (PSA: RepairShopr)"), and what it holds.
fn describe(c: &Candidate) -> String {
    let mut label = if c.label.is_empty() { t(TextId::FillFieldUnnamed, &[]) } else { c.label.clone() };
    if let Some(section) = &c.section {
        label = format!("{label} ({section})");
    }
    if c.holds == Holds::LegacyKey {
        t(TextId::FieldHoldsLegacy, &[&label])
    } else {
        label
    }
}

/// One field: "Fill “IT Glue sync” (T28a…bf23) into “API Token” on app.example.com?".
/// Several: the user picks, the one still holding a legacy key chosen first. The chosen
/// field is marked on the page meanwhile; the legacy warning and the offer to fill the
/// account's subdomain follow the choice.
async fn ask_which(job: Rc<Job>, tab: TabId, reach: Reach, page: FormPage, found: Vec<Candidate>) {
    let Some(p) = panel() else { return };
    let first = subdomain::preselect(&found);
    let chosen = Rc::new(RefCell::new(first));
    let offers: Rc<Vec<Option<Offer>>> =
        Rc::new(found.iter().map(|c| subdomain::offer(&job.origin, &page, c)).collect());
    let field_of = {
        let page = page.clone();
        move |id: ElementId| page.fields.iter().find(|f| f.id == id).cloned()
    };
    if let Some(f) = field_of(found[first].id) {
        mark(tab, reach, &f, true).await;
    }
    if let Some((asked, token)) = keyshift::read::fill::vendor_mismatch(&job.origin, &page, &found) {
        let warn = el("p", "warning", &t(TextId::FillVendorMismatch, &[asked.name(), token.name()]));
        attr(&warn, "role", "alert");
        let _ = p.append_child(&warn);
    }
    // What follows the choice: the legacy warning, and the subdomain offer.
    let legacy = el("p", "warning", &t(TextId::FillLegacyInField, &[&super::format::date(LEGACY_CUTOFF)]));
    attr(&legacy, "role", "alert");
    let address = el("label", "also", "");
    let also: HtmlInputElement = el("input", "", "").unchecked_into();
    attr(&also, "type", "checkbox");
    also.set_checked(true);
    let also_text = el("span", "", "");
    append(&address, &[&also, &also_text]);
    let follow = {
        let (legacy, address, also_text, found, offers) =
            (legacy.clone(), address.clone(), also_text.clone(), found.clone(), offers.clone());
        move |i: usize| {
            legacy.set_hidden(found[i].holds != Holds::LegacyKey);
            match &offers[i] {
                Some(o) => {
                    also_text.set_text_content(Some(&t(TextId::FillAlsoAddress, &[&o.label, &o.value])));
                    address.set_hidden(false);
                }
                None => address.set_hidden(true),
            }
        }
    };
    follow(first);

    if found.len() == 1 {
        let label = if found[0].label.is_empty() { t(TextId::FillFieldUnnamed, &[]) } else { found[0].label.clone() };
        let _ = p.append_child(&el("p", "", &t(TextId::FillConfirm, &[&job.name, &job.masked, &label, &page.host])));
    } else {
        let _ = p.append_child(&el("p", "", &t(TextId::FillChoose, &[])));
        let list = el("div", "choices", "");
        attr(&list, "role", "radiogroup");
        for (i, c) in found.iter().enumerate() {
            let row = el("label", "", "");
            let radio: HtmlInputElement = el("input", "", "").unchecked_into();
            attr(&radio, "type", "radio");
            attr(&radio, "name", "field");
            radio.set_checked(i == first);
            let _ = row.append_child(&radio);
            let _ = row.append_child(&el("span", "", &format!(" {}", describe(c))));
            let _ = list.append_child(&row);
            let (chosen, field, ids) = (chosen.clone(), field_of(c.id), found.iter().map(|c| c.id).collect::<Vec<_>>());
            let (field_of, follow) = (field_of.clone(), follow.clone());
            OPEN.with(|o| {
                o.borrow_mut().push(EventListener::new(&radio, "change", move |_| {
                    let before = field_of(ids[*chosen.borrow()]);
                    *chosen.borrow_mut() = i;
                    follow(i);
                    let field = field.clone();
                    spawn_local(async move {
                        if let Some(b) = before {
                            mark(tab, reach, &b, false).await;
                        }
                        if let Some(f) = field {
                            mark(tab, reach, &f, true).await;
                        }
                    });
                }))
            });
        }
        let _ = p.append_child(&list);
    }
    append(&p, &[&address, &legacy]);
    let fill = el("button", "primary", &t(TextId::FillButton, &[]));
    let cancel = el("button", "", &t(TextId::Cancel, &[]));
    let buttons = el("p", "actions", "");
    append(&buttons, &[&fill, &cancel]);
    let _ = p.append_child(&buttons);
    let _ = fill.focus();

    let (j, f, c, fo) = (job.clone(), found.clone(), chosen.clone(), field_of.clone());
    let on_fill = on_click(&fill, move |_| {
        let i = *c.borrow();
        let candidate = f[i].clone();
        let Some(field) = fo(candidate.id) else { return };
        // The subdomain too, if the user left it ticked and its field is still there.
        let address = offers[i].clone().filter(|_| also.checked()).and_then(|o| Some((fo(o.id)?, o)));
        let job = j.clone();
        spawn_local(async move { fill_now(&job, tab, reach, &field, &candidate, address).await });
    });
    let (f, c) = (found, chosen);
    let on_cancel = on_click(&cancel, move |_| {
        if let Some(field) = field_of(f[*c.borrow()].id) {
            spawn_local(async move {
                mark(tab, reach, &field, false).await;
            });
        }
        close();
    });
    OPEN.with(|o| o.borrow_mut().extend([on_fill, on_cancel]));
}

/// Fills the chosen field, then says what happened and offers to forget the token.
async fn fill_now(
    job: &Job,
    tab: TabId,
    reach: Reach,
    field: &Field,
    candidate: &Candidate,
    address: Option<(Field, Offer)>,
) {
    let revealed = match ask(asks::reveal_held(job.capture)).await {
        Ok(r) => r,
        Err(f) => {
            say(&f.message);
            return;
        }
    };
    let result = fill_field(tab, reach, field, revealed.token.expose()).await;
    drop(revealed); // the popup keeps no copy of the token
    match result {
        Some(FillResult::Filled) => {}
        Some(FillResult::Changed) => return offer_copy(job, TextId::FillChanged),
        _ => return offer_copy(job, TextId::FillRefused),
    }
    // The account's address is no secret: the form's own field, filled the same way.
    let mut also = None;
    if let Some((f, offer)) = address {
        if fill_field(tab, reach, &f, &offer.value).await == Some(FillResult::Filled) {
            also = Some(t(TextId::FilledAddress, &[&offer.label, &offer.value]));
        }
    }
    let label = if candidate.label.is_empty() { t(TextId::FillFieldUnnamed, &[]) } else { candidate.label.clone() };
    let forgotten = ask(asks::filled(job.capture)).await.map(|f| f.forgotten).unwrap_or(false);
    // The row says "Filled" at once, not the next time the popup opens.
    (job.refresh)();
    let Some(p) = say(&t(TextId::Filled, &[&label])) else { return };
    if let Some(line) = also {
        let _ = p.append_child(&el("p", "", &line));
    }
    if forgotten {
        let _ = p.append_child(&el("p", "", &t(TextId::FilledForgotten, &[])));
        return;
    }
    let forget = el("button", "", &t(TextId::ForgetNow, &[]));
    let _ = p.append_child(&forget);
    let (capture, refresh) = (job.capture, job.refresh.clone());
    OPEN.with(|o| {
        o.borrow_mut().push(on_click(&forget, move |_| {
            let refresh = refresh.clone();
            spawn_local(async move {
                if ask(asks::forget(Some(capture))).await.is_ok() {
                    say(&t(TextId::Forgotten, &[]));
                    refresh();
                }
            });
        }))
    });
}
