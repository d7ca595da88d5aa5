//! Stage 6, hot path: attribute values and the tag name of the current start tag, read from
//! the input bytes that lol_html tokenized, without allocating.
//!
//! lol_html's `get_attribute`/`tag_name` allocate a lower-cased copy of the name asked for
//! and an owned copy of the value on every call. Here lol_html still does the tokenizing
//! (which attribute is which, where each value starts and ends): only the bytes are taken
//! from the retained input at the positions it reports, so that the value judged is exactly
//! the one lol_html serializes.
//!
//! Security notes:
//! - A name matches as in lol_html's `get_attribute`: ASCII case-insensitively on its bytes.
//! - A value is borrowed only when its bytes are what `Attribute::value()` would decode to:
//!   pure ASCII (the same in every ASCII-compatible charset), or valid UTF-8 when lol_html
//!   decodes the page as UTF-8 for certain (`State::utf8_fixed`: a page whose charset a
//!   `<meta>` may still switch never counts), and only when its position lies inside the
//!   tag; otherwise the owned value is used. An attribute changed by the sanitizer has no
//!   position, so its new value is read from lol_html. `Attribute::value()` sniffs a BOM at
//!   the start of a value; a value starting with a UTF-8 BOM therefore takes the owned path
//!   too (the other BOMs are not valid UTF-8 and not ASCII).

use std::borrow::Cow;
use std::ops::Range;

use lol_html::html_content::Attribute;
use lol_html::send::Element;

/// The retained input around the current start tag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source<'a> {
    /// The retained input, starting at stream offset `start`.
    bytes: &'a [u8],
    start: usize,
    /// Where the start tag lies in the stream.
    tag: (usize, usize),
    /// lol_html decodes the page as UTF-8 and cannot switch.
    utf8: bool,
}

impl<'a> Source<'a> {
    pub(crate) fn new(bytes: &'a [u8], start: usize, tag: Range<usize>, utf8: bool) -> Self {
        Self {
            bytes,
            start,
            tag: (tag.start, tag.end),
            utf8,
        }
    }

    /// The bytes at `range` (stream offsets) when they lie inside the tag and are retained.
    pub(crate) fn get(&self, range: Range<usize>) -> Option<&'a [u8]> {
        if range.start < self.tag.0 || range.end > self.tag.1 {
            return None;
        }
        let from = range.start.checked_sub(self.start)?;
        let to = range.end.checked_sub(self.start)?;
        self.bytes.get(from..to)
    }

    /// The whole start tag, when retained.
    pub(crate) fn tag_bytes(&self) -> Option<&'a [u8]> {
        self.get(self.tag.0..self.tag.1)
    }

    /// The value of the first attribute called `name` (lower case), as `get_attribute`.
    pub(crate) fn attr(&self, el: &Element<'_, '_>, name: &str) -> Option<Cow<'a, str>> {
        let a = el.attributes().iter().find(|a| self.is_named(a, name))?;
        Some(self.value(a))
    }

    /// Whether `a` is called `name` (lower case).
    pub(crate) fn is_named(&self, a: &Attribute<'_>, name: &str) -> bool {
        match a.name_source_location().and_then(|l| self.get(l.bytes())) {
            Some(raw) => raw.eq_ignore_ascii_case(name.as_bytes()),
            None => a.name() == name,
        }
    }

    fn value(&self, a: &Attribute<'_>) -> Cow<'a, str> {
        let raw = a.value_source_location().and_then(|l| self.get(l.bytes()));
        match raw {
            // `Attribute::value()` sniffs a BOM (and drops it): such values keep its reading.
            Some(b) if b.starts_with(b"\xef\xbb\xbf") => Cow::Owned(a.value()),
            Some(b) if self.utf8 || b.is_ascii() => match std::str::from_utf8(b) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => Cow::Owned(a.value()),
            },
            _ => Cow::Owned(a.value()),
        }
    }

    /// The lower-case tag name, as `Element::tag_name`.
    pub(crate) fn tag_name(&self, el: &Element<'_, '_>) -> Cow<'a, str> {
        let name = self.tag_bytes().and_then(|t| {
            let rest = t.strip_prefix(b"<")?;
            let end = rest
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')?;
            let name = &rest[..end];
            let plain = !name.is_empty() && name.iter().all(u8::is_ascii_graphic);
            plain.then_some(name)
        });
        match name {
            Some(n) if !n.iter().any(u8::is_ascii_uppercase) => {
                Cow::Borrowed(std::str::from_utf8(n).unwrap_or_default())
            }
            Some(n) => Cow::Owned(String::from_utf8_lossy(n).to_ascii_lowercase()),
            None => Cow::Owned(el.tag_name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::Source;

    /// Every lookup through [`Source`] agrees with lol_html's own accessors.
    fn agrees(html: &str, utf8: bool) {
        let input = html.as_bytes().to_vec();
        let seen = Arc::new(Mutex::new(0));
        let count = Arc::clone(&seen);
        let names = ["href", "src", "xlink:href", "srcset", "class", "data", "x"];
        let handler = lol_html::element!("*", move |el| {
            let src = Source::new(&input, 0, el.source_location().bytes(), utf8);
            assert_eq!(src.tag_name(el), el.tag_name());
            for n in names {
                assert_eq!(
                    src.attr(el, n).as_deref(),
                    el.get_attribute(n).as_deref(),
                    "{n}"
                );
            }
            *count.lock().unwrap() += 1;
            Ok(())
        });
        let settings = lol_html::send::Settings::new_send().append_element_content_handler(handler);
        let mut rw = lol_html::send::HtmlRewriter::new(settings, |_: &[u8]| {});
        rw.write(html.as_bytes()).unwrap();
        rw.end().unwrap();
        assert!(*seen.lock().unwrap() > 0);
    }

    #[test]
    fn borrowed_values_match_lol_html() {
        let html = concat!(
            "<DIV CLASS='a b'><a HREF=\"/x?a=1&amp;b\" href=//evil.test>t</a>",
            "<img src = 'trên.jpg' SrcSet=\"a.jpg 1x, //b.test/b.jpg 2x\">",
            "<svg><a xlink:href=\"java&#x09;script:x\"/></svg><p x data=\"\" hidden>",
            "<a/href=/y><a href=\"\u{feff}\" \u{feff}href=//bom.test>",
        );
        agrees(html, true);
        agrees(html, false);
    }
}
