//! Same-site page and language switchers (stage 6, script classifier; called by
//! [`super::same_site`] and [`super::target`]): the values a switcher puts after a
//! same-site `/` (`'/' + lang + '/'`), and the element URLs it follows.
//!
//! A path segment (a value that cannot begin with `/` or `\`) may also be:
//! - a language the browser or the page states: `navigator.language(s)`,
//!   `navigator.userLanguage`, any element's `.lang` (`document.documentElement.lang`),
//!   and a prefix of one (`.slice(0, 2)`, `.substr(0, 2)`, `.substring(0, 2)`,
//!   `.split('-')[0]`, `.toLowerCase()`);
//! - a plain parameter of a function the script declares (`function changeLang(lang)`),
//!   never rebound: the switcher runs when a visitor picks a language.
//!
//! A whole target may be an element's own URL (`a.href`, `img.src`) read from an element
//! the script looked up or was handed (`forEach(function(a){…})`): the page's markup, which
//! the HTML stage judged as a URL.
//!
//! Residual risk, accepted: the callers of a function are handlers and scripts elsewhere
//! in the page, judged on their own; a planted call `changeLang('/bet.test')` is not seen
//! as `//bet.test`. An element's `lang` attribute is not judged as a URL either.

use std::ops::Range;

use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// Methods whose result keeps the first character of their receiver.
const PREFIX_METHODS: &[&str] = &["slice", "substr", "substring", "toLowerCase", "toUpperCase"];
/// Calls that look an element up in the page.
const LOOKUPS: &[&str] = &[
    "querySelector",
    "getElementById",
    "closest",
    "getElementsByTagName",
    "getElementsByClassName",
    "querySelectorAll",
    "target",
    "currentTarget",
];

impl<'a> Analysis<'a> {
    /// A language tag, or a prefix of one.
    pub(super) fn language_value(&self, r: &Range<usize>) -> bool {
        let r = self.without_prefix_calls(r.clone());
        let toks = &self.toks[r.clone()];
        let last_prop = match toks {
            [.., Tok::Punct("."), Tok::Ident(p)] => Some(p.as_str()),
            [
                ..,
                Tok::Punct("."),
                Tok::Ident(p),
                Tok::Punct("["),
                Tok::Num(_),
                Tok::Punct("]"),
            ] => Some(p.as_str()),
            _ => None,
        };
        let chain = toks
            .iter()
            .all(|t| matches!(t, Tok::Ident(_) | Tok::Num(_) | Tok::Punct("." | "[" | "]")));
        chain
            && matches!(
                last_prop,
                Some("language" | "languages" | "userLanguage" | "lang")
            )
    }

    /// `r` without trailing calls that keep its first character (`.slice(0, 2)`).
    pub(super) fn without_prefix_calls(&self, mut r: Range<usize>) -> Range<usize> {
        for _ in 0..4 {
            let t = |k: usize| self.toks.get(k);
            let Some(last) = r.end.checked_sub(1) else {
                break;
            };
            // `.split('-')[0]`
            if is(t(last), "]") && matches!(t(last.wrapping_sub(1)), Some(Tok::Num(n)) if *n == 0.0)
            {
                r = r.start..last.saturating_sub(2);
                continue;
            }
            if !is(t(last), ")") {
                break;
            }
            let Some(open) = (r.start..last)
                .rev()
                .find(|&k| is(t(k), "(") && self.close_of(k) == last)
            else {
                break;
            };
            let method = ident(t(open.wrapping_sub(1))).unwrap_or("");
            let from_start = match self.args(open).first() {
                None => true,
                Some(a) => matches!(&self.toks[a.clone()], [Tok::Num(n)] if *n == 0.0),
            };
            let keeps = (PREFIX_METHODS.contains(&method) && from_start) || method == "split";
            if !keeps || open < r.start + 2 || !is(t(open - 2), ".") {
                break;
            }
            r = r.start..open - 2;
        }
        self.unwrap_parens(r)
    }

    /// A plain parameter of a function declared here, never rebound.
    pub(super) fn plain_param(&self, name: &str, used: usize) -> bool {
        let (bound, appended) = self.visible(name, used);
        self.scopes.is_param(name, used)
            && bound.is_empty()
            && appended.is_empty()
            && !self.channels.has(&self.scopes, name, used)
    }

    /// `a.href`, `img.src` of an element the script looked up or was handed.
    pub(super) fn element_url(&self, r: &Range<usize>) -> bool {
        let toks = &self.toks[r.clone()];
        let [
            Tok::Ident(root),
            rest @ ..,
            Tok::Punct("."),
            Tok::Ident(prop),
        ] = toks
        else {
            return false;
        };
        let plain = rest
            .iter()
            .all(|t| matches!(t, Tok::Ident(_) | Tok::Punct(".")));
        if !plain || !matches!(prop.as_str(), "href" | "src") {
            return false;
        }
        if self.plain_param(root, r.start) {
            return true;
        }
        let (bound, appended) = self.visible(root, r.start);
        !bound.is_empty()
            && appended.is_empty()
            && bound.iter().all(|b| {
                self.toks[b.clone()]
                    .iter()
                    .any(|t| matches!(t, Tok::Ident(f) if LOOKUPS.contains(&f.as_str())))
            })
    }
}
