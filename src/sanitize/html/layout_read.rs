//! Stage 6 (planted spam, threat A5): a block's text in the order the page's layout draws
//! it, for the spam-block judge (`spam_block::reorder`). A slogan whose words, syllables
//! or letters stand shuffled in the source is put back in order on screen by flex `order`,
//! reversed or right-to-left boxes, grid cells, floats, offsets (`layout_order`) or the
//! named slots of a declarative shadow root; no reading of the source in order finds it.
//!
//! The held run is read as rendered (`rendered::read_layout`), its elements made a tree,
//! and each element's items (child elements and the bare text between them) put in the
//! order drawn; the elements whose order changed are listed with their drawn text. Each
//! text comes in two readings: items joined as the source spaces them (letters placed side
//! by side make a word, a gap between them a space), and every item apart (flex and grid
//! items are boxes of their own).
//!
//! The page's rules by structural pseudo-classes (`:nth-child()`) are resolved here, from
//! each element's place among its siblings (`layout_nth`).
//!
//! Security notes:
//! - Only an extra reading: the caller adds a verdict from it, never removes one.
//! - A shadow host draws its shadow tree: the light children assigned to no slot are not
//!   read, as they are not shown.
//! - Bounded: the run is held output, its elements at most `rendered::MAX_LAYOUT_UNITS`,
//!   nested at most as deep as `rendered` follows them.

use std::ops::Range;

use super::layout_nth;
use super::layout_order::{self, Item};
use super::layout_props::Layout;
use super::rendered::{self, Rendered, Unit};

/// The drawn readings of a run.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// The run's text as drawn: joined as the source spaces it, and every item apart.
    pub(crate) whole: [String; 2],
    /// The elements whose items are drawn in another order: their bytes in the run and
    /// their text as drawn.
    pub(crate) moved: Vec<(Range<usize>, [String; 2])>,
    /// The elements whose items are placed in an order not known here (`Layout::unknown`):
    /// their bytes in the run and their items' texts, for an order-free reading.
    pub(crate) bags: Vec<(Range<usize>, Vec<String>)>,
}

/// Reads `bytes` as drawn; `inline` as for `rendered::read_joined`, `marks` the layouts of
/// the elements starting at those offsets (ascending), `gone` the elements cut before from
/// where they stood (offset and name: still counted among their siblings). `None` when
/// nothing is moved.
pub(crate) fn read(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    inline: Vec<usize>,
    marks: &[(usize, Layout)],
    gone: Vec<(usize, String)>,
) -> Option<Reading> {
    let mut r = rendered::read_layout(bytes, encoding, inline);
    if !gone.is_empty() {
        r.stubs.extend(gone);
        r.stubs.sort_by_key(|s| s.0);
    }
    let mut units: Vec<&Unit> = r.units.iter().collect();
    units.sort_by_key(|u| (u.bytes.start, std::cmp::Reverse(u.bytes.end)));
    let tree = Tree::new(&r, units, marks, bytes);
    let mut out = Reading::default();
    out.whole = tree.compose(None, None, &mut out);
    (!out.moved.is_empty() || !out.bags.is_empty()).then_some(out)
}

struct Tree<'a> {
    r: &'a Rendered,
    units: Vec<&'a Unit>,
    layouts: Vec<Option<Layout>>,
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
}

/// The most words of one item of an order-free reading.
const BAG_WORDS: usize = 3;
/// How many items an order-free reading takes.
const BAG_MIN: usize = 3;
const BAG_MAX: usize = 32;

/// The readings of a shadow host's light children, by slot name.
type Slots = Vec<(Box<str>, [String; 2])>;

impl<'a> Tree<'a> {
    fn new(
        r: &'a Rendered,
        units: Vec<&'a Unit>,
        marks: &'a [(usize, Layout)],
        bytes: &[u8],
    ) -> Self {
        let mut layouts: Vec<Option<Layout>> = units
            .iter()
            .map(|u| {
                let noted = marks
                    .binary_search_by_key(&u.bytes.start, |m| m.0)
                    .ok()
                    .map(|i| &marks[i].1);
                let tag = bytes.get(u.bytes.start..u.bytes.end).unwrap_or_default();
                shadow_parts(noted, &u.name, tag)
            })
            .collect();
        if layouts.iter().flatten().any(|l| !l.cond.is_empty()) {
            let keyed: Vec<(Range<usize>, &str)> = units
                .iter()
                .map(|u| (u.bytes.clone(), u.name.as_str()))
                .collect();
            let places = layout_nth::places(&keyed, &r.stubs);
            for (l, p) in layouts.iter_mut().zip(&places) {
                if let Some(lay) = l {
                    for (nths, c) in std::mem::take(&mut lay.cond) {
                        if nths.iter().all(|n| n.matches(p)) {
                            lay.merge(&c);
                        }
                    }
                    if !lay.moves() {
                        *l = None;
                    }
                }
            }
        }
        let mut children = vec![Vec::new(); units.len()];
        let mut roots = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for (i, u) in units.iter().enumerate() {
            while let Some(&top) = stack.last() {
                let t = &units[top];
                if t.bytes.start <= u.bytes.start && u.bytes.end <= t.bytes.end {
                    break;
                }
                stack.pop();
            }
            match stack.last() {
                Some(&top) => children[top].push(i),
                None => roots.push(i),
            }
            stack.push(i);
        }
        Tree {
            r,
            units,
            layouts,
            children,
            roots,
        }
    }

