//! The signals over a folded token stream: navigation sinks and their targets, loaders,
//! and `eval`-like sinks fed by decoders, packers or strings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Verdict;
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
/// How many tokens after `s = createElement("script")` a `s.src = …` still counts.
const SCRIPT_SCOPE: usize = 400;
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
pub(super) enum Target {
    Safe,
    Foreign(String),
    Computed,
}

pub struct Analysis<'a> {
    pub(super) toks: &'a [Tok],
    pub(super) is_foreign: &'a dyn Fn(&str) -> bool,
    depth: usize,
    decoded: &'a [String],
    pub(super) bindings: HashMap<&'a str, Vec<Range<usize>>>,
    pub(super) windows: HashSet<&'a str>,
    pub(super) locations: HashSet<&'a str>,
    /// Variables holding a script element this code created, with where they were set.
    scripts: HashMap<&'a str, Vec<usize>>,
}

pub(super) fn is(t: Option<&Tok>, p: &str) -> bool {
    matches!(t, Some(Tok::Punct(q)) if *q == p)
}

pub(super) fn ident(t: Option<&Tok>) -> Option<&str> {
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
            scripts: HashMap::new(),
        };
        a.collect_bindings();
        a.collect_iife_params();
        a.scripts = a.script_variables();
        a
    }

    /// `s = document.createElement("script")` (or with an argument we cannot read).
    fn script_variables(&self) -> HashMap<&'a str, Vec<usize>> {
        let creates = |r: &Range<usize>| {
            r.clone()
                .any(|k| ident(self.toks.get(k)) == Some("createElement") && self.creates_script(k))
        };
        let mut out: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (name, ranges) in &self.bindings {
            for r in ranges.iter().filter(|r| creates(r)) {
                out.entry(name).or_default().push(r.start);
            }
        }
        out
    }

    /// The first finding, in order of severity.
    pub fn run(&self) -> Verdict {
        let mut found = [Verdict::Benign, Verdict::Benign, Verdict::Benign];
        for i in 0..self.toks.len() {
            let (slot, v) = self.at(i);
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
    fn at(&self, i: usize) -> (usize, Verdict) {
        let Some(name) = ident(self.toks.get(i)) else {
            return (0, Verdict::Benign);
        };
        if self.locations.contains(name) && self.page_object(i) {
            return (0, self.navigation(i));
        }
        match name {
            "open" | "navigate" if self.page_object(i) => (0, self.window_open(i)),
            "write" | "writeln" if self.member_of_page(i) => (1, self.document_write(i)),
            "src" if self.member_of_script(i) && is(self.toks.get(i + 1), "=") => {
                (1, self.loader(self.expr(i + 2)))
            }
            "setAttribute" if self.member_of_script(i) => (1, self.set_src(i)),
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
    pub(super) fn expr(&self, start: usize) -> Range<usize> {
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
    pub(super) fn args(&self, open: usize) -> Vec<Range<usize>> {
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

    /// `X.name` where `X` is `document`, `window` or an alias of one.
    fn member_of_page(&self, i: usize) -> bool {
        i >= 2
            && is(self.toks.get(i - 1), ".")
            && ident(self.toks.get(i - 2)).is_some_and(|o| self.windows.contains(o))
    }

    /// `s.name` where `s` was set to a created script element shortly before. Minified
    /// code reuses short names in every function, so "shortly" stands in for scope.
    fn member_of_script(&self, i: usize) -> bool {
        if i < 2 || !is(self.toks.get(i - 1), ".") {
            return false;
        }
        let sets = ident(self.toks.get(i - 2)).and_then(|o| self.scripts.get(o));
        sets.is_some_and(|at| at.iter().any(|&p| p < i && i - p < SCRIPT_SCOPE))
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
        if let Some(why) = self.hidden_code(name, &self.toks[body.clone()]) {
            return Verdict::bad("script.obfuscated", format!("{name} {why}"), None);
        }
        let resolved = self.resolve(body, 0);
        match &self.toks[resolved] {
            [Tok::Str(code)] => self.evaluated_string(name, code),
            _ => Verdict::Benign,
        }
    }

    /// Code handed to an evaluator that we cannot read: a packer's function result, or a
    /// decoder call on data we do not have.
    fn hidden_code(&self, name: &str, toks: &[Tok]) -> Option<&'static str> {
        let timer = matches!(name, "setTimeout" | "setInterval");
        if !timer && matches!(toks.first(), Some(Tok::Ident(f)) if f == "function") {
            return Some("of a function result (packer)");
        }
        let decoder = |t: &Tok| matches!(t, Tok::Ident(f) if DECODERS.contains(&f.as_str()));
        toks.iter().any(decoder).then_some("fed by a decoder")
    }

    /// A constant string run as code: decoded payloads are obfuscation by themselves;
    /// anything else is judged as code.
    fn evaluated_string(&self, name: &str, code: &str) -> Verdict {
        if self
            .decoded
            .iter()
            .any(|d| !d.is_empty() && code.contains(d.as_str()))
        {
            let why = format!("{name} of a decoded string");
            return Verdict::bad("script.obfuscated", why, None);
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
}
