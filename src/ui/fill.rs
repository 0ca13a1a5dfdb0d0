//! "Fill into this page": the popup finds the field the tab's page asks for the token in
//! (`crate::read::fill` decides which), shows it, and fills it only once the user confirms.
//!
//! The page is reached through Keyshift's content script where one runs (the vendor's
//! hosts, custom domains), else by injecting `fields.js` with the access the toolbar click
//! gave (activeTab). Either way the page only describes its fields and, on the user's
//! word, receives the token; it never sees a token it did not ask for.

use super::chrome::{ask, ask_tab, call_in_tab, inject_file, t};
use super::dom::{append, attr, by_id, el, on_click};
use crate::contract::messages::{CaptureRef, RevealedReply};
use crate::read::fill::{find, vendor_api_docs, Candidate, Field, FormPage, Holds};
use crate::read::policy::LEGACY_CUTOFF;
use crate::text::TextId;
use gloo_events::EventListener;
use js_sys::{Array, Object, Reflect};
use serde::Deserialize;
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
    pub capture: u32,
    pub tab: Option<i64>,
    pub copy: Rc<dyn Fn()>,
    pub refresh: Rc<dyn Fn()>,
}

#[derive(Deserialize)]
struct Gathered {
    page: FormPage,
}

#[derive(Deserialize)]
struct Filled {
    forgotten: bool,
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
async fn gather(tab: i64) -> Option<(Reach, FormPage)> {
    let (reach, page) = if let Some(answer) = ask_tab(tab, &message("fields", Object::new())).await {
        (
            Reach::ContentScript,
            crate::contract::strict::from_source::<Gathered, _>(answer, crate::contract::strict::MESSAGE).ok()?.page,
        )
    } else {
        if !inject_file(tab, "fields.js").await {
            return None;
        }
        let answer = call_in_tab(tab, "keyshiftFields", &Array::new()).await?;
        (
            Reach::Injected,
            crate::contract::strict::from_source::<FormPage, _>(answer, crate::contract::strict::MESSAGE).ok()?,
        )
    };
    BOUND.with(|b| *b.borrow_mut() = (page.origin.clone(), page.doc.clone()));
    Some((reach, page))
}

fn message(kind: &str, body: Object) -> JsValue {
    let m = Object::new();
    let _ = Reflect::set(&m, &JsValue::from_str(kind), &body);
    m.into()
}

/// `{ kind, name, origin, doc }`: how `fields.js` makes sure the field is still the one
/// described, in the document the user approved.
fn expect(field: &Field) -> JsValue {
    let e = Object::new();
    let _ = Reflect::set(&e, &"kind".into(), &JsValue::from_str(&field.kind));
    let name = field.name.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let _ = Reflect::set(&e, &"name".into(), &name);
    BOUND.with(|b| {
        let (origin, doc) = &*b.borrow();
        let _ = Reflect::set(&e, &"origin".into(), &JsValue::from_str(origin));
        let _ = Reflect::set(&e, &"doc".into(), &JsValue::from_str(doc));
    });
    e.into()
}

/// Marks or fills a field; `fields.js` answers `"filled"`, `"changed"` or `"refused"`
/// (marking: `true`).
async fn act(tab: i64, reach: Reach, field: &Field, value: Option<&str>, mark: bool) -> Option<JsValue> {
    let at = JsValue::from(field.id);
    let third = match value {
        Some(v) => JsValue::from_str(v),
        None => JsValue::from_bool(mark),
    };
    match reach {
        Reach::ContentScript => {
            let body = Object::new();
            let _ = Reflect::set(&body, &"at".into(), &at);
            let _ = Reflect::set(&body, &"expect".into(), &expect(field));
            let key = if value.is_some() { "value" } else { "on" };
            let _ = Reflect::set(&body, &JsValue::from_str(key), &third);
            let answer = ask_tab(tab, &message(if value.is_some() { "fill" } else { "mark" }, body)).await?;
            Reflect::get(&answer, &"result".into()).ok()
        }
        Reach::Injected => {
            let function = if value.is_some() { "keyshiftFill" } else { "keyshiftMark" };
            call_in_tab(tab, function, &Array::of3(&at, &expect(field), &third)).await
        }
    }
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

/// One field: "Fill the token into “API Token” on app.zomentum.com?". Several: the
/// user picks. The chosen field is marked on the page meanwhile.
async fn ask_which(job: Rc<Job>, tab: i64, reach: Reach, page: FormPage, found: Vec<Candidate>) {
    let Some(p) = panel() else { return };
    let chosen = Rc::new(RefCell::new(0usize));
    let field_of = {
        let page = page.clone();
        move |c: &Candidate| page.fields.iter().find(|f| f.id == c.id).cloned()
    };
    if let Some(f) = field_of(&found[0]) {
        act(tab, reach, &f, None, true).await;
    }
    if found.len() == 1 {
        let label = if found[0].label.is_empty() { t(TextId::FillFieldUnnamed, &[]) } else { found[0].label.clone() };
        let _ = p.append_child(&el("p", "", &t(TextId::FillConfirm, &[&label, &page.host])));
    } else {
        let _ = p.append_child(&el("p", "", &t(TextId::FillChoose, &[])));
        let list = el("div", "choices", "");
        attr(&list, "role", "radiogroup");
        for (i, c) in found.iter().enumerate() {
            let row = el("label", "", "");
            let radio: HtmlInputElement = el("input", "", "").unchecked_into();
            attr(&radio, "type", "radio");
            attr(&radio, "name", "field");
            radio.set_checked(i == 0);
            let _ = row.append_child(&radio);
            let _ = row.append_child(&el("span", "", &format!(" {}", describe(c))));
            let _ = list.append_child(&row);
            let (chosen, field, prev) = (chosen.clone(), field_of(c), found.clone());
            let field_of = field_of.clone();
            OPEN.with(|o| {
                o.borrow_mut().push(EventListener::new(&radio, "change", move |_| {
                    let before = field_of(&prev[*chosen.borrow()]);
                    *chosen.borrow_mut() = i;
                    let field = field.clone();
                    spawn_local(async move {
                        if let Some(b) = before {
                            act(tab, reach, &b, None, false).await;
                        }
                        if let Some(f) = field {
                            act(tab, reach, &f, None, true).await;
                        }
                    });
                }))
            });
        }
        let _ = p.append_child(&list);
    }
    if found.iter().any(|c| c.holds == Holds::LegacyKey) {
        let warn = el("p", "warning", &t(TextId::FillLegacyInField, &[&super::format::date(LEGACY_CUTOFF)]));
        attr(&warn, "role", "alert");
        let _ = p.append_child(&warn);
    }
    let fill = el("button", "primary", &t(TextId::FillButton, &[]));
    let cancel = el("button", "", &t(TextId::Cancel, &[]));
    let buttons = el("p", "actions", "");
    append(&buttons, &[&fill, &cancel]);
    let _ = p.append_child(&buttons);
    let _ = fill.focus();

    let (j, f, c, pg) = (job.clone(), found.clone(), chosen.clone(), page.clone());
    let on_fill = on_click(&fill, move |_| {
        let candidate = f[*c.borrow()].clone();
        let Some(field) = pg.fields.iter().find(|x| x.id == candidate.id).cloned() else { return };
        let job = j.clone();
        spawn_local(async move { fill_now(&job, tab, reach, &field, &candidate).await });
    });
    let (f, c, pg) = (found, chosen, page);
    let on_cancel = on_click(&cancel, move |_| {
        if let Some(field) = pg.fields.iter().find(|x| x.id == f[*c.borrow()].id).cloned() {
            spawn_local(async move {
                act(tab, reach, &field, None, false).await;
            });
        }
        close();
    });
    OPEN.with(|o| o.borrow_mut().extend([on_fill, on_cancel]));
}

/// Fills the chosen field, then says what happened and offers to forget the token.
async fn fill_now(job: &Job, tab: i64, reach: Reach, field: &Field, candidate: &Candidate) {
    let revealed = match ask::<RevealedReply>("reveal-held", &CaptureRef { capture: job.capture }).await {
        Ok(r) => r,
        Err(f) => {
            say(&f.message);
            return;
        }
    };
    let result = act(tab, reach, field, Some(revealed.token.expose()), false).await.and_then(|r| r.as_string());
    drop(revealed); // the popup keeps no copy of the token
    match result.as_deref() {
        Some("filled") => {}
        Some("changed") => return offer_copy(job, TextId::FillChanged),
        _ => return offer_copy(job, TextId::FillRefused),
    }
    let label = if candidate.label.is_empty() { t(TextId::FillFieldUnnamed, &[]) } else { candidate.label.clone() };
    let forgotten =
        ask::<Filled>("filled", &CaptureRef { capture: job.capture }).await.map(|f| f.forgotten).unwrap_or(false);
    let Some(p) = say(&t(TextId::Filled, &[&label])) else { return };
    if forgotten {
        let _ = p.append_child(&el("p", "", &t(TextId::FilledForgotten, &[])));
        (job.refresh)();
        return;
    }
    let forget = el("button", "", &t(TextId::ForgetNow, &[]));
    let _ = p.append_child(&forget);
    let (capture, refresh) = (job.capture, job.refresh.clone());
    OPEN.with(|o| {
        o.borrow_mut().push(on_click(&forget, move |_| {
            let refresh = refresh.clone();
            spawn_local(async move {
                if ask::<serde::de::IgnoredAny>("forget", &CaptureRef { capture }).await.is_ok() {
                    say(&t(TextId::Forgotten, &[]));
                    refresh();
                }
            });
        }))
    });
}