    /// The element `node` (the whole run for `None`) as drawn; inside a shadow tree,
    /// `slots` draws its slots.
    fn compose(
        &self,
        node: Option<usize>,
        slots: Option<&Slots>,
        out: &mut Reading,
    ) -> [String; 2] {
        let of = node.and_then(|n| self.layouts[n].as_ref());
        let kids = node.map_or(&self.roots, |n| &self.children[n]);
        let span = node.map_or(0..self.r.text.len(), |n| self.units[n].text.clone());
        if slots.is_none()
            && let Some(&t) = kids
                .iter()
                .find(|&&k| self.layouts[k].as_ref().is_some_and(|l| l.shadow))
        {
            return self.shadow_host(node, t, out);
        }
        let mut items = Items::default();
        let mut cursor = span.start;
        for &k in kids {
            let u = self.units[k];
            items.gap(self.text(cursor, u.text.start));
            let l = self.layouts[k].as_ref();
            let drawn = match (slots, l.and_then(|l| l.slot_name.as_deref())) {
                (Some(slots), Some(name)) if slots.iter().any(|(n, _)| &**n == name) => {
                    let mine = slots.iter().filter(|(n, _)| &**n == name);
                    let joined = mine.clone().map(|(_, r)| r[0].as_str()).collect();
                    let apart: Vec<&str> = mine.map(|(_, r)| r[1].as_str()).collect();
                    [joined, apart.join(" ")]
                }
                _ => self.compose(Some(k), slots, out),
            };
            items.push(drawn, l);
            cursor = cursor.max(u.text.end);
        }
        items.gap(self.text(cursor, span.end));
        let sizes: Vec<Item<'_>> = items
            .list
            .iter()
            .map(|(t, l)| Item {
                layout: *l,
                chars: width(&t[0]),
            })
            .collect();
        self.bag(node, &items, out);
        let Some(d) = layout_order::drawn(of, &sizes) else {
            return items.in_order();
        };
        let drawn = items.drawn(&d);
        out.moved.push((self.bytes_of(node), drawn.clone()));
        drawn
    }

    /// Items placed in an order not known here: listed for an order-free reading when
    /// there are enough of them and each is short (pieces of a slogan, not a layout).
    fn bag(&self, node: Option<usize>, items: &Items<'_>, out: &mut Reading) {
        let unknown = items
            .list
            .iter()
            .filter(|(_, l)| l.is_some_and(|l| l.unknown))
            .count();
        let short = |t: &String| t.split_whitespace().nth(BAG_WORDS).is_none();
        if unknown >= 2
            && (BAG_MIN..=BAG_MAX).contains(&items.list.len())
            && items.list.iter().all(|(t, _)| short(&t[1]))
            && out.bags.len() < BAG_MAX
        {
            let texts = items
                .list
                .iter()
                .map(|(t, _)| t[1].trim().to_string())
                .collect();
            out.bags.push((self.bytes_of(node), texts));
        }
    }

    fn text(&self, a: usize, b: usize) -> &str {
        self.r.text.get(a..b.max(a)).unwrap_or_default()
    }

    /// The bytes of `node` in the run (the whole run for `None`).
    fn bytes_of(&self, node: Option<usize>) -> Range<usize> {
        node.map_or(0..usize::MAX, |n| self.units[n].bytes.clone())
    }

