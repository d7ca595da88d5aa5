//! The calls of navigators (stage 6, script classifier; what a navigator is, and the
//! page's registry, are in [`super::navigators`]). After the walk of [`super::analyze`]:
//! - each call of a navigator, by its name (`go(x)`, `window.go(x)`, `go.call(null, x)`,
//!   `go.apply(null, [x])`, `go.bind(null, x)`), is judged as the sink with the argument
//!   at each navigating position: a same-site or relative argument stays; a foreign, a
//!   computed or a run-time-decoded one is a `script.redirect`. A call that passes on a
//!   parameter of another named function makes that one a navigator too (a wrapper), so
//!   the passes repeat while new navigators appear (a few rounds);
//! - a navigator handed on as a value (an argument, an assignment, a return, an element,
//!   a `bind` with nothing bound) goes: its callers cannot be seen;
//! - a navigator this script defines for the page, which a call earlier in the page
//!   (a handler, a `javascript:` URL, a timer in an earlier script) would reach with an
//!   unsafe argument, takes this script: that call runs later, and without the definition
//!   it does nothing;
//! - calls of names the page has not defined as navigators (yet) are noted, with their
//!   unsafe arguments only, for that last check.
//!
//! A name the script binds itself (a parameter, a `var`, its own function) is its own,
//! not the page's navigator; only a name that is free where it is called (or reached
//! through `window.`, `top.`, …) is looked up in the page's registry.

use std::collections::HashSet;
use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;
use super::navigators::{MAX_ARGS, Page, Role};

/// Words that are followed by `(` without being calls, or that never name a function.
const KEYWORDS: &[&str] = &[
    "if",
    "for",
    "while",
    "switch",
    "catch",
    "function",
    "return",
    "typeof",
    "new",
    "void",
    "with",
    "do",
    "else",
    "in",
    "of",
    "delete",
    "instanceof",
    "var",
    "let",
    "const",
    "case",
    "throw",
    "yield",
    "await",
    "async",
    "class",
    "super",
    "import",
    "this",
    "try",
    "finally",
];
/// How many rounds of wrappers are followed.
const ROUNDS: usize = 4;

impl<'a> Analysis<'a> {
    /// The verdict on the calls of navigators, in a page (see the module docs); then the
    /// navigators this script defines for the page are noted in its registry.
    pub(super) fn navigator_calls(&self) -> Verdict {
        let Some(page) = self.site.page else {
            return Verdict::Benign;
        };
        let locals = self.declared_functions();
        for _ in 0..ROUNDS {
            let before = self.navs.borrow().len();
            let v = self.calls_pass(page, &locals);
            if v.is_malicious() {
                return v;
            }
            if self.navs.borrow().len() == before {
                break;
            }
        }
        let v = self.earlier_calls(page);
        if v.is_malicious() {
            return v;
        }
        let mut learned = page.learned.borrow_mut();
        for (name, local) in self.navs.borrow().iter().filter(|(_, l)| l.global) {
            for (idx, role) in local.roles.iter().enumerate() {
                if let Some(role) = role {
                    learned.define(name, idx, *role);
                }
            }
        }
        Verdict::Benign
    }

