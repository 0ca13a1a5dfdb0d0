//! `JsValue` as a `strict::Source`: what the strict reader walks in the browser. A
//! string's length is read from JavaScript before the string is copied into wasm memory.

use crate::strict::{Kind, Source};
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

impl Source for JsValue {
    fn kind(&self) -> Kind {
        if self.is_null() || self.is_undefined() {
            Kind::Null
        } else if let Some(b) = self.as_bool() {
            Kind::Bool(b)
        } else if let Some(n) = self.as_f64() {
            Kind::Number(n)
        } else if self.is_string() {
            Kind::Text
        } else if Array::is_array(self) {
            Kind::Array
        } else if self.is_object() {
            Kind::Object
        } else {
            Kind::Null // symbols, bigints and functions are no part of a message
        }
    }

    fn text_units(&self) -> usize {
        self.dyn_ref::<JsString>().map_or(0, |s| s.length() as usize)
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn items_len(&self) -> u32 {
        self.dyn_ref::<Array>().map_or(0, Array::length)
    }

    fn item(&self, at: u32) -> Self {
        self.dyn_ref::<Array>().map_or(JsValue::UNDEFINED, |a| a.get(at))
    }

    fn keys(&self) -> Vec<Self> {
        self.dyn_ref::<Object>().map_or_else(Vec::new, |o| Object::keys(o).iter().collect())
    }

    fn get(&self, key: &Self) -> Self {
        Reflect::get(self, key).unwrap_or(JsValue::UNDEFINED)
    }

    fn undefined() -> Self {
        JsValue::UNDEFINED
    }
}
