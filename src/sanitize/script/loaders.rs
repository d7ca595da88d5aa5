//! Loaders of foreign code (stage 6, script classifier): `document.write` of a script
//! tag, a created script element given a `src`, `import()`. Also `setAttribute` (and
//! `setAttributeNS`, and either through `.call`/`.apply`) of a link or form target,
//! judged like the property sinks, and of any other element's `src`, `srcset` or `style`
//! (a request, [`super::requests`], [`super::styles`]). A computed script URL is let through only when it is
//! a plain read (`t.src = e` in WordPress's emoji loader) and every script URL the script
//! names is allowed: a literal or operator in it (`'https://' + x`) fails closed.

use std::collections::HashMap;
use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;

/// How many tokens after `s = createElement("script")` a `s.src = …` still counts.
const SCRIPT_SCOPE: usize = 400;

impl<'a> Analysis<'a> {
    /// `s = document.createElement("script")` (or with an argument we cannot read).
    pub(super) fn script_variables(&self) -> HashMap<&'a str, Vec<usize>> {
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

    /// `s.name` where `s` was set to a created script element shortly before. Minified
    /// code reuses short names in every function, so "shortly" stands in for scope.
    pub(super) fn member_of_script(&self, i: usize) -> bool {
        i >= 2 && is(self.toks.get(i - 1), ".") && self.script_var(i - 2, i)
    }

    /// The name at `owner_at` was set to a created script element shortly before `used`.
    pub(super) fn script_var(&self, owner_at: usize, used: usize) -> bool {
        let sets = ident(self.toks.get(owner_at)).and_then(|o| self.scripts.get(o));
        sets.is_some_and(|at| at.iter().any(|&p| p < used && used - p < SCRIPT_SCOPE))
    }

    pub(super) fn loader(&self, target: Range<usize>) -> Verdict {
        if self.code_in_url(&target) {
            return Verdict::bad("script.loader", "loads a script carried in a URL", None);
        }
        match self.target(target.clone(), 0) {
            Target::Safe => Verdict::Benign,
            Target::Foreign(u) => Verdict::bad(
                "script.loader",
                "loads a script from a foreign host",
                Some(u),
            ),
            Target::Computed
                if self.plain_read(&target, 0)
                    && !self.decoded_at_run_time(&target)
                    && !self.channel_fed(&target)
                    && self.own_scripts() =>
            {
                Verdict::Benign
            }
            Target::Computed => {
                Verdict::bad("script.loader", "loads a script from a computed URL", None)
            }
        }
    }

    /// A name or member read (`e`, `n.source.concatemoji`), or a name bound only to such
    /// reads: no literal or operator went into it, so the script's own constants decide.
    fn plain_read(&self, r: &Range<usize>, depth: usize) -> bool {
        let toks = &self.toks[r.clone()];
        let chain = toks
            .iter()
            .all(|t| matches!(t, Tok::Ident(_) | Tok::Punct(".")));
        if !chain || toks.is_empty() || depth > 4 {
            return false;
        }
        let [Tok::Ident(n)] = toks else { return true };
        let (bound, appended) = self.visible(n, r.start);
        appended.is_empty()
            && bound
                .iter()
                .filter(|b| !b.contains(&r.start))
                .all(|b| self.plain_read(b, depth + 1))
    }

    /// The script names the scripts it loads as constants, all on allowed hosts (a
    /// loader such as WordPress's emoji one reading its URL from its settings object).
    fn own_scripts(&self) -> bool {
        let mut urls = self.toks.iter().filter_map(|t| match t {
            Tok::Str(s) if s.contains(".js") && (s.contains("//") || s.starts_with('/')) => Some(s),
            _ => None,
        });
        let mut any = false;
        urls.all(|u| {
            any = true;
            !(self.is_foreign)(u)
        }) && any
    }

