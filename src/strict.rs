//! The strict reader for messages from pages: a serde `Deserializer` over any
//! JavaScript-like value (`Source`): `JsValue` in the browser (`bind`), `serde_json::Value`
//! natively for tests and fuzzing, so the logic that pages reach is the logic tested.
//!
//! Why not serde-wasm-bindgen for what pages send: its struct reader ignores
//! `#[serde(deny_unknown_fields)]` (its issue #39) and its errors quote the refused
//! value, which may be a token; and in the shipped size build it cost about 28 KB more
//! (its errors format `serde::de::Unexpected`, which links float formatting). Errors here
//! name what was expected and never describe the value that came instead.
//!
//! Size before decode: every string's length is read (`Source::text_units`, no copy) and
//! charged to a `Budget` before the string is copied, and every value costs one unit of
//! the value budget, so an oversized message is refused before it costs memory.

use serde::de::{self, Expected, Unexpected, Visitor};
use std::cell::Cell;
use std::fmt;

/// What kind of value a `Source` holds, as JavaScript sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(f64),
    Text,
    Array,
    Object,
}

/// A value the reader can walk: `JsValue` or `&serde_json::Value` (both cheap to clone:
/// a reference).
pub trait Source: Sized + Clone {
    fn kind(&self) -> Kind;
    /// A string's length in UTF-16 units, read without copying it.
    fn text_units(&self) -> usize;
    /// The string itself (called only after its length passed the budget).
    fn text(&self) -> Option<String>;
    /// An array's length and items.
    fn items_len(&self) -> u32;
    fn item(&self, at: u32) -> Self;
    /// An object's own keys, and the value under one.
    fn keys(&self) -> Vec<Self>;
    fn get(&self, key: &Self) -> Self;
    fn undefined() -> Self;
}

/// How much of a message may be read: UTF-16 units of text, values, nesting.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub text_units: usize,
    pub values: usize,
    pub depth: usize,
}

/// A bound above every limit `snapshot::limits` checks precisely afterwards, so a message
/// slightly too big gets that precise error and a huge one is stopped here.
pub const MESSAGE: Limits = Limits { text_units: 9_000_000, values: 2_000_000, depth: 32 };

/// Why a value could not be read; never holds the value itself.
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    Malformed(String),
    TooLarge { what: &'static str, limit: usize },
}

impl Error {
    /// The name the shell knows this refusal by (the request's error names).
    pub fn name(&self) -> &'static str {
        match self {
            Error::Malformed(_) => "MalformedMessage",
            Error::TooLarge { .. } => "MessageTooLarge",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Malformed(why) => f.write_str(why),
            Error::TooLarge { what, limit } => write!(f, "more {what} than {limit}"),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::Malformed(msg.to_string())
    }
    fn invalid_type(_: Unexpected, exp: &dyn Expected) -> Self {
        Error::Malformed(format!("a value of the wrong type where {exp} was expected"))
    }
    fn invalid_value(_: Unexpected, exp: &dyn Expected) -> Self {
        Error::Malformed(format!("a value out of range where {exp} was expected"))
    }
    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Error::Malformed(format!("{len} items where {exp} was expected"))
    }
    fn unknown_variant(variant: &str, _: &'static [&'static str]) -> Self {
        Error::Malformed(format!("an unknown kind `{variant}`"))
    }
    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        Error::Malformed(format!("an unknown field `{field}`"))
    }
    fn missing_field(field: &'static str) -> Self {
        Error::Malformed(format!("the field `{field}` is missing"))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error::Malformed(format!("the field `{field}` is given twice"))
    }
}

/// What is left of the limits while one message is read.
struct Budget {
    text_units: Cell<usize>,
    values: Cell<usize>,
    limits: Limits,
}

impl Budget {
    fn charge(&self, left: &Cell<usize>, cost: usize, what: &'static str, limit: usize) -> Result<(), Error> {
        let rest = left.get().checked_sub(cost).ok_or(Error::TooLarge { what, limit })?;
        left.set(rest);
        Ok(())
    }
}

/// Reads `source` as a `T` within `limits`.
pub fn from_source<T: de::DeserializeOwned, S: Source>(source: S, limits: Limits) -> Result<T, Error> {
    let budget = Budget { text_units: Cell::new(limits.text_units), values: Cell::new(limits.values), limits };
    T::deserialize(Value { source, budget: &budget, depth: 0 })
}

