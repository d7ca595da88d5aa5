//! Stage 6 (planted spam, threat A5): the CSS properties and HTML attributes that put an
//! element's text somewhere else on screen than its place in the source, read into one
//! small value ([`Layout`]) for the drawn reading of a block (`layout_order`,
//! `layout_read`).
//!
//! What is read: flex `order`, `flex-direction`/`flex-flow` reversed, `direction: rtl` and
//! `dir=rtl`, `writing-mode: vertical-rl`, grid placement (`grid-area`, `grid-row`,
//! `grid-column` and their `-start` forms, named areas of `grid-template-areas`, the track
//! counts of `grid-template-columns`/`-rows`, `grid-auto-flow: column`), `float`,
//! `position` with `left`/`right`/`top`/`bottom`/`inset` (logical forms too), `transform`
//! and `translate` shifts, negative margins (with the element's other margins), `flex-wrap:
//! wrap-reverse`, `grid-auto-flow: dense`, and the declarative shadow DOM (`<template shadowrootmode>`,
//! `<slot name>`, `slot=`). Lengths are turned into pixels by fixed ratios (a `ch` is 8,
//! an `em` 16, a percent 10): only their order matters.
//!
//! Security note: this is read only to ADD a reading of a block; a value not understood
//! here (an unresolved `var()`, `min()`) is left out, and the element keeps its place; a
//! `calc()` of numbers and lengths is worked out (`layout_values::calc`).

use super::css_decls;
use super::layout_nth::Nth;
pub(crate) use super::layout_values::length;
use super::layout_values::{
    areas, calc, grid_area, inset, line, pair, strip_strings, tracks, transform,
};

/// The named areas of a grid, row by row.
pub(crate) type Areas = Box<[Box<[Box<str>]>]>;

/// Where an element is taken out of the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    Static,
    Relative,
    Absolute,
}

/// The layout of one element, as far as it moves text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layout {
    pub(crate) order: Option<i32>,
    /// Its items drawn last first (`row-reverse`, `column-reverse`).
    pub(crate) reverse: Option<bool>,
    pub(crate) rtl: Option<bool>,
    pub(crate) vertical_rl: Option<bool>,
    /// Grid: items flow down the columns.
    pub(crate) column_flow: Option<bool>,
    pub(crate) columns: Option<u16>,
    pub(crate) rows: Option<u16>,
    /// Grid: the named areas, row by row.
    pub(crate) areas: Option<Areas>,
    /// Grid item: its named area.
    pub(crate) area: Option<Box<str>>,
    pub(crate) row: Option<i16>,
    pub(crate) col: Option<i16>,
    /// `float`: `Some(true)` right, `Some(false)` left.
    pub(crate) float_right: Option<bool>,
    pub(crate) position: Option<Position>,
    pub(crate) left: Option<f32>,
    pub(crate) right: Option<f32>,
    pub(crate) top: Option<f32>,
    pub(crate) bottom: Option<f32>,
    pub(crate) shift: Option<(f32, f32)>,
    /// `<template shadowrootmode>`: the element around it is drawn from it.
    pub(crate) shadow: bool,
    /// `<slot name>` (the empty name for the default slot).
    pub(crate) slot_name: Option<Box<str>>,
    /// `slot=`: the slot of the shadow tree it is drawn in.
    pub(crate) slot: Option<Box<str>>,
    /// Its own left and right margins, kept when one pulls it back (at most [`PULL`]): a
    /// negative margin draws it over the items before it.
    pub(crate) margin: Option<(f32, f32)>,
    /// `flex-wrap: wrap-reverse`: its lines stacked bottom up.
    pub(crate) wrap_reverse: Option<bool>,
    /// Grid: `grid-auto-flow: dense`, items placed in the first free cell.
    pub(crate) dense: Option<bool>,
    /// What the page's rules by structural pseudo-classes (`:nth-child(2n)`,
    /// `:last-of-type`) say, in sheet order, each with the conditions on its place among
    /// its siblings (`layout_nth`; none: always, as its own `style=` after them). Resolved
    /// when the block is read (`layout_read`).
    pub(crate) cond: Vec<(Box<[Nth]>, Layout)>,
    /// A property that moves text has a value not read here (`calc()`, an unresolved
    /// `var()`), or its rule applies to some siblings only (`:nth-child()`): the element
    /// is placed somewhere not known.
    pub(crate) unknown: bool,
}

