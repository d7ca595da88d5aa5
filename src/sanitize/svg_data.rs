//! Stage 6 (planted spam, threat A5; issue 14, text carriers): the text that an SVG image
//! in a `data:` URL draws. `<img src="data:image/svg+xml,…<text>Nhà cái…</text>…">`, a CSS
//! `background:url(data:image/svg+xml;base64,…)`, a `srcset` candidate, a `poster`, an SVG
//! `<image href>` or a script's `img.src = 'data:…'` puts betting text on the screen (and in
//! image search) that no text node of the page holds. The URL is a "harmless" local image to
//! the URL policy; its text is read here so that the callers can judge it with the lexicon
//! (`html::state` for every media carrier, `script::spam_text` for literals).
//!
//! The URL is read as the browser's data URL processor does: tabs and newlines dropped,
//! the payload percent-decoded, then base64-decoded when the header ends in `;base64`
//! (forgiving: white space and missing padding), then decoded in the header's `charset`
//! (UTF-8 by default, a byte-order mark wins). Only a header that names SVG or XML (or
//! none) is decoded. The text is what the SVG document holds between its tags (`<text>`,
//! `<tspan>`, `<textPath>`, `<title>`, `<desc>`, `<foreignObject>` HTML, CDATA sections),
//! entities decoded, `<style>` and `<script>` skipped; a `<tspan>` or `<textPath>` joins
//! its neighbours unless it sets its own `x`/`y`. A `data:` SVG nested in it (an
//! `<image href>`) is read too, to [`MAX_NEST`] levels.
//!
//! Security note: bounded. At most [`MAX_ENCODED`] bytes of a URL are decoded and at most
//! [`MAX_TEXT`] bytes of text kept; whatever the URL's size, the work is linear in that cap.

use std::borrow::Cow;

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::html::entities;

/// The most bytes of one `data:` URL that are decoded.
pub(crate) const MAX_ENCODED: usize = 256 * 1024;
/// The most bytes of text kept from one image.
pub(crate) const MAX_TEXT: usize = 16 * 1024;
/// How deep `data:` SVG images nested in one are read.
const MAX_NEST: usize = 2;

const FORGIVING: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Whether `value` may be a `data:` URL (a cheap check before [`text`]).
pub(crate) fn may_be(value: &str) -> bool {
    let v = value.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\u{0}');
    v.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"))
}

/// The text that `value` draws when it is a `data:` URL of an SVG image; `None` otherwise.
pub(crate) fn text(value: &str) -> Option<String> {
    let mut out = String::new();
    read(value, 0, &mut out).then_some(out)
}

fn read(value: &str, depth: usize, out: &mut String) -> bool {
    if !may_be(value) {
        return false;
    }
    let url: String = value
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(MAX_ENCODED)
        .collect();
    let Some(comma) = url.find(',') else {
        return false;
    };
    let header = url[5..comma].to_ascii_lowercase();
    let mime = header.split(';').next().unwrap_or("").trim();
    if !(mime.is_empty() || mime.contains("svg") || mime.contains("xml")) {
        return false;
    }
    let body = percent_decode(&url.as_bytes()[comma + 1..]);
    let bytes = match header.trim_end().ends_with("base64") {
        true => {
            let clean: Vec<u8> = body
                .into_iter()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            let whole = clean.len() - clean.len() % 4;
            let len = if clean.len() % 4 == 1 {
                whole
            } else {
                clean.len()
            };
            match FORGIVING.decode(&clean[..len]) {
                Ok(b) => b,
                Err(_) => return false,
            }
        }
        false => body,
    };
    let charset = header
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (doc, _, _) = charset.decode(&bytes);
    if !doc.to_ascii_lowercase().contains("<svg") {
        return false;
    }
    drawn(&doc, depth, out);
    true
}

/// Appends the text of the SVG document `doc` to `out` (see the module notes).
fn drawn(doc: &str, depth: usize, out: &mut String) {
    let b = doc.as_bytes();
    let mut i = 0;
    while i < b.len() && out.len() < MAX_TEXT {
        let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|p| i + p) else {
            push(out, &doc[i..]);
            break;
        };
        push(out, &doc[i..lt]);
        i = markup(doc, lt, depth, out);
    }
    out.truncate(floor(out, MAX_TEXT));
}

