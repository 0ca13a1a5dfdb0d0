//! Whether a page shows a token because its address holds it: a search or not-found page
//! reflecting what it was asked for. Addresses are compared as a person reads them:
//! percent escapes and `+` decoded, case folded, and any query value that reappears in
//! the text around the token counts as the page echoing its address.

/// Query values shorter than this are too common to call an echo ("en", "1").
const MIN_QUERY_VALUE: usize = 4;

/// `%54` → `T`, `+` → space; a broken escape stays as written. Bytes that do not make
/// UTF-8 are replaced, which cannot hide a token (its characters are ASCII).
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' => match (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query and fragment's values, decoded and folded.
fn query_values(url: &str) -> impl Iterator<Item = String> + '_ {
    let tail = url.find(['?', '#']).map_or("", |i| &url[i + 1..]);
    tail.split(['&', '#', ';', '?'])
        .map(|pair| pair.split_once('=').map_or(pair, |(_, v)| v))
        .map(|v| crate::words::fold(&decode(&decode(v))))
        .filter(|v| v.trim().chars().count() >= MIN_QUERY_VALUE)
}

/// The address holds `token` (in any spelling), or text beside it (`own`, folded) comes
/// from the address's query.
pub fn echoes(url: &str, token: &str, own: &str) -> bool {
    // Decoded twice: a page may echo a doubly escaped parameter once unescaped.
    let url_read = decode(&decode(url)).to_ascii_lowercase();
    if url_read.contains(&token.to_ascii_lowercase()) {
        return true;
    }
    let own = own.trim();
    !own.is_empty() && query_values(url).any(|v| own.contains(v.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const TOKEN: &str = "T5e1c0a9b2d3f4a5b6-0123456789abcdef0123456789abcdef";

    #[test]
    fn decodes_escapes_and_plus() {
        assert_eq!(decode("%54abc+d%2Fe"), "Tabc d/e");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn an_escaped_or_recased_token_in_the_address_is_an_echo() {
        let escaped = format!("https://acme.repairshopr.com/search?q=%54{}", &TOKEN[1..]);
        assert!(echoes(&escaped, TOKEN, ""));
        let upper = format!("https://acme.repairshopr.com/search?q={}", TOKEN.to_ascii_uppercase());
        assert!(echoes(&upper, TOKEN, ""));
        let double = format!("https://acme.repairshopr.com/search?q=%2554{}", &TOKEN[1..]);
        assert!(echoes(&double, TOKEN, ""));
        assert!(echoes(&format!("https://acme.repairshopr.com/x#{TOKEN}"), TOKEN, ""));
    }

    #[test]
    fn text_beside_the_token_taken_from_the_query_is_an_echo() {
        let url = "https://acme.repairshopr.com/search?q=Your+new+API+token+is";
        assert!(echoes(url, TOKEN, "your new api token is copy it now"));
        assert!(!echoes(url, TOKEN, ""), "nothing beside the token");
        assert!(!echoes("https://acme.repairshopr.com/api_tokens/7?lang=en", TOKEN, "your new api token"));
    }
}
