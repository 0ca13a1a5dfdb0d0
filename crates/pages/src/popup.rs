//! The toolbar popup: held tokens (masked, named, newest of this tab first), one-click
//! copy, forget (asking first for a token never copied), honest empty states, and a way
//! to report a page Keyshift misread. What it says is decided in `keyshift::popup`.

use super::chrome::{active_tab, ask, open_tab, t, Failure};
use super::dom::{append, attr, by_id, el, on_click};
use super::{format, keep, keep_interval};
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use keyshift::contract::asks;
use keyshift::contract::messages::Here;
use keyshift::ids::{CaptureId, Millis, TabId};
use keyshift::keep::capture::HeldView;
use keyshift::keep::settings::{Locked, Settings};
use keyshift::policy::Duration;
use keyshift::popup::{about_here, ask_before_forgetting, empty, host, place, remaining};
use keyshift::text::TextId;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlElement;

struct Popup {
    here: Here,
    held: Vec<HeldView>,
    settings: Option<(Settings, Vec<Locked>)>,
    /// When the list was read (`Date.now()`), so the countdown runs without asking again.
    read_at: f64,
    /// Listeners of the drawn rows: dropped (and removed) when the list is drawn again.
    rows: Vec<EventListener>,
}

type Shared = Rc<RefCell<Popup>>;

fn status(text: &str) {
    if let Some(s) = by_id::<HtmlElement>("status") {
        s.set_text_content(Some(text));
    }
}

fn fail(f: Failure) {
    status(&f.message);
}

/// Draws the popup in `<main id="app">` and fills it.
#[wasm_bindgen]
pub fn popup() {
    super::set_lang();
    let Some(app) = by_id::<HtmlElement>("app") else { return };
    // The brand, and one line about this tab (filled once the engine answers).
    let brand = el("p", "brand", "Keyshift");
    let here_line = el("p", "here", "");
    attr(&here_line, "id", "here");
    let title = el("h1", "", &t(TextId::PopupTitle, &[]));
    let list = el("ul", "", "");
    attr(&list, "id", "held");
    attr(&list, "aria-label", &t(TextId::PopupTitle, &[]));
    let empty_text = el("p", "", "");
    attr(&empty_text, "id", "empty");
    empty_text.set_hidden(true);
    // The fill question, below the list (`fill.rs`).
    let fill_panel = el("section", "fill", "");
    attr(&fill_panel, "id", "fill");
    attr(&fill_panel, "aria-label", &t(TextId::FillInto, &[]));
    fill_panel.set_hidden(true);
    let status_line = el("p", "status", "");
    attr(&status_line, "id", "status");
    attr(&status_line, "role", "status");
    attr(&status_line, "aria-live", "polite");
    let actions = el("p", "actions", "");
    let forget_all = el("button", "", &t(TextId::ForgetAll, &[]));
    attr(&forget_all, "id", "forgetAll");
    forget_all.set_hidden(true);
    let report = el("button", "", &t(TextId::ReportMissed, &[]));
    attr(&report, "id", "report");
    report.set_hidden(true);
    let options = el("a", "", &t(TextId::OpenOptions, &[]));
    attr(&options, "href", "options.html");
    attr(&options, "target", "_blank");
    let welcome = el("a", "", &t(TextId::PopupWelcome, &[]));
    attr(&welcome, "href", "welcome.html");
    attr(&welcome, "target", "_blank");
    append(&actions, &[&forget_all, &report, &options, &welcome]);
    append(&app, &[&brand, &here_line, &title, &list, &empty_text, &fill_panel, &status_line, &actions]);

    let state: Shared = Rc::new(RefCell::new(Popup {
        here: Here::default(),
        held: Vec::new(),
        settings: None,
        read_at: 0.0,
        rows: Vec::new(),
    }));
    let s = state.clone();
    keep(on_click(&forget_all, move |_| forget(&s, None)));
    let s = state.clone();
    keep(on_click(&report, move |_| {
        if let Some(tab) = s.borrow().here.tab {
            open_tab(&format!("report.html?tab={tab}"));
        }
    }));
    let s = state.clone();
    keep_interval(Interval::new(1000, move || tick(&s)));

    spawn_local(async move {
        // Opened by a field's "Fill held token" note, the popup is a window of its own
        // over that tab (`?tab=`); from the toolbar, it is over the active tab.
        let here = match (opened_for_tab(), active_tab().await) {
            (Some(tab), _) => Here { tab: Some(tab), url: None },
            (None, Some((tab, url))) => Here { tab: Some(tab), url },
            (None, None) => Here::default(),
        };
        state.borrow_mut().here = here.clone();
        match ask(asks::popup(here.clone())).await {
            Ok(o) => {
                report.set_hidden(!o.enabled);
                let (text, count) = about_here(o.enabled, o.flagged);
                let n = count.map(super::format::count).unwrap_or_default();
                here_line.set_text_content(Some(&t(text, &[&n])));
                let mut p = state.borrow_mut();
                p.settings = Some((o.settings, o.locked));
                drop(p);
                show(&state, o.held);
                // When the held tokens were first shown, for `make bench`.
                super::chrome::mark("keyshift-popup-shown");
            }
            Err(f) => fail(f),
        }
    });
}