    /// `function NAME(`: names the script's own functions take.
    fn declared_functions(&self) -> HashSet<&'a str> {
        let toks: &'a [Tok] = self.toks;
        (0..toks.len())
            .filter(|&k| ident(toks.get(k)) == Some("function") && is(toks.get(k + 2), "("))
            .filter_map(|k| ident(toks.get(k + 1)))
            .collect()
    }

    fn calls_pass(&self, page: &Page<'a>, locals: &HashSet<&'a str>) -> Verdict {
        let toks: &'a [Tok] = self.toks;
        for i in 0..toks.len() {
            if !self.budget.spend(1) {
                break;
            }
            let Some(name) = ident(toks.get(i)) else {
                continue;
            };
            if KEYWORDS.contains(&name) || self.defines_name(i) {
                continue;
            }
            let prev = toks.get(i.wrapping_sub(1));
            let member = is(prev, ".") || is(prev, "?.");
            if member && !self.member_of_page(i) {
                continue;
            }
            let free = member || self.free(name, i, locals);
            match self.roles_at(name, i, page, member, free) {
                _ if !member && self.in_param_list(i) => {}
                Some(roles) => {
                    let v = self.navigator_use(name, i, &roles);
                    if v.is_malicious() {
                        return v;
                    }
                }
                None if free => self.note_before(name, i, page),
                None => {}
            }
        }
        Verdict::Benign
    }

    /// The name at `i` is being defined or declared, or is a key or `typeof`'s operand.
    fn defines_name(&self, i: usize) -> bool {
        let t = |k: usize| self.toks.get(k);
        let prev = ident(t(i.wrapping_sub(1)));
        matches!(prev, Some("function" | "typeof" | "var" | "let" | "const"))
            || is(t(i + 1), "=")
            || is(t(i + 1), "=>")
            || (is(t(i + 1), ":") && matches!(t(i.wrapping_sub(1)), Some(Tok::Punct("{" | ","))))
    }

    /// The name at `i` is in the parameter list of a function (`function f(go){`,
    /// `(a, go) => …`, a method `m(go){`).
    fn in_param_list(&self, i: usize) -> bool {
        let t = |k: usize| self.toks.get(k);
        let mut k = i;
        while let Some(Tok::Ident(_) | Tok::Punct(",")) = t(k) {
            k += 1;
            if k > i + 64 {
                return false;
            }
        }
        if !is(t(k), ")") {
            return false;
        }
        if is(t(k + 1), "=>") {
            return true;
        }
        let Some(open) = self.open_of(k) else {
            return false;
        };
        is(t(k + 1), "{")
            && ident(t(open.wrapping_sub(1)))
                .is_some_and(|f| f == "function" || !KEYWORDS.contains(&f))
    }

    /// Not bound by this script where it is used: the page's name.
    fn free(&self, name: &str, i: usize, locals: &HashSet<&'a str>) -> bool {
        !locals.contains(name)
            && !self.scopes.declares(name, i)
            && self.visible(name, i).0.is_empty()
    }

    fn roles_at(
        &self,
        name: &str,
        i: usize,
        page: &Page<'a>,
        member: bool,
        free: bool,
    ) -> Option<Vec<Option<Role>>> {
        if let Some(l) = self.navs.borrow().get(name)
            && ((member && l.global) || (!member && self.scopes.visible(name, l.at, i)))
        {
            return Some(l.roles.clone());
        }
        free.then(|| page.roles(name)).flatten()
    }

    /// A navigator at `i`: called, each navigating argument is judged as the target;
    /// handed on as a value, it goes.
    fn navigator_use(&self, name: &str, i: usize, roles: &[Option<Role>]) -> Verdict {
        let Some(args) = self.call_args(i + 1) else {
            return match self.handed_on(i) || is(self.toks.get(i + 1), ".") {
                true => Verdict::bad(
                    "script.redirect",
                    format!("hands the navigator {name} on as a value"),
                    None,
                ),
                false => Verdict::Benign,
            };
        };
        if args.iter().any(|a| is(self.toks.get(a.start), "...")) {
            let why = format!("spreads computed arguments into the navigator {name}");
            return Verdict::bad("script.redirect", why, None);
        }
        for (arg, role) in args.into_iter().zip(roles) {
            if let Some(role) = role {
                let v = self.nav_call(name, arg, *role);
                if v.is_malicious() {
                    return v;
                }
            }
        }
        Verdict::Benign
    }

    /// The argument `arg` at a navigating position of `name`, judged as the target.
    fn nav_call(&self, name: &str, arg: Range<usize>, role: Role) -> Verdict {
        if role == Role::Code {
            return self.code_call(name, &arg);
        }
        let lead = role == Role::Lead;
        let judged = match lead {
            true => self.judge_prefix(arg.clone(), 0),
            false => self.target(arg.clone(), 0),
        };
        let why = match judged {
            Target::Safe => return Verdict::Benign,
            Target::Foreign(u) => {
                let why = format!("calls the navigator {name} with a foreign target");
                return Verdict::bad("script.redirect", why, Some(u));
            }
            Target::Computed if self.param_navigation(&arg, lead) => return Verdict::Benign,
            Target::Computed if self.tainted(&arg) => "a target decoded at run time",
            Target::Computed => "a computed target",
        };
        Verdict::bad(
            "script.redirect",
            format!("calls the navigator {name} with {why}"),
            None,
        )
    }

    /// The name at `i` is passed to code the analysis does not follow: an argument, an
    /// assigned or returned value, an element or a default.
    fn handed_on(&self, i: usize) -> bool {
        let t = |k: usize| self.toks.get(k);
        let before = matches!(
            t(i.wrapping_sub(1)),
            Some(Tok::Punct(
                "(" | "," | "=" | ":" | "?" | "||" | "??" | "[" | "=>"
            ))
        ) || ident(t(i.wrapping_sub(1))) == Some("return");
        let after = matches!(
            t(i + 1),
            None | Some(Tok::Punct(")" | "," | ";" | "]" | "}" | "||" | "??" | ":"))
        );
        before && after
    }

    /// A global navigator this script defines that an earlier call in the page would
    /// reach with an unsafe argument (or that was handed on as a value).
    fn earlier_calls(&self, page: &Page<'a>) -> Verdict {
        for (name, local) in self.navs.borrow().iter().filter(|(_, l)| l.global) {
            let Some(found) = page.known.earlier_unsafe(name, &local.roles) else {
                continue;
            };
            let why =
                format!("a call earlier in the page sends a target through the navigator {name}");
            let target = match found {
                Target::Foreign(u) => Some(u),
                _ => None,
            };
            return Verdict::bad("script.redirect", why, target);
        }
        Verdict::Benign
    }

    /// A call of (or a value use of) a name that is not a navigator here: its unsafe
    /// arguments are noted, for a definition that may come later in the page.
    fn note_before(&self, name: &str, i: usize, page: &Page<'a>) {
        let Some(args) = self.call_args(i + 1) else {
            if self.handed_on(i) {
                page.learned.borrow_mut().value_before(name);
            }
            return;
        };
        let unsafe_args: Vec<(usize, Target)> = args
            .iter()
            .take(MAX_ARGS)
            .enumerate()
            .map(|(k, a)| (k, self.arg_target(a)))
            .filter(|(_, t)| *t != Target::Safe)
            .collect();
        let code_args: Vec<usize> = args
            .iter()
            .take(MAX_ARGS)
            .enumerate()
            .filter(|(_, a)| !self.window_path_arg(a))
            .map(|(k, _)| k)
            .collect();
        let mut learned = page.learned.borrow_mut();
        for (k, t) in unsafe_args {
            learned.call_before(name, k, t);
        }
        for k in code_args {
            learned.code_before(name, k);
        }
    }

    /// How an argument would be judged as a target (cheaply for literals and functions).
    fn arg_target(&self, a: &Range<usize>) -> Target {
        match &self.toks[a.clone()] {
            [Tok::Str(_) | Tok::Num(_)] => Target::Safe,
            [Tok::Punct("..."), ..] => Target::Computed,
            _ if self.function_value(a) => Target::Computed,
            _ => self.target(a.clone(), 0),
        }
    }
}
