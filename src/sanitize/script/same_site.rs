//! Same-site proof for navigation targets built by concatenation (stage 6, script
//! classifier; called by [`super::target`]). A target `a + b + …` stays on the site when
//! its leading part fixes the origin by itself:
//! - a path literal: `/` followed by a character that is not `/` or `\` (browsers read
//!   `//`, `/\` and `\\` as scheme-relative), after stripping what browsers strip (leading
//!   C0 controls and spaces, every tab and newline);
//! - a bare `/` followed by a *segment*, a value that cannot begin with `/` or `\`: a
//!   literal, a number, `encodeURIComponent(…)` (it escapes both), the value of one of the
//!   page's own form controls (`sel.value`, `this.value`), a language or a switcher's
//!   parameter ([`super::switcher`]), or a name or conditional made only of those;
//! - a name bound once to the page's own origin (`var base = location.origin`,
//!   `location.protocol + '//' + location.host`), read as what it is bound to;
//! - the page's own address: `location`, `location.href`, `.pathname`, `.host`,
//!   `.hostname` (the rest is appended to a path); `location.origin` only when a path,
//!   query or fragment follows (`origin + '.bet.test'` is another host); `location.protocol`
//!   only as `protocol + '//' + location.host…`; a literal scheme and `//` (`'wss://'`)
//!   followed by `location.host` alone. `location.search`/`.hash` may be empty,
//!   so whatever follows them leads; transformed (`hash.slice(1)`) they are request data.
//!
//! Anything else is computed and judged as a redirect by the caller (fail closed): `'/' +
//! x` where `x` may begin with `/`, `location.protocol + '//' + x`, a value read from the
//! DOM or the request, or decoded at run time.
//!
//! Residual risk, accepted: a form control's value is the page's markup, which the HTML
//! stage judges as a URL on its own (`<option value>`); a planted `<option value="/host">`
//! behind a script that prepends `/` is not seen as `//host`. `location.pathname` is as
//! the request wrote it, so a path beginning with `//` makes `pathname + …` leave the site.

use std::ops::Range;

use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;

/// How many names deep a segment is followed.
const SEGMENT_DEPTH: usize = 4;

