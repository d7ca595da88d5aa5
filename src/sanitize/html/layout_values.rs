//! The values of the properties `layout_props` reads (stage 6, planted spam, threat A5):
//! lengths by fixed ratios, `translate` shifts, `inset`, grid track counts, named areas and
//! lines. Each returns `None` for a value not read here (`calc()`, a keyword it does not
//! know), and the element keeps its place.

use super::css_decls;
use super::layout_props::{Areas, Layout};

/// A length in pixels by fixed ratios (a `calc()` of numbers and lengths worked out);
/// `None` when not read.
pub(crate) fn length(v: &str) -> Option<f32> {
    let v = v.trim();
    if let Some(x) = calc(v) {
        return Some(x);
    }
    plain_length(v)
}

/// A length without `calc()`.
fn plain_length(v: &str) -> Option<f32> {
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

/// The value of `calc(…)` (or `-webkit-calc(…)`) over numbers and lengths (in pixels by
/// [`length`]'s ratios) with `+ - * /` and parentheses: `order: calc(3 * 2)` is 6,
/// `left: calc(2ch + 4px)` is 20. `None` for anything else (`var()`, `min()`, a unit not
/// read), and the element keeps an unknown place.
pub(crate) fn calc(v: &str) -> Option<f32> {
    let v = v.trim();
    let lower = v.get(..v.find('(')?)?.to_ascii_lowercase();
    if !matches!(lower.trim(), "calc" | "-webkit-calc" | "-moz-calc") {
        return None;
    }
    let inner = &v[v.find('(')? + 1..];
    let end = css_decls::closing(inner)?;
    if !inner[end + 1..].trim().is_empty() {
        return None;
    }
    let mut c = Calc {
        s: &inner.as_bytes()[..end],
        at: 0,
        depth: 0,
    };
    let x = c.sum()?;
    c.blank();
    (c.at == c.s.len() && x.is_finite()).then_some(x)
}

/// A `calc()` expression being read.
struct Calc<'a> {
    s: &'a [u8],
    at: usize,
    depth: usize,
}

impl Calc<'_> {
    fn blank(&mut self) {
        while self.s.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn sum(&mut self) -> Option<f32> {
        let mut x = self.product()?;
        loop {
            self.blank();
            match self.s.get(self.at) {
                Some(b'+') => {
                    self.at += 1;
                    x += self.product()?;
                }
                Some(b'-') => {
                    self.at += 1;
                    x -= self.product()?;
                }
                _ => return Some(x),
            }
        }
    }

    fn product(&mut self) -> Option<f32> {
        let mut x = self.term()?;
        loop {
            self.blank();
            match self.s.get(self.at) {
                Some(b'*') => {
                    self.at += 1;
                    x *= self.term()?;
                }
                Some(b'/') => {
                    self.at += 1;
                    let d = self.term()?;
                    if d == 0.0 {
                        return None;
                    }
                    x /= d;
                }
                _ => return Some(x),
            }
        }
    }

    fn term(&mut self) -> Option<f32> {
        self.blank();
        if self.s.get(self.at) == Some(&b'(') {
            // Bounded: nested at most 16 deep.
            self.depth += 1;
            if self.depth > 16 {
                return None;
            }
            self.at += 1;
            let x = self.sum()?;
            self.blank();
            (self.s.get(self.at) == Some(&b')')).then_some(())?;
            self.at += 1;
            self.depth -= 1;
            return Some(x);
        }
        let start = self.at;
        if matches!(self.s.get(self.at), Some(b'+' | b'-')) {
            self.at += 1;
        }
        while self
            .s
            .get(self.at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'%'))
        {
            self.at += 1;
        }
        let t = std::str::from_utf8(&self.s[start..self.at]).ok()?;
        t.parse::<f32>().ok().or_else(|| plain_length(t))
    }
}

/// Two lengths (`x [y]`, by spaces or a comma).
pub(super) fn pair(v: &str) -> Option<(f32, f32)> {
    let mut it = v
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty());
    let x = length(it.next()?)?;
    let y = it.next().map_or(Some(0.0), length)?;
    Some((x, y))
}

/// The sum of the `translate` functions of a `transform` value.
pub(super) fn transform(v: &str) -> Option<(f32, f32)> {
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

pub(super) fn inset(l: &mut Layout, v: &str) {
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
pub(super) fn tracks(v: &str) -> Option<u16> {
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
pub(super) fn token_end(s: &str) -> usize {
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
pub(super) fn areas(v: &str) -> Option<Areas> {
    let rows: Vec<Box<[Box<str>]>> = v
        .split(['"', '\''])
        .skip(1)
        .step_by(2)
        .take(64)
        .map(|row| row.split_whitespace().take(64).map(Into::into).collect())
        .collect();
    (!rows.is_empty()).then(|| rows.into())
}

pub(super) fn strip_strings(v: &str) -> String {
    v.split(['"', '\''])
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A grid line: an integer, or the first integer of `a / b`; `span` is no place.
pub(super) fn line(v: &str) -> Option<i16> {
    let first = v.split('/').next()?.trim();
    first.parse().ok()
}

pub(super) fn grid_area(l: &mut Layout, v: &str) {
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

pub(super) fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s != "auto"
        && !s.starts_with("span")
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
}