/// The tab a fill window was opened for (`popup.html?tab=12`).
fn opened_for_tab() -> Option<TabId> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("tab")?.parse().ok()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Replaces the list with `held` and draws it.
fn show(state: &Shared, held: Vec<HeldView>) {
    {
        let mut p = state.borrow_mut();
        p.held = held;
        p.read_at = now();
    }
    draw(state);
}

fn draw(state: &Shared) {
    let Some(list) = by_id::<HtmlElement>("held") else { return };
    list.set_text_content(None);
    let mut listeners = Vec::new();
    let held = state.borrow().held.clone();
    for view in &held {
        let (row, mut row_listeners) = entry(state, view);
        let _ = list.append_child(&row);
        listeners.append(&mut row_listeners);
    }
    let p = state.borrow();
    if let (Some(text), Some((settings, locked))) = (by_id::<HtmlElement>("empty"), &p.settings) {
        let e = empty(settings, locked);
        let minutes = e.minutes.map(format::minutes).unwrap_or_default();
        let mut words = t(e.text, &[&minutes]);
        if e.locked {
            words = format!("{words} {}", t(TextId::LockedByPolicy, &[]));
        }
        text.set_text_content(Some(&words));
        text.set_hidden(!held.is_empty());
    }
    if let Some(all) = by_id::<HtmlElement>("forgetAll") {
        all.set_hidden(held.is_empty());
    }
    drop(p);
    state.borrow_mut().rows = listeners;
}

/// One held token: its name, mask, site and where it came from, when it was captured and
/// when it goes, whether it was copied; Copy and Forget.
fn entry(state: &Shared, view: &HeldView) -> (HtmlElement, Vec<EventListener>) {
    let li = el("li", "", "");
    attr(&li, "data-id", &view.id.to_string());
    let name = view.name.clone().unwrap_or_else(|| t(TextId::HeldUnnamed, &[]));
    let site = host(&view.origin).to_string();
    let title = el("strong", if view.name.is_some() { "name" } else { "name unnamed" }, &name);
    let copy = el("button", "primary", &t(TextId::Copy, &[]));
    attr(&copy, "aria-label", &t(TextId::CopyHeldLabel, &[&name, &view.masked, &site]));
    let forget_button = el("button", "", &t(TextId::Forget, &[]));
    attr(&forget_button, "aria-label", &t(TextId::ForgetHeldLabel, &[&name, &view.masked]));
    let fill_button = el("button", "fill", &t(TextId::FillInto, &[]));
    attr(&fill_button, "aria-label", &t(TextId::FillIntoLabel, &[&name, &view.masked]));
    let mut where_from = vec![site.clone()];
    if let Some(p) = place(view) {
        where_from.push(t(p, &[]));
    }
    let token = el("code", "", &view.masked);
    let details = el("span", "meta", &format!(" · {}", where_from.join(" · ")));
    let line = el("span", "meta", "");
    let _ = line.prepend_with_node_1(&token);
    let _ = line.append_child(&details);
    let captured = t(TextId::CapturedAt, &[&format::time_of_day(view.captured_at.0 as f64)]);
    let left = el("span", "left", "");
    // Whole milliseconds: formatting a float would link float printing into the wasm.
    attr(&left, "data-expires", &((state.borrow().read_at as i64) + view.expires_in_ms.0).to_string());
    left.set_text_content(Some(&left_text(view.expires_in_ms.0 as f64)));
    let times = el("span", "meta", &format!("{captured} · "));
    let _ = times.append_child(&left);
    if view.copied {
        let _ = times.append_child(&el("span", "copied", &format!(" · {}", t(TextId::CopiedMark, &[]))));
    }
    if view.filled {
        let _ = times.append_child(&el("span", "copied", &format!(" · {}", t(TextId::FilledMark, &[]))));
    }
    if !view.copied && !view.filled {
        // Nobody has this token yet but Keyshift: the one row the user must act on.
        let _ = times.append_child(&el("span", "uncopied", &format!(" · {}", t(TextId::NotCopiedMark, &[]))));
    }
    append(&li, &[&title, &copy, &forget_button, &line, &times, &fill_button]);

    let id = view.id;
    let s = state.clone();
    let label = name.clone();
    let on_copy = on_click(&copy, move |_| {
        let s = s.clone();
        let label = label.clone();
        spawn_local(async move { copy_held(&s, id, &label).await });
    });
    let s = state.clone();
    let on_forget = on_click(&forget_button, move |_| forget(&s, Some(id)));
    let s = state.clone();
    let (label, masked) = (name.clone(), view.masked.clone());
    let on_fill = on_click(&fill_button, move |_| {
        let (for_copy, for_refresh, label) = (s.clone(), s.clone(), label.clone());
        super::fill::start(super::fill::Job {
            capture: id,
            name: label.clone(),
            masked: masked.clone(),
            tab: s.borrow().here.tab,
            copy: Rc::new(move || {
                let (s, label) = (for_copy.clone(), label.clone());
                spawn_local(async move { copy_held(&s, id, &label).await });
            }),
            refresh: Rc::new(move || {
                let s = for_refresh.clone();
                spawn_local(async move { refresh(&s).await });
            }),
        });
    });
    (li, vec![on_copy, on_forget, on_fill])
}

