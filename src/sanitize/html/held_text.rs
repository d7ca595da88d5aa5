//! Stage 6: reading held output (see `hold`) back as text. The holders judge what they
//! hold by its text: a hidden block (`hidden`), a foreign link's text (`anchor`), a block's
//! profile (`spam_block`), and the container run's separators (`container`) all read the
//! same bytes the same way, so they share these readers.
//!
//! Security note: the tag reader follows the tokenizer's quoting (`tag_end`), so that a `>`
//! inside a quoted attribute value cannot end a tag early and hide text from the judges.

use super::rawtag;

/// Where the tag that starts `s` (at `<`) ends, after its `>`, reading quoted attribute
/// values as the tokenizer does; `None` when it does not end in `s`.
pub(crate) fn tag_end(s: &[u8]) -> Option<usize> {
    let mut i = 1;
    loop {
        let j = i + memchr::memchr3(b'>', b'"', b'\'', s.get(i..)?)?;
        match s[j] {
            b'>' => return Some(j + 1),
            q => {
                // A quote only opens a value right after `=` (and spaces).
                let before = s[i..j].iter().rev().find(|b| !b.is_ascii_whitespace());
                i = if before == Some(&b'=') {
                    j + 1 + memchr::memchr(q, s.get(j + 1..)?)? + 1
                } else {
                    j + 1
                };
            }
        }
    }
}

/// The text a crawler reads in held output: the text between tags, plus the `alt` and
/// `title` of the tags (an image's alt text is its link's text), decoded from the page's
/// charset. Entities are left for the caller to decode.
pub(crate) fn text(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let mut text = Vec::with_capacity(bytes.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let opens = b == b'<'
            && bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !opens {
            text.push(b);
            i += 1;
            continue;
        }
        let end = tag_end(&bytes[i..]).map_or(bytes.len(), |e| i + e);
        text.push(b' ');
        tag_words(&bytes[i..end], &mut text);
        i = end;
    }
    encoding.decode_without_bom_handling(&text).0.into_owned()
}

fn tag_words(tag: &[u8], text: &mut Vec<u8>) {
    let Some(rest) = tag.strip_prefix(b"<") else {
        return;
    };
    if rest.first().is_some_and(|c| !c.is_ascii_alphabetic()) {
        return;
    }
    let name_end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .unwrap_or(rest.len());
    for (name, value) in rawtag::Attrs(&rest[name_end..]).map_while(|a| a) {
        if name.eq_ignore_ascii_case(b"alt") || name.eq_ignore_ascii_case(b"title") {
            text.extend_from_slice(value);
            text.push(b' ');
        }
    }
}

/// The text a visitor reads in held output: [`text`] without the contents of
/// `<script>`, `<style>` and `<template>`.
pub(crate) fn visible_text(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let mut out = String::new();
    let mut rest = bytes;
    while let Some((start, name)) = code_element(rest) {
        out.push_str(&text(&rest[..start], encoding));
        out.push(' ');
        rest = end_tag(&rest[start..], name).map_or(&[][..], |e| &rest[start + e..]);
    }
    out.push_str(&text(rest, encoding));
    out
}

/// Where `</name` (any case) first begins in `bytes`.
fn end_tag(bytes: &[u8], name: &str) -> Option<usize> {
    memchr::memmem::find_iter(bytes, b"</").find(|&i| {
        bytes
            .get(i + 2..i + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// Where the first `<script`, `<style` or `<template` start tag of `bytes` begins.
fn code_element(bytes: &[u8]) -> Option<(usize, &'static str)> {
    memchr::memchr_iter(b'<', bytes).find_map(|i| {
        let tail = &bytes[i + 1..];
        ["script", "style", "template"]
            .into_iter()
            .find_map(|name| {
                let n = name.len();
                let starts = tail.len() > n
                    && tail[..n].eq_ignore_ascii_case(name.as_bytes())
                    && (tail[n].is_ascii_whitespace() || matches!(tail[n], b'>' | b'/'));
                starts.then_some((i, name))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_end_reads_quotes_like_the_tokenizer() {
        assert_eq!(tag_end(b"<a href=\"x>y\">t"), Some(14));
        assert_eq!(tag_end(b"<a title='a\"b>c'>t"), Some(17));
        assert_eq!(tag_end(b"<a b\"c>t"), Some(7));
        assert_eq!(tag_end(b"<a href=\"x"), None);
        assert_eq!(tag_end(b"<br>"), Some(4));
    }

    #[test]
    fn text_keeps_alt_and_title_and_drops_markup() {
        let t = text(
            b"<span>nh&agrave; <b>c\xc3\xa1i</b></span><img alt=\"n\xe1\xbb\x95 h\xc5\xa9\" src=x><a title='x>y'>",
            encoding_rs::UTF_8,
        );
        assert_eq!(
            t.split_whitespace().collect::<Vec<_>>(),
            ["nh&agrave;", "cái", "nổ", "hũ", "x>y"]
        );
        assert_eq!(text(b"a < b", encoding_rs::UTF_8), "a < b");
    }

    #[test]
    fn code_is_not_visible_text() {
        let t = visible_text(
            b"<p>a<script>var x='n\xe1\xbb\x95 h\xc5\xa9'</SCRIPT>b<STYLE>.c{}</style>c</p>",
            encoding_rs::UTF_8,
        );
        assert_eq!(t.split_whitespace().collect::<Vec<_>>(), ["a", "b", "c"]);
    }
}
