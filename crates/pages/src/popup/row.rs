//! One kept token's row: its name, mask, site and where it came from, when it was
//! captured and when it goes, whether anyone has it yet; one main action (Fill in over a
//! page with a field for it, else Copy) and the rest in a "⋯" menu; and the question
//! before forgetting a token nobody copied, asked inside the row, naming it.

use super::{copy_held, forget, left_text, refresh, Shared};
use crate::chrome::t;
use crate::dom::{append, attr, el, on_click};
use crate::format;
use gloo_events::EventListener;
use keyshift::keep::capture::HeldView;
use keyshift::popup::{host, place};
use keyshift::text::TextId;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, KeyboardEvent};

/// The row's name for a token: its own, or "Unnamed token".
pub(super) fn name_of(view: &HeldView) -> String {
    view.name.clone().unwrap_or_else(|| t(TextId::HeldUnnamed, &[]))
}

pub(super) fn entry(state: &Shared, view: &HeldView, fill_here: bool) -> (HtmlElement, Vec<EventListener>) {
    let li = el("li", "", "");
    attr(&li, "data-id", &view.id.to_string());
    let name = name_of(view);
    let site = host(&view.origin).to_string();
    let title = el("strong", if view.name.is_some() { "name" } else { "name unnamed" }, &name);
    let copy = el("button", "", &t(TextId::Copy, &[]));
    attr(&copy, "aria-label", &t(TextId::CopyHeldLabel, &[&name, &view.masked, &site]));
    let fill_button = el("button", "fill", &t(TextId::FillInto, &[]));
    attr(&fill_button, "aria-label", &t(TextId::FillIntoLabel, &[&name, &view.masked]));
    let forget_button = el("button", "", &t(TextId::Forget, &[]));
    attr(&forget_button, "aria-label", &t(TextId::ForgetHeldLabel, &[&name, &view.masked]));
    // The main action stands in the row; the others wait in its menu.
    let (main, others) =
        if fill_here { (&fill_button, [&copy, &forget_button]) } else { (&copy, [&fill_button, &forget_button]) };
    let _ = main.class_list().add_1("primary");
    let more = el("button", "more", "⋯");
    attr(&more, "aria-label", &t(TextId::MoreActions, &[&name]));
    attr(&more, "aria-haspopup", "menu");
    attr(&more, "aria-expanded", "false");
    let menu = el("div", "menu", "");
    attr(&menu, "role", "menu");
    attr(&menu, "aria-label", &t(TextId::MoreActions, &[&name]));
    menu.set_hidden(true);
    for item in others {
        attr(item, "role", "menuitem");
        attr(item, "tabindex", "-1");
        let _ = menu.append_child(item);
    }
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
    let ask = el("div", "ask", "");
    ask.set_hidden(true);
    append(&li, &[&title, main, &more, &line, &times, &menu, &ask]);

    let id = view.id;
    let mut listeners = vec![];
    let s = state.clone();
    let label = name.clone();
    listeners.push(on_click(&copy, move |_| {
        let (s, label) = (s.clone(), label.clone());
        spawn_local(async move { copy_held(&s, id, &label).await });
    }));
    let s = state.clone();
    listeners.push(on_click(&forget_button, move |_| forget(&s, Some(id))));
    let s = state.clone();
    let (label, masked, origin) = (name.clone(), view.masked.clone(), view.origin.clone());
    listeners.push(on_click(&fill_button, move |_| {
        let (for_copy, for_refresh, label) = (s.clone(), s.clone(), label.clone());
        crate::fill::start(crate::fill::Job {
            capture: id,
            name: label.clone(),
            masked: masked.clone(),
            origin: origin.clone(),
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
    }));
    listeners.extend(menu_behaviour(&more, &menu));
    (li, listeners)
}

/// The "⋯" button opens its menu and focuses the first item; arrows move between items,
/// Escape closes it and returns to the button, choosing an item closes it.
fn menu_behaviour(more: &HtmlElement, menu: &HtmlElement) -> Vec<EventListener> {
    let list: Vec<HtmlElement> = match menu.query_selector_all("[role=menuitem]") {
        Ok(found) => (0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok()).collect(),
        Err(_) => Vec::new(),
    };
    let set_open = {
        let (more, menu) = (more.clone(), menu.clone());
        move |open: bool| {
            menu.set_hidden(!open);
            attr(&more, "aria-expanded", if open { "true" } else { "false" });
        }
    };
    let mut out = Vec::new();
    let (open, first) = (set_open.clone(), list.first().cloned());
    let shown = menu.clone();
    out.push(on_click(more, move |_| {
        let opening = shown.hidden();
        open(opening);
        if let (true, Some(f)) = (opening, &first) {
            let _ = f.focus();
        }
    }));
    let (close, back, all) = (set_open.clone(), more.clone(), list.clone());
    out.push(EventListener::new(menu, "keydown", move |ev| {
        let Some(key) = ev.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key) else { return };
        let active = crate::dom::document().active_element();
        let at = all.iter().position(|i| active.as_ref().is_some_and(|a| a == AsRef::<web_sys::Element>::as_ref(i)));
        let go = |n: usize| {
            if let Some(i) = all.get(n % all.len().max(1)) {
                let _ = i.focus();
            }
        };
        match key.as_str() {
            "ArrowDown" => go(at.map_or(0, |a| a + 1)),
            "ArrowUp" => go(at.map_or(0, |a| a + all.len() - 1)),
            "Home" => go(0),
            "End" => go(all.len().saturating_sub(1)),
            "Escape" => {
                ev.prevent_default();
                close(false);
                let _ = back.focus();
            }
            "Tab" => close(false),
            _ => {}
        }
    }));
    for item in list {
        let close = set_open.clone();
        out.push(on_click(&item, move |_| close(false)));
    }
    out
}

/// Asks inside the token's row, naming it, before forgetting a token nobody copied; focus
/// goes to Keep, the safe answer.
pub(super) fn ask_in_row(state: &Shared, li: &HtmlElement, question: &str, go: impl Fn() + 'static) {
    let Some(ask) = li.query_selector(".ask").ok().flatten().and_then(|a| a.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    ask.set_text_content(None);
    let words = el("span", "", &format!("{question} "));
    attr(&ask, "role", "alert");
    let yes = el("button", "", &t(TextId::Forget, &[]));
    let keep = el("button", "primary", &t(TextId::Keep, &[]));
    append(&ask, &[&words, &yes, &keep]);
    ask.set_hidden(false);
    let _ = keep.focus();
    let a = ask.clone();
    let on_yes = on_click(&yes, move |_| {
        a.set_hidden(true);
        go();
    });
    let a = ask.clone();
    let on_keep = on_click(&keep, move |_| {
        a.set_hidden(true);
        a.set_text_content(None);
    });
    state.borrow_mut().rows.extend([on_yes, on_keep]);
}
