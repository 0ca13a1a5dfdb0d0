//! The popup's token health: per account, what its token list last said needs doing
//! (legacy keys, expired or soon expiring tokens, tokens that never expire or may do
//! everything), each line opening the list; an export as CSV; a way to forget it all.

use super::status;
use crate::chrome::{ask, t};
use crate::dom::{append, attr, by_id, download, el, on_click};
use crate::{format, keep};
use keyshift::contract::asks;
use keyshift::health::View;
use keyshift::popup::{host, problem_text, token_list};
use keyshift::text::TextId;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;

/// Draws the accounts' health into `<section id="health">` (hidden when Keyshift has read
/// no token list yet).
pub(super) fn draw(views: &[View]) {
    let Some(section) = by_id::<HtmlElement>("health") else { return };
    section.set_text_content(None);
    section.set_hidden(views.is_empty());
    if views.is_empty() {
        return;
    }
    let _ = section.append_child(&el("h2", "", &t(TextId::HealthTitle, &[])));
    for view in views {
        let site = host(&view.origin).to_string();
        let read = format::date(view.read_on);
        let (tokens, needs) = (format::count(view.tokens as u32), format::count(view.needs_action as u32));
        let summary = if view.needs_action == 0 {
            t(TextId::HealthAllGood, &[&site, &read, &tokens])
        } else {
            t(TextId::HealthAccount, &[&site, &read, &needs, &tokens])
        };
        let account = el("div", "account", "");
        attr(&account, "data-origin", &view.origin);
        let _ = account.append_child(&el("p", "account-line", &summary));
        let lines = el("ul", "problems", "");
        for line in &view.lines {
            let li = el("li", &format!("problem {}", keyshift::health::Problem::name(line.problem)), "");
            let names = line.names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ");
            let open = el("a", "", &t(problem_text(line.problem), &[&names]));
            attr(&open, "href", &token_list(&view.origin));
            attr(&open, "target", "_blank");
            let _ = li.append_child(&open);
            let _ = lines.append_child(&li);
        }
        let export = el("button", "", &t(TextId::HealthExport, &[]));
        attr(&export, "aria-label", &t(TextId::HealthExportLabel, &[&site]));
        append(&account, &[&lines, &export]);
        let _ = section.append_child(&account);
        let origin = view.origin.clone();
        keep(on_click(&export, move |_| {
            let origin = origin.clone();
            spawn_local(async move {
                match ask(asks::health_csv(&origin)).await {
                    Ok(c) => download(&format!("keyshift-tokens-{}.csv", host(&origin)), "text/csv", &c.csv),
                    Err(f) => status(&f.message),
                }
            });
        }));
    }
    let clear = el("button", "quiet", &t(TextId::HealthClear, &[]));
    let _ = section.append_child(&clear);
    keep(on_click(&clear, |_| {
        spawn_local(async {
            if ask(asks::clear_health()).await.is_ok() {
                draw(&[]);
            }
        });
    }));
}
