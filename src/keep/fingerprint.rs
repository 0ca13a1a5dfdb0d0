//! Salted, one-way fingerprints: they let Keyshift recognise a key or token again (a
//! dismissed warning, a copied token still on the clipboard) without keeping it.
//!
//! A fingerprint is a 128-bit SipHash-2-4 of the value keyed by the profile's random
//! salt. SipHash is a pseudorandom function: without the salt nothing can be told from a
//! fingerprint, and with it (it sits in the profile) a legacy key could only be found by
//! trying all 2^122 UUIDs. Both are 16 bytes inside and hex only at the edges.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use siphasher::sip128::{Hasher128, SipHasher24};
use std::fmt;
use std::hash::Hasher;

const HEX: &[u8; 16] = b"0123456789abcdef";

fn to_hex(bytes: &[u8; 16]) -> String {
    bytes.iter().flat_map(|b| [HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]).collect()
}

fn from_hex(text: &str) -> Option<[u8; 16]> {
    let digits = text.as_bytes();
    if digits.len() != 32 {
        return None;
    }
    let digit = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; 16];
    for (i, pair) in digits.chunks(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// The profile's random key for fingerprints. Not secret from the profile's owner; it
/// only makes fingerprints useless anywhere else.
#[derive(Clone, PartialEq, Eq)]
pub struct Salt([u8; 16]);

impl Salt {
    pub fn from_bytes(bytes: [u8; 16]) -> Salt {
        Salt(bytes)
    }

    /// A stored salt: 32 hex digits.
    pub fn from_hex(text: &str) -> Option<Salt> {
        from_hex(text).map(Salt)
    }

    pub fn hex(&self) -> String {
        to_hex(&self.0)
    }

    /// The fingerprint of `value` under this salt.
    pub fn of(&self, value: &str) -> Fingerprint {
        let word = |i: usize| u64::from_be_bytes(self.0[i..i + 8].try_into().unwrap_or([0; 8]));
        let mut h = SipHasher24::new_with_keys(word(0), word(8));
        h.write(value.as_bytes());
        Fingerprint(h.finish128().as_bytes())
    }
}

impl fmt::Debug for Salt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Salt(…)")
    }
}

/// A salted fingerprint of a key or token.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint([u8; 16]);

impl Fingerprint {
    pub fn from_hex(text: &str) -> Option<Fingerprint> {
        from_hex(text).map(Fingerprint)
    }

    pub fn hex(&self) -> String {
        to_hex(&self.0)
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.hex())
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Fingerprint::from_hex(&text).ok_or_else(|| serde::de::Error::custom("a fingerprint is 32 hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";

    #[test]
    fn fingerprints_depend_on_salt_and_value_only() {
        let salt = Salt::from_hex("00112233445566778899aabbccddeeff").expect("hex salt");
        let a = salt.of(TOKEN);
        assert_eq!(a.hex().len(), 32);
        assert_eq!(a, salt.of(TOKEN), "stable");
        let other = Salt::from_hex("ffeeddccbbaa99887766554433221100").expect("hex salt");
        assert_ne!(a, other.of(TOKEN), "another salt, another print");
        assert_ne!(a, salt.of(&TOKEN.replace('5', "6")));
        assert!(!a.hex().contains(&TOKEN[1..8]));
    }

    #[test]
    fn hex_at_the_edges_only() {
        let salt = Salt::from_bytes([7; 16]);
        assert_eq!(Salt::from_hex(&salt.hex()), Some(salt.clone()));
        let print = salt.of("x");
        assert_eq!(Fingerprint::from_hex(&print.hex()), Some(print));
        assert_eq!(serde_json::to_string(&print).expect("serializes"), format!("\"{}\"", print.hex()));
        for bad in ["", "xyz", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcdef0"] {
            assert_eq!(Fingerprint::from_hex(bad), None, "{bad}");
            assert_eq!(Salt::from_hex(bad), None, "{bad}");
        }
        assert!(serde_json::from_str::<Fingerprint>("\"nope\"").is_err());
        assert_eq!(format!("{salt:?}"), "Salt(…)");
    }
}
