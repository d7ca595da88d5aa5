//! Evaluators handed on as values (stage 6, script classifier; red team r3
//! `onerror=eval; throw '…'`): `eval` that is never called as `eval(…)` still runs a
//! string when whoever receives it calls it. `window.onerror = eval` runs the text of the
//! next uncaught `throw` (the message `Uncaught =1;location.href=…` is valid code), and
//! `[s].forEach(eval)`, `p.then(eval)`, `addEventListener('error', eval)`, `o.run =
//! eval`, `{run: eval}`, `f || eval` hand it to callers the analysis cannot see. So `eval`
//! and `execScript` (on their own or on a page object: `window.eval`), and the `Function`
//! constructor reached as `[].filter.constructor` or named `Function`, go
//! (`script.dynamic_code`) when they are a value in any of those positions: an argument,
//! an array element, an object member, an operand of `||`/`&&`/`??`/`?:`, a `return`ed or
//! arrow value, `.bind(…)`, or the value of an assignment to a member or an `on…` handler.
//!
//! Still followed as before: a call (`eval(s)`, `eval.call(w, s)`, `(0, eval)(s)`,
//! `Reflect.apply(eval, …)`), an alias (`var e = eval`, `F = [].map.constructor`, judged
//! where it is called), `typeof eval`, `x instanceof Function`, `Function.prototype`.
//! `Function` itself is only judged as an argument, element or member value: creating a
//! function does not run it, and `onerror = Function` runs nothing.

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// Built-in methods: `x.<method>.constructor` is `Function` (`[].filter.constructor`).
const METHODS: &[&str] = &[
    "filter",
    "map",
    "forEach",
    "reduce",
    "some",
    "every",
    "find",
    "call",
    "apply",
    "bind",
    "push",
    "pop",
    "shift",
    "slice",
    "splice",
    "concat",
    "join",
    "sort",
    "reverse",
    "indexOf",
    "toString",
    "valueOf",
    "fromCharCode",
    "charAt",
    "trim",
    "split",
    "replace",
    "alert",
    "log",
    "atob",
    "btoa",
    "eval",
    "setTimeout",
    "keys",
    "assign",
    "create",
    "now",
    "isArray",
];

/// The chain `….<method>.constructor` ending at token `i` (`i` is `constructor`).
pub(super) fn method_constructor(toks: &[Tok], i: usize) -> bool {
    matches!(toks.get(i), Some(Tok::Ident(c)) if c == "constructor")
        && i >= 2
        && matches!(toks.get(i - 1), Some(Tok::Punct(".")))
        && matches!(toks.get(i - 2), Some(Tok::Ident(m)) if METHODS.contains(&m.as_str()))
        && i >= 3
        && matches!(toks.get(i - 3), Some(Tok::Punct(".")))
}

impl<'a> Analysis<'a> {
    /// The evaluator at `i` (`name` is its kind) that is not called where it stands.
    pub(super) fn evaluator_value(&self, i: usize, name: &str) -> Verdict {
        let Some(own) = ident(self.toks.get(i)) else {
            return Verdict::Benign;
        };
        let kind = match own {
            "eval" | "execScript" => Kind::Eval,
            "Function" => Kind::Constructor,
            "constructor" if name == "constructor" => Kind::Constructor,
            _ => return Verdict::Benign,
        };
        let Some(start) = self.value_start(i) else {
            return Verdict::Benign;
        };
        let prev = self.toks.get(start.wrapping_sub(1));
        let next = self.toks.get(i + 1);
        let operand = matches!(next, Some(Tok::Punct("||" | "&&" | "??" | "?")));
        let handed = match prev {
            _ if is(next, ".") => ident(self.toks.get(i + 2)) == Some("bind"),
            Some(Tok::Punct("(" | "," | "[")) => {
                matches!(next, Some(Tok::Punct(")" | "," | "]")))
                    && !(is(prev, "(")
                        && matches!(
                            ident(self.toks.get(start.wrapping_sub(2))),
                            Some("if" | "while" | "typeof" | "switch" | "instanceof")
                        ))
            }
            Some(Tok::Punct("=")) => match kind {
                Kind::Eval => self.handler_or_member(start - 1, true) || operand,
                Kind::Constructor => self.handler_or_member(start - 1, false),
            },
            Some(Tok::Punct(":")) => true,
            _ if kind == Kind::Constructor => false,
            Some(Tok::Punct("?" | "||" | "&&" | "??" | "=>")) => true,
            Some(Tok::Ident(k)) => k == "return",
            _ => false,
        };
        match handed {
            true => Verdict::bad(
                "script.dynamic_code",
                format!("hands {own} on as a value: whoever calls it runs a string"),
                None,
            ),
            false => Verdict::Benign,
        }
    }

    /// Where the value that ends with the evaluator at `i` starts: `eval`, `window.eval`,
    /// `[].filter.constructor`. `None` when it is a member of something else
    /// (`math.eval`, `obj.Function`).
    fn value_start(&self, i: usize) -> Option<usize> {
        if !(is(self.toks.get(i.wrapping_sub(1)), ".")
            || is(self.toks.get(i.wrapping_sub(1)), "?."))
        {
            return Some(i);
        }
        if method_constructor(self.toks, i) {
            let mut k = self.chain_start(i);
            if k > 0 && is(self.toks.get(k.wrapping_sub(1)), "]") {
                k = self.open_of(k - 1).unwrap_or(k);
            }
            return Some(k);
        }
        self.page_object(i).then(|| self.chain_start(i))
    }

    /// The assignment whose `=` is at `eq` writes a member (`o.run =`, `o[k] =`) or an
    /// `on…` handler of the window (`onerror =`): not an alias the analysis follows.
    fn handler_or_member(&self, eq: usize, handlers: bool) -> bool {
        let Some(target) = eq.checked_sub(1) else {
            return false;
        };
        match self.toks.get(target) {
            Some(Tok::Ident(n)) => {
                let member = matches!(
                    self.toks.get(target.wrapping_sub(1)),
                    Some(Tok::Punct("." | "?."))
                );
                member || (handlers && n.starts_with("on"))
            }
            Some(Tok::Punct("]")) => true,
            _ => false,
        }
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Eval,
    Constructor,
}
