//! The options page: every setting from the one table (`settings::TABLE`), locked where a
//! policy decides; custom domains checked by the engine's own rules as they are typed and
//! again inside the Save click, before any permission prompt; the exact access patterns
//! requested; dismissed warnings to bring back.

use super::chrome::{ask, extension_url, granted, request, t, Failure};
use super::dom::{append, attr, by_id, el, on_click};
use super::{format, keep};
use gloo_events::EventListener;
use keyshift::contract::asks;
use keyshift::contract::messages::{DismissedList, InForce};
use keyshift::keep::hosts::{review, HostProblem, SuffixList};
use keyshift::keep::settings::{Kind, Locked, Settings, TABLE};
use keyshift::text::TextId;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};

struct Page {
    suffixes: SuffixList,
    settings: Settings,
    locked: Vec<Locked>,
    dismissed: Vec<EventListener>,
}

type Shared = Rc<RefCell<Page>>;

fn status(text: &str) {
    if let Some(s) = by_id::<HtmlElement>("status") {
        s.set_text_content(Some(text));
    }
}

fn problem_text(p: HostProblem) -> TextId {
    match p {
        HostProblem::Shape => TextId::HostProblemShape,
        HostProblem::Wildcard => TextId::HostProblemWildcard,
        HostProblem::IpAddress => TextId::HostProblemIp,
        HostProblem::PublicSuffix => TextId::HostProblemSuffix,
        HostProblem::SuffixesBeneath => TextId::HostProblemBeneath,
        HostProblem::Scheme => TextId::HostProblemScheme,
        HostProblem::Vendor => TextId::HostProblemVendor,
    }
}

/// Draws the options page in `<main id="app">`.
#[wasm_bindgen]
pub fn options() {
    super::set_lang();
    let Some(app) = by_id::<HtmlElement>("app") else { return };
    let title = el("h1", "", &t(TextId::OptionsTitle, &[]));
    let note = el("p", "managed", &t(TextId::ManagedNote, &[]));
    attr(&note, "id", "managedNote");
    note.set_hidden(true);
    let form = el("form", "", "");
    attr(&form, "id", "form");
    attr(&form, "novalidate", "");
    for row in TABLE {
        let (label, help) = (t(row.label, &[]), row.help.map(|h| t(h, &[])));
        let input = match row.kind {
            Kind::Flag => {
                let wrap = el("label", "check", "");
                let input = el("input", "", "");
                attr(&input, "type", "checkbox");
                append(&wrap, &[&input, &el("span", "", &format!(" {label}"))]);
                let _ = form.append_child(&wrap);
                input
            }
            Kind::Number { min, max } => {
                let l = el("label", "", &label);
                attr(&l, "for", row.key);
                let input = el("input", "", "");
                attr(&input, "type", "number");
                attr(&input, "min", &min.to_string());
                attr(&input, "max", &max.to_string());
                attr(&input, "step", "1");
                append(&form, &[&l, &input]);
                input
            }
            Kind::Hosts { .. } => {
                let l = el("label", "", &label);
                attr(&l, "for", row.key);
                let input = el("textarea", "", "");
                attr(&input, "spellcheck", "false");
                let preview = el("div", "preview", "");
                attr(&preview, "id", "hostsPreview");
                attr(&preview, "aria-live", "polite");
                append(&form, &[&l, &input, &preview]);
                input
            }
        };
        attr(&input, "id", row.key);
        attr(&input, "data-setting", row.key);
        if let Some(help) = help {
            let p = el("p", "muted", &help);
            attr(&p, "id", &format!("{}Help", row.key));
            attr(&input, "aria-describedby", &format!("{}Help", row.key));
            let _ = form.append_child(&p);
        }
    }
    let save = el("button", "primary", &t(TextId::Save, &[]));
    attr(&save, "type", "submit");
    let status_line = el("span", "status", "");
    attr(&status_line, "id", "status");
    attr(&status_line, "role", "status");
    attr(&status_line, "aria-live", "polite");
    append(&form, &[&save, &status_line]);
    let dismissed_title = el("h2", "", &t(TextId::DismissedTitle, &[]));
    let none = el("p", "muted", &t(TextId::NoDismissed, &[]));
    attr(&none, "id", "noDismissed");
    none.set_hidden(true);
    let list = el("ul", "", "");
    attr(&list, "id", "dismissed");
    append(&app, &[&title, &note, &form, &dismissed_title, &none, &list]);

    let page: Shared = Rc::new(RefCell::new(Page {
        suffixes: SuffixList::empty(),
        settings: Settings::default(),
        locked: Vec::new(),
        dismissed: Vec::new(),
    }));
    let p = page.clone();
    keep(EventListener::new_with_options(
        &form,
        "submit",
        gloo_events::EventListenerOptions::enable_prevent_default(),
        move |ev| {
            ev.prevent_default();
            if ev.is_trusted() {
                submit(&p);
            }
        },
    ));
    if let Some(hosts) = by_id::<HtmlElement>("extraHosts") {
        let p = page.clone();
        keep(EventListener::new(&hosts, "input", move |_| preview(&p)));
    }
    spawn_local(async move {
        let suffixes = load_suffixes().await;
        page.borrow_mut().suffixes = suffixes;
        match ask(asks::get_settings()).await {
            Ok(f) => fill(&page, f),
            Err(f) => status(&f.message),
        }
        list_dismissed(&page, ask(asks::list_dismissed()).await);
    });
}