macro_rules! take {
    ($self:ident, $o:ident, $($f:ident),*) => { $( if $o.$f.is_some() { $self.$f = $o.$f.clone(); } )* };
}

impl Layout {
    /// `other` declared later (or by the element's own `style=`): its values win.
    pub(crate) fn merge(&mut self, o: &Layout) {
        take!(
            self,
            o,
            order,
            reverse,
            rtl,
            vertical_rl,
            column_flow,
            columns,
            rows,
            areas,
            area,
            row,
            col,
            float_right,
            position,
            left,
            right,
            top,
            bottom,
            shift,
            slot_name,
            slot,
            margin,
            wrap_reverse,
            dense
        );
        self.cond.extend(o.cond.iter().cloned());
        self.shadow |= o.shadow;
        self.unknown |= o.unknown;
    }

    /// Whether anything here may move text.
    pub(crate) fn moves(&self) -> bool {
        *self != Layout::default()
    }
}

/// The layout a declaration list gives, if it names any property read here.
pub(crate) fn of_decls(css: &str) -> Option<Layout> {
    let plain = css.to_ascii_lowercase();
    const NAMES: &[&str] = &[
        "order",
        "reverse",
        "direction",
        "writing",
        "grid",
        "float",
        "left",
        "right",
        "top",
        "bottom",
        "inset",
        "transl",
        "\\",
        "/*",
    ];
    let pulls = plain.contains("margin") && negative(&plain);
    if !pulls && !NAMES.iter().any(|n| plain.contains(n)) {
        return None;
    }
    let mut l = Layout::default();
    let mut margin = (None, None);
    for (p, v) in css_decls::declarations(css) {
        if p.starts_with("margin") {
            margins(&mut margin, &p, v.trim());
            continue;
        }
        if v.contains(css_decls::UNRESOLVED) {
            l.unknown |= PLACING.contains(&p.as_str());
            continue;
        }
        read(&mut l, &p, v.trim());
        l.unknown |= PLACING.contains(&p.as_str()) && !placed(&l, &p, v.trim());
    }
    let (ml, mr) = (margin.0.unwrap_or(0.0), margin.1.unwrap_or(0.0));
    if ml <= -PULL || mr <= -PULL {
        l.margin = Some((ml, mr));
    }
    l.moves().then_some(l)
}

/// How far a negative margin must pull an item before it is read as moving it (less is a
/// border's overlap, a gutter): two characters.
pub(crate) const PULL: f32 = 16.0;

/// The left and right margins a declaration list gives, when one is not zero.
pub(crate) fn margin_of(css: &str) -> Option<(f32, f32)> {
    if !css.contains("margin") {
        return None;
    }
    let mut m = (None, None);
    for (p, v) in css_decls::declarations(css) {
        if p.starts_with("margin") {
            margins(&mut m, &p, v.trim());
        }
    }
    let m = (m.0.unwrap_or(0.0), m.1.unwrap_or(0.0));
    (m != (0.0, 0.0)).then_some(m)
}

/// Whether `css` has a negative number.
fn negative(css: &str) -> bool {
    css.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'-' && (w[1].is_ascii_digit() || w[1] == b'.'))
}

/// The left and right margins of `p: v` (`margin`, `margin-left`, `margin-inline`…).
fn margins(m: &mut (Option<f32>, Option<f32>), p: &str, v: &str) {
    let parts: Vec<Option<f32>> = v.split_whitespace().map(length).collect();
    let at = |i: usize| parts.get(i).copied().flatten();
    match p {
        "margin-left" | "margin-inline-start" => m.0 = length(v),
        "margin-right" | "margin-inline-end" => m.1 = length(v),
        "margin-inline" => *m = (at(0), at(1).or(at(0))),
        "margin" => {
            *m = match parts.len() {
                1 => (at(0), at(0)),
                2 | 3 => (at(1), at(1)),
                _ => (at(3), at(1)),
            }
        }
        _ => {}
    }
}

