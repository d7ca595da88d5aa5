//! Stage 6 (planted spam, threat A5): held output read as a visitor reads it, for the
//! spam-block classifier (`spam_block`) and the hidden-block judge (`hidden`). The text is joined across inline elements and comments
//! (`<b>nhà</b><i> cái</i>` reads "nhà cái", `n<span>ổ</span> hũ` reads "nổ hũ",
//! `nh<!---->à` reads "nhà"), entities are decoded piece by piece, and a word breaks only
//! where the layout breaks one (a block element, `<br>`, a cell, an image). The reader also
//! gives the byte ranges of the text pieces and of the elements closed inside the run, so
//! that the smallest element holding only spam (or, when no element does, the text itself)
//! can be cut and the rest of the run left alone.
//!
//! Security notes:
//! - The tag reader follows the tokenizer's quoting (`held_text::tag_end`); the text of
//!   `<script>`, `<style>`, `<template>` and `<title>` is not visible text and is skipped,
//!   and so is that of the raw-text containers, judged on their own.
//! - An element whose own tag hides it beyond doubt (`hidden`, `style="display:none"`)
//!   is drawn as nothing: no text and no word break. Junk letters hidden between the
//!   letters of a slogan (`N<span hidden>q</span>hà cái`) are read as the visitor reads
//!   them; the hidden text itself is the hidden-block rules' to judge.
//! - A block element that layout draws inline (its own `style=`, or a page rule the
//!   caller names, see `inline_display`) breaks no word: `<div>ca</div><div>sino</div>`
//!   made inline reads "casino", as the visitor reads it.
//! - Bounded: the run is held output (at most `max_hidden_block`), and at most
//!   [`MAX_UNITS`] elements and [`MAX_PIECES`] pieces are listed.

use std::ops::Range;

use super::held_text::tag_end;
use super::rendered_scan::{is_shadow_root, positioned, skip_element, skipped};
use super::sentences::sentence_ends;
use super::{bidi, entities, inline_display, rawtag, self_hidden};

/// The most elements of one run that are judged on their own.
pub(crate) const MAX_UNITS: usize = 256;
/// The most text pieces of one run that are listed; past it the run is one piece.
pub(crate) const MAX_PIECES: usize = 1024;
/// How deep open elements are followed.
const MAX_NEST: usize = 32;

/// Elements that render inline: their tags do not break a word. (A ruby annotation, `rt`
/// or `rp`, is drawn apart from its base: it breaks one.)
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "blink", "cite", "code", "data", "del",
    "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "nobr", "output", "q", "rb", "ruby",
    "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    "wbr", "tspan", "textpath",
];

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "image",
];

/// A run of output as read.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub(crate) text: String,
    /// The text between tags that is not blank, split after each sentence end.
    pub(crate) pieces: Vec<Piece>,
    /// Elements that open and close inside the run.
    pub(crate) units: Vec<Unit>,
    code: bool,
    /// Where the start tags that a page rule makes inline begin, in the run, ascending.
    inline: Vec<usize>,
    /// Read for the drawn reading (`layout_read`): flex items are not reversed here, a
    /// declarative shadow root's template is read, every element is a unit.
    layout: bool,
    /// In the drawn reading, the elements that are no unit (void, code, drawn as nothing):
    /// where each starts and its name, for the places of the units among their siblings.
    pub(crate) stubs: Vec<(usize, String)>,
}

#[derive(Debug)]
pub(crate) struct Unit {
    pub(crate) name: String,
    /// From its start tag to the end of its end tag, in the run.
    pub(crate) bytes: Range<usize>,
    /// Its text, in [`Rendered::text`].
    pub(crate) text: Range<usize>,
}

/// A piece of text of the run.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    /// Its bytes, in the run.
    pub(crate) bytes: Range<usize>,
    /// Its text, in [`Rendered::text`].
    pub(crate) text: Range<usize>,
    /// A sentence ends after it: at `.`, `!` or `?` before a space, or at a tag
    /// that breaks the layout (`<br>`, a cell, an image).
    pub(crate) ends: bool,
}

/// An element open in the run: name, where its start tag begins, where its text begins,
/// how it reorders its text, whether it is drawn inline.
type Opened = (String, usize, usize, Option<bidi::Reorder>, bool);

/// Reads a run of held output in `encoding`; `code` reads the text of `<script>`, `<style>`,
/// `<template>` and `<title>` too (for a hidden block, which may be one of them).
pub(crate) fn read(bytes: &[u8], encoding: &'static encoding_rs::Encoding, code: bool) -> Rendered {
    read_joined(bytes, encoding, code, Vec::new())
}

/// [`read`], where the start tags at the offsets `inline` (in `bytes`, ascending) are drawn
/// inline by a page rule.
pub(crate) fn read_joined(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    code: bool,
    inline: Vec<usize>,
) -> Rendered {
    let r = Rendered {
        code,
        inline,
        ..Rendered::default()
    };
    r.scan(bytes, encoding)
}

