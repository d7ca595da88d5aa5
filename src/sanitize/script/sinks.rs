//! Navigation sinks (stage 6, script classifier): every access path to the page's
//! location and to the other ways of leaving the page. A location object is `location`
//! or an alias, reached from a page object (`window`, `top`, `self`, `document`,
//! `parent`, `frames`, `globalThis`, an alias, a destructured `{location: L}`) or from
//! anything else (`o.location` where `o` came from `[window].forEach`, an arrow IIFE, …).
//! Its sinks: assignment, `.href`/`.protocol`/`.host…` assignment, `.replace`/`.assign`
//! called directly, with `?.`, `.call`, `.apply`, `.bind`, `Reflect.apply`, or taken as a
//! value; `Reflect.set`, `Reflect.get`, `Object.assign`; `open(u, "_self")`,
//! `navigation.navigate(u)`; a link or form target set in code (`a.href = u; a.click()`).
//!
//! A computed key on a page object that folding could not resolve (`window[k] = …`,
//! `top[k](…)`) is treated as a sink when the key was built by the script (an operator,
//! a call or a run-time decoder went into it): a callback name handed in from outside
//! (`window[cb](data)`) is not.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;

/// Location members whose assignment navigates to the value.
const NAV_PROPS: &[&str] = &["href", "protocol", "origin"];
/// Location members whose assignment navigates to a host chosen by the script.
const HOST_PROPS: &[&str] = &["host", "hostname", "port"];

impl<'a> Analysis<'a> {
    /// A location object at `i`: how strongly it is known to be the page's, then its use.
    pub(super) fn location_use(&self, i: usize) -> Verdict {
        let page = self.page_object(i);
        let start = self.chain_start(i);
        // `Reflect.apply(location.replace, …)` is judged at `Reflect`.
        if start >= 4
            && is(self.toks.get(start - 1), "(")
            && ident(self.toks.get(start - 2)) == Some("apply")
            && ident(self.toks.get(start - 4)) == Some("Reflect")
        {
            return Verdict::Benign;
        }
        self.location_after(i + 1, !page)
    }

    /// The use of a location object whose expression ends just before `k`. `weak`: the
    /// object may not be a window's (`o.location = x` on some record), so a plain
    /// assignment counts only with a foreign or run-time-decoded value.
    pub(super) fn location_after(&self, k: usize, weak: bool) -> Verdict {
        let t = |n: usize| self.toks.get(n);
        if is(t(k), "=") {
            let value = self.expr(k + 1);
            return if weak {
                self.redirect_if_decoded(value)
            } else {
                self.redirect(value)
            };
        }
        if !(is(t(k), ".") || is(t(k), "?.")) {
            return Verdict::Benign;
        }
        let prop = ident(t(k + 1)).unwrap_or("");
        if NAV_PROPS.contains(&prop) && is(t(k + 2), "=") {
            return self.redirect(self.expr(k + 3));
        }
        if HOST_PROPS.contains(&prop) && is(t(k + 2), "=") {
            return Verdict::bad("script.redirect", format!("assigns location.{prop}"), None);
        }
        if prop != "replace" && prop != "assign" {
            return Verdict::Benign;
        }
        let before = self.chain_start(k.saturating_sub(1)).wrapping_sub(1);
        match self.call_args(k + 2) {
            Some(args) => self.redirect(args.into_iter().next().unwrap_or(k..k)),
            // `typeof location.replace`; `var go = location.replace`: judged where `go` is used.
            None if ident(t(before)) == Some("typeof") || self.binds_name(before) => {
                Verdict::Benign
            }
            None => Verdict::bad(
                "script.redirect",
                format!("takes location.{prop} as a value (an indirect navigation)"),
                None,
            ),
        }
    }

    /// `x =` just before `at + 1`.
    fn binds_name(&self, at: usize) -> bool {
        is(self.toks.get(at), "=")
            && ident(self.toks.get(at.wrapping_sub(1)))
                .is_some_and(|n| self.nav_methods.has(&self.scopes, n, at - 1))
    }

