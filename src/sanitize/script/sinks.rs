//! Navigation sinks (stage 6, script classifier): every access path to the page's
//! location and to the other ways of leaving the page. A location object is `location`
//! or an alias, reached from a page object (`window`, `top`, `self`, `document`,
//! `parent`, `frames`, `globalThis`, an alias, a destructured `{location: L}`) or from
//! anything else (`o.location` where `o` came from `[window].forEach`, an arrow IIFE, …).
//! Its sinks: assignment, `.href`/`.protocol`/`.host…` assignment, `.replace`/`.assign`
//! called directly, with `?.`, `.call`, `.apply`, `.bind`, or taken as a value;
//! `open(u, "_self")`, `navigation.navigate(u)`; a link or form target set in code
//! (`a.href = u; a.click()`). The reflective paths (`Reflect.*`, `Object.assign`) are in
//! [`super::reflective`], computed keys on page objects in [`super::computed`].

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;

/// Location members whose assignment navigates to the value.
pub(super) const NAV_PROPS: &[&str] = &["href", "protocol", "origin"];
/// Location members whose assignment navigates to a host chosen by the script.
pub(super) const HOST_PROPS: &[&str] = &["host", "hostname", "port"];

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
        if self.pattern_target(start, i + 1) {
            return self.destructured("the location");
        }
        if is(self.toks.get(i + 1), ".")
            && ident(self.toks.get(i + 2))
                .is_some_and(|p| NAV_PROPS.contains(&p) || HOST_PROPS.contains(&p))
            && self.pattern_target(start, i + 3)
        {
            return self.destructured("a location member");
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
        match self.target(target.clone(), 0) {
            Target::Safe => Verdict::Benign,
            // A navigator's parameter: judged where it is called.
            Target::Computed if self.param_navigation(&target, false) => Verdict::Benign,
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
    /// (`open(u)`) loads `u` as well: both must be proven same-site.
    pub(super) fn window_open(&self, i: usize) -> Verdict {
        let Some(args) = self.call_args(i + 1) else {
            return Verdict::Benign;
        };
        if self.xhr_like(&args) {
            // `x.open(method, url, …)` on a name that is a window alias elsewhere.
            return self.fetcher(i);
        }
        let same_window = ident(self.toks.get(i)) == Some("navigate")
            || args.get(1).is_some_and(|r| {
                matches!(&self.toks[r.clone()], [Tok::Str(s)] if matches!(s.to_ascii_lowercase().as_str(), "_self" | "_top" | "_parent"))
            });
        match (same_window, args.into_iter().next()) {
            (true, Some(target)) => self.redirect(target),
            (false, Some(target)) => self.redirect(target),
            _ => Verdict::Benign,
        }
    }

    /// An `open` call shaped like `XMLHttpRequest#open`: a method first (a literal, or a
    /// `.type`/`.method` member) or more arguments than `window.open` takes.
    fn xhr_like(&self, args: &[Range<usize>]) -> bool {
        let ends_with = |r: &Range<usize>, names: &[&str]| {
            ident(self.toks.get(r.end.wrapping_sub(1))).is_some_and(|n| names.contains(&n))
                && is(self.toks.get(r.end.wrapping_sub(2)), ".")
        };
        let method = args.first().is_some_and(|r| {
            ends_with(r, &["type", "method"])
                || matches!(&self.toks[self.resolve(r.clone(), 0)], [Tok::Str(m)] if matches!(m.to_ascii_uppercase().as_str(), "GET" | "POST" | "HEAD" | "PUT" | "DELETE" | "PATCH" | "OPTIONS"))
        });
        method || args.len() > 3
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
        let link = matches!(ident(self.toks.get(i)), Some("href" | "ping"));
        self.link_target(
            self.expr(i + 2),
            !link || self.target_fires(i.wrapping_sub(2)),
        )
    }

    /// A link or form target set in code: judged like a navigation when it takes effect
    /// (`fires`); otherwise only a foreign or run-time-decoded value counts.
    pub(super) fn link_target(&self, value: Range<usize>, fires: bool) -> Verdict {
        match fires {
            true => self.redirect(value),
            false => self.redirect_if_decoded(value),
        }
    }
}
