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
//! and `translate` shifts, and the declarative shadow DOM (`<template shadowrootmode>`,
//! `<slot name>`, `slot=`). Lengths are turned into pixels by fixed ratios (a `ch` is 8,
//! an `em` 16, a percent 10): only their order matters.
//!
//! Security note: this is read only to ADD a reading of a block; a value not understood
//! here (`calc()`, an unresolved `var()`) is left out, and the element keeps its place.

use super::css_decls;

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
            slot
        );
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
    if !NAMES.iter().any(|n| plain.contains(n)) {
        return None;
    }
    let mut l = Layout::default();
    for (p, v) in css_decls::declarations(css) {
        if v.contains(css_decls::UNRESOLVED) {
            l.unknown |= PLACING.contains(&p.as_str());
            continue;
        }
        read(&mut l, &p, v.trim());
        l.unknown |= PLACING.contains(&p.as_str()) && !placed(&l, &p, v.trim());
    }
    l.moves().then_some(l)
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
        "order" | "-webkit-order" | "-ms-flex-order" => l.order = v.parse().ok(),
        "flex-direction" | "flex-flow" | "-webkit-flex-direction" | "-webkit-flex-flow" => {
            l.reverse = Some(
                v.split_whitespace()
                    .any(|w| w.ends_with("-reverse") && w != "wrap-reverse"),
            );
        }
        "-webkit-box-direction" => l.reverse = Some(v == "reverse"),
        "direction" => l.rtl = Some(v == "rtl"),
        "writing-mode" | "-webkit-writing-mode" => {
            l.vertical_rl = Some(matches!(v, "vertical-rl" | "sideways-rl" | "tb-rl" | "tb"));
        }
        "grid-auto-flow" => l.column_flow = Some(v.contains("column")),
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

/// A length in pixels by fixed ratios; `None` when not a plain length.
pub(crate) fn length(v: &str) -> Option<f32> {
    let v = v.trim();
    let at = v
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(v.len());
    let n: f32 = v[..at].parse().ok()?;
    let scale = match &v[at..] {
        "" | "px" => 1.0,
        "ch" | "ex" | "vh" | "vmin" => 8.0,
        "em" | "rem" | "pc" => 16.0,
        "%" | "vw" | "vmax" => 10.0,
        "pt" => 4.0 / 3.0,
        "in" => 96.0,
        "cm" => 37.8,
        "mm" => 3.78,
        "q" => 0.945,
        _ => return None,
    };
    Some(n * scale).filter(|x| x.is_finite())
}

/// Two lengths (`x [y]`, by spaces or a comma).
fn pair(v: &str) -> Option<(f32, f32)> {
    let mut it = v
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty());
    let x = length(it.next()?)?;
    let y = it.next().map_or(Some(0.0), length)?;
    Some((x, y))
}

/// The sum of the `translate` functions of a `transform` value.
fn transform(v: &str) -> Option<(f32, f32)> {
    let mut total = (0.0, 0.0);
    let mut any = false;
    let mut rest = v;
    while let Some(open) = rest.find('(') {
        let name = rest[..open].trim().rsplit(' ').next().unwrap_or("");
        let len = css_decls::closing(&rest[open + 1..])?;
        let args = &rest[open + 1..open + 1 + len];
        let (x, y) = match name {
            "translate" | "translate3d" => pair(
                args.rsplit_once(',')
                    .filter(|_| name == "translate3d")
                    .map_or(args, |(a, _)| a),
            )?,
            "translatex" => (length(args)?, 0.0),
            "translatey" => (0.0, length(args)?),
            _ => (0.0, 0.0),
        };
        any |= name.starts_with("translate");
        total = (total.0 + x, total.1 + y);
        rest = &rest[open + 1 + len + 1..];
    }
    any.then_some(total)
}

fn inset(l: &mut Layout, v: &str) {
    let parts: Vec<Option<f32>> = v.split_whitespace().map(length).collect();
    let at = |i: usize| parts.get(i).copied().flatten();
    let (t, r, b, lf) = match parts.len() {
        1 => (at(0), at(0), at(0), at(0)),
        2 => (at(0), at(1), at(0), at(1)),
        3 => (at(0), at(1), at(2), at(1)),
        _ => (at(0), at(1), at(2), at(3)),
    };
    (l.top, l.right, l.bottom, l.left) = (t, r, b, lf);
}

/// How many tracks a track list names (`repeat(5, 1fr)`, `100px 1fr [x] 2fr`).
fn tracks(v: &str) -> Option<u16> {
    let mut n: u32 = 0;
    let mut rest = v.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("repeat(") {
            let len = css_decls::closing(r)?;
            let (count, what) = r[..len].split_once(',')?;
            n += count.trim().parse::<u32>().ok()? * tracks(what)?.max(1) as u32;
            rest = r[len + 1..].trim_start();
        } else if let Some(r) = rest.strip_prefix('[') {
            rest = r.split_once(']').map_or("", |(_, t)| t).trim_start();
        } else {
            let end = token_end(rest);
            n += 1;
            rest = rest[end..].trim_start();
        }
    }
    u16::try_from(n).ok().filter(|n| *n > 0)
}

/// The end of one track (a word, or a function with its arguments).
fn token_end(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 => return i,
            _ => {}
        }
    }
    s.len()
}

/// The rows of named areas: every quoted string of the value.
fn areas(v: &str) -> Option<Areas> {
    let rows: Vec<Box<[Box<str>]>> = v
        .split(['"', '\''])
        .skip(1)
        .step_by(2)
        .take(64)
        .map(|row| row.split_whitespace().take(64).map(Into::into).collect())
        .collect();
    (!rows.is_empty()).then(|| rows.into())
}

fn strip_strings(v: &str) -> String {
    v.split(['"', '\''])
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A grid line: an integer, or the first integer of `a / b`; `span` is no place.
fn line(v: &str) -> Option<i16> {
    let first = v.split('/').next()?.trim();
    first.parse().ok()
}

fn grid_area(l: &mut Layout, v: &str) {
    let parts: Vec<&str> = v.split('/').map(str::trim).collect();
    match parts.first().map(|p| p.parse::<i16>()) {
        Some(Ok(r)) => {
            l.row = Some(r);
            l.col = parts.get(1).and_then(|c| c.parse().ok());
        }
        Some(Err(_)) if is_ident(parts[0]) => l.area = Some(parts[0].into()),
        _ => {}
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s != "auto"
        && !s.starts_with("span")
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
}

#[cfg(test)]
#[path = "layout_props_tests.rs"]
mod tests;
