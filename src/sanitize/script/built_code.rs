//! Code built around values read from the page's own markup (stage 6, script classifier;
//! issue 14, class 3): Dreamweaver's jump menu, on many old portals,
//! `eval(targ + ".location='" + selObj.options[selObj.selectedIndex].value + "'")`. The
//! code is not a constant, but what is not constant in it is known:
//! - a value read from an element whose URL attributes the HTML stage already vets: a
//!   form control's `….value` (an `<option value>`), `this.value`/`this.href`, `dataset.*`,
//!   `getAttribute('data-…'|'href'|'src')`, jQuery's `$(this).val()`/`.attr(…)`/`.data(…)`
//!   ([`Analysis::dom_value`]). It must land inside a string literal of the built code
//!   (it is data there, never code);
//! - a plain parameter of the function around the evaluator (`targ`), as for a library's
//!   API ([`super::dynamic`]): it must land where code goes, and stands for a window
//!   (`parent`, `self`, `top`): `targ + ".location='…'"` is judged as a navigation of
//!   the page. In a page, the function must be named, and every call's argument there
//!   must name a window ([`super::code_params`]).
//!
//! The code is rebuilt with every constant part folded in (names bound once followed,
//! so a foreign constant `u` in `"location='" + u + "'"` is seen), each value becoming
//! `'…' + this.value + '…'` in the string it lands in, and is judged again as code with
//! every rule: `parent.location='' + v + ''` stays as `location = v` does, while
//! `".location='https://bet.example/'"`, `'//' + v` or a decoded part go. Anything else in
//! the code (a value decoded at run time, read from the request or a channel, a global)
//! leaves it to [`super::dynamic`], which removes it.
//!
//! A value holding a quote (`/x';top.location='//bet.test';'`) would break out of the
//! string in the built code: the HTML stage judges every such value as the code it becomes
//! (`crate::sanitize::html` `value_code`).

use std::ops::Range;

use super::Verdict;
use super::analyze::Analysis;
use super::lexer::{self, Tok};
use super::url_text::HOLE;

/// Stands for a value read from the markup while the built code is tokenized.
const VALUE: char = '\u{E000}';
/// Stands for a parameter that is code while the built code is tokenized.
const CODE: &str = "__lachan_code__";
/// What a parameter that is code is judged as.
const CODE_AS: &str = "window";

impl<'a> Analysis<'a> {
    /// The verdict on the code `body` handed to evaluator `name`, rebuilt as the module
    /// docs say; `None` when a part of it is none of those (see [`super::dynamic`]).
    pub(super) fn built_code(&self, name: &str, body: &Range<usize>) -> Option<Verdict> {
        let h = self.holed(body.clone());
        if h.holes.is_empty() || h.text.matches(HOLE).count() != h.holes.len() {
            return None;
        }
        let mut text = String::with_capacity(h.text.len() + 16);
        let mut holes = h.holes.iter();
        let (mut values, mut codes) = (0, 0);
        for c in h.text.chars() {
            if c != HOLE {
                text.push(c);
                continue;
            }
            let r = holes.next()?;
            if self.dom_value(r) {
                text.push(VALUE);
                values += 1;
            } else if self.code_param(r) {
                text.push(' ');
                text.push_str(CODE);
                text.push(' ');
                codes += 1;
            } else {
                return None;
            }
        }
        let toks = placed(&text, values, codes)?;
        Some(self.judged_code(name, &text, Some(toks)))
    }

    /// A plain parameter of the function around (not rebound, not a channel's data); in a
    /// page, one of a named function, whose callers' arguments are judged as code
    /// ([`super::code_params`]).
    fn code_param(&self, r: &Range<usize>) -> bool {
        let [Tok::Ident(n)] = &self.toks[r.clone()] else {
            return false;
        };
        let (bound, appended) = self.visible(n, r.start);
        let plain = self.scopes.is_param(n, r.start)
            && !self.channels.has(&self.scopes, n, r.start)
            && bound.iter().all(|b| b.contains(&r.start))
            && appended.is_empty();
        let page = self.site.page.is_some() && self.depth == 0;
        plain && (!page || self.param_code(r))
    }

    /// A value read from an element of the page whose URL attributes the HTML stage
    /// vets, not decoded at run time (see the module docs).
    pub(super) fn dom_value(&self, r: &Range<usize>) -> bool {
        if r.is_empty() || self.decoded_at_run_time(r) {
            return false;
        }
        match &self.toks[r.clone()] {
            [Tok::Ident(this), Tok::Punct("."), ..] if this == "this" => self.own_element(r),
            _ => {
                self.form_value(r)
                    || self.markup_value(r)
                    || self.element_url(r)
                    || self.jquery_value(r)
            }
        }
    }