    /// A use of a name bound to `location.replace`/`assign`: called, it navigates.
    pub(super) fn nav_method_use(&self, i: usize) -> Verdict {
        let declared = matches!(
            ident(self.toks.get(i.wrapping_sub(1))),
            Some("var" | "let" | "const")
        );
        if is(self.toks.get(i + 1), "=") || declared {
            return Verdict::Benign;
        }
        match self.call_args(i + 1) {
            Some(args) => self.redirect(args.into_iter().next().unwrap_or(i..i)),
            None => Verdict::bad(
                "script.redirect",
                "passes on a copy of location.replace/assign",
                None,
            ),
        }
    }

    pub(super) fn redirect(&self, target: Range<usize>) -> Verdict {
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

    /// A navigation that counts only if its target is foreign or decoded at run time.
    pub(super) fn redirect_if_decoded(&self, target: Range<usize>) -> Verdict {
        match self.target(target.clone(), 0) {
            Target::Foreign(u) => {
                Verdict::bad("script.redirect", "navigates to a foreign host", Some(u))
            }
            Target::Computed if self.tainted(&target) => Verdict::bad(
                "script.redirect",
                "navigates to a URL decoded at run time",
                None,
            ),
            _ => Verdict::Benign,
        }
    }

    /// `open(u, "_self")` (and `_top`/`_parent`) and `navigate(u)` navigate; a popup
    /// (`open(u)`) counts when `u` is foreign or decoded at run time.
    pub(super) fn window_open(&self, i: usize) -> Verdict {
        let Some(args) = self.call_args(i + 1) else {
            return Verdict::Benign;
        };
        let same_window = ident(self.toks.get(i)) == Some("navigate")
            || args.get(1).is_some_and(|r| {
                matches!(&self.toks[r.clone()], [Tok::Str(s)] if matches!(s.to_ascii_lowercase().as_str(), "_self" | "_top" | "_parent"))
            });
        match (same_window, args.into_iter().next()) {
            (true, Some(target)) => self.redirect(target),
            (false, Some(target)) => self.redirect_if_decoded(target),
            _ => Verdict::Benign,
        }
    }

    /// `x.href = u`, `f.action = u`: a link or form target set in code (then clicked or
    /// submitted). Location objects are judged by [`Self::location_after`].
    pub(super) fn property_sink(&self, i: usize) -> Verdict {
        if !is(self.toks.get(i + 1), "=") || !is(self.toks.get(i.wrapping_sub(1)), ".") {
            return Verdict::Benign;
        }
        let owner = ident(self.toks.get(i.wrapping_sub(2)));
        if owner.is_some_and(|o| self.is_loc(o, i - 2)) {
            return Verdict::Benign;
        }
        self.redirect_if_decoded(self.expr(i + 2))
    }

    /// `Reflect.set/get/apply(…)` and `Object.assign(…)` on a location or page object.
    pub(super) fn reflective(&self, i: usize) -> Verdict {
        let t = |n: usize| self.toks.get(n);
        if !is(t(i + 1), ".") || !is(t(i + 3), "(") {
            return Verdict::Benign;
        }
        let open = i + 3;
        let args = self.args(open);
        match (ident(t(i)), ident(t(i + 2))) {
            (Some("Reflect"), Some("set")) => match args.as_slice() {
                [obj, key, value, ..] => self.member_write(obj, self.key(key), value.clone()),
                _ => Verdict::Benign,
            },
            (Some("Reflect"), Some("get")) => match args.as_slice() {
                [obj, key, ..]
                    if self.is_window(obj) && self.key(key).as_deref() == Some("location") =>
                {
                    self.location_after(self.close_of(open) + 1, false)
                }
                _ => Verdict::Benign,
            },
            (Some("Reflect"), Some("apply")) => self.reflect_apply(&args),
            (Some("Object"), Some("assign")) => self.object_assign(&args),
            _ => Verdict::Benign,
        }
    }

    /// `obj[key] = value` where `obj` is a location or page object (`key` `None`: computed).
    fn member_write(
        &self,
        obj: &Range<usize>,
        key: Option<String>,
        value: Range<usize>,
    ) -> Verdict {
        let key = key.as_deref();
        if self.is_location(obj) {
            return match key {
                Some(k) if HOST_PROPS.contains(&k) => {
                    Verdict::bad("script.redirect", format!("assigns location.{k}"), None)
                }
                Some(k) if !NAV_PROPS.contains(&k) => Verdict::Benign,
                _ => self.redirect(value),
            };
        }
        if self.is_window(obj) && (key.is_none() || key == Some("location")) {
            return match key {
                Some(_) => self.redirect(value),
                None => self.redirect_if_decoded(value),
            };
        }
        Verdict::Benign
    }

    /// `Reflect.apply(location.replace, location, [u])`, `Reflect.apply(eval, w, [s])`.
    fn reflect_apply(&self, args: &[Range<usize>]) -> Verdict {
        let [f, _, list, ..] = args else {
            return Verdict::Benign;
        };
        let Some(last) = f.end.checked_sub(1) else {
            return Verdict::Benign;
        };
        let callee = ident(self.toks.get(last)).unwrap_or("");
        let receiver = f.start..last.saturating_sub(1);
        let first = self
            .elements(list)
            .into_iter()
            .next()
            .unwrap_or(list.end..list.end);
        match callee {
            "replace" | "assign" if self.is_location(&receiver) => self.redirect(first),
            "eval" | "Function" | "setTimeout" | "setInterval" => self.evaluate(callee, &[first]),
            c if self.evaluators.has(&self.scopes, c, last) => self.evaluate(callee, &[first]),
            _ => Verdict::Benign,
        }
    }

    /// `Object.assign(location, {href: u})`, `Object.assign(window, {location: u})`.
    fn object_assign(&self, args: &[Range<usize>]) -> Verdict {
        let Some((obj, sources)) = args.split_first() else {
            return Verdict::Benign;
        };
        for src in sources {
            if !is(self.toks.get(src.start), "{") {
                continue;
            }
            for (key, value) in self.object_pairs(src.start) {
                let v = self.member_write(obj, key, value);
                if v.is_malicious() {
                    return v;
                }
            }
        }
        Verdict::Benign
    }

    /// The `key: value` pairs of the object literal opening at `open` (`None`: computed).
    fn object_pairs(&self, open: usize) -> Vec<(Option<String>, Range<usize>)> {
        let mut out = Vec::new();
        for entry in self.args(open) {
            let toks = &self.toks[entry.clone()];
            let colon = toks.iter().position(|t| matches!(t, Tok::Punct(":")));
            let (key, value) = match (colon, toks) {
                (Some(1), [Tok::Ident(k) | Tok::Str(k), ..]) => {
                    (Some(k.clone()), entry.start + 2..entry.end)
                }
                (Some(3), [Tok::Punct("["), Tok::Str(k), Tok::Punct("]"), ..]) => {
                    (Some(k.clone()), entry.start + 4..entry.end)
                }
                (Some(c), _) => (None, entry.start + c + 1..entry.end),
                (None, [Tok::Ident(k)]) => (Some(k.clone()), entry.clone()),
                _ => continue,
            };
            out.push((key, value));
        }
        out
    }

    /// A property key given as an argument: its name if it is a constant.
    fn key(&self, r: &Range<usize>) -> Option<String> {
        match &self.toks[self.resolve(r.clone(), 0)] {
            [Tok::Str(s)] => Some(s.clone()),
            _ => None,
        }
    }

    /// A chain `a.b.location` (or a location alias) reached from page objects.
    pub(super) fn is_location(&self, r: &Range<usize>) -> bool {
        self.chain_end(r)
            .is_some_and(|last| self.is_loc(last.1, last.0) && self.page_object(last.0))
    }

    /// A chain `a.b.window` naming a page object (or an alias).
    pub(super) fn is_window(&self, r: &Range<usize>) -> bool {
        self.chain_end(r)
            .is_some_and(|last| self.is_win(last.1, last.0) && self.page_object(last.0))
    }

    /// The last identifier of a range that is a plain member chain.
    fn chain_end(&self, r: &Range<usize>) -> Option<(usize, &'a str)> {
        let last = r.end.checked_sub(1).filter(|&l| l >= r.start)?;
        let name = ident(self.toks.get(last))?;
        (self.chain_start(last) == r.start).then_some((last, name))
    }

    /// `W[k] = v`, `W[k](…)`, `W[k].x = v` with a key the script built but folding could
    /// not resolve, on a page object `W`.
    pub(super) fn computed_member(&self, open: usize) -> Verdict {
        let Some(obj) = open.checked_sub(1) else {
            return Verdict::Benign;
        };
        let on_page =
            ident(self.toks.get(obj)).is_some_and(|o| self.is_win(o, obj) && self.page_object(obj));
        if !on_page {
            return Verdict::Benign;
        }
        let close = self.close_of(open);
        let key = open + 1..close;
        if !self.built_key(&key) {
            return Verdict::Benign;
        }
        let next = self.toks.get(close + 1);
        if is(next, "=") {
            let value = self.expr(close + 2);
            return match self.inert(&value) {
                true => Verdict::Benign,
                false => self.redirect(value),
            };
        }
        if is(next, "(") {
            let args = self.args(close + 1);
            if args.iter().any(|a| self.tainted(a)) {
                return Verdict::bad(
                    "script.obfuscated",
                    "calls a computed property of a page object with decoded data",
                    None,
                );
            }
            return self.redirect(args.into_iter().next().unwrap_or(close..close));
        }
        if is(next, ".") || is(next, "[") || is(next, "?.") {
            return Verdict::bad(
                "script.obfuscated",
                "uses a computed property of a page object",
                None,
            );
        }
        Verdict::Benign
    }

    /// A key that the script built from pieces: literals, `+`, an array, a decoder, or a
    /// name bound (where it is used) to such an expression or grown with `+=`. A name read
    /// from a settings object or a parameter is not.
    fn built_key(&self, key: &Range<usize>) -> bool {
        match &self.toks[key.clone()] {
            [] | [Tok::Num(_)] | [Tok::Str(_)] => false,
            [Tok::Ident(n)] => {
                let (bound, appended) = self.visible(n, key.start);
                !appended.is_empty() || bound.iter().any(|r| self.built_expr(r))
            }
            _ => self.built_expr(key),
        }
    }

    fn built_expr(&self, r: &Range<usize>) -> bool {
        let pieces = self.toks[r.clone()]
            .iter()
            .any(|t| matches!(t, Tok::Str(_) | Tok::Num(_) | Tok::Punct("+" | "[")));
        !matches!(&self.toks[r.clone()], [Tok::Str(_)] | [Tok::Num(_)])
            && (pieces || self.decoded_at_run_time(r))
    }

    /// A value that cannot be a URL: a function, object, array, number, boolean, a class,
    /// `new …`, or the property's own default (`w[k] = w[k] || []`).
    fn inert(&self, value: &Range<usize>) -> bool {
        let toks = &self.toks[value.clone()];
        match toks {
            [Tok::Num(_)] => true,
            [Tok::Ident(k), ..]
                if matches!(
                    k.as_str(),
                    "function"
                        | "class"
                        | "new"
                        | "true"
                        | "false"
                        | "null"
                        | "undefined"
                        | "async"
                ) =>
            {
                true
            }
            [Tok::Punct("{" | "["), ..] => true,
            [Tok::Ident(_), Tok::Punct("=>"), ..] => true,
            [Tok::Punct("("), ..] => toks.iter().any(|t| matches!(t, Tok::Punct("=>"))),
            _ => toks
                .windows(2)
                .any(|w| matches!(w, [Tok::Punct("||"), Tok::Punct("[" | "{")])),
        }
    }
}
