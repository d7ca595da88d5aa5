//! Markup sinks (stage 6, script classifier): `document.write`, `innerHTML`/`outerHTML`
//! (`=` and `+=`), `insertAdjacentHTML`, `DOMParser#parseFromString` and
//! `Range#createContextualFragment` given markup built by the script. The markup is
//! rebuilt from its constant parts, computed parts standing in as holes
//! ([`super::url_text`]); every URL attribute whose value holds a computed part (or an
//! attribute whose very name is computed), a refresh's `content` URL and a `style`'s CSS
//! URLs must be proven same-site: by a same-site literal before the part, or by the part's
//! own provenance when the URL begins with it. Otherwise the script goes
//! (`script.loader`): `'<iframe src="' + x + '">'` or `'<meta http-equiv=refresh
//! content="0;url=' + x + '">'` with `x` built at run time is a foreign request or a
//! redirect the folder cannot see.
//!
//! The scripts, handlers and `javascript:` URLs inside the markup are judged as code
//! ([`super::markup_code`]).
//!
//! Markup that is computed as a whole (`el.innerHTML = html`) is a widget's rendering of
//! data and stays, unless a part of it was decoded at run time (char codes, XOR, `atob`
//! of a computed string, a reversal): such markup can hold anything, and goes
//! (`script.obfuscated`).

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, is};
use super::url_text::{HOLE, Holed};
/// Attributes whose value the browser loads or navigates to.
const URL_ATTRS: &[&str] = &[
    "src",
    "href",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "srcset",
    "xlink:href",
    "codebase",
    "manifest",
    "ping",
];
impl<'a> Analysis<'a> {
    /// `el.innerHTML = m` (and `outerHTML`, `+=`) at the property `i`.
    pub(super) fn html_property(&self, i: usize) -> Verdict {
        let next = self.toks.get(i + 1);
        if !is(self.toks.get(i.wrapping_sub(1)), ".") || !(is(next, "=") || is(next, "+=")) {
            return Verdict::Benign;
        }
        self.markup_sink(self.expr(i + 2))
    }

    /// `el.insertAdjacentHTML(position, m)`.
    pub(super) fn insert_adjacent(&self, i: usize) -> Verdict {
        match self.call_args(i + 1).as_deref() {
            Some([_, m, ..]) => self.markup_sink(m.clone()),
            _ => Verdict::Benign,
        }
    }

    /// `new DOMParser().parseFromString(m, type)`, `range.createContextualFragment(m)`:
    /// markup that the script then puts into the page.
    pub(super) fn parsed_markup(&self, i: usize) -> Verdict {
        match self.call_args(i + 1).as_deref() {
            Some([m, ..]) => self.markup_sink(m.clone()),
            _ => Verdict::Benign,
        }
    }

    /// Markup `r` whose URL attributes must be proven same-site where they are computed.
    pub(super) fn markup_sink(&self, r: Range<usize>) -> Verdict {
        let h = self.holed(r);
        if self.decoded_hole(&h) {
            return Verdict::bad(
                "script.obfuscated",
                "writes markup decoded at run time",
                None,
            );
        }
        let code = self.markup_code(&h.text, 0);
        if code.is_malicious() {
            return code;
        }
        let refresh = h.text.to_ascii_lowercase().contains("refresh");
        for (name, at) in attributes(&h.text) {
            let value = &h.text[at..];
            let holed_value = value
                .trim_start_matches(['"', '\''])
                .split(['"', '\'', '>'])
                .next()
                .is_some_and(|v| v.contains(HOLE));
            let found = match name.as_str() {
                _ if !holed_value => continue,
                n if n.contains(HOLE) => Target::Computed,
                "srcset" => self.srcset_target(&h, at, true),
                n if URL_ATTRS.contains(&n) => self.url_at(&h, at, &url_end),
                "content" if refresh => self.refresh_url(&h, at),
                "style" => self.css_target(&h, at),
                _ => continue,
            };
            let why = format!("writes markup whose {name} is not proven same-site");
            match found {
                Target::Safe => {}
                Target::Foreign(u) => return Verdict::bad("script.loader", why, Some(u)),
                Target::Computed => return Verdict::bad("script.loader", why, None),
            }
        }
        Verdict::Benign
    }

    /// The URL of a refresh's `content` value at `at` (`0;url=…`): a computed part before
    /// or in it is not proven same-site.
    pub(super) fn refresh_url(&self, h: &Holed, at: usize) -> Target {
        let value = &h.text[at..];
        let lower = value.to_ascii_lowercase();
        let end = value.find(['"', '\'', '>']).unwrap_or(value.len());
        match lower[..end].find("url") {
            Some(u) => match value[u..end].find('=') {
                Some(eq) => self.url_at(h, at + u + eq + 1, &url_end),
                None => Target::Computed,
            },
            None => Target::Computed,
        }
    }
}

/// Where a URL in an attribute value ends.
fn url_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '>')
}

/// The attributes of markup text whose value is given: each name (lower-cased) and the
/// byte offset where its value starts (a rough tokenizer: enough to find where a computed
/// part lands).
fn attributes(text: &str) -> Vec<(String, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        if c != '=' {
            continue;
        }
        let mut s = k;
        while s > 0 && chars[s - 1].1 == ' ' {
            s -= 1;
        }
        let end = s;
        while s > 0
            && (chars[s - 1].1.is_alphanumeric()
                || matches!(chars[s - 1].1, ':' | '-' | '_' | HOLE))
        {
            s -= 1;
        }
        if s == end {
            continue;
        }
        let name: String = chars[s..end]
            .iter()
            .map(|&(_, c)| c)
            .collect::<String>()
            .to_ascii_lowercase();
        let mut v = k + 1;
        while chars.get(v).is_some_and(|&(_, c)| c == ' ') {
            v += 1;
        }
        let at = chars.get(v).map_or(text.len(), |&(b, _)| b);
        out.push((name, at));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::attributes;

    #[test]
    fn attributes_are_found_quoted_and_bare() {
        let text = "<img src=\"/a\u{1}\" alt='x'><iframe SRC = \u{1}>";
        let a = attributes(text);
        let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["src", "alt", "src"]);
        assert!(text[a[0].1..].starts_with("\"/a\u{1}"));
        assert!(text[a[1].1..].starts_with("'x'"));
        assert!(text[a[2].1..].starts_with('\u{1}'));
    }
}
