//! Scripts hidden in markup strings (stage 6, script classifier; issue 14, class 3):
//! markup that a script hands to a parser runs code of its own. `document.createRange()
//! .createContextualFragment('<script>…</script>')` and `document.write` run its scripts;
//! `<img src=x onerror="…">` or `<svg onload="…">` run their handler whatever the sink
//! (`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `DOMParser`, jQuery's `.html()`,
//! `.append()`, `$('<…>')`, an iframe's `srcdoc`, `setAttribute('srcdoc', …)`); a
//! `javascript:` link runs when followed. So the markup is read as the HTML parser reads
//! it ([`super::markup_scan`]: character references decoded, any case, `/` between
//! attributes) and what runs is judged as code with every rule (redirect, dynamic code,
//! foreign loads, decoding): a `<script>`'s text, each `on…` attribute, each
//! `javascript:` URL, each `srcdoc` document (nested twice at most). A URL attribute that
//! names a foreign host once its references are decoded (`src="&#x2F;&#x2F;bet.test/"`,
//! which the literal search cannot see) is a foreign load (`script.foreign_host`).
//!
//! The markup is the folded text of the sink's argument, computed parts standing in as
//! holes ([`super::url_text`]). A hole inside code is read as `0`: a widget's
//! `onclick="show(' + id + ')"` is data in code, as its markup is ([`super::markup`]
//! removes markup decoded at run time). The `<script>`s of `innerHTML` markup do not run,
//! but they are judged too: legitimate markup has no reason to carry a redirect.

use super::Verdict;
use super::analyze::{Analysis, is};
use super::markup_scan::{Found, scan};
use super::url_text::HOLE;

/// How many `srcdoc` documents deep the markup is read.
const SRCDOC_DEPTH: usize = 2;
/// Methods of jQuery objects that parse a string argument as markup.
const JQUERY_SINKS: &[&str] = &[
    "html",
    "append",
    "prepend",
    "after",
    "before",
    "replaceWith",
    "wrap",
    "appendTo",
    "prependTo",
    "insertAfter",
    "insertBefore",
];

impl<'a> Analysis<'a> {
    /// The code inside `text`, markup that a sink parses (see the module docs).
    pub(super) fn markup_code(&self, text: &str, depth: usize) -> Verdict {
        if !text.contains('<') || !self.budget.spend(text.len() / 8 + 1) {
            return Verdict::Benign;
        }
        for found in scan(text) {
            let v = match found {
                Found::Script(body) => self.code_in_markup("markup script", body),
                Found::Handler(code) => self.code_in_markup("markup handler", &code),
                Found::JsUrl(code) => self.code_in_markup("markup javascript: URL", &code),
                Found::Srcdoc(doc) if depth < SRCDOC_DEPTH => self.markup_code(&doc, depth + 1),
                Found::Srcdoc(_) => Verdict::bad(
                    "script.obfuscated",
                    "markup nests srcdoc documents deeper than the analysis follows",
                    None,
                ),
                Found::Url(u) => self.markup_url(u),
            };
            if v.is_malicious() {
                return v;
            }
        }
        Verdict::Benign
    }

    /// Code found in markup, its holes read as `0`; a hole that is a statement of its own
    /// (`'<script>' + x + '</script>'`, `'<img onerror="' + x + '">'`) is code the script
    /// computes, which goes as dynamic code does ([`super::dynamic`]).
    fn code_in_markup(&self, what: &str, code: &str) -> Verdict {
        if code.trim().is_empty() {
            return Verdict::Benign;
        }
        if hole_statement(code) {
            let why = format!("{what} runs code computed at run time");
            return Verdict::bad("script.dynamic_code", why, None);
        }
        let code = code.replace(HOLE, "0");
        self.evaluated_string(what, &code)
    }

    /// A constant URL attribute of markup, judged once its references are decoded.
    fn markup_url(&self, u: String) -> Verdict {
        let names_host = u.contains("//")
            || u.contains('\\')
            || u.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("http"));
        match !u.contains(HOLE) && names_host && (self.is_foreign)(&u) {
            true => Verdict::bad(
                "script.foreign_host",
                "writes markup that names a foreign host",
                Some(u),
            ),
            false => Verdict::Benign,
        }
    }

    /// `x.html(m)` and the other jQuery methods that parse a string as markup, and
    /// `$('<…>')`/`jQuery('<…>')`, at the name `i`: the code inside the markup is judged.
    pub(super) fn jquery_markup(&self, i: usize) -> Verdict {
        let name = match self.toks.get(i) {
            Some(super::lexer::Tok::Ident(n)) => n.as_str(),
            _ => return Verdict::Benign,
        };
        let method = JQUERY_SINKS.contains(&name) && is(self.toks.get(i.wrapping_sub(1)), ".");
        let factory = matches!(name, "$" | "jQuery") && !is(self.toks.get(i.wrapping_sub(1)), ".");
        if !(method || factory) || !is(self.toks.get(i + 1), "(") {
            return Verdict::Benign;
        }
        let arg = self.first_arg(i + 1);
        // `$(function(){ … })`: a ready handler, not markup (judged where it stands).
        if arg.is_empty() || self.function_value(&arg) {
            return Verdict::Benign;
        }
        let h = self.holed(arg);
        if factory && !h.text.trim_start().starts_with('<') {
            return Verdict::Benign;
        }
        self.markup_code(&h.text, 0)
    }
}

/// A computed part of `code` that stands where a statement does: alone, or between
/// statement boundaries (`;`, `{`, `}`), not inside an expression.
fn hole_statement(code: &str) -> bool {
    let skip = |c: char| c.is_whitespace() || c == HOLE;
    code.match_indices(HOLE).any(|(at, h)| {
        let before = code[..at].trim_end_matches(skip).chars().last();
        let after = code[at + h.len()..].trim_start_matches(skip).chars().next();
        matches!(before, None | Some(';' | '{' | '}')) && matches!(after, None | Some(';' | '}'))
    })
}

#[cfg(test)]
mod tests {
    use super::hole_statement;

    #[test]
    fn holes_as_statements_are_code() {
        for c in ["\u{1}", " \u{1} ", "a();\u{1}", "{\u{1}}", "\u{1}\u{1};x()"] {
            assert!(hole_statement(c), "{c:?}");
        }
        for c in [
            "show(\u{1});return false",
            "x=\u{1}",
            "a.b=\u{1};",
            "if(\u{1})go()",
        ] {
            assert!(!hole_statement(c), "{c:?}");
        }
    }
}
