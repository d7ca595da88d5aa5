//! Constructors that make a request or run code from a URL (stage 6, script classifier):
//! `new Audio(u)` loads `u`; `new Worker(u)` and `new SharedWorker(u)` run the script at
//! `u`, which can `importScripts` or `fetch` anything. A worker from a same-site file is
//! the site's own code. A worker from an object URL of a `Blob` made of constant strings
//! and of this script's own code (a declared function's `toString()`, `JSON.stringify`
//! data: WordPress's emoji test) is judged as that code (a foreign host in it, a loader or
//! a decoder in it goes); any other code carried in a URL (a `Blob` with a computed part, a `data:` URL,
//! an object URL of anything else) cannot be judged and goes (`script.loader`).

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;
use super::url_text::HOLE;

impl<'a> Analysis<'a> {
    /// `new Audio(u)`, `new Worker(u)`, `new SharedWorker(u)` at the constructor's name `i`.
    pub(super) fn constructor_sink(&self, i: usize) -> Verdict {
        let Some(args) = self.call_args(i + 1) else {
            return Verdict::Benign;
        };
        let Some(url) = args.into_iter().next() else {
            return Verdict::Benign;
        };
        match ident(self.toks.get(i)) {
            Some("Audio") => self.request(url, "loads"),
            _ => match self.blob_code(&url) {
                Some(code) => self.evaluated_string("worker", &code),
                None => self.loader(url),
            },
        }
    }

    /// The code of `URL.createObjectURL(new Blob([…]))` (directly or through names bound
    /// once) when every part of the blob is a constant string.
    fn blob_code(&self, r: &Range<usize>) -> Option<String> {
        let url = self.resolve(r.clone(), 0);
        let toks = &self.toks[url.clone()];
        let at = toks
            .iter()
            .position(|t| matches!(t, Tok::Ident(f) if f == "createObjectURL"))?;
        let open = url.start + at + 1;
        if !is(self.toks.get(open), "(") || self.close_of(open) + 1 != url.end {
            return None;
        }
        let blob = self.resolve(self.first_arg(open), 0);
        let [Tok::Ident(new), Tok::Ident(b), Tok::Punct("("), ..] = &self.toks[blob.clone()] else {
            return None;
        };
        if new != "new" || b != "Blob" {
            return None;
        }
        let parts = self.resolve(self.first_arg(blob.start + 2), 0);
        let mut code = String::new();
        for part in self.elements(&parts) {
            let h = self.holed(part);
            if !h.holes.iter().all(|r| self.own_code(r)) {
                return None;
            }
            code.push_str(&h.text.replace(HOLE, "0"));
        }
        Some(code)
    }

    /// A part of a worker's code that is this script's own: the source of a function it
    /// declares (`f.toString()`, analysed here already), data as a literal
    /// (`JSON.stringify(…)`), or a list of those joined (WordPress's emoji test worker).
    fn own_code(&self, r: &Range<usize>) -> bool {
        let toks = &self.toks[r.clone()];
        match toks {
            [
                Tok::Ident(f),
                Tok::Punct("."),
                Tok::Ident(m),
                Tok::Punct("("),
                Tok::Punct(")"),
            ] if m == "toString" => self.declares_function(f),
            [
                Tok::Ident(j),
                Tok::Punct("."),
                Tok::Ident(s),
                Tok::Punct("("),
                ..,
            ] if j == "JSON" && s == "stringify" => self.close_of(r.start + 3) + 1 == r.end,
            [
                Tok::Punct("["),
                ..,
                Tok::Punct("."),
                Tok::Ident(j),
                Tok::Punct("("),
                Tok::Str(_),
                Tok::Punct(")"),
            ] if j == "join" => {
                let close = self.close_of(r.start);
                close + 6 == r.end && self.args(r.start).iter().all(|e| self.own_code(e))
            }
            _ => false,
        }
    }

    /// `function f(…)` in this script, `f` bound only to functions, or `f` not bound here
    /// at all (a function another script of the page declares, judged where it stands).
    /// Residual risk, accepted: that other script may have made `f` a string instead.
    fn declares_function(&self, f: &str) -> bool {
        let declared = self
            .toks
            .windows(2)
            .any(|w| matches!(w, [Tok::Ident(k), Tok::Ident(n)] if k == "function" && n == f));
        let bound = self
            .bindings
            .get(f)
            .map(|b| b.iter().all(|r| self.function_value(r)));
        declared || bound.unwrap_or(true) && !self.appends.contains_key(f)
    }
}
