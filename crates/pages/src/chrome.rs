//! The `chrome.*` calls the extension's pages make, and messages to the background.
//! (Firefox offers the same `chrome` namespace with promises in Manifest V3.)

use js_sys::{Array, Object, Promise, Reflect};
use keyshift::contract::asks::Ask;
use keyshift::contract::tab::TabRequest;
use keyshift::ids::TabId;
use keyshift::text::TextId;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    fn send_message(message: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL)]
    pub fn extension_url(path: &str) -> String;
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(id: &str, substitutions: &Array) -> String;
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = request, catch)]
    fn permissions_request(permissions: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = contains, catch)]
    fn permissions_contains(permissions: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query, catch)]
    fn tabs_query(query: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = create, catch)]
    fn tabs_create(properties: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "windows"], js_name = getLastFocused, catch)]
    fn windows_last_focused(options: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = sendMessage, catch)]
    fn tabs_send_message(tab: f64, message: &JsValue, options: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = executeScript, catch)]
    fn execute_script(injection: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = performance, js_name = mark, catch)]
    fn performance_mark(name: &str) -> Result<JsValue, JsValue>;
}

/// A `performance.mark` for measurements (`make bench`); nothing is recorded otherwise.
pub fn mark(name: &str) {
    let _ = performance_mark(name);
}

/// A text from `_locales`, in the language the browser picked.
pub fn t(id: TextId, params: &[&str]) -> String {
    let subs: Array = params.iter().map(|p| JsValue::from_str(p)).collect();
    let text = get_message(id.id(), &subs);
    if text.is_empty() {
        id.id().to_string()
    } else {
        text
    }
}

/// Why a request failed, as the user should read it: localized, from the error's
/// `_locales` id.
#[derive(Debug, Clone)]
pub struct Failure {
    pub message: String,
}

impl Failure {
    fn no_answer() -> Failure {
        Failure { message: t(TextId::NoAnswer, &[]) }
    }
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Sends a page's request to the background and reads its reply as the type the
/// request names (`contract::asks`).
pub async fn ask<R: DeserializeOwned>(ask: Ask<R>) -> Result<R, Failure> {
    let message =
        ask.request.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|_| Failure::no_answer())?;
    let promise = send_message(&message).map_err(|_| Failure::no_answer())?;
    let answer = JsFuture::from(promise).await.map_err(|_| Failure::no_answer())?;
    let ok = get(&answer, "ok");
    if !ok.is_undefined() {
        // The strict reader, not serde-wasm-bindgen's: its errors would link float printing.
        return keyshift::strict::from_source(ok, keyshift::strict::MESSAGE).map_err(|_| Failure::no_answer());
    }
    let text = get(&get(&answer, "error"), "text").as_string();
    let message = text
        .and_then(|id| TextId::ALL.iter().find(|t| t.id() == id))
        .map(|id| t(*id, &[]))
        .unwrap_or_else(|| t(TextId::NoAnswer, &[]));
    Err(Failure { message })
}

/// Asks the browser for permissions and host access, inside the user's click: it must
/// be called before anything is awaited in the click's handler.
pub fn request(permissions: &[&str], origins: &[String]) -> Option<Promise> {
    let wanted = Object::new();
    let list = |items: Vec<JsValue>| JsValue::from(items.into_iter().collect::<Array>());
    let _ =
        Reflect::set(&wanted, &"permissions".into(), &list(permissions.iter().map(|p| JsValue::from_str(p)).collect()));
    let _ = Reflect::set(&wanted, &"origins".into(), &list(origins.iter().map(|o| JsValue::from_str(o)).collect()));
    permissions_request(&wanted).ok()
}

/// Whether Keyshift may already read every one of these host patterns.
pub async fn contains(origins: &[String]) -> bool {
    let wanted = Object::new();
    let list: Array = origins.iter().map(|o| JsValue::from_str(o)).collect();
    let _ = Reflect::set(&wanted, &"origins".into(), &list.into());
    let Ok(promise) = permissions_contains(&wanted) else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Whether a permission request was granted.
pub async fn granted(request: Option<Promise>) -> bool {
    match request {
        Some(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        None => false,
    }
}

/// The tab the user was looking at when the popup opened: the active tab of the last
/// focused ordinary window (so a popup opened as a window of its own still finds it).
/// Without the `tabs` permission its address is known only on hosts Keyshift may access.
pub async fn active_tab() -> Option<(TabId, Option<String>)> {
    let options = Object::new();
    let _ = Reflect::set(&options, &"windowTypes".into(), &Array::of1(&"normal".into()));
    let window = JsFuture::from(windows_last_focused(&options).ok()?).await.ok()?;
    let query = Object::new();
    let _ = Reflect::set(&query, &"active".into(), &JsValue::TRUE);
    let _ = Reflect::set(&query, &"windowId".into(), &get(&window, "id"));
    let tabs: Array = JsFuture::from(tabs_query(&query).ok()?).await.ok()?.dyn_into().ok()?;
    let tab = tabs.get(0);
    let id = TabId(get(&tab, "id").as_f64()? as i64);
    Some((id, get(&tab, "url").as_string()))
}

/// Opens one of the extension's pages in a new tab.
pub fn open_tab(path: &str) {
    let properties = Object::new();
    let _ = Reflect::set(&properties, &"url".into(), &JsValue::from_str(&extension_url(path)));
    let _ = tabs_create(&properties);
}

/// Asks the top frame of a tab's content script; its answer, or `None`.
pub async fn ask_tab(tab: TabId, request: &TabRequest<'_>) -> Option<JsValue> {
    let message = request.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"frameId".into(), &JsValue::from(0));
    let promise = tabs_send_message(tab.0 as f64, &message, &options).ok()?;
    JsFuture::from(promise).await.ok().filter(|v| !v.is_undefined())
}

/// Runs an injection (`files` or `func` with `args`) in a tab's top frame, with the access
/// the user gave (the toolbar click's activeTab, or a granted host): the frame's result,
/// or `None` where the browser refuses.
async fn inject(tab: TabId, what: &Object) -> Option<JsValue> {
    let target = Object::new();
    let _ = Reflect::set(&target, &"tabId".into(), &JsValue::from(tab.0 as f64));
    let _ = Reflect::set(&target, &"frameIds".into(), &Array::of1(&JsValue::from(0)));
    let _ = Reflect::set(what, &"target".into(), &target);
    let results: Array = JsFuture::from(execute_script(what).ok()?).await.ok()?.dyn_into().ok()?;
    Some(get(&results.get(0), "result"))
}

/// Loads one of the extension's scripts into a tab's top frame (its isolated world).
pub async fn inject_file(tab: TabId, file: &str) -> bool {
    let what = Object::new();
    let _ = Reflect::set(&what, &"files".into(), &Array::of1(&JsValue::from_str(file)));
    inject(tab, &what).await.is_some()
}

/// Calls, in a tab's top frame, a function `fields.js` defines there; the popup has its
/// own copy of the same file, whose function object the browser sends by its source.
pub async fn call_in_tab(tab: TabId, function: &str, args: &Array) -> Option<JsValue> {
    let window = web_sys::window()?;
    let func = Reflect::get(&window, &JsValue::from_str(function)).ok().filter(|f| f.is_function())?;
    let what = Object::new();
    let _ = Reflect::set(&what, &"func".into(), &func);
    let _ = Reflect::set(&what, &"args".into(), args);
    inject(tab, &what).await
}
