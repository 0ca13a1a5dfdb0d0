//! A few helpers for building the pages' DOM with web-sys, and keeping their listeners.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

pub fn document() -> Document {
    // The pages have a window and a document; the worker never runs this module.
    web_sys::window().and_then(|w| w.document()).expect("an extension page has a document")
}

/// A new element with a class (empty: none) and text (empty: none).
pub fn el(tag: &str, class: &str, text: &str) -> HtmlElement {
    let e: HtmlElement = document().create_element(tag).expect("a valid tag").unchecked_into();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    e
}

pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document().get_element_by_id(id).and_then(|e| e.dyn_into::<T>().ok())
}

pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// Appends children in order.
pub fn append(parent: &Element, children: &[&Element]) {
    for c in children {
        let _ = parent.append_child(c);
    }
}

/// A button that runs `action` on the user's clicks only (a script's synthetic click does
/// nothing); the listener lives as long as the returned value.
pub fn on_click(target: &Element, action: impl FnMut(&web_sys::Event) + 'static) -> EventListener {
    let mut action = action;
    EventListener::new(target, "click", move |ev| {
        if ev.is_trusted() {
            action(ev);
        }
    })
}

/// Saves `text` as a file named `name` (a download the page makes: no permission).
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let link = el("a", "", "");
    attr(&link, "href", &url);
    attr(&link, "download", name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
}
