//! Where a window or a location flows as a value (stage 6, script classifier), so that
//! its later use is judged as on the page's own object and not as on some record:
//! - into the parameters of a function declared once and called by name
//!   (`function go(w){ w.location = u } go(window)`, `var go = l => l.replace(u)`);
//! - into the parameter of a callback over an array literal holding one
//!   (`[location].forEach(function(l){ l.href = u })`), or of `Promise.resolve(x).then`;
//! - into an object member (`o.l = location`, `{l: top.location}`): `X.l` is a location;
//! - into a name bound to the window's location getter
//!   (`var g = Object.getOwnPropertyDescriptor(window, 'location').get`): `g.call(w)`
//!   yields the location (judged in [`super::reflective`]), and `l = g.call(w)` is one;
//! - `this` at the top level or in a timer callback (`setTimeout(function(){ this.location
//!   = u })`) is the window.
//!
//! Immediately called functions are bound in [`super::scope`]. Each flow only widens what
//! counts as the page's object; the sinks and their targets are judged as before, so a
//! same-site target stays benign.

use std::collections::HashMap;
use std::ops::Range;

use super::analyze::{Analysis, ident, is};
use super::fold::ends_operand;
use super::lexer::Tok;

/// Array methods whose callback receives each element as its first parameter.
const ELEMENT_CALLBACKS: &[&str] = &[
    "forEach", "map", "some", "every", "filter", "find", "findLast", "flatMap",
];

/// Calls that run a plain `function` callback with the window as `this`.
const WINDOW_THIS_CALLERS: &[&str] = &["setTimeout", "setInterval", "requestAnimationFrame"];

/// What a value is, as far as navigation goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Window,
    Location,
}

