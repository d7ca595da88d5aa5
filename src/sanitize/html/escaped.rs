//! Stage 6 (HTML carried escaped in text): how a carrier escapes the HTML it holds, read
//! piece by piece so that what a rule leaves alone can be put back exactly as written.
//!
//! - [`Escaping::Xml`]: character references (`&lt;a href=&quot;…&quot;&gt;`, `&#60;`), as a
//!   feed reader decodes an RSS `description` or an Atom `type="html"` content. The HTML
//!   table of `entities` is used, a superset of XML's five names (over-approximates).
//! - [`Escaping::Json`]: a JSON string's escapes (`\u003c`, `\/`, `\"`, surrogate pairs), as a
//!   JSON Feed reader decodes `content_html`.
//!
//! Security note: a chunk may end inside an escape (`&l`, `\u00`); such a tail is held for
//! the next chunk (at most [`MAX_ESCAPE`] bytes), never decoded half.

use std::borrow::Cow;

/// The longest escape held while waiting for its end.
pub(crate) const MAX_ESCAPE: usize = 40;

/// A carrier's escaping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escaping {
    Xml,
    Json,
}

impl Escaping {
    /// The next piece of `raw`: its raw length and its decoded text. `None` when `raw`
    /// is empty, or ends inside an escape that the next chunk may complete (unless `last`).
    pub(crate) fn piece<'a>(self, raw: &'a str, last: bool) -> Option<(usize, Cow<'a, str>)> {
        let esc = match self {
            Escaping::Xml => '&',
            Escaping::Json => '\\',
        };
        match raw.find(esc) {
            None if raw.is_empty() => None,
            None => Some((raw.len(), Cow::Borrowed(raw))),
            Some(0) => match self {
                Escaping::Xml => xml_reference(raw, last),
                Escaping::Json => json_escape(raw, last),
            },
            Some(i) => Some((i, Cow::Borrowed(&raw[..i]))),
        }
    }

    /// `html` escaped for this carrier.
    pub(crate) fn escape(self, html: &str) -> String {
        match self {
            Escaping::Xml => html
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
            Escaping::Json => json_string_body(html),
        }
    }
}

/// `raw` starts with `&`.
fn xml_reference(raw: &str, last: bool) -> Option<(usize, Cow<'_, str>)> {
    let rest = &raw[1..];
    let open = rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#');
    if !last && open && raw.len() < MAX_ESCAPE {
        return None;
    }
    match super::entities::reference(rest) {
        Some((ch, used)) => Some((1 + used, Cow::Owned(ch.to_string()))),
        None => Some((1, Cow::Borrowed("&"))),
    }
}

/// `raw` starts with `\`.
fn json_escape(raw: &str, last: bool) -> Option<(usize, Cow<'_, str>)> {
    let b = raw.as_bytes();
    let Some(&kind) = b.get(1) else {
        return (last).then_some((1, Cow::Borrowed("\\")));
    };
    let simple = match kind {
        b'"' => "\"",
        b'\\' => "\\",
        b'/' => "/",
        b'b' => "\u{8}",
        b'f' => "\u{c}",
        b'n' => "\n",
        b'r' => "\r",
        b't' => "\t",
        b'u' => return json_unicode(raw, last),
        _ => return Some((1, Cow::Borrowed("\\"))),
    };
    Some((2, Cow::Borrowed(simple)))
}

/// `\uXXXX`, and a surrogate pair `\uD83D\uDE00` as one piece.
fn json_unicode(raw: &str, last: bool) -> Option<(usize, Cow<'_, str>)> {
    let unit = |at: usize| {
        raw.get(at..at + 6)
            .filter(|s| s.starts_with("\\u"))
            .and_then(|s| u32::from_str_radix(&s[2..], 16).ok())
    };
    let Some(first) = unit(0) else {
        return (last || raw.len() >= 6).then_some((1, Cow::Borrowed("\\")));
    };
    if !(0xd800..0xdc00).contains(&first) {
        let ch = char::from_u32(first).unwrap_or('\u{fffd}');
        return Some((6, Cow::Owned(ch.to_string())));
    }
    if raw.len() < 12 && !last {
        return None;
    }
    match unit(6).filter(|lo| (0xdc00..0xe000).contains(lo)) {
        Some(lo) => {
            let c = 0x10000 + ((first - 0xd800) << 10) + (lo - 0xdc00);
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            Some((12, Cow::Owned(ch.to_string())))
        }
        None => Some((6, Cow::Borrowed("\u{fffd}"))),
    }
}

/// The body of a JSON string (no quotes) holding `s`.
pub(crate) fn json_string_body(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `raw` decoded whole (every piece, the tail included).
pub(crate) fn decode_all(esc: Escaping, raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((n, text)) = esc.piece(rest, true) {
        out.push_str(&text);
        rest = &rest[n..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_pieces_and_held_tails() {
        let e = Escaping::Xml;
        assert_eq!(
            decode_all(e, "&lt;a href=&quot;x&quot;&gt;&#60;&amp;"),
            "<a href=\"x\"><&"
        );
        assert_eq!(decode_all(e, "a & b &zz; c"), "a & b &zz; c");
        assert_eq!(e.piece("&l", false), None);
        assert_eq!(e.piece("&#6", false), None);
        assert_eq!(e.piece("&lt", true).map(|p| p.0), Some(3));
        assert_eq!(e.piece("& x", false).map(|p| p.0), Some(1));
    }

    #[test]
    fn json_pieces_and_held_tails() {
        let e = Escaping::Json;
        assert_eq!(
            decode_all(e, r#"\u003ca href=\"https:\/\/x\/\"\u003e\ud83d\ude00\n"#),
            "<a href=\"https://x/\">\u{1f600}\n"
        );
        assert_eq!(e.piece("\\u00", false), None);
        assert_eq!(e.piece("\\", false), None);
        assert_eq!(e.piece("\\ud83d", false), None);
        assert_eq!(decode_all(e, "\\ud83dx"), "\u{fffd}x");
        assert_eq!(json_string_body("a\"b\\\n<"), "a\\\"b\\\\\\n<");
    }
}
