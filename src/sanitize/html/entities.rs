//! HTML character-reference decoding for attribute values and raw text.
//!
//! Security note: lol_html hands attribute values over *undecoded*, so every URL must pass
//! through [`decode`] before it is parsed. Only the named references that decode to ASCII,
//! a few separators and the Latin-1 letters (for the lexicon) are known here; an unknown
//! reference stays literal. That fails closed: a literal `&x;` in
//! a host makes the host foreign, and none of the unknown references decodes to a URL
//! delimiter (`/`, `\`, `:`, `.`, `@`, `?`, `#`, `%`, whitespace), which are all listed.

use std::borrow::Cow;

/// Named references that decode to ASCII (WHATWG list), longest match first not needed:
/// names are matched up to `;` or, for the legacy set, without it.
const NAMED: &[(&str, char)] = &[
    ("Tab", '\t'),
    ("NewLine", '\n'),
    ("nbsp", '\u{a0}'),
    ("excl", '!'),
    ("quot", '"'),
    ("QUOT", '"'),
    ("num", '#'),
    ("dollar", '$'),
    ("percnt", '%'),
    ("amp", '&'),
    ("AMP", '&'),
    ("apos", '\''),
    ("lpar", '('),
    ("rpar", ')'),
    ("ast", '*'),
    ("midast", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("period", '.'),
    ("sol", '/'),
    ("colon", ':'),
    ("semi", ';'),
    ("lt", '<'),
    ("LT", '<'),
    ("equals", '='),
    ("gt", '>'),
    ("GT", '>'),
    ("quest", '?'),
    ("commat", '@'),
    ("lsqb", '['),
    ("lbrack", '['),
    ("bsol", '\\'),
    ("rsqb", ']'),
    ("rbrack", ']'),
    ("Hat", '^'),
    ("lowbar", '_'),
    ("UnderBar", '_'),
    ("grave", '`'),
    ("DiacriticalGrave", '`'),
    ("lcub", '{'),
    ("lbrace", '{'),
    ("verbar", '|'),
    ("vert", '|'),
    ("VerticalLine", '|'),
    ("rcub", '}'),
    ("rbrace", '}'),
    ("hyphen", '-'),
    ("dash", '\u{2010}'),
    ("shy", '\u{ad}'),
    ("ZeroWidthSpace", '\u{200b}'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
    ("middot", '\u{b7}'),
    ("bull", '\u{2022}'),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("raquo", '\u{bb}'),
    ("laquo", '\u{ab}'),
];

/// The Latin-1 letters (U+00C0 to U+00FF, in order): planted Vietnamese text is written
/// with them (`nh&agrave; c&aacute;i`), and browsers also decode them without the `;`.
const LATIN1: &[&str] = &[
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Legacy references that browsers also decode without the trailing `;`.
const LEGACY: &[&str] = &[
    "amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT", "nbsp", "shy",
];

/// An attribute's value as the browser reads it, character references decoded. Every
/// keyword attribute the sanitizer compares (`http-equiv`, `name`, `property`, `type`,
/// `attributeName`, sizes…) goes through here: `http-equiv="re&#102;resh"` is a refresh.
pub(crate) fn attr<H: lol_html::HandlerTypes>(
    el: &lol_html::html_content::Element<'_, '_, H>,
    name: &str,
) -> Option<String> {
    let raw = el.get_attribute(name)?;
    Some(match decode(&raw) {
        Cow::Borrowed(_) => raw,
        Cow::Owned(decoded) => decoded,
    })
}

/// Decodes character references; borrows when there is none (the common case).
pub fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        match reference(rest) {
            Some((ch, used)) => {
                out.push(ch);
                rest = &rest[used..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Parses the reference after `&`; returns the character and the bytes consumed.
pub(crate) fn reference(s: &str) -> Option<(char, usize)> {
    if let Some(num) = s.strip_prefix('#') {
        return numeric(num).map(|(c, n)| (c, n + 1));
    }
    let name_len = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &s[..name_len];
    let latin1 = || {
        let i = LATIN1.iter().position(|n| *n == name)?;
        char::from_u32(0xc0 + u32::try_from(i).ok()?)
    };
    let ch = NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
        .or_else(latin1)?;
    if s[name_len..].starts_with(';') {
        Some((ch, name_len + 1))
    } else if LEGACY.contains(&name) || LATIN1.contains(&name) {
        Some((ch, name_len))
    } else {
        None
    }
}

fn numeric(s: &str) -> Option<(char, usize)> {
    let (hex, digits_at) = match s.as_bytes().first() {
        Some(b'x' | b'X') => (true, 1),
        _ => (false, 0),
    };
    let digits = &s[digits_at..];
    let len = if hex {
        digits.bytes().take_while(u8::is_ascii_hexdigit).count()
    } else {
        digits.bytes().take_while(u8::is_ascii_digit).count()
    };
    if len == 0 {
        return None;
    }
    let radix = if hex { 16 } else { 10 };
    // Saturating, so that leading zeros are harmless (as in browsers) and overlong numbers
    // become an invalid code point, which browsers map to U+FFFD.
    let value = digits[..len].chars().fold(0u32, |acc, d| {
        acc.saturating_mul(radix)
            .saturating_add(d.to_digit(radix).unwrap_or(0))
    });
    let ch = match value {
        0 => '\u{fffd}',
        0x80..=0x9f => windows_1252_c1(value),
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    };
    let semi = usize::from(digits[len..].starts_with(';'));
    Some((ch, digits_at + len + semi))
}

/// Browsers map numeric references in the C1 range through windows-1252.
fn windows_1252_c1(v: u32) -> char {
    let byte = [u8::try_from(v).unwrap_or(0x80)];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    text.chars().next().unwrap_or('\u{fffd}')
}

/// Escapes text for a double-quoted attribute value.
pub(crate) fn escape_attr(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '"']) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace('&', "&amp;").replace('"', "&quot;"))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_named_numeric_and_legacy() {
        assert_eq!(decode("https&#58;//bet&#46;test/"), "https://bet.test/");
        assert_eq!(decode("&sol;&sol;bet&period;test"), "//bet.test");
        assert_eq!(decode("&#x2f;&#X2F;x"), "//x");
        // In attributes a legacy reference before an alphanumeric stays literal.
        assert_eq!(decode("a&ampb&lt"), "a&ampb<");
        assert_eq!(decode("&amp&lt/"), "&</");
        assert_eq!(decode("&unknown;x&"), "&unknown;x&");
        assert_eq!(decode("java&Tab;script&colon;"), "java\tscript:");
        assert_eq!(decode("&#0000000000058;"), ":");
        assert_eq!(decode("&#99999999999;"), "\u{fffd}");
        assert_eq!(decode("plain"), "plain");
        assert_eq!(
            decode("nh&agrave; c&aacute;i &Yacute;&yuml;&eacute"),
            "nhà cái Ýÿé"
        );
    }
}