/// The properties that place one item; a value of theirs not read is a place not known.
const PLACING: &[&str] = &[
    "order",
    "left",
    "right",
    "top",
    "bottom",
    "grid-area",
    "grid-row",
    "grid-column",
    "grid-row-start",
    "grid-column-start",
    "transform",
    "translate",
];

/// Whether `p: v` was read into `l` (or says "no place": `auto`, `none`, a `span`).
fn placed(l: &Layout, p: &str, v: &str) -> bool {
    if matches!(
        v,
        "auto" | "none" | "initial" | "unset" | "inherit" | "static"
    ) || v.starts_with("span")
    {
        return true;
    }
    match p {
        "order" => l.order.is_some(),
        "left" => l.left.is_some(),
        "right" => l.right.is_some(),
        "top" => l.top.is_some(),
        "bottom" => l.bottom.is_some(),
        "grid-area" => l.row.is_some() || l.area.is_some(),
        "grid-row" | "grid-row-start" => l.row.is_some(),
        "grid-column" | "grid-column-start" => l.col.is_some(),
        _ => l.shift.is_some() || !v.contains("translate"),
    }
}

fn read(l: &mut Layout, p: &str, v: &str) {
    match p {
        "order" | "-webkit-order" | "-ms-flex-order" => {
            l.order = v.parse().ok().or_else(|| {
                let x = calc(v)?.round();
                (x.abs() < 1e9).then_some(x as i32)
            })
        }
        "flex-direction" | "flex-flow" | "-webkit-flex-direction" | "-webkit-flex-flow" => {
            l.reverse = Some(
                v.split_whitespace()
                    .any(|w| w.ends_with("-reverse") && w != "wrap-reverse"),
            );
            if p.ends_with("flow") {
                l.wrap_reverse = Some(v.split_whitespace().any(|w| w == "wrap-reverse"));
            }
        }
        "flex-wrap" | "-webkit-flex-wrap" => l.wrap_reverse = Some(v == "wrap-reverse"),
        "-webkit-box-direction" => l.reverse = Some(v == "reverse"),
        "direction" => l.rtl = Some(v == "rtl"),
        "writing-mode" | "-webkit-writing-mode" => {
            l.vertical_rl = Some(matches!(v, "vertical-rl" | "sideways-rl" | "tb-rl" | "tb"));
        }
        "grid-auto-flow" => {
            l.column_flow = Some(v.contains("column"));
            l.dense = Some(v.contains("dense"));
        }
        "grid-template-columns" => l.columns = tracks(v),
        "grid-template-rows" => l.rows = tracks(v),
        "grid-template-areas" | "grid-template" | "grid" => {
            l.areas = areas(v);
            if p != "grid-template-areas"
                && let Some((rows, cols)) = v.split_once('/')
            {
                l.columns = tracks(cols);
                l.rows = l.rows.or_else(|| tracks(&strip_strings(rows)));
            }
        }
        "grid-area" => grid_area(l, v),
        "grid-row" | "grid-row-start" => l.row = line(v),
        "grid-column" | "grid-column-start" => l.col = line(v),
        "float" => {
            l.float_right = match v {
                "right" | "inline-end" => Some(true),
                "left" | "inline-start" | "none" => Some(false),
                _ => None,
            }
        }
        "position" => {
            l.position = Some(match v {
                "absolute" | "fixed" => Position::Absolute,
                "relative" | "sticky" => Position::Relative,
                _ => Position::Static,
            })
        }
        "left" | "inset-inline-start" => l.left = length(v),
        "right" | "inset-inline-end" => l.right = length(v),
        "top" | "inset-block-start" => l.top = length(v),
        "bottom" | "inset-block-end" => l.bottom = length(v),
        "inset" => inset(l, v),
        "transform" | "-webkit-transform" | "-ms-transform" => l.shift = transform(v),
        "translate" => l.shift = pair(v),
        _ => {}
    }
}

#[cfg(test)]
#[path = "layout_props_tests.rs"]
mod tests;
