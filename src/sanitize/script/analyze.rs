//! The signals over a folded token stream: navigation sinks and their targets, loaders,
//! and `eval`-like sinks fed by decoders, packers or strings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Verdict;
use super::fold::ends_operand;
use super::lexer::Tok;

/// Objects whose `location` is the page's own.
const WINDOWISH: &[&str] = &[
    "window",
    "top",
    "self",
    "document",
    "parent",
    "globalThis",
    "frames",
    "content",
];
/// Calls that turn data into code or text.
const DECODERS: &[&str] = &[
    "atob",
    "fromCharCode",
    "unescape",
    "decodeURIComponent",
    "decodeURI",
    "charCodeAt",
];

/// Where a navigation or a load goes.
enum Target {
    Safe,
    Foreign(String),
    Computed,
}

pub struct Analysis<'a> {
    toks: &'a [Tok],
    is_foreign: &'a dyn Fn(&str) -> bool,
    depth: usize,
    decoded: &'a [String],
    bindings: HashMap<&'a str, Vec<Range<usize>>>,
    windows: HashSet<&'a str>,
    locations: HashSet<&'a str>,
}

fn is(t: Option<&Tok>, p: &str) -> bool {
    matches!(t, Some(Tok::Punct(q)) if *q == p)
}

fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

impl<'a> Analysis<'a> {
    pub fn new(
        toks: &'a [Tok],
        is_foreign: &'a dyn Fn(&str) -> bool,
        depth: usize,
        decoded: &'a [String],
    ) -> Self {
        let mut a = Self {
            toks,
            is_foreign,
            depth,
            decoded,
            bindings: HashMap::new(),
            windows: WINDOWISH.iter().copied().collect(),
            locations: HashSet::from(["location"]),
        };
        a.collect_bindings();
        a.collect_iife_params();
        a
    }

    /// The first finding, in order of severity.
    pub fn run(&self) -> Verdict {
        let mut found = [Verdict::Benign, Verdict::Benign, Verdict::Benign];
        let mut script_created = false;
        for i in 0..self.toks.len() {
            let (slot, v) = self.at(i, &mut script_created);
            if v.is_malicious() && !found[slot].is_malicious() {
                found[slot] = v;
            }
        }
        found
            .into_iter()
            .find(Verdict::is_malicious)
            .unwrap_or(Verdict::Benign)
    }

    /// The signal at token `i`: (severity slot, verdict).
    fn at(&self, i: usize, script_created: &mut bool) -> (usize, Verdict) {
        let Some(name) = ident(self.toks.get(i)) else {
            return (0, Verdict::Benign);
        };
        if self.locations.contains(name) && self.page_object(i) {
            return (0, self.navigation(i));
        }
        match name {
            "open" | "navigate" if self.page_object(i) => (0, self.window_open(i)),
            "write" | "writeln" if self.member_of(i, "document") => (1, self.document_write(i)),
            "createElement" => {
                *script_created |= self.creates_script(i);
                (1, Verdict::Benign)
            }
            "src" if *script_created && self.member_of_any(i) && is(self.toks.get(i + 1), "=") => {
                (1, self.loader(self.expr(i + 2)))
            }
            "setAttribute" if *script_created => (1, self.set_src(i)),
            "import" | "getScript" | "importScripts" if is(self.toks.get(i + 1), "(") => {
                (1, self.loader(self.first_arg(i + 1)))
            }
            "eval" | "Function" | "execScript" | "constructor" | "setTimeout" | "setInterval" => {
                (2, self.evaluator(i, name))
            }
            _ => (0, Verdict::Benign),
        }
    }

    /// Tokens of the expression starting at `start`, up to a separator at depth 0.
    fn expr(&self, start: usize) -> Range<usize> {
        let mut depth = 0i32;
        let mut k = start;
        while let Some(t) = self.toks.get(k) {
            if let Tok::Punct(p) = t {
                match *p {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" if depth == 0 => break,
                    ")" | "]" | "}" => depth -= 1,
                    ";" | "," if depth == 0 => break,
                    _ => {}
                }
            }
            k += 1;
        }
        start..k
    }

