//! Request sinks that read URLs out of text (stage 6, script classifier): CSS set by a
//! script (`el.style.backgroundImage = 'url(' + u + ')'`, any `style.<prop>`, `cssText`,
//! `style.setProperty(…)`, a `style` attribute, `sheet.insertRule/addRule/replaceSync`)
//! and `srcset` lists (`img.srcset`, `link.imageSrcset`, the attributes). Each URL in the
//! text (`url(…)`, `@import '…'`, the strings of `image-set(…)`, each `srcset`
//! candidate) is judged as a request target through [`super::url_text`]: one that begins
//! with a computed part by that part's provenance (`el.dataset.bg` is the page's markup),
//! one that continues with it by its constant lead (`'url(/images/' + n + '.jpg)'` is
//! same-site). CSS whose URL cannot be seen because a part was decoded at run time, or
//! names a scheme or `//`, goes too. Other style values (`el.style.width = w + 'px'`) are
//! not requests.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;
use super::url_text::{HOLE, Holed};

/// Calls whose arguments are CSS text.
const CSS_CALLS: &[&str] = &["insertRule", "addRule", "replaceSync"];

fn css_url_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, ')' | '"' | '\'' | ';')
}

fn candidate_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '"' | '\'' | '>')
}

impl<'a> Analysis<'a> {
    /// `X.style = v`, `X.style.<prop> = v` (also `+=`), `X.style.setProperty(n, v)` at the
    /// `style` identifier `i`.
    pub(super) fn style_sink(&self, i: usize) -> Verdict {
        let t = |n: usize| self.toks.get(n);
        let assigned = |n: usize| is(t(n), "=") || is(t(n), "+=");
        if !is(t(i.wrapping_sub(1)), ".") && !is(t(i.wrapping_sub(1)), "?.") {
            return Verdict::Benign;
        }
        if assigned(i + 1) {
            return self.css_value(self.expr(i + 2));
        }
        if !is(t(i + 1), ".") {
            return Verdict::Benign;
        }
        match ident(t(i + 2)) {
            Some("setProperty") => match self.call_args(i + 3).as_deref() {
                Some([_, v, ..]) => self.css_value(v.clone()),
                _ => Verdict::Benign,
            },
            Some(_) if assigned(i + 3) => self.css_value(self.expr(i + 4)),
            _ => Verdict::Benign,
        }
    }

    /// `sheet.insertRule(css)`, `sheet.addRule(sel, css)`, `sheet.replaceSync(css)`.
    pub(super) fn css_call(&self, i: usize) -> Verdict {
        if !CSS_CALLS.contains(&ident(self.toks.get(i)).unwrap_or("")) {
            return Verdict::Benign;
        }
        let args = self.call_args(i + 1).unwrap_or_default();
        args.into_iter()
            .map(|a| self.css_value(a))
            .find(Verdict::is_malicious)
            .unwrap_or(Verdict::Benign)
    }

    /// `x.srcset = v` (and `imageSrcset`) at `i`.
    pub(super) fn srcset_sink(&self, i: usize) -> Verdict {
        if !is(self.toks.get(i.wrapping_sub(1)), ".") || !is(self.toks.get(i + 1), "=") {
            return Verdict::Benign;
        }
        self.srcset_value(self.expr(i + 2))
    }

    /// CSS text `r` that a script puts into the page.
    pub(super) fn css_value(&self, r: Range<usize>) -> Verdict {
        let h = self.holed(r);
        let len = h.text.len();
        let found = self
            .css_in(&h, 0, len)
            .max_with(self.css_hidden_url(&h, len));
        verdict(found, "a style")
    }

    /// A `srcset` list `r`.
    pub(super) fn srcset_value(&self, r: Range<usize>) -> Verdict {
        let h = self.holed(r);
        verdict(self.srcset_target(&h, 0, false), "a srcset")
    }

    /// The URLs of the CSS in the attribute value of `h.text` that starts at `at`.
    pub(super) fn css_target(&self, h: &Holed, at: usize) -> Target {
        self.css_in(h, at, value_end(&h.text, at))
    }

    /// The URLs of the CSS in `h.text[at..end]`.
    fn css_in(&self, h: &Holed, at: usize, end: usize) -> Target {
        let region = h.text[at..end].to_ascii_lowercase();
        let mut found = Target::Safe;
        for (p, _) in region.match_indices("url(") {
            found = found.max_with(self.url_at(h, at + p + 4, &css_url_end));
        }
        for (p, _) in region.match_indices("@import") {
            let after = at + p + 7;
            if h.text[after..].trim_start().starts_with(['"', '\'']) {
                found = found.max_with(self.url_at(h, after, &css_url_end));
            }
        }
        for (p, _) in region.match_indices("image-set(") {
            let from = at + p + 10;
            let close = h.text[from..end].find(')').map_or(end, |c| from + c);
            for (q, _) in h.text[from..close].match_indices(['"', '\'']).step_by(2) {
                found = found.max_with(self.url_at(h, from + q, &css_url_end));
            }
        }
        found
    }

    /// CSS with no `url(` of its own whose computed part may carry one: decoded at run
    /// time, or built from a literal that names a scheme or `//`.
    fn css_hidden_url(&self, h: &Holed, end: usize) -> Target {
        let lower = h.text[..end].to_ascii_lowercase();
        if lower.contains("url(") || lower.contains("image-set(") || !lower.contains(HOLE) {
            return Target::Safe;
        }
        let builds = |r: &Range<usize>| {
            let bound = self.resolve(r.clone(), 0);
            self.decoded_at_run_time(r)
                || self.toks[bound].iter().any(|t| {
                    matches!(t, Tok::Str(s) if s.contains("//") || s.to_ascii_lowercase().contains("url("))
                })
        };
        match h.holes.iter().any(builds) {
            true => Target::Computed,
            false => Target::Safe,
        }
    }

    /// Each candidate URL of the `srcset` list in `h.text` from `at`.
    pub(super) fn srcset_target(&self, h: &Holed, at: usize, in_attr: bool) -> Target {
        let end = match in_attr {
            true => value_end(&h.text, at),
            false => h.text.len(),
        };
        let mut found = self.url_at(h, at, &candidate_end);
        for (p, _) in h.text[at..end].match_indices(',') {
            found = found.max_with(self.url_at(h, at + p + 1, &candidate_end));
        }
        found
    }
}

/// Where the attribute value starting at `at` ends (its closing quote, or the text's end).
fn value_end(text: &str, at: usize) -> usize {
    match text[at..].chars().next() {
        Some(q @ ('"' | '\'')) => text[at + 1..].find(q).map_or(text.len(), |e| at + 1 + e),
        _ => text.len(),
    }
}

fn verdict(found: Target, what: &str) -> Verdict {
    match found {
        Target::Safe => Verdict::Benign,
        Target::Foreign(u) => Verdict::bad(
            "script.loader",
            format!("sets {what} that loads a foreign host"),
            Some(u),
        ),
        Target::Computed => Verdict::bad(
            "script.loader",
            format!("sets {what} whose URL is not proven same-site"),
            None,
        ),
    }
}