/// Whole numbers up to 2^53 are exact in a JavaScript number.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

struct Value<'b, S> {
    source: S,
    budget: &'b Budget,
    depth: usize,
}

impl<'b, S: Source> Value<'b, S> {
    fn child(&self, source: S) -> Value<'b, S> {
        Value { source, budget: self.budget, depth: self.depth + 1 }
    }

    /// The error for a value of the wrong type, naming what was expected.
    fn wrong<V: Expected>(visitor: &V) -> Error {
        de::Error::invalid_type(Unexpected::Other(""), visitor)
    }

    /// Every value read costs one unit; containers also count their depth.
    fn enter(&self) -> Result<(), Error> {
        let limits = self.budget.limits;
        self.budget.charge(&self.budget.values, 1, "values", limits.values)?;
        if self.depth > limits.depth {
            return Err(Error::TooLarge { what: "levels of nesting", limit: limits.depth });
        }
        Ok(())
    }

    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        match self.source.kind() {
            Kind::Number(n) if n.fract() == 0.0 && (0.0..MAX_EXACT).contains(&n) => visitor.visit_u64(n as u64),
            Kind::Number(n) if n.fract() == 0.0 && (-MAX_EXACT..0.0).contains(&n) => visitor.visit_i64(n as i64),
            Kind::Number(n) => visitor.visit_f64(n),
            _ => Err(Self::wrong(&visitor)),
        }
    }

    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        if self.source.kind() != Kind::Text {
            return Err(Self::wrong(&visitor));
        }
        let limits = self.budget.limits;
        self.budget.charge(
            &self.budget.text_units,
            self.source.text_units(),
            "characters of text",
            limits.text_units,
        )?;
        match self.source.text() {
            Some(s) => visitor.visit_string(s),
            None => Err(Self::wrong(&visitor)),
        }
    }

    fn items<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        if self.source.kind() != Kind::Array {
            return Err(Self::wrong(&visitor));
        }
        let len = self.source.items_len();
        // An array's items each cost a value: refuse a huge one before walking it.
        if len as usize > self.budget.values.get() {
            return Err(Error::TooLarge { what: "values", limit: self.budget.limits.values });
        }
        visitor.visit_seq(Items { len, at: 0, array: self })
    }

    fn fields<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        if self.source.kind() != Kind::Object {
            return Err(Self::wrong(&visitor));
        }
        let keys = self.source.keys();
        visitor.visit_map(Fields { keys, at: 0, object: self })
    }
}

// Each kind of value is read by its own method, so that the code serde generates for a
// field of one type does not carry the branches of every other type.
impl<'de, S: Source> de::Deserializer<'de> for Value<'_, S> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.source.kind() {
            Kind::Null => {
                self.enter()?;
                visitor.visit_unit()
            }
            Kind::Bool(b) => {
                self.enter()?;
                visitor.visit_bool(b)
            }
            Kind::Number(_) => self.number(visitor),
            Kind::Text => self.text(visitor),
            Kind::Array => self.items(visitor),
            Kind::Object => self.fields(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        match self.source.kind() {
            Kind::Bool(b) => visitor.visit_bool(b),
            _ => Err(Self::wrong(&visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.source.kind() {
            Kind::Null => visitor.visit_unit(),
            _ => Err(Self::wrong(&visitor)),
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

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.source.kind() {
            Kind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
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
        self.enter()?;
        match self.source.kind() {
            Kind::Text => {
                let name = self.child(self.source.clone());
                visitor.visit_enum(Variant { name, data: self.child(S::undefined()) })
            }
            Kind::Object => {
                let keys = self.source.keys();
                let [key] = <[S; 1]>::try_from(keys)
                    .map_err(|_| Error::Malformed("an object with one key naming the kind of request".into()))?;
                let data = self.source.get(&key);
                visitor.visit_enum(Variant { name: self.child(key), data: self.child(data) })
            }
            _ => Err(Error::Malformed("an object with one key naming the kind of request".into())),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u8 u16 u128 f32 f64 char bytes byte_buf unit_struct
    }
}

mod access;
use access::{Fields, Items, Variant};

#[cfg(not(target_arch = "wasm32"))]
pub mod json;
// In the browser: what pages send (the background) and what the background answers (the
// extension's pages) are read from `JsValue`s.
#[cfg(target_arch = "wasm32")]
mod js;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