    /// The argument ranges of the call whose `(` is at `open`.
    fn args(&self, open: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut k = open + 1;
        while k < self.toks.len() {
            let r = self.expr(k);
            k = r.end;
            if !r.is_empty() {
                out.push(r);
            }
            if !is(self.toks.get(k), ",") {
                break;
            }
            k += 1;
        }
        out
    }

    fn first_arg(&self, open: usize) -> Range<usize> {
        self.args(open).into_iter().next().unwrap_or(open..open)
    }

    /// Whether the identifier at `i` is reached only through page objects (`window.`,
    /// `top.`, `document.`, an alias of those) or stands alone.
    fn page_object(&self, i: usize) -> bool {
        let mut k = i;
        while k >= 2 && (is(self.toks.get(k - 1), ".") || is(self.toks.get(k - 1), "?.")) {
            match ident(self.toks.get(k - 2)) {
                Some(p) if self.windows.contains(p) || self.locations.contains(p) => k -= 2,
                _ => return false,
            }
        }
        true
    }

    fn member_of(&self, i: usize, obj: &str) -> bool {
        i >= 2 && is(self.toks.get(i - 1), ".") && ident(self.toks.get(i - 2)) == Some(obj)
    }

    fn member_of_any(&self, i: usize) -> bool {
        i >= 1 && is(self.toks.get(i - 1), ".")
    }

    /// `location = u`, `location.href = u`, `location.replace(u)`, `.assign(u)`, `.host = h`.
    fn navigation(&self, i: usize) -> Verdict {
        let next = self.toks.get(i + 1);
        if is(next, "=") {
            return self.redirect(self.expr(i + 2));
        }
        if !is(next, ".") {
            return Verdict::Benign;
        }
        let prop = ident(self.toks.get(i + 2)).unwrap_or("");
        let after = self.toks.get(i + 3);
        match prop {
            "href" | "protocol" | "origin" if is(after, "=") => self.redirect(self.expr(i + 4)),
            "host" | "hostname" | "port" if is(after, "=") => {
                Verdict::bad("script.redirect", format!("assigns location.{prop}"), None)
            }
            "replace" | "assign" if is(after, "(") => self.redirect(self.first_arg(i + 3)),
            _ => Verdict::Benign,
        }
    }

    fn redirect(&self, target: Range<usize>) -> Verdict {
        match self.target(target, 0) {
            Target::Safe => Verdict::Benign,
            Target::Foreign(u) => {
                Verdict::bad("script.redirect", "navigates to a foreign host", Some(u))
            }
            Target::Computed => {
                Verdict::bad("script.redirect", "navigates to a computed target", None)
            }
        }
    }

    fn loader(&self, target: Range<usize>) -> Verdict {
        match self.target(target, 0) {
            Target::Safe => Verdict::Benign,
            Target::Foreign(u) => Verdict::bad(
                "script.loader",
                "loads a script from a foreign host",
                Some(u),
            ),
            Target::Computed => {
                Verdict::bad("script.loader", "loads a script from a computed URL", None)
            }
        }
    }

    /// `window.open(u, "_self")` (and `_top`/`_parent`) is a navigation; `navigate(u)` too.
    fn window_open(&self, i: usize) -> Verdict {
        if !is(self.toks.get(i + 1), "(") {
            return Verdict::Benign;
        }
        let args = self.args(i + 1);
        let same_window = ident(self.toks.get(i)) == Some("navigate")
            || args.get(1).is_some_and(|r| {
                matches!(&self.toks[r.clone()], [Tok::Str(s)] if matches!(s.to_ascii_lowercase().as_str(), "_self" | "_top" | "_parent"))
            });
        match (same_window, args.into_iter().next()) {
            (true, Some(target)) => self.redirect(target),
            _ => Verdict::Benign,
        }
    }

