//! Stage 6 (planted spam, threat A5): the order in which layout draws the items of one
//! element (its child elements and the bare text between them), from what `layout_props`
//! read of it and of them, for the drawn reading of a block (`layout_read`).
//!
//! In turn: flex `order` (a stable sort); reversed boxes (`row-reverse`,
//! `column-reverse`, `direction: rtl`, `writing-mode: vertical-rl`, each one flipping the
//! row); grid placement (explicit lines and named areas, the other items auto-placed in
//! the free cells, row by row or down the columns), read row by row; then the geometry of
//! floats and offsets (`float: right` stacking from the right edge, `position` with
//! `left`/`right`/`top`/`bottom`, `transform`/`translate` shifts, negative margins pulling
//! an item and the flow after it back), read line by line, left to right, an item's width
//! estimated from its characters. A grid packed `dense` places each item in the first free
//! cell; a flex box wrapped `wrap-reverse` is read one item a line, bottom up.
//!
//! Security note: the result is only ever an extra reading (a verdict may be added, never
//! taken away), so the estimates may be rough; bounded by the items given (the caller caps
//! them).

use super::layout_props::{Layout, Position};

/// One item of an element.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub(crate) layout: Option<&'a Layout>,
    /// How many characters it draws (its width, roughly).
    pub(crate) chars: usize,
}

/// The items in drawn order, and where the reading breaks a word between two of them.
#[derive(Debug, PartialEq)]
pub(crate) struct Drawn {
    pub(crate) order: Vec<usize>,
    /// Before each item of `order`: it is drawn apart from the one before (another line,
    /// or a gap).
    pub(crate) apart: Vec<bool>,
    /// The items are boxes of a grid, drawn side by side cell after cell: the blanks at
    /// their edges and between them in the source are not drawn (letters in adjacent
    /// cells make a word).
    pub(crate) boxes: bool,
}

/// The width of one character, in the pixels of `layout_props`.
const CHAR: f32 = 8.0;
/// The width and height of the box offsets are measured in.
const WIDTH: f32 = 1000.0;
const HEIGHT: f32 = 800.0;
/// Items whose tops are closer than this are on one line.
const LINE: f32 = 12.0;
/// A gap wider than this between two items breaks a word.
const GAP: f32 = 4.0;

