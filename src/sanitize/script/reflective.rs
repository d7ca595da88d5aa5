//! Reflective navigation sinks (stage 6, script classifier): `Reflect.set`,
//! `Reflect.get(window, 'location')…`, `Reflect.apply(location.replace, …)` (and of an
//! evaluator), `Object.assign(location, {href})`, `Object.assign(window, {location})`, and
//! the helpers that tell whether an argument is a location or a page object.

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
}
