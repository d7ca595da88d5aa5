//! Text that a script builds and hands to a sink that reads URLs out of it (stage 6, script
//! classifier): markup ([`super::markup`]), CSS (`url(…)`, `@import`, `image-set(…)`) and
//! `srcset` lists ([`super::styles`]). The text is rebuilt from its constant parts; each
//! computed part stands in as a [`HOLE`] and keeps its token range, so that a URL that
//! *begins* with a computed part is judged by that part's provenance ([`super::target`]:
//! `el.dataset.bg` is the page's own markup, a run-time-built host is not), and one that
//! continues with it by its constant lead (a same-site path prefix is safe).

use std::ops::Range;

use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;
use super::same_site::browser_trim;

/// The placeholder of a computed part.
pub(super) const HOLE: char = '\u{1}';
/// How many names deep the text is followed.
const TEXT_DEPTH: usize = 4;

/// Text with its computed parts as [`HOLE`]s, and the range of each hole in order.
#[derive(Debug, Default)]
pub(super) struct Holed {
    pub(super) text: String,
    pub(super) holes: Vec<Range<usize>>,
}

impl<'a> Analysis<'a> {
    /// The text of `r`: constants as they are (names bound once are followed, a name grown
    /// with `+=` as its first value and each part appended), each computed part as a
    /// [`HOLE`].
    pub(super) fn holed(&self, r: Range<usize>) -> Holed {
        let mut out = Holed::default();
        self.holed_into(r, 0, &mut out);
        out
    }

    fn holed_into(&self, r: Range<usize>, depth: usize, out: &mut Holed) {
        if depth > TEXT_DEPTH || !self.budget.spend(r.len() + 1) {
            out.text.push(HOLE);
            out.holes.push(r);
            return;
        }
        let parts = self
            .split_top(&r, &["+"])
            .unwrap_or_else(|| vec![r.clone()]);
        for part in parts {
            let part = self.unwrap_parens(part);
            match &self.toks[part.clone()] {
                [Tok::Str(s)] => out.text.push_str(s),
                [Tok::Ident(n)] => {
                    let bound = self.resolve(part.clone(), 0);
                    if bound != part {
                        self.holed_into(bound, depth + 1, out);
                        continue;
                    }
                    // Text grown with `+=` (in a loop or not): its first value, then each
                    // part appended, once (the tags a loop repeats are the same tags).
                    let (first, appended) = self.visible(n, part.start);
                    match (first.as_slice(), appended.is_empty()) {
                        ([first], false) => {
                            self.holed_into(first.clone(), depth + 1, out);
                            for a in appended {
                                self.holed_into(a, depth + 1, out);
                            }
                        }
                        _ => {
                            out.text.push(HOLE);
                            out.holes.push(part);
                        }
                    }
                }
                _ if self.split_top(&part, &["+"]).is_some() => {
                    self.holed_into(part, depth + 1, out)
                }
                _ if let Some(each) = self.mapped_join(&part) => {
                    self.holed_into(each, depth + 1, out)
                }
                _ => {
                    out.text.push(HOLE);
                    out.holes.push(part);
                }
            }
        }
    }

    /// `list.map(f).join(…)` with `f` returning one expression (`x => '<p>' + x`,
    /// `function(x){ return '<p>' + x }`): that expression, the text of each element (its
    /// parameter a computed part).
    fn mapped_join(&self, r: &Range<usize>) -> Option<Range<usize>> {
        let t = |k: usize| self.toks.get(k);
        let close = r.end.checked_sub(1)?;
        let open = self.open_of(close)?;
        if ident(t(open.checked_sub(1)?)) != Some("join") || !is(t(open - 2), ".") {
            return None;
        }
        let map_close = open.checked_sub(3)?;
        let map_open = self.open_of(map_close)?;
        if ident(t(map_open.checked_sub(1)?)) != Some("map") || !is(t(map_open - 2), ".") {
            return None;
        }
        let f = self.args(map_open).into_iter().next()?;
        if !self.function_value(&f) {
            return None;
        }
        let arrow = (f.start..f.end).find(|&k| is(t(k), "=>"));
        let body = match arrow {
            Some(k) if !is(t(k + 1), "{") => k + 1..f.end,
            _ => {
                let ret = (f.start..f.end).find(|&k| ident(t(k)) == Some("return"))?;
                let end = (ret..f.end).find(|&k| is(t(k), ";") || is(t(k), "}"))?;
                ret + 1..end
            }
        };
        (!body.is_empty()).then_some(body)
    }

    /// The URL that starts at byte `at` of `h.text` and ends before `stop` (quotes and
    /// leading spaces skipped): a constant one is judged by its host, one that begins with
    /// a computed part by that part, one that continues with it by its constant lead.
    pub(super) fn url_at(&self, h: &Holed, at: usize, stop: &dyn Fn(char) -> bool) -> Target {
        let rest = &h.text[at..];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '"', '\'']).len();
        let start = at + skipped;
        let seg: &str = h.text[start..]
            .split(|c: char| c != HOLE && stop(c))
            .next()
            .unwrap_or("");
        let Some(first) = seg.find(HOLE) else {
            let t = browser_trim(seg);
            return match t.contains("//") && (self.is_foreign)(&t) {
                true => Target::Foreign(t),
                false => Target::Safe,
            };
        };
        let lead = browser_trim(&seg[..first]);
        if !lead.is_empty() {
            return self.prefix(&lead);
        }
        let n = h.text[..start + first].matches(HOLE).count();
        match h.holes.get(n) {
            Some(r) => self.target(r.clone(), 0),
            None => Target::Computed,
        }
    }

    /// Whether a hole of `h` was decoded at run time (char codes, XOR, `atob`, reversal):
    /// text that can hold anything.
    pub(super) fn decoded_hole(&self, h: &Holed) -> bool {
        h.holes.iter().any(|r| self.decoded_at_run_time(r))
    }
}
