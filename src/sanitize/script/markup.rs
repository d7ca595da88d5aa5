//! Markup sinks (stage 6, script classifier): `document.write`, `innerHTML`/`outerHTML`
//! (`=` and `+=`) and `insertAdjacentHTML` given markup built by the script. The markup is
//! rebuilt from its constant parts, computed parts standing in as a placeholder (names
//! bound once are followed); every URL attribute whose value holds a computed part (or an
//! attribute whose very name is computed) must begin with a same-site literal
//! ([`super::target`]'s `prefix`), or the script goes (`script.loader`): `'<iframe src="'
//! + x + '">'` with `x` built at run time is a foreign request the folder cannot see.
//!
//! Markup that is computed as a whole (`el.innerHTML = html`) is not judged here: a
//! widget's rendering of data is ordinary; run-time-decoded markup is judged by the
//! `document.write` and script-text rules.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, is};
use super::lexer::Tok;
use super::same_site::browser_trim;

/// The placeholder of a computed part.
const HOLE: char = '\u{1}';
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
/// How many names deep the markup is followed.
const MARKUP_DEPTH: usize = 4;

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

    /// Markup `r` whose URL attributes must be proven same-site where they are computed.
    pub(super) fn markup_sink(&self, r: Range<usize>) -> Verdict {
        let mut text = String::new();
        self.markup_text(r, 0, &mut text);
        for (name, value) in attributes(&text) {
            if !value.contains(HOLE) || !(name.contains(HOLE) || URL_ATTRS.contains(&name.as_str()))
            {
                continue;
            }
            let lead = browser_trim(value.split(HOLE).next().unwrap_or(""));
            let found = match lead.is_empty() {
                true => Target::Computed,
                false => self.prefix(&lead),
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

    /// The markup of `r`: constants as they are, each computed part as [`HOLE`].
    fn markup_text(&self, r: Range<usize>, depth: usize, out: &mut String) {
        if depth > MARKUP_DEPTH || !self.budget.spend(r.len() + 1) {
            out.push(HOLE);
            return;
        }
        let parts = self
            .split_top(&r, &["+"])
            .unwrap_or_else(|| vec![r.clone()]);
        for part in parts {
            let part = self.unwrap_parens(part);
            match &self.toks[part.clone()] {
                [Tok::Str(s)] => out.push_str(s),
                [Tok::Ident(_)] => {
                    let bound = self.resolve(part.clone(), 0);
                    match bound == part {
                        true => out.push(HOLE),
                        false => self.markup_text(bound, depth + 1, out),
                    }
                }
                _ if self.split_top(&part, &["+"]).is_some() => {
                    self.markup_text(part, depth + 1, out)
                }
                _ => out.push(HOLE),
            }
        }
    }
}

/// The `name=value` pairs of markup text, names lower-cased (a rough tokenizer: enough to
/// find where a computed part lands).
fn attributes(text: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        if c != '=' {
            continue;
        }
        let mut s = k;
        while s > 0 && chars[s - 1] == ' ' {
            s -= 1;
        }
        let end = s;
        while s > 0
            && (chars[s - 1].is_alphanumeric() || matches!(chars[s - 1], ':' | '-' | '_' | HOLE))
        {
            s -= 1;
        }
        if s == end {
            continue;
        }
        let name: String = chars[s..end]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let mut v = k + 1;
        while chars.get(v) == Some(&' ') {
            v += 1;
        }
        let value: String = match chars.get(v) {
            Some(&q @ ('"' | '\'')) => chars[v + 1..].iter().take_while(|&&c| c != q).collect(),
            _ => chars[v..]
                .iter()
                .take_while(|&&c| !c.is_whitespace() && c != '>')
                .collect(),
        };
        out.push((name, value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::attributes;

    #[test]
    fn attributes_are_found_quoted_and_bare() {
        let a = attributes("<img src=\"/a\u{1}\" alt='x'><iframe SRC = \u{1}>");
        assert_eq!(a[0], ("src".into(), "/a\u{1}".into()));
        assert_eq!(a[1], ("alt".into(), "x".into()));
        assert_eq!(a[2], ("src".into(), "\u{1}".into()));
    }
}