    /// `$(this).val()`, `jQuery(sel).find('option:selected').val()`, `$(a).attr('href')`,
    /// `$(el).data('url')`: jQuery's reads of an element's value or URL attributes.
    pub(super) fn jquery_value(&self, r: &Range<usize>) -> bool {
        let toks = &self.toks[r.clone()];
        let [Tok::Ident(j), Tok::Punct("("), ..] = toks else {
            return false;
        };
        if !matches!(j.as_str(), "$" | "jQuery") || self.decoded_at_run_time(r) {
            return false;
        }
        let mut k = self.close_of(r.start + 1) + 1;
        let mut read = false;
        while k < r.end {
            let (Some(Tok::Punct(".")), Some(Tok::Ident(m)), Some(Tok::Punct("("))) =
                (self.toks.get(k), self.toks.get(k + 1), self.toks.get(k + 2))
            else {
                return false;
            };
            let close = self.close_of(k + 2);
            let args = &self.toks[k + 3..close];
            let last = close + 1 == r.end;
            let fine = match (m.as_str(), args) {
                ("find" | "children" | "filter" | "first" | "closest" | "eq", _) => !last,
                ("val", []) => last,
                ("attr", [Tok::Str(a)]) => last && url_attribute(a),
                ("data", [Tok::Str(_)]) => last,
                _ => false,
            };
            if !fine {
                return false;
            }
            read = last;
            k = close + 1;
        }
        read
    }

    /// Constant code (or, with `toks`, code rebuilt as tokens) run by evaluator `name`:
    /// decoded payloads are obfuscation by themselves; anything else is judged as code.
    pub(super) fn judged_code(&self, name: &str, code: &str, toks: Option<Vec<Tok>>) -> Verdict {
        if self
            .decoded
            .iter()
            .any(|d| !d.is_empty() && code.contains(d.as_str()))
        {
            let why = format!("{name} of a decoded string");
            return Verdict::bad("script.obfuscated", why, None);
        }
        let (depth, site, budget) = (self.depth + 1, self.site, self.budget);
        let found = match toks {
            Some(toks) if budget.spend(code.len()) => {
                super::judge_tokens(toks, code, site, depth, budget)
            }
            Some(_) => Verdict::Benign,
            None => super::judge_at(code, site, depth, budget),
        };
        match found {
            Verdict::Malicious {
                rule,
                reason,
                target,
            } => Verdict::bad(rule, format!("{name} string: {reason}"), target),
            Verdict::Benign => Verdict::Benign,
        }
    }
}

/// An attribute whose value the HTML stage judges as a URL (or a `data-` one).
fn url_attribute(a: &str) -> bool {
    let a = a.to_ascii_lowercase();
    a.starts_with("data-") || matches!(a.as_str(), "href" | "src" | "value")
}

/// The tokens of the built `text`, every [`VALUE`] inside a string literal and spliced in
/// as `'…' + this.value + '…'`, every [`CODE`] an identifier read as [`CODE_AS`]; `None`
/// when one landed elsewhere (a value in code, a parameter in a string or a comment).
fn placed(text: &str, values: usize, codes: usize) -> Option<Vec<Tok>> {
    let mut escapes = 0;
    let toks = lexer::tokenize(text, &mut escapes);
    let mut out = Vec::with_capacity(toks.len() + 8 * values);
    let (mut seen_values, mut seen_codes) = (0, 0);
    for t in toks {
        match t {
            Tok::Ident(n) if n == CODE => {
                seen_codes += 1;
                out.push(Tok::Ident(CODE_AS.into()));
            }
            Tok::Ident(n) if n.contains(CODE) => return None,
            Tok::Str(s) if s.contains(CODE) => return None,
            Tok::Str(s) if s.contains(VALUE) => {
                seen_values += s.matches(VALUE).count();
                splice(&s, &mut out);
            }
            t => out.push(t),
        }
    }
    (seen_values == values && seen_codes == codes).then_some(out)
}

/// `'a' VALUE 'b'` as `'a' + this.value + 'b'` (no parentheses: a target is judged by
/// its top-level `+` parts).
fn splice(s: &str, out: &mut Vec<Tok>) {
    for (k, part) in s.split(VALUE).enumerate() {
        if k > 0 {
            out.extend([
                Tok::Punct("+"),
                Tok::Ident("this".into()),
                Tok::Punct("."),
                Tok::Ident("value".into()),
                Tok::Punct("+"),
            ]);
        }
        out.push(Tok::Str(part.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::{CODE, VALUE, placed};
    use crate::sanitize::script::lexer::Tok;

    #[test]
    fn values_must_be_in_strings_and_parameters_in_code() {
        let jump = format!(" {CODE} .location='{VALUE}'");
        let toks = placed(&jump, 1, 1).expect("placed");
        assert_eq!(toks[0], Tok::Ident("window".into()));
        assert!(toks.contains(&Tok::Ident("this".into())));
        assert!(placed(&format!("location={VALUE}"), 1, 0).is_none());
        assert!(placed(&format!("location='{CODE}'"), 0, 1).is_none());
        assert!(placed(&format!("location='/';// {VALUE}"), 1, 0).is_none());
        let template = format!("location=`/a/{VALUE}`");
        assert!(placed(&template, 1, 0).is_some());
        assert!(placed(&format!("location=`${{{VALUE}}}`"), 1, 0).is_none());
    }
}
