//! Code run from strings (stage 6, script classifier): `eval`, `Function`, timers with a
//! string, `constructor.constructor`, reached directly, through an alias (`var e = eval`),
//! an indirect call (`(0, eval)(s)`, `eval.call(w, s)`, `Reflect.apply(eval, …)`) or a
//! folded key (`window['ev' + 'al']`). Constant code is judged again as code; code fed
//! by a decoder or packer is obfuscation. An evaluator that is not called where it
//! stands but handed on (`onerror = eval`, `[s].forEach(eval)`) is in [`super::handed`].
//!
//! Run-time decoding ("taint"): a value is decoded at run time when a decoder call
//! (`fromCharCode`, `atob`, `unescape`, `decodeURIComponent`, `charCodeAt`, `reverse`,
//! `TextDecoder`, …)
//! or a XOR goes into it, directly or through the names it is built from (`s += …` in a
//! loop included), or data the request controls (`location.hash`, `document.referrer`,
//! cookies, storage, data attributes). Function values are not strings and are not
//! tainted.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// Calls whose result is text decoded at run time.
const DECODERS: &[&str] = &[
    "atob",
    "fromCharCode",
    "fromCodePoint",
    "unescape",
    "decodeURIComponent",
    "decodeURI",
    "charCodeAt",
    "codePointAt",
    "reverse",
    "TextDecoder",
];
/// Reads of data the request controls (the fragment, query, referrer, cookies, storage,
/// data attributes): as untrusted as decoded text.
const INPUTS: &[&str] = &[
    "hash",
    "search",
    "referrer",
    "cookie",
    "dataset",
    "getAttribute",
    "getItem",
    "responseText",
    "URLSearchParams",
];
/// Evaluators whose code is their last argument.
const CONSTRUCTORS: &[&str] = &["Function", "constructor"];
const TIMERS: &[&str] = &["setTimeout", "setInterval", "setImmediate"];
/// How many names deep a taint is followed.
const TAINT_DEPTH: usize = 6;

impl<'a> Analysis<'a> {
    /// An evaluator named at `i` (`name` is its kind): find its call and judge the code.
    pub(super) fn evaluator(&self, i: usize, name: &str) -> Verdict {
        let args = self.call_args(i + 1).or_else(|| self.group_call(i));
        match args {
            Some(args) => self.evaluate(name, &args),
            None => self.evaluator_value(i, name),
        }
    }

    /// `(0, eval)(s)`, `(window.execScript || f)(s)` and `new (F.prototype.constructor)(s)`:
    /// the call made on the group that holds the evaluator at `i`.
    fn group_call(&self, i: usize) -> Option<Vec<Range<usize>>> {
        let end = self.expr(i).end;
        let close = if is(self.toks.get(end), ",") {
            self.expr(end + 1).end
        } else {
            end
        };
        // The parentheses must be a group, not a call's (`Reflect.construct(Function,
        // [s])()` calls what `construct` returns).
        let open = self.open_of(close)?;
        let called = match self.toks.get(open.wrapping_sub(1)) {
            // `new (F)(s)` constructs the group's value with `s`.
            Some(Tok::Ident(k)) => {
                !matches!(k.as_str(), "return" | "void" | "typeof" | "in" | "new")
            }
            Some(Tok::Punct(p)) => matches!(*p, ")" | "]"),
            _ => false,
        };
        (!called && is(self.toks.get(close), ")") && is(self.toks.get(close + 1), "("))
            .then(|| self.args(close + 1))
    }

    /// Judges the code handed to evaluator `name` in `args`.
    pub(super) fn evaluate(&self, name: &str, args: &[Range<usize>]) -> Verdict {
        let body = if CONSTRUCTORS.contains(&name) {
            args.last()
        } else {
            args.first()
        };
        let Some(body) = body.cloned() else {
            return Verdict::Benign;
        };
        if self.function_value(&body) {
            // A function handed to a timer is ordinary code, analysed where it stands.
            let packer = !TIMERS.contains(&name)
                && matches!(self.toks.get(body.start), Some(Tok::Ident(f)) if f == "function");
            return match packer {
                true => Verdict::bad(
                    "script.obfuscated",
                    format!("{name} of a function result (packer)"),
                    None,
                ),
                false => Verdict::Benign,
            };
        }
        let direct_decoder = self.toks[body.clone()]
            .iter()
            .any(|t| matches!(t, Tok::Ident(f) if DECODERS.contains(&f.as_str())));
        if direct_decoder || self.decoded_at_run_time(&body) {
            return Verdict::bad(
                "script.obfuscated",
                format!("{name} of code decoded at run time"),
                None,
            );
        }
        match &self.toks[self.resolve(body.clone(), 0)] {
            [Tok::Str(code)] => self.evaluated_string(name, code),
            _ => self
                .built_code(name, &body)
                .unwrap_or_else(|| self.dynamic_code(name, &body)),
        }
    }

    /// A constant string run as code: decoded payloads are obfuscation by themselves;
    /// anything else is judged as code.
    pub(super) fn evaluated_string(&self, name: &str, code: &str) -> Verdict {
        self.judged_code(name, code, None)
    }