    /// `document.write` of a script tag whose `src` is foreign or computed, or of markup
    /// decoded at run time.
    pub(super) fn document_write(&self, i: usize) -> Verdict {
        if !is(self.toks.get(i + 1), "(") {
            return Verdict::Benign;
        }
        let mut text = String::new();
        let args = self.args(i + 1);
        if args.first().is_some_and(|r| self.decoded_markup(r)) {
            return Verdict::bad(
                "script.obfuscated",
                "writes markup decoded at run time",
                None,
            );
        }
        if args.iter().any(|r| self.channel_fed(r)) {
            return Verdict::bad(
                super::dynamic::RULE,
                "writes markup received or read at run time",
                None,
            );
        }
        for r in args.iter().cloned() {
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
            return self.markup_args(&args);
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
        self.markup_args(&args)
    }

    /// Each argument of `document.write` as markup ([`super::markup`]).
    fn markup_args(&self, args: &[Range<usize>]) -> Verdict {
        args.iter()
            .map(|r| self.markup_sink(r.clone()))
            .find(Verdict::is_malicious)
            .unwrap_or(Verdict::Benign)
    }

    /// Markup whose first part was decoded at run time (no constant markup before it).
    fn decoded_markup(&self, r: &Range<usize>) -> bool {
        let first = self.expr_operand(r);
        !matches!(self.toks.get(first.start), Some(Tok::Str(_))) && self.tainted(&first)
    }

    /// The first `+` operand of a range.
    fn expr_operand(&self, r: &Range<usize>) -> Range<usize> {
        let mut depth = 0i32;
        for k in r.clone() {
            match &self.toks[k] {
                Tok::Punct("(" | "[" | "{") => depth += 1,
                Tok::Punct(")" | "]" | "}") => depth -= 1,
                Tok::Punct("+") if depth == 0 => return r.start..k,
                _ => {}
            }
        }
        r.clone()
    }

    /// A range that creates a script element or names one created shortly before.
    pub(super) fn creates_script_in(&self, r: &Range<usize>) -> bool {
        r.clone()
            .any(|k| ident(self.toks.get(k)) == Some("createElement") && self.creates_script(k))
            || (r.len() == 1 && self.script_var(r.start, r.end))
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

    /// `el.setAttribute(name, v)`, `el.setAttributeNS(ns, name, v)`, also reached as
    /// `Element.prototype.setAttribute.call(el, …)` (or `.apply`, `.bind`): judged as
    /// [`Self::attribute_write`].
    pub(super) fn set_attribute(&self, i: usize) -> Verdict {
        let ns = usize::from(ident(self.toks.get(i)) == Some("setAttributeNS"));
        let Some(args) = self.call_args(i + 1) else {
            return Verdict::Benign;
        };
        let [name, value, ..] = args.get(ns..).unwrap_or_default() else {
            return Verdict::Benign;
        };
        let Some(name) = self.literal_key(name) else {
            return Verdict::Benign;
        };
        // `.call(el, …)`/`.apply(el, …)`: the element is the first argument.
        let owner = match ident(self.toks.get(i + 2)) {
            Some("call" | "apply") if is(self.toks.get(i + 1), ".") => i + 4,
            _ => i.wrapping_sub(2),
        };
        self.attribute_write(&name, value.clone(), owner, i)
    }

    /// Attribute `name` (lower-case, a namespace prefix dropped) of the element at
    /// `owner_at` set to `value` at token `at`: a created script's `src` loads code, other
    /// `src`s, `poster`s, `srcset`s and `style` URLs are requests, `href` and `ping` take
    /// effect when the element is fired, `action` when a form is submitted.
    pub(super) fn attribute_write(
        &self,
        name: &str,
        value: Range<usize>,
        owner_at: usize,
        at: usize,
    ) -> Verdict {
        let name = name.rsplit(':').next().unwrap_or(name);
        match name {
            "src" if self.script_var(owner_at, at) => self.loader(value),
            "src" | "poster" => self.request(value, "loads"),
            "srcset" | "imagesrcset" => self.srcset_value(value),
            "style" => self.css_value(value),
            "href" | "ping" => self.link_target(value, self.target_fires(owner_at)),
            "action" | "formaction" => self.redirect(value),
            "srcdoc" => self.fed_markup(value),
            "content" if self.makes_refresh() => self.refresh_content(value),
            n if n.starts_with("on") => match &self.toks[self.resolve(value.clone(), 0)] {
                [Tok::Str(code)] => self.evaluated_string("handler", code),
                _ => self.fed_markup(value),
            },
            _ => Verdict::Benign,
        }
    }

    fn literal_key(&self, r: &Range<usize>) -> Option<String> {
        match &self.toks[self.resolve(r.clone(), 0)] {
            [Tok::Str(s)] => Some(s.to_ascii_lowercase()),
            _ => None,
        }
    }
}
