//! Stage 6 (planted spam, threat A5): text a browser draws in another order than the source
//! holds it, read in the order drawn (for `rendered`). Spam written backwards in the source
//! ("teb987 nít yu iác àhn") is drawn forwards by:
//! - a bidi override: `<bdo dir=rtl>`, an inline style with `unicode-bidi: bidi-override`
//!   and `direction: rtl`, or the character U+202E (RIGHT-TO-LEFT OVERRIDE) up to U+202C
//!   (POP DIRECTIONAL FORMATTING): every character is drawn right to left;
//! - a reversed flex box (`flex-direction: row-reverse`, `flex-flow: row-reverse …`): its
//!   items (the child elements and the bare text between them) are drawn last first.
//!
//! Security note: the reordering only changes what the lexicon reads, never the output; a
//! page with ordinary right-to-left text (Arabic, Hebrew) reads the same words reversed,
//! which carry no Vietnamese betting term.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use super::css_decls;
use super::rawtag;

/// How an element reorders its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reorder {
    /// Every character right to left.
    Chars,
    /// The flex items last first.
    Items,
}

/// The RIGHT-TO-LEFT OVERRIDE and POP DIRECTIONAL FORMATTING characters.
const RLO: char = '\u{202E}';
const PDF: char = '\u{202C}';

/// How the element of this start tag (name in lower case, attributes as in the source)
/// reorders its text, if it does.
pub(crate) fn of_tag(name: &str, attrs: &[u8]) -> Option<Reorder> {
    let mut rtl_attr = false;
    let mut style = None;
    for (n, v) in rawtag::Attrs(attrs).map_while(|a| a) {
        if n.eq_ignore_ascii_case(b"dir") {
            rtl_attr = String::from_utf8_lossy(v)
                .trim()
                .eq_ignore_ascii_case("rtl");
        } else if n.eq_ignore_ascii_case(b"style") {
            style = Some(String::from_utf8_lossy(v).into_owned());
        }
    }
    let decls = style
        .map(|s| css_decls::declarations(&s))
        .unwrap_or_default();
    let value = |p: &str| {
        decls
            .iter()
            .rev()
            .find(|(k, _)| k == p)
            .map(|(_, v)| v.as_str())
    };
    let rtl = value("direction").map_or(rtl_attr, |d| d == "rtl");
    let overrides = name == "bdo" || value("unicode-bidi") == Some("bidi-override");
    if overrides && rtl {
        return Some(Reorder::Chars);
    }
    let reversed =
        |v: Option<&str>| v.is_some_and(|v| v.split_whitespace().any(|w| w == "row-reverse"));
    (reversed(value("flex-direction")) || reversed(value("flex-flow"))).then_some(Reorder::Items)
}

/// Reorders `text[from..]` as drawn; `children` are the text ranges of the elements
/// closed inside it (any depth), for [`Reorder::Items`]. The length stays the same.
pub(crate) fn apply(text: &mut String, from: usize, children: &[Range<usize>], how: Reorder) {
    let Some(tail) = text.get(from..) else {
        return;
    };
    let drawn = match how {
        Reorder::Chars => reversed(tail),
        Reorder::Items => items_reversed(tail, from, children),
    };
    text.truncate(from);
    text.push_str(&drawn);
}

/// `text` drawn right to left: its characters last first, each with the combining marks
/// that follow it (text in a decomposing charset, such as windows-1258, keeps its tones).
fn reversed(text: &str) -> String {
    let mut clusters: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > 0 && !is_combining_mark(c) {
            clusters.push(&text[start..i]);
            start = i;
        }
    }
    clusters.push(&text[start..]);
    clusters.iter().rev().copied().collect()
}

