//! A refresh built in script (stage 6, script classifier; red team: the meta refresh whose
//! URL came out of a `TextDecoder`): a script that makes a `<meta>` a refresh
//! (`m.httpEquiv = 'refresh'`, `m.setAttribute('http-equiv', 'refresh')`) and sets its
//! `content` (`m.content = …`, `setAttribute('content', …)`) navigates the page to the
//! URL after `url=`. That URL is judged as a navigation, as the refresh of written markup
//! is ([`super::markup`]): a foreign URL, or one with a computed part that no same-site
//! literal before it proves (a decoded or request-read part included), is
//! `script.redirect`; `0;url=/trang-chu` and a bare delay (`30`, a reload) stay.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;

impl<'a> Analysis<'a> {
    /// Whether the script makes a `<meta>` a refresh.
    pub(super) fn makes_refresh(&self) -> bool {
        let refresh = self
            .toks
            .iter()
            .any(|t| matches!(t, Tok::Str(s) if s.trim().eq_ignore_ascii_case("refresh")));
        refresh
            && self.toks.iter().any(|t| match t {
                Tok::Ident(n) => n == "httpEquiv",
                Tok::Str(s) => s.trim().eq_ignore_ascii_case("http-equiv"),
                _ => false,
            })
    }

    /// `x.content = v` at `i` (the `content` token) in a script that makes a refresh.
    pub(super) fn refresh_content_property(&self, i: usize) -> Verdict {
        let assigned = is(self.toks.get(i.wrapping_sub(1)), ".")
            && is(self.toks.get(i + 1), "=")
            && ident(self.toks.get(i)) == Some("content");
        match assigned && self.makes_refresh() {
            true => self.refresh_content(self.expr(i + 2)),
            false => Verdict::Benign,
        }
    }

    /// The `content` value `r` of a refresh: its URL judged as a navigation.
    pub(super) fn refresh_content(&self, r: Range<usize>) -> Verdict {
        let h = self.holed(r);
        if self.decoded_hole(&h) {
            let why = "refreshes to a URL decoded at run time";
            return Verdict::bad("script.redirect", why, None);
        }
        let lower = h.text.to_ascii_lowercase();
        if !lower.contains("url") && !h.text.contains(super::url_text::HOLE) {
            return Verdict::Benign;
        }
        let why = "refreshes to a URL not proven same-site";
        match self.refresh_url(&h, 0) {
            Target::Safe => Verdict::Benign,
            Target::Foreign(u) => Verdict::bad("script.redirect", why, Some(u)),
            Target::Computed => Verdict::bad("script.redirect", why, None),
        }
    }
}
