//! Reads JavaScript values into Rust types (a serde `Deserializer` over `JsValue`).
//!
//! Written for this crate instead of using serde-wasm-bindgen because its errors format a
//! `serde::de::Unexpected`, which links float formatting and Unicode tables (~25 KB of
//! the wasm) although no message of ours carries a float. Errors here name what was
//! expected and never describe the value that came instead.

use js_sys::{Array, Object, Reflect};
use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// Why a value could not be read; never holds the value itself.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
    fn invalid_type(_: Unexpected, exp: &dyn Expected) -> Self {
        Error(format!("a value of the wrong type where {exp} was expected"))
    }
    fn invalid_value(_: Unexpected, exp: &dyn Expected) -> Self {
        Error(format!("a value out of range where {exp} was expected"))
    }
    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Error(format!("{len} items where {exp} was expected"))
    }
    fn unknown_variant(variant: &str, _: &'static [&'static str]) -> Self {
        Error(format!("an unknown kind `{variant}`"))
    }
    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        Error(format!("an unknown field `{field}`"))
    }
    fn missing_field(field: &'static str) -> Self {
        Error(format!("the field `{field}` is missing"))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error(format!("the field `{field}` is given twice"))
    }
}

/// Reads `value` as a `T`.
pub fn from_value<T: de::DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(Value(value))
}

/// Whole numbers up to 2^53 are exact in a JavaScript number.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

struct Value(JsValue);

impl Value {
    /// The error for a value of the wrong type, naming what was expected.
    fn wrong<V: Expected>(visitor: &V) -> Error {
        de::Error::invalid_type(Unexpected::Other(""), visitor)
    }

    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..MAX_EXACT).contains(&n) => visitor.visit_u64(n as u64),
            Some(n) if n.fract() == 0.0 && (-MAX_EXACT..0.0).contains(&n) => visitor.visit_i64(n as i64),
            Some(n) => visitor.visit_f64(n),
            None => Err(Self::wrong(&visitor)),
        }
    }

    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_string(s),
            None => Err(Self::wrong(&visitor)),
        }
    }

    fn items<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !Array::is_array(&self.0) {
            return Err(Self::wrong(&visitor));
        }
        let items: Array = self.0.unchecked_into();
        visitor.visit_seq(Items { len: items.length(), items, at: 0 })
    }

    fn fields<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.0.is_object() || Array::is_array(&self.0) {
            return Err(Self::wrong(&visitor));
        }
        let keys = Object::keys(self.0.unchecked_ref::<Object>());
        visitor.visit_map(Fields { len: keys.length(), keys, object: self.0, at: 0 })
    }
}

// Each kind of value is read by its own method, so that the code serde generates for a
// field of one type does not carry the branches of every other type.
impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if v.as_f64().is_some() {
            self.number(visitor)
        } else if v.as_string().is_some() {
            self.text(visitor)
        } else if Array::is_array(v) {
            self.items(visitor)
        } else {
            self.fields(visitor)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => Err(Self::wrong(&visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_unit()
        } else {
            Err(Self::wrong(&visitor))
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.fields(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.fields(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.items(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.items(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.items(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// `"name"` for a variant without data, `{ "name": data }` for one with.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.0.as_string().is_some() {
            return visitor.visit_enum(Variant { name: self.0, data: JsValue::UNDEFINED });
        }
        let keys = if self.0.is_object() { Object::keys(self.0.unchecked_ref::<Object>()) } else { Array::new() };
        if keys.length() != 1 {
            return Err(Error("an object with one key naming the kind of request".into()));
        }
        let name = keys.get(0);
        let data = Reflect::get(&self.0, &name).unwrap_or(JsValue::UNDEFINED);
        visitor.visit_enum(Variant { name, data })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u128 f32 f64 char bytes byte_buf unit_struct
    }
}

struct Items {
    items: Array,
    len: u32,
    at: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.at >= self.len {
            return Ok(None);
        }
        self.at += 1;
        seed.deserialize(Value(self.items.get(self.at - 1))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.at) as usize)
    }
}

struct Fields {
    keys: Array,
    object: JsValue,
    len: u32,
    at: u32,
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.at >= self.len {
            return Ok(None);
        }
        seed.deserialize(Value(self.keys.get(self.at))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let key = self.keys.get(self.at);
        self.at += 1;
        seed.deserialize(Value(Reflect::get(&self.object, &key).unwrap_or(JsValue::UNDEFINED)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.at) as usize)
    }
}

struct Variant {
    name: JsValue,
    data: JsValue,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Value;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Value), Error> {
        Ok((seed.deserialize(Value(self.name))?, Value(self.data)))
    }
}

impl<'de> de::VariantAccess<'de> for Value {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn js(json: &str) -> JsValue {
        js_sys::JSON::parse(json).expect("test JSON parses")
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Shape {
        id: u32,
        when: i64,
        name: Option<String>,
        pair: (u32, String),
        list: Vec<bool>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        Plain,
        Boxed(u32),
        Named { x: u32 },
    }

    #[test]
    fn reads_what_the_shell_sends() {
        let shape: Shape =
            from_value(js(r#"{"id":7,"when":-1795000000000,"name":null,"pair":[3,"a"],"list":[true,false]}"#))
                .expect("reads");
        assert_eq!(
            shape,
            Shape { id: 7, when: -1_795_000_000_000, name: None, pair: (3, "a".into()), list: vec![true, false] }
        );
        assert_eq!(from_value::<Kind>(js(r#""plain""#)).expect("unit"), Kind::Plain);
        assert_eq!(from_value::<Kind>(js(r#"{"boxed":5}"#)).expect("newtype"), Kind::Boxed(5));
        assert_eq!(from_value::<Kind>(js(r#"{"named":{"x":1}}"#)).expect("struct"), Kind::Named { x: 1 });
        assert_eq!(from_value::<Option<u32>>(JsValue::UNDEFINED).expect("absent"), None);
    }

    #[test]
    fn refuses_with_a_reason_and_never_the_value() {
        let err = |json: &str| from_value::<Shape>(js(json)).expect_err("refused").to_string();
        assert!(err(r#"{"id":1.5,"when":0,"pair":[1,"a"],"list":[]}"#).contains("u32"));
        assert!(err(r#"{"id":-1,"when":0,"pair":[1,"a"],"list":[]}"#).contains("u32"));
        assert!(err(r#"{"id":"secret-value","when":0,"pair":[1,"a"],"list":[]}"#).contains("u32"));
        assert!(!err(r#"{"id":"secret-value","when":0,"pair":[1,"a"],"list":[]}"#).contains("secret"));
        assert!(err(r#"{"id":1,"when":0,"pair":[1,"a"],"list":[],"extra":1}"#).contains("extra"));
        assert!(err(r#"{"when":0,"pair":[1,"a"],"list":[]}"#).contains("`id`"));
        assert!(err(r#"[1,2]"#).contains("Shape"));
        assert!(from_value::<Kind>(js(r#"{"plain":1,"boxed":2}"#)).is_err(), "one kind at a time");
        assert!(from_value::<Kind>(js(r#"{"launch":{}}"#)).expect_err("unknown").to_string().contains("launch"));
    }
}
