//! Reflective navigation sinks (stage 6, script classifier): `Reflect.set`,
//! `Reflect.get(window, 'location')…`, `Reflect.get(location, 'replace')(u)`,
//! `Reflect.apply(location.replace, …)` (and of an evaluator, and of `setAttribute`),
//! `Object.assign(location, {href})`, `Object.assign(window, {location})`,
//! `Object.assign(element, {href, src, …})`, the location's setter read from its property
//! descriptor (`Object.getOwnPropertyDescriptor(window, 'location').set`), and the helpers
//! that tell whether an argument is a location or a page object.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;
use super::sinks::{HOST_PROPS, NAV_PROPS};

impl<'a> Analysis<'a> {
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
                [obj, key, ..] if self.is_location(obj) => {
                    self.location_method(self.key(key), self.close_of(open) + 1)
                }
                _ => Verdict::Benign,
            },
            (Some("Reflect"), Some("apply")) => self.reflect_apply(&args),
            (Some("Object"), Some("assign")) => self.object_assign(&args, self.close_of(open)),
            (Some(_), Some("getOwnPropertyDescriptor")) => match args.as_slice() {
                [obj, key, ..] => self.descriptor(obj, key, self.close_of(open) + 1),
                _ => Verdict::Benign,
            },
            (Some(_), Some("getOwnPropertyDescriptors")) => match args.first() {
                Some(obj) if self.is_window(obj) || self.is_location(obj) => {
                    self.descriptor_read(self.close_of(open) + 1)
                }
                _ => Verdict::Benign,
            },
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

    /// `Reflect.get(location, 'replace')(u)` (or `.call(location, u)`): a method of the
    /// location read by key, then called (or taken as a value).
    fn location_method(&self, key: Option<String>, after: usize) -> Verdict {
        match key.as_deref() {
            Some("replace" | "assign") | None => match self.call_args(after) {
                Some(args) => self.redirect(args.into_iter().next().unwrap_or(after..after)),
                None => Verdict::bad(
                    "script.redirect",
                    "takes a location method as a value (an indirect navigation)",
                    None,
                ),
            },
            _ => Verdict::Benign,
        }
    }

    /// `Object.getOwnPropertyDescriptor(window, 'location')` or `(location, 'href')`: the
    /// descriptor holds the setter, which navigates when called.
    fn descriptor(&self, obj: &Range<usize>, key: &Range<usize>, after: usize) -> Verdict {
        let name = self.key(key);
        let nav = match name.as_deref() {
            Some("location") => self.is_window(obj),
            Some(k) => self.is_location(obj) && (NAV_PROPS.contains(&k) || HOST_PROPS.contains(&k)),
            None => (self.is_window(obj) || self.is_location(obj)) && self.built_key(key),
        };
        let window_location = name.as_deref() == Some("location");
        match nav {
            true if window_location && self.reads_member(after, "get") => self.getter(after + 2),
            true => self.descriptor_read(after),
            false => Verdict::Benign,
        }
    }

    /// `.name` at `at`.
    fn reads_member(&self, at: usize, name: &str) -> bool {
        is(self.toks.get(at), ".") && ident(self.toks.get(at + 1)) == Some(name)
    }

    /// The window's `location` getter, read just before `k`: called (`get()`,
    /// `get.call(w)`, `get.apply(w)`, `get.bind(w)()`), it yields the location itself, so
    /// what follows the call is judged as on `location`. Kept as a value it is harmless
    /// here (feature tests read it); a later call through a name bound to it is judged
    /// here too ([`super::flows`]).
    pub(super) fn getter(&self, k: usize) -> Verdict {
        let t = |n: usize| self.toks.get(n);
        let called = |open: usize| is(t(open), "(").then(|| self.close_of(open) + 1);
        let end = match ident(t(k + 1)) {
            _ if is(t(k), "(") => called(k),
            Some("call" | "apply") if is(t(k), ".") => called(k + 2),
            Some("bind") if is(t(k), ".") => called(k + 2).and_then(called),
            _ => None,
        };
        match end {
            Some(end) => self.location_after(end, false),
            None => Verdict::Benign,
        }
    }

    /// What is read from a location descriptor whose expression ends before `after`: its
    /// getter or flags are harmless; anything else may be the setter.
    fn descriptor_read(&self, after: usize) -> Verdict {
        let member = ident(self.toks.get(after + 1));
        let harmless = matches!(member, Some("get" | "configurable" | "enumerable"));
        match is(self.toks.get(after), ".") && harmless {
            true => Verdict::Benign,
            false => Verdict::bad(
                "script.redirect",
                "takes the location's setter from its property descriptor",
                None,
            ),
        }
    }

    /// `Reflect.apply(location.replace, location, [u])`, `Reflect.apply(eval, w, [s])`,
    /// `Reflect.apply(Element.prototype.setAttribute, a, ['href', u])`.
    fn reflect_apply(&self, args: &[Range<usize>]) -> Verdict {
        let [f, this, list, ..] = args else {
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
            "setAttribute" | "setAttributeNS" => {
                let skip = usize::from(callee == "setAttributeNS");
                match self.elements(list).get(skip..).unwrap_or_default() {
                    [name, value, ..] => match self.key(name) {
                        Some(n) => self.attribute_write(
                            &n.to_ascii_lowercase(),
                            value.clone(),
                            this.start,
                            last,
                        ),
                        None => Verdict::Benign,
                    },
                    _ => Verdict::Benign,
                }
            }
            "eval" | "Function" | "setTimeout" | "setInterval" => self.evaluate(callee, &[first]),
            c if self.evaluators.has(&self.scopes, c, last) => self.evaluate(callee, &[first]),
            _ => Verdict::Benign,
        }
    }

    /// `Object.assign(location, {href: u})`, `Object.assign(window, {location: u})`, and
    /// `Object.assign(element, {href: u, src: u, …})` (an element's URL properties, as
    /// attributes: [`Self::attribute_write`]). A location given an object the analysis
    /// cannot read (a name, a spread) goes. `close`: the call's `)`.
    fn object_assign(&self, args: &[Range<usize>], close: usize) -> Verdict {
        let Some((obj, sources)) = args.split_first() else {
            return Verdict::Benign;
        };
        let element = !self.is_location(obj) && !self.is_window(obj) && self.element_expr(obj);
        let style = ident(self.toks.get(obj.end.wrapping_sub(1))) == Some("style");
        for src in sources {
            let literal = is(self.toks.get(src.start), "{");
            let spread = self.toks[src.clone()]
                .iter()
                .any(|t| matches!(t, Tok::Punct("...")));
            if self.is_location(obj) && (!literal || spread) {
                return self.destructured("the location from an object it cannot read");
            }
            if !literal {
                continue;
            }
            for (key, value) in self.object_pairs(src.start) {
                let v = match (element, key) {
                    _ if style => self.css_value(value),
                    (true, Some(k)) => self.element_write(&k, value, obj, close),
                    (_, key) => self.member_write(obj, key, value),
                };
                if v.is_malicious() {
                    return v;
                }
            }
        }
        Verdict::Benign
    }

    /// Property `key` of the element `obj` set by `Object.assign` (whose `)` is `close`):
    /// fired when the call's result is clicked or submitted, or the element's name is.
    fn element_write(
        &self,
        key: &str,
        value: Range<usize>,
        obj: &Range<usize>,
        close: usize,
    ) -> Verdict {
        // `appendChild(Object.assign(…)).click()`: the call returns the element.
        let after = (close + 1..self.toks.len())
            .find(|&k| !is(self.toks.get(k), ")"))
            .unwrap_or(close + 1);
        let fires = is(self.toks.get(after), ".")
            && matches!(
                ident(self.toks.get(after + 1)),
                Some("click" | "submit" | "requestSubmit" | "dispatchEvent")
            );
        match key {
            "innerHTML" | "outerHTML" => self.markup_sink(value),
            "href" | "ping" if fires => self.redirect(value),
            "src" if self.creates_script_in(obj) => self.loader(value),
            k => self.attribute_write(&k.to_ascii_lowercase(), value, obj.start, close),
        }
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
    pub(super) fn key(&self, r: &Range<usize>) -> Option<String> {
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
}
