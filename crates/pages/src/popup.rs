//! The toolbar popup: held tokens (masked, named, newest of this tab first), one-click
//! copy, forget (asking first for a token never copied), honest empty states, and a way
//! to report a page Keyshift misread. What it says is decided in `keyshift::popup`.

mod health;
mod row;

use super::chrome::{active_tab, ask, open_tab, t, Failure};
use super::dom::{append, attr, by_id, el, on_click};
use super::{format, keep, keep_interval};
use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use keyshift::contract::asks;
use keyshift::contract::messages::Here;
use keyshift::ids::{CaptureId, Millis, TabId};
use keyshift::keep::capture::HeldView;
use keyshift::keep::settings::{Locked, Settings};
use keyshift::policy::Duration;
use keyshift::popup::{about_here, ask_before_forgetting, empty, remaining};
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
    /// The tab's page has a field for a token: Fill in is each row's main action.
    fill_here: bool,
    /// Tokens whose keep time ran out while the popup was open: a one-line trace each,
    /// their name and when (`Date.now()`), so a row never vanishes without a word.
    gone: Vec<(String, f64)>,
    /// Tokens the user chose to forget: their rows go without a trace.
    forgetting: Vec<CaptureId>,
}

thread_local! {
    /// The status line clears itself a few seconds after it spoke.
    static STATUS_CLEAR: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

/// How long a status line stays (a copy's confirmation, a failure).
const STATUS_MS: u32 = 6_000;

type Shared = Rc<RefCell<Popup>>;

fn status(text: &str) {
    let Some(s) = by_id::<HtmlElement>("status") else { return };
    s.set_text_content(Some(text));
    let line = s.clone();
    let said = text.to_string();
    let clear = (!text.is_empty()).then(|| {
        Timeout::new(STATUS_MS, move || {
            if line.text_content().as_deref() == Some(said.as_str()) {
                line.set_text_content(None);
            }
        })
    });
    STATUS_CLEAR.with(|c| *c.borrow_mut() = clear);
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
    let gone = el("ul", "gone", "");
    attr(&gone, "id", "gone");
    let health_section = el("section", "health", "");
    attr(&health_section, "id", "health");
    health_section.set_hidden(true);
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
    append(
        &app,
        &[&brand, &here_line, &title, &list, &gone, &empty_text, &fill_panel, &status_line, &health_section, &actions],
    );

    let state: Shared = Rc::new(RefCell::new(Popup {
        here: Here::default(),
        held: Vec::new(),
        settings: None,
        read_at: 0.0,
        rows: Vec::new(),
        fill_here: false,
        gone: Vec::new(),
        forgetting: Vec::new(),
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
                p.fill_here = o.fill_here;
                health::draw(&o.health);
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
        // A token that left the list when its keep time was up, without the user
        // forgetting it here: a trace of it stays. (One forgotten elsewhere just goes.)
        let at = now();
        let read_at = p.read_at;
        let ended: Vec<String> = p
            .held
            .iter()
            .filter(|old| !held.iter().any(|v| v.id == old.id) && !p.forgetting.contains(&old.id))
            .filter(|old| read_at + old.expires_in_ms.0 as f64 <= at + 2_000.0)
            .map(row::name_of)
            .collect();
        p.gone.extend(ended.into_iter().map(|name| (name, at)));
        p.held = held;
        p.read_at = at;
    }
    draw(state);
}

fn draw(state: &Shared) {
    let Some(list) = by_id::<HtmlElement>("held") else { return };
    list.set_text_content(None);
    let mut listeners = Vec::new();
    let held = state.borrow().held.clone();
    for view in &held {
        let fill_here = state.borrow().fill_here;
        let (row, mut row_listeners) = row::entry(state, view, fill_here);
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
    if let Some(gone) = by_id::<HtmlElement>("gone") {
        gone.set_text_content(None);
        for (name, at) in &p.gone {
            let _ = gone.append_child(&el("li", "", &t(TextId::HeldGone, &[name, &format::time_of_day(*at)])));
        }
    }
    drop(p);
    state.borrow_mut().rows = listeners;
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

/// Forgets one token (or all): at once if it was copied, else after the user confirms,
/// asked in the token's row (or, for all, under the list).
fn forget(state: &Shared, id: Option<CaptureId>) {
    let held = state.borrow().held.clone();
    let chosen: Vec<&HeldView> = held.iter().filter(|v| id.is_none_or(|i| v.id == i)).collect();
    if chosen.is_empty() {
        return;
    }
    let ids: Vec<CaptureId> = chosen.iter().map(|v| v.id).collect();
    let go = {
        let s = state.clone();
        move || {
            let (s, ids) = (s.clone(), ids.clone());
            spawn_local(async move {
                s.borrow_mut().forgetting.extend(ids);
                match ask(asks::forget(id)).await {
                    Ok(l) => {
                        status(&t(TextId::Forgotten, &[]));
                        show(&s, l.held);
                    }
                    Err(f) => fail(f),
                }
            });
        }
    };
    if !ask_before_forgetting(&chosen) {
        return go();
    }
    let row = id.and_then(|i| {
        by_id::<HtmlElement>("held")?.query_selector(&format!("li[data-id=\"{i}\"]")).ok().flatten()?.dyn_into().ok()
    });
    match (row, chosen.first()) {
        (Some(li), Some(view)) => {
            row::ask_in_row(state, &li, &t(TextId::ForgetUncopiedNamed, &[&row::name_of(view)]), go)
        }
        _ => confirm_all(state, go),
    }
}

/// The question before forgetting every token, some never copied: under the list, focus
/// on Keep, the safe answer.
fn confirm_all(state: &Shared, go: impl Fn() + 'static) {
    let Some(status_line) = by_id::<HtmlElement>("status") else { return };
    status_line.set_text_content(None);
    let box_ = el("span", "confirm", &format!("{} ", t(TextId::ForgetAllUncopied, &[])));
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
