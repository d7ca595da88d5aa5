//! Code built at run time (stage 6, script classifier): the evaluators of [`super::decode`]
//! given anything but a constant. A constant is judged again as code; a value the script
//! computes, receives or reads (a field of fetched JSON, a WebSocket message, the page's
//! text) cannot be judged, so the script goes (`script.dynamic_code`) unless its SHA-256 is
//! allow-listed:
//! - `eval`, `Function`, `new Function`, `execScript`, `….constructor(…)`: any argument
//!   that is not a constant, except a library's API: code made only of literals and the
//!   plain parameters of the function around it (`globalEval(t)`, old jQuery's
//!   `parseJSON(d)`), whose callers decide the code (and are judged where they stand);
//! - `setTimeout`/`setInterval`/`setImmediate`: an argument that is a string: built with
//!   `+` or a template, returned by a string method, read from a channel
//!   ([`super::channels`]), tainted, or a name bound to one of those. A function, a
//!   function's name or a member that holds one (`setTimeout(fn, 10)`,
//!   `setTimeout(jQuery.ready)`) is not code;
//! - a created script's `text`/`textContent`/`innerText`/`innerHTML` (or a text node
//!   appended to it): a constant is judged as code, a tainted or channel-fed value goes; a
//!   parameter (jQuery's `DOMEval`) does not;
//! - `srcdoc` and `setAttribute('on…'|'srcdoc', v)`: a tainted or channel-fed value goes (a
//!   constant handler is judged as code, and so are the `<script>`s of constant markup).
//!
//! Decided on purpose: the legacy JSON idiom `eval("(" + xhr.responseText + ")")` has the
//! very shape of a remote-code loader and goes too; `JSON.parse` is the replacement.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// The audit rule of code built at run time.
pub(crate) const RULE: &str = "script.dynamic_code";

const TIMERS: &[&str] = &["setTimeout", "setInterval", "setImmediate"];
/// Methods whose result is a string.
const STRING_METHODS: &[&str] = &[
    "join",
    "toString",
    "slice",
    "substr",
    "substring",
    "replace",
    "replaceAll",
    "trim",
    "concat",
    "toLowerCase",
    "toUpperCase",
    "repeat",
    "padStart",
    "padEnd",
    "charAt",
    "stringify",
    "String",
];
/// How many names deep a string value is followed.
const STRING_DEPTH: usize = 4;

impl<'a> Analysis<'a> {
    /// Evaluator `name` given `body`, which is not a constant.
    pub(super) fn dynamic_code(&self, name: &str, body: &Range<usize>) -> Verdict {
        if TIMERS.contains(&name) && !self.code_string(body.clone(), 0) {
            return Verdict::Benign;
        }
        if self.api_input(body) {
            return Verdict::Benign;
        }
        let why = match self.tainted(body) || self.channel_fed(body) {
            true => "code received or read at run time",
            false => "code built at run time",
        };
        Verdict::bad(RULE, format!("{name} of {why}"), None)
    }

    /// Code made only of literals and the plain parameters of the function around it
    /// (`globalEval: function(t){ window.eval.call(window, t) }`, `new Function('return ' +
    /// d)`): a library's API, whose callers decide the code. A parameter of a channel
    /// callback, or one the function rebinds, is not.
    fn api_input(&self, body: &Range<usize>) -> bool {
        let mut any = false;
        let plain = self.toks[body.clone()]
            .iter()
            .enumerate()
            .all(|(k, t)| match t {
                Tok::Str(_) | Tok::Punct("+" | "(" | ")") => true,
                Tok::Ident(n) => {
                    let at = body.start + k;
                    let (bound, appended) = self.visible(n, at);
                    any = true;
                    // An IIFE's parameter is bound to its argument: the same name, here.
                    self.scopes.is_param(n, at)
                        && !self.channels.has(&self.scopes, n, at)
                        && bound.iter().all(|r| r.contains(&at))
                        && appended.is_empty()
                }
                _ => false,
            });
        plain && any
    }

    /// `s.text = v` (and `textContent`, `innerText`, `innerHTML`) on a created script.
    pub(super) fn script_text(&self, value: Range<usize>) -> Verdict {
        if let [Tok::Str(code)] = &self.toks[self.resolve(value.clone(), 0)] {
            return self.evaluated_string("script text", code);
        }
        if self.tainted(&value) || self.channel_fed(&value) {
            return Verdict::bad(
                RULE,
                "a created script's text received or read at run time",
                None,
            );
        }
        Verdict::Benign
    }

    /// Markup that runs as soon as it is set (`frame.srcdoc = v`, `setAttribute('onclick',
    /// v)`): received or read at run time, it goes.
    pub(super) fn fed_markup(&self, value: Range<usize>) -> Verdict {
        if self.tainted(&value) || self.channel_fed(&value) {
            return Verdict::bad(RULE, "sets markup or a handler received at run time", None);
        }
        // Constant markup (an iframe's `srcdoc`): its scripts and handlers are judged as code.
        match &self.toks[self.resolve(value, 0)] {
            [Tok::Str(text)] => self.markup_code(text, 0),
            _ => Verdict::Benign,
        }
    }

    /// Whether a timer argument is a string (so the timer runs it as code).
    fn code_string(&self, r: Range<usize>, depth: usize) -> bool {
        if depth > STRING_DEPTH || self.function_value(&r) || !self.budget.spend(1) {
            return false;
        }
        let r = self.unwrap_parens(r);
        if self.tainted(&r) || self.channel_fed(&r) || self.split_top(&r, &["+"]).is_some() {
            return true;
        }
        if let Some(parts) = self.split_top(&r, &["?", ":", "||", "&&", "??"]) {
            let cond = usize::from(self.split_top(&r, &["?"]).is_some());
            return parts
                .into_iter()
                .skip(cond)
                .any(|p| self.code_string(p, depth + 1));
        }
        match &self.toks[r.clone()] {
            [Tok::Str(_)] => true,
            [Tok::Ident(n)] => {
                let (bound, appended) = self.visible(n, r.start);
                !appended.is_empty()
                    || bound
                        .into_iter()
                        .filter(|b| !b.contains(&r.start))
                        .any(|b| self.code_string(b, depth + 1))
            }
            [.., Tok::Punct(")")] => self.string_call(&r),
            _ => false,
        }
    }

    /// A range that ends with a call of a string method (`a.join('')`, `String(x)`).
    fn string_call(&self, r: &Range<usize>) -> bool {
        let mut depth = 0i32;
        for k in (r.start..r.end).rev() {
            match &self.toks[k] {
                Tok::Punct(")" | "]" | "}") => depth += 1,
                Tok::Punct("(" | "[" | "{") => {
                    depth -= 1;
                    if depth == 0 {
                        return is(self.toks.get(k), "(")
                            && ident(self.toks.get(k.wrapping_sub(1)))
                                .is_some_and(|m| STRING_METHODS.contains(&m));
                    }
                }
                _ => {}
            }
        }
        false
    }
}
