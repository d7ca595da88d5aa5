//! Scope facts for the classifier (stage 6): what identifiers are bound to (`x = …`,
//! `x += …`, parameters of an immediately called function or arrow), which members hold a
//! window (`e.view`, `f.contentWindow`, `frames[0]`), and the aliases of page objects
//! (`var w = window`, `var g = cond ? globalThis : window`, `var w = e.view`,
//! `Function('return this')()`), of location (`var l = window.location`,
//! `const {location: L} = window`) and of evaluators (`var e = eval`).

use std::ops::Range;

use super::analyze::{Analysis, WINDOW_MEMBERS, ident, is};
use super::fold::ends_operand;
use super::lexer::Tok;

/// Evaluators an alias can be bound to.
const EVALUATORS: &[&str] = &[
    "eval",
    "Function",
    "execScript",
    "setTimeout",
    "setInterval",
];

impl<'a> Analysis<'a> {
    /// A single identifier bound once to an expression is replaced by that expression.
    pub(super) fn resolve(&self, r: Range<usize>, depth: usize) -> Range<usize> {
        if let ([Tok::Ident(name)], true) = (&self.toks[r.clone()], depth < 4) {
            let (bound, appended) = self.visible(name, r.start);
            if let ([only], []) = (bound.as_slice(), appended.as_slice()) {
                return self.resolve(only.clone(), depth + 1);
            }
        }
        r
    }

    /// `location.x`, `window.location.x`: the current page's own address.
    pub(super) fn location_value(&self, start: usize) -> bool {
        let mut k = start;
        while let Some(id) = ident(self.toks.get(k)) {
            if self.is_loc(id, k) {
                return true;
            }
            if !self.is_win(id, k) || !is(self.toks.get(k + 1), ".") {
                return false;
            }
            k += 2;
        }
        false
    }

    /// `x = …`, `x += …`, `{location: L} = window`; aliases are noted.
    pub(super) fn collect_bindings(&mut self) {
        for i in 0..self.toks.len() {
            if !self.budget.spend(1) {
                return;
            }
            if is(self.toks.get(i), "}") && is(self.toks.get(i + 1), "=") {
                self.destructure(i);
                continue;
            }
            let Some(name) = ident(self.toks.get(i)) else {
                continue;
            };
            if i > 0 && (is(self.toks.get(i - 1), ".") || is(self.toks.get(i - 1), "?.")) {
                continue;
            }
            if is(self.toks.get(i + 1), "+=") {
                let r = self.expr(i + 2);
                self.appends.entry(name).or_default().push(r);
                continue;
            }
            if !is(self.toks.get(i + 1), "=") {
                continue;
            }
            let r = self.expr(i + 2);
            if ident(self.toks.get(i + 2)) == Some(name) && is(self.toks.get(i + 3), "+") {
                // `s = s + …` grows `s` as `s += …` does.
                self.appends.entry(name).or_default().push(i + 4..r.end);
            }
            let declared = matches!(
                ident(self.toks.get(i.wrapping_sub(1))),
                Some("var" | "let" | "const")
            );
            self.note_alias(name, i, &r, declared);
            self.bindings.entry(name).or_default().push(r);
        }
    }

    fn note_alias(&mut self, name: &'a str, at: usize, r: &Range<usize>, declared: bool) {
        let toks = &self.toks[r.clone()];
        if self.location_value(r.start) && r.len() <= 5 && self.ends_with_location(r) {
            self.locations.insert(name, at);
        } else if let [Tok::Ident(w)] = toks
            && self.is_win(w, r.start)
        {
            self.windows.insert(name, at);
        } else if (declared && self.holds_window(r)) || self.window_chain(r) {
            self.windows.insert(name, at);
        } else if self.names_evaluator(toks) {
            self.evaluators.insert(name, at);
        } else if self.names_nav_method(r) {
            self.nav_methods.insert(name, at);
        }
    }

    /// A member at `k` that holds a window whatever its object ([`WINDOW_MEMBERS`]).
    pub(super) fn window_member(&self, k: usize) -> bool {
        ident(self.toks.get(k)).is_some_and(|n| WINDOW_MEMBERS.contains(&n))
            && (is(self.toks.get(k.wrapping_sub(1)), ".")
                || is(self.toks.get(k.wrapping_sub(1)), "?."))
    }

