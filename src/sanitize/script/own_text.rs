//! A script element re-run from its own text (stage 6, script classifier): delay loaders
//! such as WP Rocket's "delay JavaScript execution" (`RocketLazyLoadScripts`) keep every
//! script as `<script type="rocketlazyloadscript">` and, at the first user interaction,
//! run an inline one by pointing the element at a `data:` URL of its own text:
//! `t.src = "data:text/javascript;base64," + btoa(unescape(encodeURIComponent(t.text)))`.
//! A `data:` URL names no host, and the code it carries is that element's text, which the
//! HTML stage judged as a script (every `<script>` type is judged; JSON-LD and import maps
//! are JSON, which runs nothing). So this one shape is not a load from a computed URL.
//!
//! Security notes: the element whose `src` is set and the one whose text is read must be
//! the same name, read through nothing but the text properties and the encoders below;
//! any other part (a literal, another element's text, a decoder such as `atob`) leaves the
//! target computed, and it goes as before. The scripts such a loader fetches come from
//! `data-*-src` attributes, which the HTML stage judges against the script allow list
//! (`html::script_sources`).

use std::ops::Range;

use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// Calls that only re-encode text (they decode no hidden host).
const ENCODERS: &[&str] = &[
    "btoa",
    "unescape",
    "encodeURIComponent",
    "encodeURI",
    "escape",
];
/// The properties that hold a script element's text.
const TEXT: &[&str] = &["text", "textContent", "innerHTML", "innerText"];
/// The MIME types a browser runs a script `src` of.
const JS_MIME: &[&str] = &[
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
    "text/ecmascript",
    "application/ecmascript",
    "module",
];

impl<'a> Analysis<'a> {
    /// `x.src = "data:<js>[;base64]," + enc(…enc(x.text))` at the `src` token `i`.
    pub(super) fn reruns_own_text(&self, i: usize) -> bool {
        let Some(owner) = ident(self.toks.get(i.wrapping_sub(2))) else {
            return false;
        };
        if !is(self.toks.get(i.wrapping_sub(1)), ".") || !is(self.toks.get(i + 1), "=") {
            return false;
        }
        let value = self.expr(i + 2);
        let Some(parts) = self.split_top(&value, &["+"]) else {
            return false;
        };
        let [head, text] = parts.as_slice() else {
            return false;
        };
        matches!(&self.toks[head.clone()], [Tok::Str(s)] if js_data_prefix(s))
            && self.encoded_text_of(text.clone(), owner, 0)
    }

    /// `enc(…)` around `owner.text`, with `window.` allowed before an encoder.
    fn encoded_text_of(&self, r: Range<usize>, owner: &str, depth: usize) -> bool {
        let r = self.unwrap_parens(r);
        let toks = &self.toks[r.clone()];
        if let [Tok::Ident(o), Tok::Punct("."), Tok::Ident(p)] = toks {
            return o == owner && TEXT.contains(&p.as_str());
        }
        if depth > ENCODERS.len() + 1 {
            return false;
        }
        let callee = match toks {
            [
                Tok::Ident(w),
                Tok::Punct("."),
                Tok::Ident(f),
                Tok::Punct("("),
                ..,
            ] if w == "window" => Some((f, r.start + 3)),
            [Tok::Ident(f), Tok::Punct("("), ..] => Some((f, r.start + 1)),
            _ => None,
        };
        let Some((f, open)) = callee else {
            return false;
        };
        if !ENCODERS.contains(&f.as_str()) || self.close_of(open) + 1 != r.end {
            return false;
        }
        match self.args(open).as_slice() {
            [arg] => self.encoded_text_of(arg.clone(), owner, depth + 1),
            _ => false,
        }
    }
}

/// `data:text/javascript;base64,` and the like: a data URL prefix that ends at its comma.
fn js_data_prefix(s: &str) -> bool {
    let s = s.trim_start().to_ascii_lowercase();
    let Some(rest) = s.strip_prefix("data:") else {
        return false;
    };
    let Some(head) = rest.strip_suffix(',') else {
        return false;
    };
    let mime = head.split(';').next().unwrap_or("").trim();
    !head.contains(',') && JS_MIME.contains(&mime)
}

#[cfg(test)]
mod tests {
    use super::js_data_prefix;

    #[test]
    fn data_prefixes() {
        assert!(js_data_prefix("data:text/javascript;base64,"));
        assert!(js_data_prefix("data:application/javascript,"));
        assert!(!js_data_prefix("data:text/javascript;base64,YWxlcnQ="));
        assert!(!js_data_prefix("https://bet.test/x.js?"));
        assert!(!js_data_prefix("data:text/html,"));
    }
}