/// The drawn order of `items` inside an element laid out as `of`; `None` when it is the
/// source order.
pub(crate) fn drawn(of: Option<&Layout>, items: &[Item<'_>]) -> Option<Drawn> {
    let mut seq: Vec<usize> = (0..items.len()).collect();
    let lay = |i: usize| items[i].layout;
    if seq
        .iter()
        .any(|&i| lay(i).is_some_and(|l| l.order.is_some()))
    {
        seq.sort_by_key(|&i| lay(i).and_then(|l| l.order).unwrap_or(0));
    }
    let flag = |f: fn(&Layout) -> Option<bool>| of.and_then(f).unwrap_or(false);
    let mut boxes = false;
    let rtl = flag(|l| l.rtl);
    let gridded = flag(|l| l.column_flow)
        || seq.iter().any(|&i| {
            lay(i).is_some_and(|l| l.row.is_some() || l.col.is_some() || l.area.is_some())
        });
    if gridded {
        seq = grid(of, items, &seq, rtl);
        boxes = true;
    } else if flag(|l| l.wrap_reverse) {
        // Lines stacked bottom up: read as one item a line (on one line, the source order
        // is the in-order reading's).
        seq.reverse();
    } else if flag(|l| l.reverse) ^ rtl ^ flag(|l| l.vertical_rl) {
        seq.reverse();
    }
    let placed = |l: &Layout| {
        l.float_right == Some(true)
            || l.shift.is_some()
            || l.margin.is_some()
            || (l.position.is_some_and(|p| p != Position::Static)
                && (l.left.is_some() || l.right.is_some() || l.top.is_some() || l.bottom.is_some()))
    };
    let mut apart = vec![false; seq.len()];
    if seq.iter().any(|&i| lay(i).is_some_and(placed)) {
        (seq, apart) = geometry(items, &seq);
    }
    let same = seq.iter().enumerate().all(|(k, &i)| k == i);
    (!same).then_some(Drawn {
        order: seq,
        apart,
        boxes,
    })
}

/// Grid placement: explicit cells first, the rest auto-placed in `seq` order; read row by
/// row (right to left in an `rtl` grid).
fn grid(of: Option<&Layout>, items: &[Item<'_>], seq: &[usize], rtl: bool) -> Vec<usize> {
    let areas = of.and_then(|l| l.areas.as_deref());
    let named = |name: &str| -> Option<(i32, i32)> {
        areas?.iter().enumerate().find_map(|(r, row)| {
            let c = row.iter().position(|a| &**a == name)?;
            Some((r as i32 + 1, c as i32 + 1))
        })
    };
    let explicit_cols = items
        .iter()
        .filter_map(|it| it.layout.and_then(|l| l.col))
        .max()
        .unwrap_or(1);
    let cols = of
        .and_then(|l| l.columns)
        .map(i32::from)
        .or_else(|| areas.and_then(|a| a.first()).map(|r| r.len() as i32))
        .unwrap_or(i32::from(explicit_cols))
        .clamp(1, 1024);
    let rows = of.and_then(|l| l.rows).map_or(1, i32::from).max(1);
    let column_flow = of.and_then(|l| l.column_flow).unwrap_or(false);
    let dense = of.and_then(|l| l.dense).unwrap_or(false);
    let norm = |n: i16, count: i32| {
        let n = i32::from(n);
        if n < 0 { count + 2 + n } else { n }.max(1)
    };
    let mut cell: Vec<Option<(i32, i32)>> = vec![None; items.len()];
    let mut taken = std::collections::HashSet::new();
    for &i in seq {
        let Some(l) = items[i].layout else { continue };
        let at = match (&l.area, l.row, l.col) {
            (Some(a), _, _) => named(a),
            (None, Some(r), Some(c)) => Some((norm(r, rows), norm(c, cols))),
            _ => None,
        };
        if let Some(at) = at {
            taken.insert(at);
            cell[i] = Some(at);
        }
    }
    let mut cursor = 0i64;
    for &i in seq {
        if cell[i].is_some() {
            continue;
        }
        let want_row = items[i].layout.and_then(|l| l.row).map(|r| norm(r, rows));
        let want_col = items[i].layout.and_then(|l| l.col).map(|c| norm(c, cols));
        if dense {
            cursor = 0;
        }
        loop {
            let at = if column_flow {
                (
                    (cursor % i64::from(rows)) as i32 + 1,
                    (cursor / i64::from(rows)) as i32 + 1,
                )
            } else {
                (
                    (cursor / i64::from(cols)) as i32 + 1,
                    (cursor % i64::from(cols)) as i32 + 1,
                )
            };
            cursor += 1;
            let fits = want_row.is_none_or(|r| r == at.0) && want_col.is_none_or(|c| c == at.1);
            if (fits && taken.insert(at)) || cursor > 1 << 16 {
                cell[i] = Some(at);
                break;
            }
        }
    }
    let mut out = seq.to_vec();
    out.sort_by_key(|&i| {
        let (r, c) = cell[i].unwrap_or((i32::MAX, 0));
        (r, if rtl { -c } else { c })
    });
    out
}

/// Floats and offsets: where each item lands, read line by line, left to right.
fn geometry(items: &[Item<'_>], seq: &[usize]) -> (Vec<usize>, Vec<bool>) {
    let mut x = 0.0f32;
    let mut right = WIDTH;
    let mut at: Vec<(f32, f32, f32, usize)> = Vec::with_capacity(seq.len());
    for &i in seq {
        let w = items[i].chars as f32 * CHAR;
        let l = items[i].layout.cloned().unwrap_or_default();
        let (mut px, mut py) = match (l.float_right, l.position) {
            (_, Some(Position::Absolute)) => {
                let px = l.left.or(l.right.map(|r| WIDTH - r - w)).unwrap_or(x);
                (
                    px,
                    l.top.or(l.bottom.map(|b| HEIGHT - b - 16.0)).unwrap_or(0.0),
                )
            }
            (Some(true), _) => {
                right -= w;
                (right, 0.0)
            }
            (_, Some(Position::Relative)) => {
                let (ml, mr) = l.margin.unwrap_or_default();
                let px = x + ml + l.left.or(l.right.map(|r| -r)).unwrap_or(0.0);
                x += ml + w + mr;
                (px, l.top.or(l.bottom.map(|b| -b)).unwrap_or(0.0))
            }
            _ => {
                // A margin moves the item and the flow after it.
                let (ml, mr) = l.margin.unwrap_or_default();
                x += ml + w + mr;
                (x - w - mr, 0.0)
            }
        };
        if let Some((dx, dy)) = l.shift {
            px += dx;
            py += dy;
        }
        at.push((py, px, w, i));
    }
    at.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lines: Vec<Vec<(f32, f32, f32, usize)>> = Vec::new();
    for p in at {
        match lines.last_mut() {
            Some(line) if p.0 - line[0].0 < LINE => line.push(p),
            _ => lines.push(vec![p]),
        }
    }
    let mut order = Vec::with_capacity(seq.len());
    let mut apart = Vec::with_capacity(seq.len());
    for mut line in lines {
        line.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut end: Option<f32> = None;
        for (_, px, w, i) in line {
            apart.push(end.is_none_or(|e| px - e > GAP) && !order.is_empty());
            end = Some(px + w);
            order.push(i);
        }
    }
    (order, apart)
}

#[cfg(test)]
#[path = "layout_order_tests.rs"]
mod tests;