/// `s` as a browser reads the start of a URL: leading C0 controls and spaces dropped, tabs
/// and newlines removed everywhere.
pub(super) fn browser_trim(s: &str) -> String {
    s.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

impl<'a> Analysis<'a> {
    /// The target `parts[0] + parts[1] + …`.
    pub(super) fn concat_target(&self, parts: &[Range<usize>], depth: usize) -> Target {
        let Some((first, rest)) = parts.split_first() else {
            return Target::Safe;
        };
        let first = self.unwrap_parens(first.clone());
        let bound = self.resolve(first.clone(), 0);
        if bound != first
            && depth < 8
            && let Some(mut parts) = self.split_top(&bound, &["+"])
        {
            // `base + …` where `base = a + b`: judged as `a + b + …`.
            parts.extend(rest.iter().cloned());
            return self.concat_target(&parts, depth + 1);
        }
        let first = if self.location_member(&bound).is_some() {
            bound
        } else {
            first
        };
        if let Some((member, more)) = self.location_member(&first) {
            return self.after_location(member, more, &first, rest, depth);
        }
        let [Tok::Str(s)] = &self.toks[first.clone()] else {
            return self.judge_prefix(first, depth + 1);
        };
        match browser_trim(s).as_str() {
            // The last part is the rest of a target whose start was judged.
            _ if rest.is_empty() => Target::Safe,
            "" => self.concat_target(rest, depth + 1),
            "/" if rest.first().is_some_and(|p| self.segment(p, 0)) => Target::Safe,
            "/" => Target::Computed,
            "https:" | "http:" if self.href_after_scheme(&rest[0]) => Target::Safe,
            "https://" | "http://" | "wss://" | "ws://" if self.own_host(&rest[0]) => {
                self.closes_authority(rest.get(1))
            }
            _ => self.prefix(s),
        }
    }

    /// `location…` (reached through page objects) at the start of `r`: the member read
    /// (`None` for the object itself) and whether more follows it (`.slice(1)`, `[0]`).
    pub(super) fn location_member(&self, r: &Range<usize>) -> Option<(Option<&'a str>, bool)> {
        let toks: &'a [Tok] = self.toks;
        let mut k = r.start;
        loop {
            let id = ident(toks.get(k))?;
            if self.is_loc(id, k) {
                break;
            }
            if !self.is_win(id, k) || !is(toks.get(k + 1), ".") {
                return None;
            }
            k += 2;
        }
        let member = (k + 2 < r.end && is(toks.get(k + 1), "."))
            .then(|| ident(toks.get(k + 2)))
            .flatten();
        let used = if member.is_some() { k + 3 } else { k + 1 };
        Some((member, used < r.end))
    }

    /// A target that starts with the location member `member` (in `first`), then `rest`.
    fn after_location(
        &self,
        member: Option<&str>,
        more: bool,
        first: &Range<usize>,
        rest: &[Range<usize>],
        depth: usize,
    ) -> Target {
        if more && self.names_a_host(first) {
            return Target::Computed;
        }
        match member {
            None | Some("href" | "pathname" | "host" | "hostname" | "toString") => Target::Safe,
            Some("origin") if !more => self.closes_authority(rest.first()),
            Some("protocol") if !more => self.protocol_then_host(rest, depth),
            Some("search" | "hash") if !more => self.concat_target(rest, depth + 1),
            _ => Target::Computed,
        }
    }

    /// `location.href.substring(location.protocol.length)`: the page's own address without
    /// its scheme (the HTTPS upgrade `'https:' + …`).
    fn href_after_scheme(&self, r: &Range<usize>) -> bool {
        let toks = &self.toks[r.clone()];
        matches!(self.location_member(r), Some((Some("href"), true)))
            && toks.iter().any(|t| matches!(t, Tok::Ident(m) if matches!(m.as_str(), "substring" | "slice" | "substr")))
            && toks.len() >= 4
            && matches!(
                &toks[toks.len() - 4..],
                [Tok::Ident(p), Tok::Punct("."), Tok::Ident(l), Tok::Punct(")")] if p == "protocol" && l == "length"
            )
    }

    /// `location.protocol + '//' + location.host…`: the page's own origin, then the rest.
    fn protocol_then_host(&self, rest: &[Range<usize>], depth: usize) -> Target {
        let [slashes, host, tail @ ..] = rest else {
            return Target::Computed;
        };
        let two = matches!(&self.toks[slashes.clone()], [Tok::Str(s)] if browser_trim(s) == "//");
        let own = matches!(
            self.location_member(host),
            Some((Some("host" | "hostname"), false))
        );
        if !(two && own) || depth > 8 {
            return Target::Computed;
        }
        self.closes_authority(tail.first())
    }

    /// `location.host` or `.hostname`, alone.
    fn own_host(&self, r: &Range<usize>) -> bool {
        matches!(
            self.location_member(r),
            Some((Some("host" | "hostname"), false))
        )
    }

    /// After the page's origin: nothing, or a literal that begins a path, query or fragment.
    fn closes_authority(&self, next: Option<&Range<usize>>) -> Target {
        let Some(next) = next else {
            return Target::Safe;
        };
        match &self.toks[next.clone()] {
            [Tok::Str(s)] if browser_trim(s).starts_with(['/', '\\', '?', '#']) => Target::Safe,
            _ => Target::Computed,
        }
    }

    /// A string in `r` that reads as a host name (`location.href.replace(h, 'bet.test')`).
    fn names_a_host(&self, r: &Range<usize>) -> bool {
        self.toks[r.clone()].iter().any(|t| match t {
            Tok::Str(s) => {
                let s = s.trim();
                let tld = s.rsplit('.').next().unwrap_or("");
                s.contains('.')
                    && s.starts_with(|c: char| c.is_alphanumeric())
                    && !s.contains(['/', ' '])
                    && tld.len() >= 2
                    && tld.chars().all(|c| c.is_ascii_alphabetic())
            }
            _ => false,
        })
    }

    /// A value that cannot begin with `/` or `\` (nor a tab or newline before one).
    fn segment(&self, r: &Range<usize>, depth: usize) -> bool {
        if depth > SEGMENT_DEPTH || !self.budget.spend(r.len() + 1) {
            return false;
        }
        let r = self.unwrap_parens(r.clone());
        if let Some(parts) = self.split_top(&r, &["?", ":", "||", "??"]) {
            let cond = usize::from(self.split_top(&r, &["?"]).is_some());
            return parts.iter().skip(cond).all(|p| self.segment(p, depth + 1));
        }
        if let Some(parts) = self.split_top(&r, &["+"]) {
            return self.segment(&parts[0], depth + 1);
        }
        match &self.toks[r.clone()] {
            [Tok::Str(s)] => {
                let t: String = s
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect();
                t.starts_with(|c: char| c != '/' && c != '\\')
            }
            [Tok::Num(_)] => true,
            [Tok::Ident(f), Tok::Punct("("), ..] if f == "encodeURIComponent" => {
                self.close_of(r.start + 1) + 1 == r.end
            }
            [Tok::Ident(n)] if self.plain_param(n, r.start) => true,
            [Tok::Ident(n)] => {
                let (bound, _) = self.visible(n, r.start);
                !bound.is_empty() && bound.iter().all(|b| self.segment(b, depth + 1))
            }
            _ if self.form_value(&r) || self.language_value(&r) => true,
            _ => {
                // `(navigator.language || 'vi').slice(0, 2)`: a prefix of a segment.
                let inner = self.without_prefix_calls(r.clone());
                inner != r && self.segment(&inner, depth + 1)
            }
        }
    }
}