/// The Public Suffix List snapshot the package ships (`psl.dat`).
async fn load_suffixes() -> SuffixList {
    let Some(window) = web_sys::window() else { return SuffixList::empty() };
    let text = async {
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str(&extension_url("psl.dat"))).await.ok()?.dyn_into().ok()?;
        JsFuture::from(response.text().ok()?).await.ok()?.as_string()
    };
    text.await.map_or_else(SuffixList::empty, SuffixList::parse)
}

fn input(key: &str) -> Option<HtmlInputElement> {
    by_id::<HtmlInputElement>(key)
}

fn hosts_box() -> Option<HtmlTextAreaElement> {
    by_id::<HtmlTextAreaElement>("extraHosts")
}

/// Shows the settings in force; what a policy decides is disabled and marked.
fn fill(page: &Shared, f: InForce) {
    let s = &f.settings;
    let flags = [
        ("captureTokens", s.capture_tokens),
        ("clearClipboard", s.clear_clipboard),
        ("forgetAfterFill", s.forget_after_fill),
    ];
    for (key, on) in flags {
        if let Some(i) = input(key) {
            i.set_checked(on);
        }
    }
    for (key, n) in [("holdMinutes", s.hold_minutes), ("clearAfterSeconds", s.clear_after_seconds)] {
        if let Some(i) = input(key) {
            i.set_value(&n.to_string());
        }
    }
    if let Some(h) = hosts_box() {
        h.set_value(&s.extra_hosts.join("\n"));
    }
    for row in TABLE {
        let locked = f.locked.contains(&row.locked);
        let Some(field) = by_id::<HtmlElement>(row.key) else { continue };
        let _ = js_sys::Reflect::set(&field, &"disabled".into(), &JsValue::from_bool(locked));
        let label =
            field.closest("label").ok().flatten().or_else(|| {
                super::dom::document().query_selector(&format!("label[for=\"{}\"]", row.key)).ok().flatten()
            });
        if let Some(label) = label {
            let mark = label.query_selector(".lock").ok().flatten();
            match (locked, mark) {
                (true, None) => {
                    let _ = label.append_child(&el("span", "lock", &t(TextId::LockedByPolicy, &[])));
                }
                (false, Some(m)) => m.remove(),
                _ => {}
            }
        }
    }
    if let Some(n) = by_id::<HtmlElement>("managedNote") {
        n.set_hidden(f.locked.is_empty());
    }
    let mut p = page.borrow_mut();
    p.settings = f.settings;
    p.locked = f.locked;
    drop(p);
    preview(page);
}

/// Under the custom domains: what each entry will be stored as and the access it asks
/// for, or what is wrong with it, as the user types.
fn preview(page: &Shared) {
    let (Some(area), Some(out)) = (hosts_box(), by_id::<HtmlElement>("hostsPreview")) else { return };
    out.set_text_content(None);
    let text = area.value();
    let p = page.borrow();
    let entries = review(&text, &p.suffixes);
    if entries.is_empty() {
        return;
    }
    let _ = out.append_child(&el("p", "muted", &t(TextId::AccessWillBeAsked, &[])));
    let list = el("ul", "", "");
    for (entry, result) in entries {
        let li = match result {
            Ok(pattern) => el("li", "ok", &pattern.match_pattern()),
            Err(problem) => el("li", "problem", &t(TextId::HostRefused, &[entry, &t(problem_text(problem), &[])])),
        };
        let _ = list.append_child(&li);
    }
    let _ = out.append_child(&list);
}