/// A function with a name: its parameters and where its body starts.
type Named<'a> = HashMap<&'a str, Vec<(Vec<&'a str>, usize)>>;

impl<'a> Analysis<'a> {
    /// Notes every flow listed in the module docs. Run after the bindings are known.
    pub(super) fn collect_flows(&mut self) {
        let named = self.named_functions();
        for i in 0..self.toks.len() {
            if !self.budget.spend(1) {
                return;
            }
            match self.toks.get(i) {
                Some(Tok::Ident(name)) if !named.is_empty() => self.named_call(i, name, &named),
                Some(Tok::Punct("=")) => {
                    self.member_store(i);
                    self.getter_store(i);
                    self.getter_result(i);
                }
                Some(Tok::Punct(":")) => self.literal_member(i),
                Some(Tok::Punct(".")) => self.element_callback(i),
                _ => {}
            }
        }
    }

    /// Whether the range is a window or a location reached from page objects.
    fn kind(&self, r: &Range<usize>) -> Option<Kind> {
        let r = self.resolve(r.clone(), 0);
        if self.is_location(&r) {
            Some(Kind::Location)
        } else if self.is_window(&r) {
            Some(Kind::Window)
        } else {
            None
        }
    }

    fn bind(&mut self, name: &'a str, body: usize, kind: Kind) {
        match kind {
            Kind::Window => self.windows.insert(name, body + 1),
            Kind::Location => self.locations.insert(name, body + 1),
        }
    }

    /// `function NAME(…) {…}`, `NAME = function (…) {…}`, `NAME = (…) => …`.
    fn named_functions(&self) -> Named<'a> {
        let toks: &'a [Tok] = self.toks;
        let mut out: Named<'a> = HashMap::new();
        for i in 0..toks.len() {
            if !self.budget.spend(1) {
                break;
            }
            let (name, at) = match (ident(toks.get(i)), toks.get(i + 1)) {
                (Some("function"), Some(Tok::Ident(n))) if is(toks.get(i + 2), "(") => {
                    (n.as_str(), i + 2)
                }
                (Some(n), Some(Tok::Punct("="))) if !is(toks.get(i.wrapping_sub(1)), ".") => {
                    (n, i + 2)
                }
                _ => continue,
            };
            if let Some((params, body)) = self.function_from(at) {
                out.entry(name).or_default().push((params, body));
            }
        }
        out
    }

    /// A function expression starting at `at` (`function (…) {`, `(…) => `, `x => `,
    /// or the parameter list of a declaration): its parameters and body start.
    fn function_from(&self, at: usize) -> Option<(Vec<&'a str>, usize)> {
        let t = |n: usize| self.toks.get(n);
        let arrow = match (t(at), t(at + 1)) {
            (Some(Tok::Ident(_)), Some(Tok::Punct("=>"))) => Some(at + 1),
            (Some(Tok::Punct("(")), _) => {
                let close = self.close_of(at);
                is(t(close + 1), "=>").then_some(close + 1)
            }
            _ => None,
        };
        let head = match arrow {
            Some(k) => k,
            None if ident(t(at)) == Some("function") => at,
            // The parameter list of `function NAME(…)`: seen from `function`.
            None if is(t(at), "(") && ident(t(at.wrapping_sub(2))) == Some("function") => at - 2,
            None => return None,
        };
        if ident(t(head)) == Some("function") && !is(t(head + 1), "(") {
            // `function NAME(…)`: read it as anonymous from its parameter list.
            let open = head + 2;
            let params = self
                .args(open)
                .iter()
                .filter_map(|r| self.param(r))
                .collect();
            let body = self.close_of(open) + 1;
            return is(t(body), "{").then_some((params, body));
        }
        let (params, body, _) = self.function_at(head)?;
        Some((params, body))
    }

    fn param(&self, r: &Range<usize>) -> Option<&'a str> {
        let toks: &'a [Tok] = self.toks;
        ident(toks.get(r.start))
    }

    /// `NAME(args)` (or `.call`, `.apply`, `.bind`) of a named function: its parameters
    /// take the kinds of the arguments.
    fn named_call(&mut self, i: usize, name: &str, named: &Named<'a>) {
        let Some(defs) = named.get(name) else {
            return;
        };
        let before = self.toks.get(i.wrapping_sub(1));
        if is(before, ".") || ident(before) == Some("function") {
            return;
        }
        let Some(args) = self.call_args(i + 1) else {
            return;
        };
        let kinds: Vec<Option<Kind>> = args.iter().map(|a| self.kind(a)).collect();
        for (params, body) in defs {
            for (p, kind) in params.iter().zip(&kinds) {
                if let Some(kind) = kind {
                    self.bind(p, *body, *kind);
                }
            }
        }
    }

    /// `X.member = <location>`: the member holds a location wherever it is read.
    fn member_store(&mut self, eq: usize) {
        let toks: &'a [Tok] = self.toks;
        if eq < 2 || !is(toks.get(eq - 2), ".") {
            return;
        }
        let Some(member) = ident(toks.get(eq - 1)) else {
            return;
        };
        if self.kind(&self.expr(eq + 1)) == Some(Kind::Location) {
            self.loc_members.insert(member);
        }
    }

    /// `g = Object.getOwnPropertyDescriptor(window, 'location').get`: calling `g` yields
    /// the location.
    fn getter_store(&mut self, eq: usize) {
        let toks: &'a [Tok] = self.toks;
        let Some(name) = ident(toks.get(eq.wrapping_sub(1))) else {
            return;
        };
        if is(toks.get(eq.wrapping_sub(2)), ".") {
            return;
        }
        let r = self.expr(eq + 1);
        let t = |n: usize| toks.get(n);
        if r.len() < 4 || ident(t(r.end - 1)) != Some("get") || !is(t(r.end - 2), ".") {
            return;
        }
        let Some(open) = self.open_of(r.end - 3) else {
            return;
        };
        if ident(t(open.wrapping_sub(1))) != Some("getOwnPropertyDescriptor") {
            return;
        }
        if let [obj, key, ..] = self.args(open).as_slice()
            && self.is_window(obj)
            && self.key(key).as_deref() == Some("location")
        {
            self.loc_getters.insert(name, eq);
        }
    }

    /// `l = g.call(window)` (or `g()`, `g.apply(w)`, `g.bind(w)()`) where `g` is bound to
    /// the location getter: `l` is the location.
    fn getter_result(&mut self, eq: usize) {
        let toks: &'a [Tok] = self.toks;
        let Some(name) = ident(toks.get(eq.wrapping_sub(1))) else {
            return;
        };
        let r = self.expr(eq + 1);
        let Some(g) = ident(toks.get(r.start)) else {
            return;
        };
        if !self.loc_getters.has(&self.scopes, g, r.start) || is(toks.get(eq.wrapping_sub(2)), ".")
        {
            return;
        }
        let t = |n: usize| toks.get(n);
        let k = r.start + 1;
        let called = |open: usize| is(t(open), "(").then(|| self.close_of(open) + 1);
        let end = match ident(t(k + 1)) {
            _ if is(t(k), "(") => called(k),
            Some("call" | "apply") if is(t(k), ".") => called(k + 2),
            Some("bind") if is(t(k), ".") => called(k + 2).and_then(called),
            _ => None,
        };
        if end == Some(r.end) {
            self.locations.insert(name, eq);
        }
    }

    /// `{member: <location>}` in an object literal.
    fn literal_member(&mut self, colon: usize) {
        let toks: &'a [Tok] = self.toks;
        let Some(member) = ident(toks.get(colon.wrapping_sub(1))) else {
            return;
        };
        if !matches!(toks.get(colon.wrapping_sub(2)), Some(Tok::Punct("{" | ","))) {
            return;
        }
        if self.kind(&self.expr(colon + 1)) == Some(Kind::Location) {
            self.loc_members.insert(member);
        }
    }

    /// `[a, b].forEach(cb)` (or a name bound to that array, or `Promise.resolve(x).then`):
    /// the callback's first parameter is a window or location if an element is one.
    fn element_callback(&mut self, dot: usize) {
        let t = |n: usize| self.toks.get(n);
        let Some(method) = ident(t(dot + 1)) else {
            return;
        };
        let promised = method == "then";
        if !(ELEMENT_CALLBACKS.contains(&method) || promised) || !is(t(dot + 2), "(") {
            return;
        }
        let elements = match t(dot.wrapping_sub(1)) {
            Some(Tok::Punct("]")) => self.array_literal(dot - 1),
            Some(Tok::Ident(_)) if !promised => {
                let r = self.resolve(dot - 1..dot, 0);
                match is(t(r.end.wrapping_sub(1)), "]") && r.len() > 1 {
                    true => self.array_literal(r.end - 1),
                    false => Vec::new(),
                }
            }
            Some(Tok::Punct(")")) if promised => self.resolved_promise(dot - 1),
            _ => Vec::new(),
        };
        let Some(kind) = elements
            .iter()
            .filter_map(|e| self.kind(e))
            .max_by_key(|k| *k as u8)
        else {
            return;
        };
        let callback = self.first_arg(dot + 2);
        let found = callback.clone().find_map(|k| {
            self.function_at(k)
                .filter(|_| !is(t(k.wrapping_sub(1)), "."))
        });
        if let Some((params, body, _)) = found
            && let Some(p) = params.first()
        {
            self.bind(p, body, kind);
        }
    }

    /// The elements of the array literal closed at `close` (not an index `a[0]`).
    fn array_literal(&self, close: usize) -> Vec<Range<usize>> {
        match self.open_of(close) {
            Some(open) if !ends_operand(self.toks.get(open.wrapping_sub(1))) => self.args(open),
            _ => Vec::new(),
        }
    }

    /// `Promise.resolve(x)` closed at `close`: `[x]`.
    fn resolved_promise(&self, close: usize) -> Vec<Range<usize>> {
        let Some(open) = self.open_of(close) else {
            return Vec::new();
        };
        let t = |n: usize| self.toks.get(n);
        match (
            ident(t(open.wrapping_sub(1))),
            ident(t(open.wrapping_sub(3))),
        ) {
            (Some("resolve"), Some("Promise")) => self.args(open),
            _ => Vec::new(),
        }
    }

    /// `this` at token `k` is the window: at the top level, or in a plain `function`
    /// passed to a timer (arrows take the `this` around them).
    pub(super) fn this_is_window(&self, k: usize) -> bool {
        let mut body = self.scopes.scope_of(k);
        for _ in 0..64 {
            let Some(open) = usize::try_from(body).ok().filter(|&b| b < self.toks.len()) else {
                return true;
            };
            let t = |n: usize| self.toks.get(n);
            if is(t(open.wrapping_sub(1)), "=>") {
                body = self.scopes.scope_of(open.wrapping_sub(1));
                continue;
            }
            // `function (…) {` passed as an argument: `(` or `,` before `function`.
            let Some(params) = self.open_of(open.wrapping_sub(1)) else {
                return false;
            };
            if ident(t(params.wrapping_sub(1))) != Some("function") {
                return false;
            }
            let call = params.wrapping_sub(2);
            return is(t(call), "(")
                && ident(t(call.wrapping_sub(1)))
                    .is_some_and(|c| WINDOW_THIS_CALLERS.contains(&c))
                && self.page_object(call.wrapping_sub(1));
        }
        false
    }
}
