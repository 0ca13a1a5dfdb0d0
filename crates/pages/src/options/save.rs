//! Save: every value checked inside the click, before the browser is asked for anything;
//! a refused value explained beside its field; then exactly the patterns the engine made
//! requested, and the settings saved.

use super::{fill, hosts_box, input, problem_text, status, Shared};
use crate::chrome::{ask, granted, request, t};
use crate::dom::{attr, by_id};
use keyshift::contract::asks;
use keyshift::keep::hosts::review;
use keyshift::keep::settings::{BadSetting, Locked, Settings, TABLE};
use keyshift::text::TextId;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;

fn key_of(setting: Locked) -> &'static str {
    TABLE.iter().find(|r| r.locked == setting).map_or("", |r| r.key)
}

/// Says why a value was refused beside its field (`aria-invalid`, its error described
/// by the field), moves focus there, and says "Not saved" by the Save button.
fn refuse(setting: Locked, text: &str) {
    let key = key_of(setting);
    if let (Some(field), Some(error)) = (by_id::<HtmlElement>(key), by_id::<HtmlElement>(&format!("{key}Error"))) {
        error.set_text_content(Some(text));
        error.set_hidden(false);
        attr(&field, "aria-invalid", "true");
        let _ = field.focus();
    }
    status(&t(TextId::NotSaved, &[]));
}

fn refuse_setting(bad: BadSetting) {
    refuse(bad.field(), &t(bad.text(), &[]));
}

fn clear_errors() {
    for row in TABLE {
        if let Some(error) = by_id::<HtmlElement>(&format!("{}Error", row.key)) {
            error.set_text_content(None);
            error.set_hidden(true);
        }
        if let Some(field) = by_id::<HtmlElement>(row.key) {
            let _ = field.remove_attribute("aria-invalid");
        }
    }
}

/// Save: everything is checked here, inside the click, before the browser is asked for
/// anything; then exactly the patterns the engine made are requested, then saved.
pub(super) fn submit(page: &Shared) {
    status("");
    clear_errors();
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
                return refuse(Locked::ExtraHosts, &format!("{} {words}", t(TextId::NotSaved, &[])));
            }
        }
    }
    // A number that is not one is out of its range: the field says which range.
    let Some(hold) = number("holdMinutes") else { return refuse_setting(BadSetting::HoldTooLong) };
    let Some(clear_after) = number("clearAfterSeconds") else { return refuse_setting(BadSetting::ClearDelay) };
    let settings = Settings {
        capture_tokens: checked("captureTokens"),
        hold_minutes: hold,
        clear_clipboard: checked("clearClipboard"),
        clear_after_seconds: clear_after,
        extra_hosts: hosts.iter().map(|h| h.as_str().to_string()).collect(),
        forget_after_fill: checked("forgetAfterFill"),
        remind_before_expiry: checked("remindBeforeExpiry"),
    };
    if let Err(e) = settings.check(&p.suffixes) {
        return refuse_setting(e);
    }
    // Inside the click: the browser asks only for what the engine accepted.
    let mut permissions: Vec<&str> = Vec::new();
    if settings.clear_clipboard {
        permissions.extend(["clipboardRead", "clipboardWrite"]);
    }
    if settings.remind_before_expiry {
        permissions.push("notifications");
    }
    let clipboard: &[&str] = &permissions;
    // Domains a policy decides are not the user's to save: access to them is asked for
    // under Custom domains (Grant access), never again on each Save.
    let origins: Vec<String> = if p.locked.contains(&Locked::ExtraHosts) {
        Vec::new()
    } else {
        hosts.iter().map(|h| h.match_pattern()).collect()
    };
    let asked = (!clipboard.is_empty() || !origins.is_empty()).then(|| request(clipboard, &origins));
    drop(p);
    let page = page.clone();
    spawn_local(async move {
        if let Some(asked) = asked {
            // Granted all or nothing: when refused, no access changed and nothing is saved.
            if !granted(asked).await {
                return status(&t(
                    if settings.clear_clipboard {
                        TextId::ClipboardDenied
                    } else if settings.remind_before_expiry {
                        TextId::NotificationsDenied
                    } else {
                        TextId::HostsDenied
                    },
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
