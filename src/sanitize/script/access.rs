//! The less common access paths to navigation and request sinks (stage 6, script
//! classifier), dispatched from the walk of [`super::analyze`] for names it does not
//! handle itself:
//! - `with (location) { href = u }` (and `replace(u)`, `assign(u)`, `host = …`);
//! - the location's setter taken out of it: `window.__lookupSetter__('location')`,
//!   `location.__lookupSetter__('href')` (its property descriptor is in
//!   [`super::reflective`]);
//! - destructuring into the location: `({href: location.href} = {href: u})`,
//!   `[location.href] = [u]`, `({location} = o)` (judged from [`super::sinks`]);
//! - request sinks reached by a property or a constructor: `style`, `srcset`, `ping`,
//!   `poster`, CSS calls ([`super::styles`]), `new Audio(u)`, `new Worker(u)`,
//!   `new SharedWorker(u)` ([`super::workers`]), markup parsed by `DOMParser` or a
//!   range ([`super::markup`]), `setAttributeNS` ([`super::loaders`]).
//!
//! Fail closed: a location setter taken as a value, or a destructuring pattern that
//! writes the location, goes whatever the value (no site needs either).

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;
use super::sinks::{HOST_PROPS, NAV_PROPS};

/// How far a destructuring pattern is followed to its `=`.
const PATTERN_SPAN: usize = 512;

impl<'a> Analysis<'a> {
    /// The signal at `name` (token `i`) for the names [`super::analyze`] leaves to this
    /// module: (severity slot, verdict).
    pub(super) fn access_at(&self, i: usize, name: &str) -> (usize, Verdict) {
        let t = |n: usize| self.toks.get(n);
        let set = is(t(i.wrapping_sub(1)), ".") && is(t(i + 1), "=");
        let v = match name {
            "with" if is(t(i + 1), "(") => return (0, self.with_statement(i)),
            "__lookupSetter__" => return (0, self.lookup_setter(i)),
            "style" => self.style_sink(i),
            "srcset" | "imageSrcset" => self.srcset_sink(i),
            "insertRule" | "addRule" | "replaceSync" => self.css_call(i),
            "parseFromString" | "createContextualFragment" => self.parsed_markup(i),
            "setAttributeNS" => self.set_attribute(i),
            "Audio" | "Worker" | "SharedWorker" if self.constructed(i) => self.constructor_sink(i),
            "poster" if set => self.request(self.expr(i + 2), "loads"),
            _ => Verdict::Benign,
        };
        (1, v)
    }

    /// `new X(…)` or `new window.X(…)` at `i`.
    fn constructed(&self, i: usize) -> bool {
        let start = self.chain_start(i);
        ident(self.toks.get(start.wrapping_sub(1))) == Some("new")
            && (start == i || self.page_object(i))
    }

    /// `with (o) …` at `i` where `o` is a location: the bare names of its members in the
    /// body are the location's.
    fn with_statement(&self, i: usize) -> Verdict {
        let open = i + 1;
        let close = self.close_of(open);
        let object = open + 1..close;
        if !self.is_location(&object) {
            return Verdict::Benign;
        }
        let body = match is(self.toks.get(close + 1), "{") {
            true => close + 2..self.close_of(close + 1),
            false => self.expr(close + 1),
        };
        for k in body {
            if is(self.toks.get(k.wrapping_sub(1)), ".") {
                continue;
            }
            let Some(name) = ident(self.toks.get(k)) else {
                continue;
            };
            let assigned = is(self.toks.get(k + 1), "=");
            let v = match name {
                n if NAV_PROPS.contains(&n) && assigned => self.redirect(self.expr(k + 2)),
                n if HOST_PROPS.contains(&n) && assigned => {
                    Verdict::bad("script.redirect", format!("assigns location.{n}"), None)
                }
                "replace" | "assign" => match self.call_args(k + 1) {
                    Some(args) => self.redirect(args.into_iter().next().unwrap_or(k..k)),
                    None => Verdict::Benign,
                },
                _ => Verdict::Benign,
            };
            if v.is_malicious() {
                return v;
            }
        }
        Verdict::Benign
    }

    /// `o.__lookupSetter__(key)` where the key names the location or one of its
    /// navigating members, or is built by the script.
    fn lookup_setter(&self, i: usize) -> Verdict {
        let Some(args) = self.call_args(i + 1) else {
            return Verdict::Benign;
        };
        let Some(key) = args.first() else {
            return Verdict::Benign;
        };
        let named = match &self.toks[self.resolve(key.clone(), 0)] {
            [Tok::Str(k)] => {
                k == "location"
                    || NAV_PROPS.contains(&k.as_str())
                    || HOST_PROPS.contains(&k.as_str())
            }
            _ => self.built_key(key),
        };
        match named {
            true => Verdict::bad(
                "script.redirect",
                "takes the location's setter (an indirect navigation)",
                None,
            ),
            false => Verdict::Benign,
        }
    }

    /// Whether the location expression that ends just before `k` is a target of a
    /// destructuring assignment (`[location.href] = …`, `({href: location.href} = …)`,
    /// `for (location.href of …)`).
    pub(super) fn pattern_target(&self, start: usize, k: usize) -> bool {
        let before = self.toks.get(start.wrapping_sub(1));
        if !matches!(before, Some(Tok::Punct("[" | "{" | "," | ":" | "..."))) {
            return ident(self.toks.get(k)) == Some("of");
        }
        if is(self.toks.get(k), ":") {
            // `{location: L} = window`: a key, not a target.
            return false;
        }
        let mut depth = 0i32;
        let end = self.toks.len().min(k + PATTERN_SPAN);
        for n in k..end {
            match self.toks.get(n) {
                Some(Tok::Punct("(" | "[" | "{")) => depth += 1,
                Some(Tok::Punct(")")) if depth == 0 => return false,
                Some(Tok::Punct("]" | "}")) if depth == 0 => match self.toks.get(n + 1) {
                    // `const {location} = self` declares a name of its own.
                    Some(Tok::Punct("=")) => return !self.declared_pattern(n),
                    Some(Tok::Punct("," | "]" | "}")) => {}
                    Some(Tok::Ident(o)) if o == "of" => return true,
                    _ => return false,
                },
                Some(Tok::Punct(")" | "]" | "}")) => depth -= 1,
                Some(Tok::Punct(";")) if depth == 0 => return false,
                _ => {}
            }
        }
        false
    }

    /// The pattern closed at `close` follows `var`, `let` or `const`.
    fn declared_pattern(&self, close: usize) -> bool {
        self.open_of(close).is_some_and(|o| {
            matches!(
                ident(self.toks.get(o.wrapping_sub(1))),
                Some("var" | "let" | "const")
            )
        })
    }

    /// A location write through a destructuring pattern.
    pub(super) fn destructured(&self, what: &str) -> Verdict {
        Verdict::bad(
            "script.redirect",
            format!("assigns {what} through a destructuring pattern"),
            None,
        )
    }

    /// The element an attribute or property write goes to is one (`createElement(…)`,
    /// `querySelector(…)`, `getElementById(…)`, or a name bound to one).
    pub(super) fn element_expr(&self, r: &Range<usize>) -> bool {
        let bound = self.resolve(r.clone(), 0);
        self.toks[bound].iter().any(|t| {
            matches!(t, Tok::Ident(f) if matches!(f.as_str(), "createElement" | "createElementNS" | "querySelector" | "getElementById" | "getElementsByTagName" | "getElementsByClassName" | "querySelectorAll"))
        })
    }
}
