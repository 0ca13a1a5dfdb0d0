//! How the strict reader walks arrays, objects and enum variants: serde's access traits
//! over a `Source`, each value read through `Value` so it is charged to the budget.

use super::{Error, Source, Value};
use serde::de::{self, DeserializeSeed, Visitor};

pub(super) struct Items<'b, S> {
    pub(super) array: Value<'b, S>,
    pub(super) len: u32,
    pub(super) at: u32,
}

impl<'de, S: Source> de::SeqAccess<'de> for Items<'_, S> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.at >= self.len {
            return Ok(None);
        }
        self.at += 1;
        seed.deserialize(self.array.child(self.array.source.item(self.at - 1))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.at) as usize)
    }
}

pub(super) struct Fields<'b, S> {
    pub(super) object: Value<'b, S>,
    pub(super) keys: Vec<S>,
    pub(super) at: usize,
}

impl<'de, S: Source> de::MapAccess<'de> for Fields<'_, S> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(key) = self.keys.get(self.at) else { return Ok(None) };
        seed.deserialize(self.object.child(key.clone())).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.object.source.get(&self.keys[self.at]);
        self.at += 1;
        seed.deserialize(self.object.child(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.keys.len() - self.at)
    }
}

pub(super) struct Variant<'b, S> {
    pub(super) name: Value<'b, S>,
    pub(super) data: Value<'b, S>,
}

impl<'de, 'b, S: Source> de::EnumAccess<'de> for Variant<'b, S> {
    type Error = Error;
    type Variant = Value<'b, S>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Value<'b, S>), Error> {
        Ok((seed.deserialize(self.name)?, self.data))
    }
}

impl<'de, S: Source> de::VariantAccess<'de> for Value<'_, S> {
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