    /// A shadow host (`template` is its declarative shadow root): the shadow tree drawn,
    /// its slots filled with the light children (the bare text and the children without
    /// `slot=` in the default one).
    fn shadow_host(&self, node: Option<usize>, template: usize, out: &mut Reading) -> [String; 2] {
        let kids = node.map_or(&self.roots, |n| &self.children[n]);
        let span = node.map_or(0..self.r.text.len(), |n| self.units[n].text.clone());
        let mut slots: Slots = Vec::new();
        let mut cursor = span.start;
        let bare = |t: &str, slots: &mut Slots| {
            if !t.trim().is_empty() {
                slots.push(("".into(), [t.to_string(), t.to_string()]));
            }
        };
        for &k in kids {
            let u = self.units[k];
            bare(self.text(cursor, u.text.start), &mut slots);
            cursor = cursor.max(u.text.end);
            if k != template {
                let name = self.layouts[k].as_ref().and_then(|l| l.slot.clone());
                let drawn = self.compose(Some(k), None, out);
                slots.push((name.unwrap_or_default(), drawn));
            }
        }
        bare(self.text(cursor, span.end), &mut slots);
        let drawn = self.compose(Some(template), Some(&slots), out);
        out.moved.push((self.bytes_of(node), drawn.clone()));
        drawn
    }
}

/// The items of one element: its child elements' readings and its bare text, with whether
/// the source has a blank before or after each.
#[derive(Default)]
struct Items<'a> {
    list: Vec<([String; 2], Option<&'a Layout>)>,
    blank_before: Vec<bool>,
    blank_after: Vec<bool>,
    pending_blank: bool,
}

impl<'a> Items<'a> {
    fn gap(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if t.trim().is_empty() {
            if let Some(b) = self.blank_after.last_mut() {
                *b = true;
            }
            self.pending_blank = true;
            return;
        }
        self.push([t.to_string(), t.to_string()], None);
    }

    fn push(&mut self, t: [String; 2], l: Option<&'a Layout>) {
        self.list.push((t, l));
        self.blank_before
            .push(std::mem::take(&mut self.pending_blank));
        self.blank_after.push(false);
    }

    fn in_order(&self) -> [String; 2] {
        let mut out = [String::new(), String::new()];
        for (k, (t, _)) in self.list.iter().enumerate() {
            for (o, t) in out.iter_mut().zip(t) {
                if self.blank_before[k] {
                    o.push(' ');
                }
                o.push_str(t);
            }
        }
        if self.pending_blank {
            out.iter_mut().for_each(|o| o.push(' '));
        }
        out
    }

    fn drawn(&self, d: &layout_order::Drawn) -> [String; 2] {
        let mut out = [String::new(), String::new()];
        for (n, &k) in d.order.iter().enumerate() {
            // Blanks between two items of the source, not at its ends.
            let last = self.list.len() - 1;
            let blank = (k > 0 && self.blank_before[k]) || (k < last && self.blank_after[k]);
            if n > 0 {
                if d.apart[n] || (blank && !d.boxes) {
                    out[0].push(' ');
                }
                out[1].push(' ');
            }
            // A grid cell's edges draw no blank; a cell of blanks only (a no-break space,
            // read as a blank) draws one.
            let joined = self.list[k].0[0].as_str();
            let edges = |c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
            out[0].push_str(match joined.trim_matches(edges) {
                "" if d.boxes && !joined.is_empty() => " ",
                t if d.boxes => t,
                _ => joined,
            });
            out[1].push_str(&self.list[k].0[1]);
        }
        out
    }
}

/// How many characters `text` draws: runs of collapsible white space draw one.
fn width(text: &str) -> usize {
    let mut n = 0;
    let mut blank = false;
    for c in text.chars() {
        let collapsible = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
        if !(collapsible && blank) {
            n += 1;
        }
        blank = collapsible;
    }
    n
}

/// The noted layout of an element, with what its start tag (at the start of `tag`) says
/// of the shadow DOM: a shadow root's template, a slot's name, the slot it is drawn in.
/// Read from the held bytes: a template is held as never rendered (`hidden`), and the
/// elements inside it are not noted.
fn shadow_parts(noted: Option<&Layout>, name: &str, tag: &[u8]) -> Option<Layout> {
    let end = super::held_text::tag_end(tag).unwrap_or(tag.len());
    let attrs = tag.get(1 + name.len()..end).unwrap_or_default();
    let mut l = noted.cloned().unwrap_or_default();
    for (n, v) in super::rawtag::Attrs(attrs).map_while(|a| a) {
        let value = || String::from_utf8_lossy(v).trim().into();
        if name == "template"
            && (n.eq_ignore_ascii_case(b"shadowrootmode") || n.eq_ignore_ascii_case(b"shadowroot"))
        {
            l.shadow = true;
        } else if name == "slot" && n.eq_ignore_ascii_case(b"name") {
            l.slot_name = Some(value());
        } else if n.eq_ignore_ascii_case(b"slot") {
            l.slot = Some(value());
        }
    }
    if name == "slot" && l.slot_name.is_none() {
        l.slot_name = Some("".into());
    }
    l.moves().then_some(l)
}

#[cfg(test)]
#[path = "layout_read_tests.rs"]
mod tests;