    /// `document.write` of a script tag whose `src` is foreign or computed.
    fn document_write(&self, i: usize) -> Verdict {
        if !is(self.toks.get(i + 1), "(") {
            return Verdict::Benign;
        }
        let mut text = String::new();
        for r in self.args(i + 1) {
            for t in &self.toks[r] {
                match t {
                    Tok::Str(s) => text.push_str(s),
                    Tok::Punct("+") => {}
                    _ => text.push('\u{1}'),
                }
            }
        }
        let lower = text.to_ascii_lowercase();
        if !lower.contains("<script") {
            return Verdict::Benign;
        }
        if let Some(u) = super::urls_in(&text).find(|u| (self.is_foreign)(u)) {
            return Verdict::bad(
                "script.loader",
                "writes a script tag from a foreign host",
                Some(u),
            );
        }
        let computed_src = lower.contains("src=\u{1}")
            || lower.contains("src=\"\u{1}")
            || lower.contains("src='\u{1}");
        if computed_src || lower.starts_with('\u{1}') {
            return Verdict::bad(
                "script.loader",
                "writes a script tag with a computed source",
                None,
            );
        }
        Verdict::Benign
    }

    /// `createElement("script")`, or with an argument we cannot read.
    fn creates_script(&self, i: usize) -> bool {
        if !is(self.toks.get(i + 1), "(") {
            return false;
        }
        let arg = self.resolve(self.first_arg(i + 1), 0);
        match &self.toks[arg] {
            [Tok::Str(s)] => s.trim().eq_ignore_ascii_case("script"),
            _ => true,
        }
    }

    /// `el.setAttribute("src", u)` on a created script.
    fn set_src(&self, i: usize) -> Verdict {
        if !is(self.toks.get(i + 1), "(") {
            return Verdict::Benign;
        }
        let args = self.args(i + 1);
        match args.as_slice() {
            [name, value, ..] if matches!(&self.toks[name.clone()], [Tok::Str(s)] if s.eq_ignore_ascii_case("src")) => {
                self.loader(value.clone())
            }
            _ => Verdict::Benign,
        }
    }

    /// `eval`, `Function`, timers with a string: packers, decoders and strings re-judged.
    fn evaluator(&self, i: usize, name: &str) -> Verdict {
        let open = i + 1;
        if !is(self.toks.get(open), "(") {
            return Verdict::Benign;
        }
        let args = self.args(open);
        let body = if name == "Function" || name == "constructor" {
            args.last()
        } else {
            args.first()
        };
        let Some(body) = body.cloned() else {
            return Verdict::Benign;
        };
        let timer = matches!(name, "setTimeout" | "setInterval");
        let toks = &self.toks[body.clone()];
        if !timer && matches!(toks.first(), Some(Tok::Ident(f)) if f == "function") {
            return Verdict::bad(
                "script.obfuscated",
                format!("{name} of a function result (packer)"),
                None,
            );
        }
        if toks
            .iter()
            .any(|t| matches!(t, Tok::Ident(f) if DECODERS.contains(&f.as_str())))
        {
            return Verdict::bad(
                "script.obfuscated",
                format!("{name} fed by a decoder"),
                None,
            );
        }
        let resolved = self.resolve(body, 0);
        let [Tok::Str(code)] = &self.toks[resolved] else {
            return Verdict::Benign;
        };
        if self
            .decoded
            .iter()
            .any(|d| !d.is_empty() && code.contains(d.as_str()))
        {
            return Verdict::bad(
                "script.obfuscated",
                format!("{name} of a decoded string"),
                None,
            );
        }
        match super::judge_at(code, self.is_foreign, self.depth + 1) {
            Verdict::Malicious {
                rule,
                reason,
                target,
            } => Verdict::bad(rule, format!("{name} string: {reason}"), target),
            Verdict::Benign => Verdict::Benign,
        }
    }

    /// A single identifier bound once to an expression is replaced by that expression.
    fn resolve(&self, r: Range<usize>, depth: usize) -> Range<usize> {
        if let ([Tok::Ident(name)], true) = (&self.toks[r.clone()], depth < 4)
            && let Some([only]) = self.bindings.get(name.as_str()).map(Vec::as_slice)
        {
            return self.resolve(only.clone(), depth + 1);
        }
        r
    }

    /// Judges a navigation or load target expression.
    fn target(&self, r: Range<usize>, depth: usize) -> Target {
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
    fn location_value(&self, start: usize) -> bool {
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
    fn collect_bindings(&mut self) {
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
    fn collect_iife_params(&mut self) {
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
