//! The welcome page, opened once on install and from the popup: what Keyshift does, the
//! three places a user will see it, how to pin it, and the way to the options.

use super::chrome::{ask, t};
use super::dom::{append, attr, by_id, el};
use keyshift::contract::asks;
use keyshift::text::TextId;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;

/// Draws the welcome page in `<main id="app">`.
#[wasm_bindgen]
pub fn welcome() {
    super::set_lang();
    let Some(app) = by_id::<HtmlElement>("app") else { return };
    let title = el("h1", "", &t(TextId::WelcomeTitle, &[]));
    let intro = el("p", "lead", &t(TextId::WelcomeIntro, &[]));
    let where_title = el("h2", "", &t(TextId::WelcomeWhere, &[]));
    let places = el("ol", "places", "");
    let toolbar = el("li", "", "");
    for (text, item) in
        [(t(TextId::WelcomeNotes, &[]), el("li", "", "")), (t(TextId::WelcomeReveal, &[]), el("li", "", ""))]
    {
        item.set_text_content(Some(&text));
        let _ = places.append_child(&item);
    }
    attr(&toolbar, "id", "toolbar");
    let _ = places.append_child(&toolbar);
    let pin_title = el("h2", "", &t(TextId::WelcomePinTitle, &[]));
    let pin = el("p", "", &t(TextId::WelcomePin, &[]));
    let privacy = el("p", "muted", &t(TextId::WelcomePrivacy, &[]));
    let options = el("a", "", &t(TextId::OpenOptions, &[]));
    attr(&options, "href", "options.html");
    append(&app, &[&title, &intro, &where_title, &places, &pin_title, &pin, &privacy, &options]);
    // The hold time in force (a policy may set it) names how long the toolbar keeps a token.
    spawn_local(async move {
        let minutes = ask(asks::get_settings()).await.map_or(10, |s| s.settings.hold_minutes);
        toolbar.set_text_content(Some(&t(TextId::WelcomeToolbar, &[&super::format::minutes(minutes)])));
    });
}