    /// A range that is a function (`function …`, `x => …`, `(a) => …`, `async …`).
    pub(super) fn function_value(&self, r: &Range<usize>) -> bool {
        let toks = &self.toks[r.clone()];
        match toks {
            [Tok::Ident(k), ..] if matches!(k.as_str(), "function" | "async" | "class") => true,
            [Tok::Ident(_), Tok::Punct("=>"), ..] => true,
            [Tok::Punct("("), ..] => {
                let close = self.close_of(r.start);
                is(self.toks.get(close + 1), "=>")
            }
            _ => false,
        }
    }

    /// Whether the value of `r` was decoded at run time or read from the request.
    pub(super) fn tainted(&self, r: &Range<usize>) -> bool {
        self.tainted_at(r, 0, true)
    }

    /// Whether the value of `r` was decoded at run time.
    pub(super) fn decoded_at_run_time(&self, r: &Range<usize>) -> bool {
        self.tainted_at(r, 0, false)
    }

    fn tainted_at(&self, r: &Range<usize>, depth: usize, inputs: bool) -> bool {
        if depth > TAINT_DEPTH || self.function_value(r) {
            return false;
        }
        let mut k = r.start;
        while k < r.end {
            let hit = match &self.toks[k] {
                Tok::Ident(f) if DECODERS.contains(&f.as_str()) => true,
                Tok::Ident(f) if inputs && INPUTS.contains(&f.as_str()) => true,
                Tok::Punct("^") => true,
                // A literal alphabet read by index (`'htps:/'[i]`): text assembled at run time.
                Tok::Str(_) if is(self.toks.get(k + 1), "[") => true,
                Tok::Ident(f) if f == "function" && !self.value_callback(k) => {
                    k = self.body_end(k);
                    false
                }
                Tok::Punct("=>") if !self.value_callback(self.arrow_start(k)) => {
                    k = self.body_end(k);
                    false
                }
                Tok::Ident(n) if !is(self.toks.get(k.wrapping_sub(1)), ".") => {
                    self.name_tainted(n, k, depth, inputs)
                }
                _ => false,
            };
            if hit {
                return true;
            }
            k += 1;
        }
        false
    }

    /// A function at `start` handed to a call whose result is built from what the function
    /// returns (`map`, `reduce`, `replace`, `Array.from`, …).
    fn value_callback(&self, start: usize) -> bool {
        let mut depth = 0i32;
        for k in (start.saturating_sub(256)..start).rev() {
            match &self.toks[k] {
                Tok::Punct(")" | "]" | "}") => depth += 1,
                Tok::Punct("[" | "{") if depth == 0 => return false,
                Tok::Punct("(") if depth == 0 => {
                    return matches!(
                        ident(self.toks.get(k.wrapping_sub(1))),
                        Some(
                            "map"
                                | "flatMap"
                                | "reduce"
                                | "reduceRight"
                                | "replace"
                                | "replaceAll"
                                | "from"
                                | "call"
                                | "apply"
                        )
                    );
                }
                Tok::Punct("(" | "[" | "{") => depth -= 1,
                _ => {}
            }
        }
        false
    }

    /// Where the parameters of the arrow at `k` start.
    pub(super) fn arrow_start(&self, k: usize) -> usize {
        if !is(self.toks.get(k.wrapping_sub(1)), ")") {
            return k.saturating_sub(1);
        }
        let mut depth = 0i32;
        for n in (k.saturating_sub(256)..k).rev() {
            match &self.toks[n] {
                Tok::Punct(")") => depth += 1,
                Tok::Punct("(") => {
                    depth -= 1;
                    if depth == 0 {
                        return n;
                    }
                }
                _ => {}
            }
        }
        k
    }

    /// Where the function starting at `k` (`function` or `=>`) ends: a function's value is
    /// not the text it computes inside.
    pub(super) fn body_end(&self, k: usize) -> usize {
        let limit = self.toks.len().min(k + 64);
        let open = (k..limit).find(|&n| is(self.toks.get(n), "{"));
        match (open, is(self.toks.get(k), "=>")) {
            (_, true) if !is(self.toks.get(k + 1), "{") => self.expr(k + 1).end,
            (Some(open), _) => self.close_of(open),
            (None, _) => k,
        }
    }

    fn name_tainted(&self, name: &'a str, used: usize, depth: usize, inputs: bool) -> bool {
        let key = (name, self.scopes.scope_of(used), inputs);
        if let Some(&known) = self.taint.borrow().get(&key) {
            return known;
        }
        // Marked clean while it is being computed, so that cycles end.
        self.taint.borrow_mut().insert(key, false);
        let (bound, appended) = self.visible(name, used);
        let mut found = false;
        for r in bound.iter().chain(&appended) {
            if !self.budget.spend(r.len()) || self.tainted_at(r, depth + 1, inputs) {
                found = true;
                break;
            }
        }
        self.taint.borrow_mut().insert(key, found);
        found
    }
}
