//! Computed keys on page objects (stage 6, script classifier): a key on `window`, `top`,
//! … that folding could not resolve (`window[k] = …`, `top[k](…)`) is treated as a sink
//! when the key was built by the script (an operator, a call or a run-time decoder went
//! into it): a callback name handed in from outside (`window[cb](data)`) is not.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

impl<'a> Analysis<'a> {
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
    pub(super) fn built_key(&self, key: &Range<usize>) -> bool {
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