/// [`read_joined`] for the drawn reading (`layout_read`): a flex box's reversed items
/// keep their source order (the caller orders them), the template of a declarative shadow
/// root is read, the elements closed implicitly or still open are units too, and up to
/// [`MAX_LAYOUT_UNITS`] of them.
pub(crate) fn read_layout(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    inline: Vec<usize>,
) -> Rendered {
    let r = Rendered {
        inline,
        layout: true,
        ..Rendered::default()
    };
    r.scan(bytes, encoding)
}

/// The most elements of one run listed for the drawn reading.
pub(crate) const MAX_LAYOUT_UNITS: usize = 4096;

pub(crate) fn is_joining(name: &str) -> bool {
    INLINE.contains(&name) || name.contains('-')
}

pub(super) fn name_at(s: &[u8]) -> String {
    s.iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

impl Rendered {
    fn scan(mut self, bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Self {
        let mut open: Vec<Opened> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let next = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |p| i + p);
            if next > i {
                self.piece(&bytes[i..next], i, encoding);
            }
            if next >= bytes.len() {
                break;
            }
            i = self.markup(bytes, next, &mut open, encoding);
        }
        // Elements still open at the end of the run reorder what they hold so far (and
        // are units of the drawn reading).
        for (name, at, from, how, _) in open.into_iter().rev() {
            if let Some(how) = how {
                self.reorder(from, how);
            }
            if self.layout {
                self.unit(name, at..bytes.len(), from);
            }
        }
        self
    }

    fn piece(&mut self, raw: &[u8], at: usize, encoding: &'static encoding_rs::Encoding) {
        // A full stop closing an inline element ("<i>678.</i> Tổng…") ends its sentence
        // where the space after the tag is.
        if raw.first().is_some_and(u8::is_ascii_whitespace) && self.ends_with_stop() {
            self.end_sentence(true);
        }
        let mut from = 0;
        for end in sentence_ends(raw) {
            self.text_piece(&raw[from..end], at + from, encoding, true);
            from = end;
        }
        if from < raw.len() {
            self.text_piece(&raw[from..], at + from, encoding, false);
        }
    }

    fn text_piece(
        &mut self,
        raw: &[u8],
        at: usize,
        encoding: &'static encoding_rs::Encoding,
        ends: bool,
    ) {
        let decoded = encoding.decode_without_bom_handling(raw).0;
        let text = entities::decode(&decoded);
        let text = bidi::overridden(&text).map_or(text, Into::into);
        let start = self.text.len();
        self.text.push_str(&text);
        if text.chars().all(char::is_whitespace) {
            self.end_sentence(ends);
            return;
        }
        let piece = Piece {
            bytes: at..at + raw.len(),
            text: start..self.text.len(),
            ends,
        };
        if self.pieces.len() < MAX_PIECES {
            self.pieces.push(piece);
        } else if let Some(last) = self.pieces.last_mut() {
            last.bytes.end = piece.bytes.end;
            last.text.end = piece.text.end;
            last.ends = ends;
        }
    }

    /// Whether the last piece ends with a sentence mark (see [`sentence_ends`]).
    fn ends_with_stop(&self) -> bool {
        self.pieces.last().is_some_and(|p| {
            let text = self.text.get(p.text.clone()).unwrap_or_default();
            text.ends_with(['.', '!', '?', '|', '•'])
        })
    }

    /// A sentence ends here (after the last piece).
    fn end_sentence(&mut self, ends: bool) {
        if ends && let Some(last) = self.pieces.last_mut() {
            last.ends = true;
        }
    }

    /// Reads the markup at `at` (a `<`); returns where it ends.
    fn markup(
        &mut self,
        bytes: &[u8],
        at: usize,
        open: &mut Vec<Opened>,
        encoding: &'static encoding_rs::Encoding,
    ) -> usize {
        let rest = &bytes[at..];
        if let Some(c) = rest.strip_prefix(b"<!--") {
            let len = if c.starts_with(b">") || c.starts_with(b"->") {
                4 + c.iter().position(|&b| b == b'>').unwrap_or(0) + 1
            } else {
                memchr::memmem::find(c, b"-->").map_or(rest.len(), |e| 4 + e + 3)
            };
            return at + len;
        }
        // A CDATA section is text in SVG and MathML (`<text><![CDATA[…]]></text>`); in
        // HTML it is a bogus comment, read as text all the same (it only adds words).
        if let Some(c) = rest.strip_prefix(b"<![CDATA[") {
            let len = memchr::memmem::find(c, b"]]>").unwrap_or(c.len());
            self.piece(&c[..len], at + 9, encoding);
            return (at + 9 + len + 3).min(bytes.len());
        }
        let end = |r: &[u8]| tag_end(r).map_or(bytes.len(), |e| at + e);
        match rest.get(1) {
            Some(b'!' | b'?') => end(rest),
            Some(b'/') if rest.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                let to = end(rest);
                self.close(&name_at(&rest[2..]), at, to, open);
                to
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let to = end(rest);
                let name = name_at(&rest[1..]);
                if !self.code && self_hidden::hides_itself(&bytes[at..to], &name, encoding) {
                    self.stub(at, &name);
                    // Drawn as nothing: no break, no text (`N<i hidden>q</i>hà` reads "Nhà").
                    return match VOID.contains(&name.as_str()) {
                        true => to,
                        false => self_hidden::skip_nested(bytes, to, &name),
                    };
                }
                self.start(&bytes[at..to], at, open, encoding);
                let shadow = self.layout && name == "template" && is_shadow_root(&bytes[at..to]);
                if !self.code && !shadow && skipped(&name) {
                    // Not open past its end tag (its content is skipped).
                    if self.layout && open.last().is_some_and(|o| o.1 == at) {
                        open.pop();
                        self.stub(at, &name);
                    }
                    return skip_element(bytes, to, &name);
                }
                to
            }
            _ => {
                self.text.push('<');
                at + 1
            }
        }
    }

    fn start(
        &mut self,
        tag: &[u8],
        at: usize,
        open: &mut Vec<Opened>,
        encoding: &'static encoding_rs::Encoding,
    ) {
        let name = name_at(&tag[1..]);
        let void = VOID.contains(&name.as_str());
        let attrs = &tag[1 + name.len().min(tag.len() - 1)..];
        let joining = (is_joining(&name) && !positioned(&name, attrs))
            || (!void
                && (self.inline.binary_search(&at).is_ok()
                    || inline_display::own(tag, &name, encoding)));
        if !joining {
            self.text.push(' ');
            self.end_sentence(true);
        }
        // An image map's `area` is never drawn, its `alt` never shown: it is judged with
        // the link it carries (and read the same in report and enforce mode).
        let shown = name != "area";
        for (n, value) in rawtag::Attrs(attrs).map_while(|a| a) {
            if shown && (n.eq_ignore_ascii_case(b"alt") || n.eq_ignore_ascii_case(b"title")) {
                let v = encoding.decode_without_bom_handling(value).0;
                self.text.push(' ');
                self.text.push_str(&entities::decode(&v));
                self.text.push(' ');
            }
        }
        if void {
            self.stub(at, &name);
        }
        if !void && open.len() < MAX_NEST {
            let how = bidi::of_tag(&name, attrs);
            open.push((name, at, self.text.len(), how, joining));
        }
    }

    fn close(&mut self, name: &str, at: usize, to: usize, open: &mut Vec<Opened>) {
        let pos = open.iter().rposition(|(n, ..)| n == name);
        let joining = pos.map_or_else(|| is_joining(name), |p| open[p].4);
        if !joining {
            self.text.push(' ');
            self.end_sentence(true);
        } else if name == "a" {
            // A link's text is a sentence of its own for the lexicon (U+2029 breaks one):
            // a planted link's slogan must not run on into the news after it.
            self.text.push_str(" \u{2029} ");
        }
        let Some(pos) = pos else {
            return;
        };
        let (name, from, text, how, _) = open.swap_remove(pos);
        // Closed implicitly by this end tag: units of the drawn reading, up to here.
        for (n, f, t, _, _) in open.drain(pos..).rev().collect::<Vec<_>>() {
            if self.layout {
                self.unit(n, f..at, t);
            }
        }
        if let Some(how) = how {
            self.reorder(text, how);
        }
        self.unit(name, from..to.max(at), text);
    }

    fn stub(&mut self, at: usize, name: &str) {
        if self.layout && self.stubs.len() < MAX_LAYOUT_UNITS {
            self.stubs.push((at, name.to_string()));
        }
    }

    /// Lists an element closed at the end of `bytes`, its text from `text` on.
    fn unit(&mut self, name: String, bytes: Range<usize>, text: usize) {
        let max = if self.layout {
            MAX_LAYOUT_UNITS
        } else {
            MAX_UNITS
        };
        if self.units.len() < max {
            self.units.push(Unit {
                name,
                bytes,
                text: text..self.text.len(),
            });
        }
    }

    /// The text from `from` as drawn (see `bidi`); flex items only outside the drawn
    /// reading, which orders them itself.
    fn reorder(&mut self, from: usize, how: bidi::Reorder) {
        if self.layout && how == bidi::Reorder::Items {
            return;
        }
        let children: Vec<Range<usize>> = self.units.iter().map(|u| u.text.clone()).collect();
        bidi::apply(&mut self.text, from, &children, how);
    }
}

#[cfg(test)]
#[path = "rendered_tests.rs"]
mod tests;
