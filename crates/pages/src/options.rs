//! The options page: every setting from the one table (`settings::TABLE`), locked where a
//! policy decides; custom domains checked by the engine's own rules as they are typed and
//! again inside the Save click, before any permission prompt; the exact access patterns
//! requested; dismissed warnings to bring back.

mod grant;
mod save;

use super::chrome::{ask, extension_url, t, Failure};
use super::dom::{append, attr, by_id, el, on_click};
use super::{format, keep};
use gloo_events::EventListener;
use keyshift::contract::asks;
use keyshift::contract::messages::{DismissedList, InForce};
use keyshift::keep::hosts::{review, HostProblem, SuffixList};
use keyshift::keep::settings::{Kind, Locked, Section, Setting, Settings, TABLE};
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

/// One setting's field, with its label, help and a place for its error.
fn setting_field(row: &Setting) -> HtmlElement {
    let wrap = el("div", "setting", "");
    attr(&wrap, "id", &format!("{}Row", row.key));
    let label = t(row.label, &[]);
    let input = match row.kind {
        Kind::Flag => {
            let l = el("label", "check", "");
            let input = el("input", "", "");
            attr(&input, "type", "checkbox");
            append(&l, &[&input, &el("span", "", &format!(" {label}"))]);
            let _ = wrap.append_child(&l);
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
            append(&wrap, &[&l, &input]);
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
            append(&wrap, &[&l, &input, &preview]);
            input
        }
    };
    attr(&input, "id", row.key);
    attr(&input, "data-setting", row.key);
    let mut described = Vec::new();
    if let Some(help) = row.help {
        let p = el("p", "muted", &t(help, &[]));
        attr(&p, "id", &format!("{}Help", row.key));
        described.push(format!("{}Help", row.key));
        let _ = wrap.append_child(&p);
    }
    // Where a refused value is explained, beside the field it is about.
    let error = el("p", "error", "");
    attr(&error, "id", &format!("{}Error", row.key));
    error.set_hidden(true);
    described.push(format!("{}Error", row.key));
    let _ = wrap.append_child(&error);
    attr(&input, "aria-describedby", &described.join(" "));
    if row.kind == Kind::Flag {
        // A switch others depend on enables or disables them as it changes.
        keep(EventListener::new(&input, "change", |_| follow_switches()));
    }
    wrap
}

/// Draws the options page in `<main id="app">`: a section per group of settings
/// (`settings::Section`), then the dismissed warnings.
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
    for section in Section::ALL {
        let part = el("section", "settings", "");
        let id = format!("section{section:?}");
        let heading = el("h2", "", &t(section.title(), &[]));
        attr(&heading, "id", &id);
        let _ = part.append_child(&heading);
        for row in TABLE.iter().filter(|r| r.locked.section() == section) {
            let _ = part.append_child(&setting_field(row));
        }
        if section == Section::Domains {
            // Domains an administrator added, which this browser has not let Keyshift read.
            let grant = el("div", "grant", "");
            attr(&grant, "id", "grant");
            grant.set_hidden(true);
            let _ = part.append_child(&grant);
        }
        let _ = form.append_child(&part);
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
                save::submit(&p);
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
        ("remindBeforeExpiry", s.remind_before_expiry),
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
        let label = super::dom::document().query_selector(&format!("#{}Row label", row.key)).ok().flatten();
        if let Some(label) = label {
            let mark = label.query_selector(".lock").ok().flatten();
            match (locked, mark) {
                (true, None) => {
                    let lock = el("span", "lock", &format!("🔒 {}", t(TextId::LockedByPolicy, &[])));
                    let _ = label.append_child(&lock);
                }
                (false, Some(m)) => m.remove(),
                _ => {}
            }
        }
        if let Some(wrap) = by_id::<HtmlElement>(&format!("{}Row", row.key)) {
            let _ = wrap.class_list().toggle_with_force("locked", locked);
        }
    }
    LOCKED.with(|l| *l.borrow_mut() = f.locked.clone());
    follow_switches();
    if let Some(n) = by_id::<HtmlElement>("managedNote") {
        n.set_hidden(f.locked.is_empty());
    }
    let policy_hosts = f.locked.contains(&Locked::ExtraHosts).then(|| f.settings.extra_hosts.clone());
    let mut p = page.borrow_mut();
    p.settings = f.settings;
    p.locked = f.locked;
    drop(p);
    preview(page);
    grant::offer_grant(page, policy_hosts.unwrap_or_default());
}

thread_local! {
    /// What a policy decides, as last read: those fields stay read-only.
    static LOCKED: RefCell<Vec<Locked>> = const { RefCell::new(Vec::new()) };
}

/// Each field can be edited unless a policy decides it or the switch it depends on is
/// off (`Locked::needs`).
fn follow_switches() {
    let locked = LOCKED.with(|l| l.borrow().clone());
    for row in TABLE {
        let Some(field) = by_id::<HtmlElement>(row.key) else { continue };
        let off = row
            .locked
            .needs()
            .and_then(|n| TABLE.iter().find(|r| r.locked == n))
            .is_some_and(|s| !input(s.key).is_some_and(|i| i.checked()));
        let policy = locked.contains(&row.locked);
        let _ = js_sys::Reflect::set(&field, &"disabled".into(), &JsValue::from_bool(policy || off));
        if policy {
            attr(&field, "aria-readonly", "true");
        } else {
            let _ = field.remove_attribute("aria-readonly");
        }
    }
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
