//! Scope facts for the classifier: what identifiers are bound to (`var x = …`, IIFE
//! parameters), aliases of `window` and `location`, and how a navigation or load target
//! is judged (a same-site constant prefix is safe; anything computed is not).

use std::ops::Range;

use super::analyze::{Analysis, Target, ident, is};
use super::fold::ends_operand;
use super::lexer::Tok;

impl<'a> Analysis<'a> {
    /// A single identifier bound once to an expression is replaced by that expression.
    pub(super) fn resolve(&self, r: Range<usize>, depth: usize) -> Range<usize> {
        if let ([Tok::Ident(name)], true) = (&self.toks[r.clone()], depth < 4)
            && let Some([only]) = self.bindings.get(name.as_str()).map(Vec::as_slice)
        {
            return self.resolve(only.clone(), depth + 1);
        }
        r
    }

    /// Judges a navigation or load target expression.
    pub(super) fn target(&self, r: Range<usize>, depth: usize) -> Target {
        let toks = &self.toks[r.clone()];
        match toks {
            [] => Target::Safe,
            [Tok::Str(s)] if (self.is_foreign)(s) => Target::Foreign(s.clone()),
            [Tok::Str(_)] => Target::Safe,
            [Tok::Str(s), Tok::Punct("+"), ..] => self.prefix(s),
            [Tok::Ident(name)] => self.bound_target(name, depth),
            [Tok::Ident(first), ..] if first == "this" || self.location_value(r.start) => {
                Target::Safe
            }
            _ => toks
                .iter()
                .find_map(|t| match t {
                    Tok::Str(s) if (self.is_foreign)(s) && s.contains("//") => {
                        Some(Target::Foreign(s.clone()))
                    }
                    _ => None,
                })
                .unwrap_or(Target::Computed),
        }
    }

    fn bound_target(&self, name: &str, depth: usize) -> Target {
        if name == "location" {
            return Target::Safe;
        }
        let Some(ranges) = self.bindings.get(name).filter(|_| depth < 4) else {
            return Target::Computed;
        };
        let mut worst = Target::Safe;
        for r in ranges {
            match self.target(r.clone(), depth + 1) {
                Target::Safe => {}
                t @ Target::Foreign(_) => return t,
                Target::Computed => worst = Target::Computed,
            }
        }
        worst
    }

    /// The target starts with the constant `s` and continues with something computed.
    fn prefix(&self, s: &str) -> Target {
        let t = s.trim_start();
        let rel_path = t.starts_with('/') && !t[1..].starts_with(['/', '\\']) && t.len() > 1;
        let rel_other = t.starts_with(['?', '#'])
            || (!t.starts_with('/')
                && t.contains(['/', '?', '#'])
                && !t.split(['/', '?', '#']).next().unwrap_or("").contains(':'));
        if rel_path || rel_other {
            return Target::Safe;
        }
        let host_closed = t
            .find("//")
            .is_some_and(|p| t[p + 2..].contains(['/', '?', '#']));
        match (host_closed, (self.is_foreign)(t)) {
            (true, false) => Target::Safe,
            (true, true) => Target::Foreign(t.to_string()),
            _ => Target::Computed,
        }
    }

    /// `location.x`, `window.location.x`: the current page's own address.
    pub(super) fn location_value(&self, start: usize) -> bool {
        let mut k = start;
        while let Some(id) = ident(self.toks.get(k)) {
            if self.locations.contains(id) {
                return true;
            }
            if !self.windows.contains(id) || !is(self.toks.get(k + 1), ".") {
                return false;
            }
            k += 2;
        }
        false
    }

    /// `var x = …`, `x = …`; aliases of `window` and `location` are noted.
    pub(super) fn collect_bindings(&mut self) {
        for i in 0..self.toks.len() {
            let Some(name) = ident(self.toks.get(i)) else {
                continue;
            };
            if !is(self.toks.get(i + 1), "=") || (i > 0 && is(self.toks.get(i - 1), ".")) {
                continue;
            }
            let r = self.expr(i + 2);
            if self.location_value(r.start) && r.len() <= 5 && self.ends_with_location(&r) {
                self.locations.insert(name);
            } else if let [Tok::Ident(w)] = &self.toks[r.clone()]
                && self.windows.contains(w.as_str())
            {
                self.windows.insert(name);
            }
            self.bindings.entry(name).or_default().push(r);
        }
    }

    fn ends_with_location(&self, r: &Range<usize>) -> bool {
        r.end > r.start
            && ident(self.toks.get(r.end - 1)).is_some_and(|id| self.locations.contains(id))
    }

    /// `(function(a, b){…})(x, y)` and `!function(a){…}(x)`: binds `a = x`, `b = y`.
    pub(super) fn collect_iife_params(&mut self) {
        for i in 0..self.toks.len() {
            if ident(self.toks.get(i)) != Some("function") || !is(self.toks.get(i + 1), "(") {
                continue;
            }
            let params: Vec<&'a str> = self.toks[self.expr_list_end(i + 1)]
                .iter()
                .filter_map(|t| ident(Some(t)))
                .collect();
            let Some(close) = self.block_end(i + 1) else {
                continue;
            };
            let mut k = close + 1;
            if is(self.toks.get(k), ")") {
                k += 1;
            }
            if !is(self.toks.get(k), "(") || !ends_operand(self.toks.get(k - 1)) {
                continue;
            }
            for (p, a) in params.into_iter().zip(self.args(k)) {
                if let [Tok::Ident(w)] = &self.toks[a.clone()]
                    && self.windows.contains(w.as_str())
                {
                    self.windows.insert(p);
                }
                self.bindings.entry(p).or_default().push(a);
            }
        }
    }

    fn expr_list_end(&self, open: usize) -> Range<usize> {
        let end = (open..self.toks.len())
            .find(|&k| is(self.toks.get(k), ")"))
            .unwrap_or(open);
        open + 1..end.max(open + 1)
    }

    /// The `}` closing the function body that follows the parameter list at `open`.
    fn block_end(&self, open: usize) -> Option<usize> {
        let body = (open..self.toks.len()).find(|&k| is(self.toks.get(k), "{"))?;
        let mut depth = 0;
        for k in body..self.toks.len() {
            match &self.toks[k] {
                Tok::Punct("{") => depth += 1,
                Tok::Punct("}") if depth == 1 => return Some(k),
                Tok::Punct("}") => depth -= 1,
                _ => {}
            }
        }
        None
    }
}