/// Save: everything is checked here, inside the click, before the browser is asked for
/// anything; then exactly the patterns the engine made are requested, then saved.
fn submit(page: &Shared) {
    status("");
    let p = page.borrow();
    let checked = |key: &str| input(key).is_some_and(|i| i.checked());
    let number = |key: &str| input(key).and_then(|i| i.value().trim().parse::<u32>().ok());
    let entries = hosts_box().map(|h| h.value()).unwrap_or_default();
    let mut hosts = Vec::new();
    for (entry, result) in review(&entries, &p.suffixes) {
        match result {
            Ok(pattern) => hosts.push(pattern),
            Err(problem) => {
                let words = t(TextId::HostRefused, &[entry, &t(problem_text(problem), &[])]);
                return status(&format!("{} {words}", t(TextId::NotSaved, &[])));
            }
        }
    }
    let (Some(hold), Some(clear_after)) = (number("holdMinutes"), number("clearAfterSeconds")) else {
        return status(&t(TextId::ErrorMalformed, &[]));
    };
    let settings = Settings {
        capture_tokens: checked("captureTokens"),
        hold_minutes: hold,
        clear_clipboard: checked("clearClipboard"),
        clear_after_seconds: clear_after,
        extra_hosts: hosts.iter().map(|h| h.as_str().to_string()).collect(),
        forget_after_fill: checked("forgetAfterFill"),
    };
    if let Err(e) = settings.check(&p.suffixes) {
        return status(&t(e.text(), &[]));
    }
    // Inside the click: the browser asks only for what the engine accepted.
    let clipboard: &[&str] = if settings.clear_clipboard { &["clipboardRead", "clipboardWrite"] } else { &[] };
    let origins: Vec<String> = hosts.iter().map(|h| h.match_pattern()).collect();
    let asked = (!clipboard.is_empty() || !origins.is_empty()).then(|| request(clipboard, &origins));
    drop(p);
    let page = page.clone();
    spawn_local(async move {
        if let Some(asked) = asked {
            // Granted all or nothing: when refused, no access changed and nothing is saved.
            if !granted(asked).await {
                return status(&t(
                    if settings.clear_clipboard { TextId::ClipboardDenied } else { TextId::HostsDenied },
                    &[],
                ));
            }
        }
        match ask(asks::set_settings(settings.clone())).await {
            Ok(f) => {
                fill(&page, f);
                status(&t(TextId::Saved, &[]));
            }
            Err(f) => status(&f.message),
        }
    });
}

fn list_dismissed(page: &Shared, reply: Result<DismissedList, Failure>) {
    let (Some(list), Some(none)) = (by_id::<HtmlElement>("dismissed"), by_id::<HtmlElement>("noDismissed")) else {
        return;
    };
    let dismissed = match reply {
        Ok(d) => d.dismissed,
        Err(f) => return status(&f.message),
    };
    list.set_text_content(None);
    let mut listeners = Vec::new();
    for item in &dismissed {
        let li = el("li", "", "");
        // Where and when, so the user can tell which warning it was; older versions kept
        // neither.
        let (text, label) = match (&item.host, item.on) {
            (Some(host), Some(on)) => {
                (t(TextId::DismissedItem, &[host, &format::date(on)]), t(TextId::RestoreLabel, &[host]))
            }
            _ => (t(TextId::DismissedItemOld, &[]), t(TextId::RestoreLabelOld, &[])),
        };
        let name = el("span", "", &text);
        let undo = el("button", "", &t(TextId::Restore, &[]));
        attr(&undo, "aria-label", &label);
        append(&li, &[&name, &undo]);
        let _ = list.append_child(&li);
        let p = page.clone();
        let print = item.fingerprint;
        listeners.push(on_click(&undo, move |_| {
            let p = p.clone();
            spawn_local(async move {
                let reply = ask(asks::undismiss(print)).await;
                list_dismissed(&p, reply);
            });
        }));
    }
    none.set_hidden(!dismissed.is_empty());
    page.borrow_mut().dismissed = listeners;
}