fn left_text(ms: f64) -> String {
    let r = remaining(Millis(ms as i64));
    t(TextId::TimeLeft, &[&format::duration(r)])
}

async fn copy_held(state: &Shared, id: CaptureId, name: &str) {
    let revealed = match ask(asks::reveal_held(id)).await {
        Ok(r) => r,
        Err(f) => return fail(f),
    };
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
    let written = match clipboard {
        Some(c) => JsFuture::from(c.write_text(revealed.token.expose())).await.is_ok(),
        None => false,
    };
    drop(revealed); // the popup keeps no copy of the token
    if !written {
        return status(&t(TextId::CopyFailedPopup, &[]));
    }
    if let Err(f) = ask(asks::copied(id)).await {
        return fail(f);
    }
    // Say when the clipboard will be emptied, if it will, so a late paste is no surprise.
    let clears = state.borrow().settings.as_ref().and_then(|(s, _)| s.clear_clipboard.then_some(s.clear_after_seconds));
    let said = match clears.map(Duration::of_seconds) {
        Some(d) => t(TextId::CopiedHeldWillClear, &[name, &format::unit(d.value, d.unit.name(), "long")]),
        None => t(TextId::CopiedHeld, &[name]),
    };
    status(&said);
    refresh(state).await;
}

async fn refresh(state: &Shared) {
    let here = state.borrow().here.clone();
    match ask(asks::list_held(here)).await {
        Ok(l) => show(state, l.held),
        Err(f) => fail(f),
    }
}

/// Forgets one token (or all): at once if it was copied, else after the user confirms.
fn forget(state: &Shared, id: Option<CaptureId>) {
    let held = state.borrow().held.clone();
    let chosen: Vec<&HeldView> = held.iter().filter(|v| id.is_none_or(|i| v.id == i)).collect();
    if chosen.is_empty() {
        return;
    }
    let go = {
        let s = state.clone();
        move || {
            let s = s.clone();
            spawn_local(async move {
                let done = match id {
                    Some(capture) => ask(asks::forget(Some(capture))).await,
                    None => ask(asks::forget(None)).await,
                };
                match done {
                    Ok(l) => {
                        status(&t(TextId::Forgotten, &[]));
                        show(&s, l.held);
                    }
                    Err(f) => fail(f),
                }
            });
        }
    };
    if ask_before_forgetting(&chosen) {
        confirm(state, if id.is_some() { TextId::ForgetUncopied } else { TextId::ForgetAllUncopied }, go);
    } else {
        go();
    }
}

/// An inline question with Forget and Keep; focus goes to Keep, the safe answer.
fn confirm(state: &Shared, question: TextId, go: impl Fn() + 'static) {
    let Some(status_line) = by_id::<HtmlElement>("status") else { return };
    status_line.set_text_content(None);
    let box_ = el("span", "confirm", &format!("{} ", t(question, &[])));
    attr(&box_, "role", "alert");
    let yes = el("button", "", &t(TextId::Forget, &[]));
    let keep = el("button", "primary", &t(TextId::Keep, &[]));
    append(&box_, &[&yes, &keep]);
    let _ = status_line.append_child(&box_);
    let _ = keep.focus();
    let b = box_.clone();
    let on_yes = on_click(&yes, move |_| {
        b.remove();
        go();
    });
    let b = box_.clone();
    let on_keep = on_click(&keep, move |_| b.remove());
    state.borrow_mut().rows.extend([on_yes, on_keep]);
}

/// Every second: counts down each token's time; asks again once one is due.
fn tick(state: &Shared) {
    let Some(list) = by_id::<HtmlElement>("held") else { return };
    let Ok(spans) = list.query_selector_all(".left") else { return };
    let mut due = false;
    for i in 0..spans.length() {
        let Some(span) = spans.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { continue };
        let at: i64 = span.get_attribute("data-expires").and_then(|v| v.parse().ok()).unwrap_or(0);
        let ms = at as f64 - now();
        span.set_text_content(Some(&left_text(ms)));
        due |= ms <= 0.0;
    }
    if due {
        let s = state.clone();
        spawn_local(async move { refresh(&s).await });
    }
}
