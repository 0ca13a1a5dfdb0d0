//! The extension's own pages (popup, options, missed-page report, fill window, welcome),
//! rendered by Rust with web-sys and gloo. Browser-facing code only: it talks to the
//! background through `chrome.runtime.sendMessage` (with the engine's `contract::asks`)
//! and draws the DOM; what the pages say and check is decided by the engine's plain
//! modules (`popup`, `keep::hosts`, `keep::settings`, `report`, `read::fill`).
#![cfg(target_arch = "wasm32")]

/// Smaller and faster than the default dlmalloc on wasm (single-threaded: no atomics).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod chrome;
mod dom;
mod fill;
mod options;
mod popup;
mod report;
mod welcome;

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use keyshift::text::TextId;
use std::cell::RefCell;

thread_local! {
    /// Listeners and timers that live as long as the page.
    static PAGE: RefCell<(Vec<EventListener>, Vec<Interval>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Keeps a listener for the page's lifetime (dropping it would remove it).
fn keep(listener: EventListener) {
    PAGE.with(|p| p.borrow_mut().0.push(listener));
}

fn keep_interval(interval: Interval) {
    PAGE.with(|p| p.borrow_mut().1.push(interval));
}

/// The language Keyshift speaks on this page (the locale `chrome.i18n` chose), for
/// `<html lang>` and for every date, count and duration.
fn locale() -> String {
    chrome::t(TextId::Locale, &[])
}

fn set_lang() {
    if let Some(html) = dom::document().document_element() {
        dom::attr(&html, "lang", &locale());
    }
}

/// Numbers, units, times of day and durations in the page's language (`Intl`).
mod format {
    use js_sys::{Array, Function, Object, Reflect};
    use keyshift::popup::Remaining;
    use wasm_bindgen::JsValue;

    fn options(pairs: &[(&str, &str)]) -> Object {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        o
    }

    fn format_with(formatter: &JsValue, value: &JsValue) -> String {
        Reflect::get(formatter, &"format".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call1(formatter, value).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }

    use wasm_bindgen::JsCast;

    fn locales() -> Array {
        Array::of1(&JsValue::from_str(&super::locale()))
    }

    /// `10 minutes`, `1 Minute`, `10 minuten`: a count of a unit, plural as the language wants.
    pub fn unit(n: u32, unit: &str, display: &str) -> String {
        let nf = js_sys::Intl::NumberFormat::new(
            &locales(),
            &options(&[("style", "unit"), ("unit", unit), ("unitDisplay", display)]),
        );
        format_with(&nf, &JsValue::from(n))
    }

    /// A count, `1,234` or `1.234`, as the language writes it.
    pub fn count(n: u32) -> String {
        let nf = js_sys::Intl::NumberFormat::new(&locales(), &Object::new());
        format_with(&nf, &JsValue::from(n))
    }

    pub fn minutes(n: u32) -> String {
        unit(n, "minute", "long")
    }

    /// `9 min 59 s`, `23 h 59 min`: short, and never `1439:59`.
    pub fn duration(r: Remaining) -> String {
        if r.hours > 0 {
            format!("{} {}", unit(r.hours, "hour", "narrow"), unit(r.minutes, "minute", "short"))
        } else if r.minutes > 0 {
            format!("{} {}", unit(r.minutes, "minute", "short"), unit(r.seconds, "second", "narrow"))
        } else {
            unit(r.seconds, "second", "short")
        }
    }

    /// A calendar day, `3 Nov 2026` or `03.11.2026`, as the language writes it.
    pub fn date(day: keyshift::dates::Date) -> String {
        let dtf =
            js_sys::Intl::DateTimeFormat::new(&locales(), &options(&[("dateStyle", "medium"), ("timeZone", "UTC")]));
        let ms = day.days() as f64 * 86_400_000.0;
        format_with(&dtf, &js_sys::Date::new(&JsValue::from(ms)))
    }

    /// A clock time, `14:32` or `2:32 PM`, as the language writes it.
    pub fn time_of_day(ms: f64) -> String {
        let dtf = js_sys::Intl::DateTimeFormat::new(&locales(), &options(&[("timeStyle", "short")]));
        format_with(&dtf, &js_sys::Date::new(&JsValue::from(ms)))
    }
}
