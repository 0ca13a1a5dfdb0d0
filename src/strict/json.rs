//! `serde_json::Value` as a `Source`, with JavaScript's view of it: numbers are doubles
//! (so `1.0` is the whole number 1, as `JSON.parse` gives it), string lengths are UTF-16
//! units. For native tests, the differential test and the fuzz targets.

use super::{from_source, Error, Kind, Limits, Source};
use serde::de::DeserializeOwned;
use serde_json::Value;

static NULL: Value = Value::Null;

/// A value inside a `serde_json::Value`, or one of its object keys (read as a string).
#[derive(Debug, Clone, Copy)]
pub enum Json<'a> {
    Value(&'a Value),
    Key(&'a str),
}

/// Reads a parsed JSON value the way the browser reads the same message.
pub fn from_json<T: DeserializeOwned>(value: &Value, limits: Limits) -> Result<T, Error> {
    from_source(Json::Value(value), limits)
}

impl<'a> Json<'a> {
    fn value(self) -> &'a Value {
        match self {
            Json::Value(v) => v,
            Json::Key(_) => &NULL,
        }
    }

    fn str(self) -> Option<&'a str> {
        match self {
            Json::Value(v) => v.as_str(),
            Json::Key(k) => Some(k),
        }
    }
}

impl Source for Json<'_> {
    fn kind(&self) -> Kind {
        match self {
            Json::Key(_) => Kind::Text,
            Json::Value(Value::Null) => Kind::Null,
            Json::Value(Value::Bool(b)) => Kind::Bool(*b),
            Json::Value(Value::Number(n)) => Kind::Number(n.as_f64().unwrap_or(f64::NAN)),
            Json::Value(Value::String(_)) => Kind::Text,
            Json::Value(Value::Array(_)) => Kind::Array,
            Json::Value(Value::Object(_)) => Kind::Object,
        }
    }

    fn text_units(&self) -> usize {
        self.str().map_or(0, |s| s.encode_utf16().count())
    }

    fn text(&self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    fn items_len(&self) -> u32 {
        self.value().as_array().map_or(0, |a| a.len() as u32)
    }

    fn item(&self, at: u32) -> Self {
        Json::Value(self.value().as_array().and_then(|a| a.get(at as usize)).unwrap_or(&NULL))
    }

    fn keys(&self) -> Vec<Self> {
        self.value().as_object().map_or_else(Vec::new, |o| o.keys().map(|k| Json::Key(k)).collect())
    }

    fn get(&self, key: &Self) -> Self {
        let name = key.str().unwrap_or_default();
        Json::Value(self.value().as_object().and_then(|o| o.get(name)).unwrap_or(&NULL))
    }

    fn undefined() -> Self {
        Json::Value(&NULL)
    }
}