    /// `frames[0]`, `window[1]`, `top.frames[n]`: the `]` at `close` ends an index on a
    /// page object.
    pub(super) fn indexed_window(&self, close: usize) -> bool {
        self.open_of(close).is_some_and(|k| {
            k > 0
                && ident(self.toks.get(k - 1))
                    .is_some_and(|o| self.is_win(o, k - 1) && self.page_object(k - 1))
        })
    }

    /// Where the group closed at `close` opens (looked for a bounded way back).
    pub(super) fn open_of(&self, close: usize) -> Option<usize> {
        let mut depth = 0i32;
        for k in (close.saturating_sub(512)..=close).rev() {
            match self.toks.get(k) {
                Some(Tok::Punct("]" | ")" | "}")) => depth += 1,
                Some(Tok::Punct("[" | "(" | "{")) => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(k);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// `e.view`, `frame.contentWindow`, `el.ownerDocument.defaultView`, `frames[0]`: a
    /// member chain that ends in a window.
    fn window_chain(&self, r: &Range<usize>) -> bool {
        let Some(last) = r.end.checked_sub(1).filter(|&l| l > r.start) else {
            return false;
        };
        match self.toks.get(last) {
            Some(Tok::Ident(_)) => self.window_member(last) && self.chain_start(last) == r.start,
            Some(Tok::Punct("]")) => {
                self.indexed_window(last)
                    && self.toks[r.clone()]
                        .iter()
                        .take_while(|t| !matches!(t, Tok::Punct("[")))
                        .all(|t| matches!(t, Tok::Ident(_) | Tok::Punct(".")))
            }
            _ => false,
        }
    }

    /// `location.replace`, `window.location.assign.bind(location)`.
    fn names_nav_method(&self, r: &Range<usize>) -> bool {
        let mut end = r.end;
        if let Some(bind) = (r.start..r.end).find(|&k| ident(self.toks.get(k)) == Some("bind")) {
            end = bind.saturating_sub(1);
        }
        let Some(last) = end.checked_sub(1).filter(|&l| l > r.start) else {
            return false;
        };
        matches!(ident(self.toks.get(last)), Some("replace" | "assign"))
            && is(self.toks.get(last - 1), ".")
            && ident(self.toks.get(last - 2)).is_some_and(|l| self.is_loc(l, last - 2))
    }

    /// `cond ? globalThis : window`, `self || window`, `Function('return this')()`: a page
    /// object as the value of a conditional or a default (not an argument or an operand).
    fn holds_window(&self, r: &Range<usize>) -> bool {
        let joint = |t: Option<&Tok>| {
            matches!(
                t,
                Some(Tok::Punct("?" | ":" | "||" | "&&" | "??" | ";" | ",")) | None
            )
        };
        r.clone().any(|k| match &self.toks[k] {
            Tok::Str(s) => matches!(s.trim(), "return this" | "return window"),
            Tok::Ident(w) if self.is_win(w, k) => {
                let prev = if k == r.start {
                    None
                } else {
                    self.toks.get(k - 1)
                };
                let next = if k + 1 == r.end {
                    None
                } else {
                    self.toks.get(k + 1)
                };
                joint(prev) && joint(next)
            }
            _ => false,
        })
    }

    /// `eval`, `window.eval`, `[].constructor.constructor`: a chain ending in an evaluator.
    fn names_evaluator(&self, toks: &[Tok]) -> bool {
        let Some(Tok::Ident(last)) = toks.last() else {
            return false;
        };
        let chain = toks.iter().enumerate().all(|(k, t)| match k % 2 {
            0 => matches!(t, Tok::Ident(_)),
            _ => matches!(t, Tok::Punct(".")),
        });
        (chain && EVALUATORS.contains(&last.as_str()))
            || super::handed::method_constructor(toks, toks.len() - 1)
            || (last == "constructor"
                && toks
                    .iter()
                    .filter(|t| matches!(t, Tok::Ident(c) if c == "constructor"))
                    .count()
                    >= 2)
    }

    /// `{location: L, …} = window`: `L` is a location alias.
    fn destructure(&mut self, close: usize) {
        let value = self.expr(close + 2);
        if !self.holds_window(&value)
            && !matches!(&self.toks[value.clone()], [Tok::Ident(w)] if self.is_win(w, value.start))
        {
            return;
        }
        let Some(open) = (close.saturating_sub(256)..close)
            .rev()
            .find(|&k| is(self.toks.get(k), "{"))
        else {
            return;
        };
        for k in open + 1..close {
            if ident(self.toks.get(k)) == Some("location")
                && is(self.toks.get(k + 1), ":")
                && let Some(alias) = ident(self.toks.get(k + 2))
            {
                self.locations.insert(alias, k + 2);
            }
        }
    }

    fn ends_with_location(&self, r: &Range<usize>) -> bool {
        r.end > r.start
            && ident(self.toks.get(r.end - 1)).is_some_and(|id| self.is_loc(id, r.end - 1))
    }

    /// `(function(a, b){…})(x, y)`, `!function(a){…}(x)`, `(a => …)(x)`,
    /// `((a, b) => {…})(x, y)`: binds `a = x`, `b = y`.
    pub(super) fn collect_iife_params(&mut self) {
        for i in 0..self.toks.len() {
            if !self.budget.spend(1) {
                return;
            }
            let Some((params, body, body_end)) = self.function_at(i) else {
                continue;
            };
            let mut k = body_end + 1;
            if is(self.toks.get(k), ")") {
                k += 1;
            }
            if !is(self.toks.get(k), "(") || !ends_operand(self.toks.get(k - 1)) {
                continue;
            }
            for (p, a) in params.into_iter().zip(self.args(k)) {
                if let [Tok::Ident(w)] = &self.toks[a.clone()]
                    && self.is_win(w, a.start)
                {
                    self.windows.insert(p, body + 1);
                } else if self.is_location(&a) {
                    self.locations.insert(p, body + 1);
                }
                self.bindings.entry(p).or_default().push(a);
            }
        }
    }

    /// A function expression at `i` (`function (…) {…}` or an arrow at its `=>`): its
    /// parameter names, where its body starts and where it ends.
    pub(super) fn function_at(&self, i: usize) -> Option<(Vec<&'a str>, usize, usize)> {
        let toks: &'a [Tok] = self.toks;
        let names = |r: Range<usize>| -> Vec<&'a str> {
            toks[r].iter().filter_map(|t| ident(Some(t))).collect()
        };
        if ident(toks.get(i)) == Some("function") && is(toks.get(i + 1), "(") {
            let params = names(self.expr_list(i + 1));
            let (body, end) = self.block_end(i + 1)?;
            return Some((params, body, end));
        }
        if !is(toks.get(i), "=>") {
            return None;
        }
        let params = match toks.get(i.wrapping_sub(1)) {
            Some(Tok::Ident(p)) => vec![p.as_str()],
            Some(Tok::Punct(")")) => {
                let open = (i.saturating_sub(64)..i - 1)
                    .rev()
                    .find(|&k| is(toks.get(k), "("))?;
                names(open + 1..i - 1)
            }
            _ => return None,
        };
        let end = match is(toks.get(i + 1), "{") {
            true => self.close_of(i + 1),
            false => self.expr(i + 1).end.saturating_sub(1),
        };
        Some((params, i + 1, end))
    }

    fn expr_list(&self, open: usize) -> Range<usize> {
        let end = (open..self.toks.len().min(open + 256))
            .find(|&k| is(self.toks.get(k), ")"))
            .unwrap_or(open);
        open + 1..end.max(open + 1)
    }

    /// The `{` and `}` of the function body that follows the parameter list at `open`.
    fn block_end(&self, open: usize) -> Option<(usize, usize)> {
        let body = (open..self.toks.len().min(open + 256)).find(|&k| is(self.toks.get(k), "{"))?;
        let close = self.close_of(body);
        is(self.toks.get(close), "}").then_some((body, close))
    }
}