/// `tail` (at `from` of the text) with its items last first: the outermost children and
/// the text between them, each kept whole.
fn items_reversed(tail: &str, from: usize, children: &[Range<usize>]) -> String {
    let end = from + tail.len();
    let mut outer: Vec<&Range<usize>> = children
        .iter()
        .filter(|c| from <= c.start && c.end <= end && c.start < c.end)
        .filter(|c| {
            !children
                .iter()
                .any(|o| o != *c && o.start <= c.start && c.end <= o.end && from <= o.start)
        })
        .collect();
    outer.sort_by_key(|c| c.start);
    let mut items: Vec<&str> = Vec::new();
    let mut at = from;
    for c in outer {
        if c.start < at {
            continue;
        }
        items.extend(tail.get(at - from..c.start - from));
        items.extend(tail.get(c.start - from..c.end - from));
        at = c.end;
    }
    items.extend(tail.get(at - from..));
    items.iter().rev().copied().collect()
}

/// `text` with each span after U+202E (to U+202C or the end) drawn right to left; `None`
/// when it has no override.
pub(crate) fn overridden(text: &str) -> Option<String> {
    if !text.contains(RLO) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(RLO) {
        out.push_str(&rest[..at]);
        let after = &rest[at + RLO.len_utf8()..];
        let end = after.find(PDF).unwrap_or(after.len());
        out.push(RLO);
        out.push_str(&reversed(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    Some(out)
}

/// The override mark at the start of `raw` (U+202E or U+202C, raw in UTF-8 or as a
/// character reference): its length and whether it opens the override.
pub(crate) fn override_mark(raw: &[u8]) -> Option<(usize, bool)> {
    const MARKS: &[(&[u8], bool)] = &[
        ("\u{202E}".as_bytes(), true),
        ("\u{202C}".as_bytes(), false),
        (b"&#x202e;", true),
        (b"&#8238;", true),
        (b"&#x202c;", false),
        (b"&#8236;", false),
    ];
    if !matches!(raw.first(), Some(b'&' | 0xE2)) {
        return None;
    }
    MARKS.iter().find_map(|(m, opens)| {
        raw.get(..m.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(m))
            .then_some((m.len(), *opens))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_reversed_boxes_are_found() {
        assert_eq!(of_tag("bdo", b" dir=rtl"), Some(Reorder::Chars));
        assert_eq!(of_tag("bdo", b" DIR=\"RTL\""), Some(Reorder::Chars));
        assert_eq!(of_tag("bdo", b" dir=ltr"), None);
        assert_eq!(
            of_tag(
                "span",
                b" style=\"unicode-bidi:bidi-override;direction:rtl\""
            ),
            Some(Reorder::Chars)
        );
        assert_eq!(
            of_tag("span", b" dir=rtl style='unicode-bidi: bidi-override'"),
            Some(Reorder::Chars)
        );
        assert_eq!(of_tag("p", b" dir=rtl"), None);
        assert_eq!(
            of_tag("div", b" style=\"display:flex;flex-direction:row-reverse\""),
            Some(Reorder::Items)
        );
        assert_eq!(
            of_tag("div", b" style=\"display:flex;flex-flow:row-reverse wrap\""),
            Some(Reorder::Items)
        );
        assert_eq!(
            of_tag("div", b" style=\"display:flex;flex-direction:row\""),
            None
        );
    }

    #[test]
    fn text_is_reordered_as_drawn_and_keeps_its_length() {
        let mut t = String::from("x teb987 iác àhn");
        let len = t.len();
        apply(&mut t, 2, &[], Reorder::Chars);
        assert_eq!(t, "x nhà cái 789bet");
        assert_eq!(t.len(), len);

        // "<div><span>tin </span><span>uy </span>cai <span>Nha </span></div>"
        let mut t = String::from("tin uy cai Nha ");
        apply(&mut t, 0, &[0..4, 4..7, 11..15], Reorder::Items);
        assert_eq!(t, "Nha cai uy tin ");

        assert_eq!(
            overridden("a \u{202E}teb987\u{202C} b").as_deref(),
            Some("a \u{202E}789bet\u{202C} b")
        );
        assert_eq!(overridden("plain"), None);
        // Decomposed tones stay on their letters: "đầu" in windows-1258 is "đâ\u{300}u".
        assert_eq!(reversed("u\u{e2}\u{300}đ"), "đ\u{e2}\u{300}u");
    }
}