/// Reads the markup at `at` (a `<`); returns where it ends.
fn markup(doc: &str, at: usize, depth: usize, out: &mut String) -> usize {
    let rest = &doc[at..];
    let end_of = |pat: &str, skip: usize| rest.find(pat).map_or(doc.len(), |e| at + e + skip);
    if let Some(data) = rest.strip_prefix("<![CDATA[") {
        let end = data.find("]]>").unwrap_or(data.len());
        push(out, &data[..end]);
        return at + 9 + end + 3.min(data.len() - end);
    }
    if rest.starts_with("<!--") {
        return end_of("-->", 3);
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return end_of(">", 1);
    }
    let close = rest.starts_with("</");
    let name_from = if close { 2 } else { 1 };
    let name: String = rest[name_from..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'))
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() {
        out.push('<');
        return at + 1;
    }
    let end = tag_end(rest).map_or(doc.len(), |e| at + e);
    let tag = &doc[at..end];
    let local = name.rsplit(':').next().unwrap_or(&name);
    let positioned = has_position(tag);
    if !matches!(local, "tspan" | "textpath" | "a" | "tref") || positioned {
        out.push(' ');
    }
    if close {
        return end;
    }
    if depth < MAX_NEST {
        nested(tag, depth, out);
    }
    if matches!(local, "style" | "script") && !tag.ends_with("/>") {
        let lower = doc[end..].to_ascii_lowercase();
        let needle = format!("</{name}");
        return lower.find(&needle).map_or(doc.len(), |e| end + e);
    }
    end
}

/// The text of the `data:` SVG images written inside `s` (markup a script writes, a
/// string it builds an image from); `None` when it holds none.
pub(crate) fn embedded(s: &str) -> Option<String> {
    let mut out = String::new();
    nested(s, 0, &mut out);
    (!out.is_empty()).then_some(out)
}

/// The most `data:` URLs read inside one piece of markup.
const MAX_EMBEDDED: usize = 16;

/// Reads the `data:` SVG images that a piece of markup names (`<image href>`): each runs to
/// the quote or parenthesis that opened it, or else to white space or `>`.
fn nested(tag: &str, depth: usize, out: &mut String) {
    let lower = tag.to_ascii_lowercase();
    for (i, _) in lower.match_indices("data:").take(MAX_EMBEDDED) {
        let value = &tag[i..];
        let end = match tag[..i].chars().next_back() {
            Some(q @ ('"' | '\'')) => value.find(q),
            Some('(') => value.find(')'),
            _ => value.find(|c: char| c.is_ascii_whitespace() || c == '>'),
        };
        let decoded = entities::decode(&value[..end.unwrap_or(value.len())]);
        let mut inner = String::new();
        if read(&decoded, depth + 1, &mut inner) {
            out.push(' ');
            out.push_str(&inner);
            out.push(' ');
        }
    }
}

/// Whether a start tag sets its own `x` or `y` (its text starts a new line or place).
fn has_position(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\'')
        .any(|w| {
            let w = w.to_ascii_lowercase();
            w.starts_with("x=") || w.starts_with("y=")
        })
}

/// Where the tag starting `rest` ends (after its `>`, quotes followed).
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn push(out: &mut String, raw: &str) {
    if raw.is_empty() || out.len() >= MAX_TEXT {
        return;
    }
    let text: Cow<'_, str> = entities::decode(raw);
    out.push_str(&text);
}

/// The largest char boundary of `s` at or below `max`.
fn floor(s: &str, max: usize) -> usize {
    (0..=max.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

fn percent_decode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied(), b.get(i + 2).copied()) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                let v = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(v).unwrap_or(b'?'));
                i += 3;
            }
            (c, ..) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::text;

    fn pct(s: &str) -> String {
        s.bytes()
            .map(|b| match b.is_ascii_alphanumeric() {
                true => (b as char).to_string(),
                false => format!("%{b:02X}"),
            })
            .collect()
    }

    fn b64(s: &str) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>text{fill:red}</style><text x=\"1\"><tspan>Nh</tspan><tspan>à cái</tspan><tspan x=\"5\">Hi88</tspan></text><text><![CDATA[tặng 100k]]></text>&#x6E;ổ hũ</svg>";

    #[test]
    fn every_spelling_of_an_svg_data_url_is_read() {
        for url in [
            format!("data:image/svg+xml,{}", pct(SVG)),
            format!("data:image/svg+xml;charset=utf-8,{SVG}"),
            format!("DATA:image/SVG+XML;utf8,{SVG}"),
            format!("data:image/svg+xml;base64,{}", b64(SVG)),
            format!(
                "  data:image/svg+xml;charset=utf-8;base64,{}",
                b64(SVG).trim_end_matches('=')
            ),
            format!("data:;base64,{}", b64(SVG)),
        ] {
            let t = text(&url).unwrap_or_else(|| panic!("{url}"));
            assert!(t.contains("Nhà cái"), "{t}");
            assert!(
                t.contains(" Hi88") && t.contains("tặng 100k") && t.contains("nổ hũ"),
                "{t}"
            );
            assert!(!t.contains("fill"), "{t}");
        }
    }

    #[test]
    fn nested_images_are_read_and_others_are_not() {
        let inner = format!(
            "data:image/svg+xml;base64,{}",
            b64("<svg><text>Kubet</text></svg>")
        );
        let outer = format!("<svg><image href=\"{inner}\"/></svg>");
        let t = text(&format!("data:image/svg+xml,{}", pct(&outer))).unwrap();
        assert!(t.contains("Kubet"), "{t}");
        assert_eq!(text("data:image/png;base64,iVBORw0KGgo="), None);
        assert_eq!(text("/anh/logo.svg"), None);
        assert_eq!(text("data:text/plain,hello"), None);
        let written = format!(
            "<p><img src='{}' alt=x></p>",
            "data:image/svg+xml;utf8,<svg><text>nổ hũ</text></svg>"
        );
        assert!(super::embedded(&written).unwrap().contains("nổ hũ"));
        let huge = format!(
            "data:image/svg+xml,<svg><text>{}</text></svg>",
            "a ".repeat(400_000)
        );
        assert!(text(&huge).unwrap().len() <= super::MAX_TEXT);
    }
}
