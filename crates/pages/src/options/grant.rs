//! Domains an administrator added that this browser has not let Keyshift read yet: shown
//! under Custom domains with a Grant access button that asks, inside the click, for
//! exactly their patterns.

use super::Shared;
use crate::chrome::{contains, granted, request, t};
use crate::dom::{append, attr, by_id, el, on_click};
use crate::keep;
use keyshift::keep::hosts::review;
use keyshift::text::TextId;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;

/// For domains a policy added that this browser has not let Keyshift read yet: the
/// patterns, and a button that asks for them inside the user's click.
pub(super) fn offer_grant(page: &Shared, hosts: Vec<String>) {
    let Some(grant) = by_id::<HtmlElement>("grant") else { return };
    let p = page.borrow();
    let patterns: Vec<String> = hosts
        .iter()
        .flat_map(|h| review(h, &p.suffixes))
        .filter_map(|(_, r)| r.ok().map(|pattern| pattern.match_pattern()))
        .collect();
    drop(p);
    if patterns.is_empty() {
        return grant.set_hidden(true);
    }
    spawn_local(async move {
        if contains(&patterns).await {
            grant.set_text_content(Some(&t(TextId::GrantedAccess, &[])));
            return grant.set_hidden(false);
        }
        grant.set_text_content(None);
        let help = el("p", "", &t(TextId::GrantAccessHelp, &[]));
        let list = el("ul", "", "");
        for pattern in &patterns {
            let _ = list.append_child(&el("li", "", pattern));
        }
        let button = el("button", "primary", &t(TextId::GrantAccess, &[]));
        attr(&button, "type", "button");
        append(&grant, &[&help, &list, &button]);
        grant.set_hidden(false);
        let asked = patterns.clone();
        keep(on_click(&button, move |ev| {
            if !ev.is_trusted() {
                return;
            }
            // Inside the click, before anything is awaited: the browser shows its prompt.
            let request = request(&[], &asked);
            let shown = by_id::<HtmlElement>("grant");
            spawn_local(async move {
                if granted(request).await {
                    if let Some(g) = shown {
                        g.set_text_content(Some(&t(TextId::GrantedAccess, &[])));
                    }
                }
            });
        }));
    });
}
