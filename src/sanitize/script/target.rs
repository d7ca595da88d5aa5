//! Where a navigation or load goes (stage 6, script classifier). A same-site constant
//! prefix (`'/en' + …`, `'/tim-kiem?q=' + q`, `'https://own.host/' + p`), the current
//! location, the element itself (`this.value`), a form control's value (also jQuery's
//! `$(this).val()`, `.attr('href')`, `.data(…)`: [`super::built_code`]) and a `mailto:`/
//! `tel:` link are safe; a foreign constant is foreign; anything else is computed. A
//! conditional or a default (`a ? '/en' : '/vi'`, `u || '/'`) is as bad as its worst
//! branch. A name is judged by everything bound to it, `+=` included.

use std::ops::Range;

use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;
use super::same_site::browser_trim;

/// How many names deep a target is followed.
const TARGET_DEPTH: usize = 4;

/// A scheme-relative or absolute URL with something after its `//` (backslashes read as
/// slashes, tabs and newlines dropped, as browsers do).
fn names_host(s: &str) -> bool {
    let n: String = browser_trim(s).replace('\\', "/");
    n.find("//")
        .is_some_and(|p| n[p + 2..].trim_start_matches('/').chars().next().is_some())
}

impl Target {
    /// The worse of two targets: a conditional or a list is as bad as its worst part.
    pub(super) fn max_with(self, other: Target) -> Target {
        match (self, other) {
            (f @ Target::Foreign(_), _) | (_, f @ Target::Foreign(_)) => f,
            (Target::Computed, _) | (_, Target::Computed) => Target::Computed,
            _ => Target::Safe,
        }
    }
}

impl<'a> Analysis<'a> {
    /// Judges a navigation or load target expression.
    pub(super) fn target(&self, r: Range<usize>, depth: usize) -> Target {
        self.judge_range(r, depth, false)
    }

    /// The leading part of a concatenation, which must fix the origin by itself.
    pub(super) fn judge_prefix(&self, r: Range<usize>, depth: usize) -> Target {
        self.judge_range(r, depth, true)
    }

    /// A location value as the whole target, or (`as_prefix`) followed by unknown parts.
    fn location_alone(&self, r: &Range<usize>, depth: usize, as_prefix: bool) -> Target {
        match (as_prefix, self.location_member(r)) {
            (false, _) => self.concat_target(std::slice::from_ref(r), depth + 1),
            (true, Some((None | Some("href" | "pathname" | "host" | "hostname"), false))) => {
                Target::Safe
            }
            (true, _) => Target::Computed,
        }
    }

    /// `as_prefix`: the range is followed by `+ …`, so it must fix the origin by itself.
    fn judge_range(&self, r: Range<usize>, depth: usize, as_prefix: bool) -> Target {
        if depth > TARGET_DEPTH || !self.budget.spend(r.len() + 1) {
            return Target::Computed;
        }
        if let Some(found) = self.foreign_in(&r) {
            return found;
        }
        if let Some(parts) = self.split_top(&r, &["?", ":", "||", "??"]) {
            let cond = usize::from(self.has_top(&r, "?"));
            return parts
                .into_iter()
                .skip(cond)
                .map(|p| self.judge_range(p, depth + 1, as_prefix))
                .fold(Target::Safe, Target::max_with);
        }
        if let Some(parts) = self.split_top(&r, &["+"]) {
            return self.concat_target(&parts, depth + 1);
        }
        let r = self.unwrap_parens(r);
        let toks = &self.toks[r.clone()];
        match toks {
            [] => Target::Safe,
            [Tok::Str(s)] if as_prefix => self.prefix(s),
            [Tok::Str(_)] => Target::Safe,
            [Tok::Ident(name)] => self.bound_target(name, r.start, depth, as_prefix),
            [Tok::Ident(first), ..] if first == "this" && self.own_element(&r) => Target::Safe,
            _ if !as_prefix
                && (self.markup_value(&r) || self.element_url(&r) || self.jquery_value(&r)) =>
            {
                Target::Safe
            }
            _ if self.location_value(r.start) => self.location_alone(&r, depth, as_prefix),
            _ if self.form_value(&r) => Target::Safe,
            _ => Target::Computed,
        }
    }

    /// The first string in the range that names a URL on a foreign host. A bare `//` or
    /// `https://` names no host: [`Self::concat_target`] judges what follows it.
    fn foreign_in(&self, r: &Range<usize>) -> Option<Target> {
        self.toks[r.clone()].iter().find_map(|t| match t {
            Tok::Str(s) if names_host(s) && (self.is_foreign)(s) => {
                Some(Target::Foreign(s.clone()))
            }
            _ => None,
        })
    }

    /// `(x)` → `x`.
    pub(super) fn unwrap_parens(&self, r: Range<usize>) -> Range<usize> {
        if r.len() >= 2 && is(self.toks.get(r.start), "(") && self.close_of(r.start) == r.end - 1 {
            return r.start + 1..r.end - 1;
        }
        r
    }

    fn has_top(&self, r: &Range<usize>, op: &str) -> bool {
        self.split_top(r, &[op]).is_some()
    }

    /// The range split at the operators `ops` at depth 0; `None` if there are none.
    pub(super) fn split_top(&self, r: &Range<usize>, ops: &[&str]) -> Option<Vec<Range<usize>>> {
        let mut depth = 0i32;
        let mut parts = Vec::new();
        let mut from = r.start;
        for k in r.clone() {
            match &self.toks[k] {
                Tok::Punct("(" | "[" | "{") => depth += 1,
                Tok::Punct(")" | "]" | "}") => depth -= 1,
                Tok::Punct(p) if depth == 0 && ops.contains(p) => {
                    parts.push(from..k);
                    from = k + 1;
                }
                _ => {}
            }
        }
        if parts.is_empty() {
            return None;
        }
        parts.push(from..r.end);
        Some(parts)
    }

    /// A form control's value (`e.target.value`, `sel.options[i].value`): the page's own
    /// markup, which the HTML stage already judged, unless decoded at run time.
    pub(super) fn form_value(&self, r: &Range<usize>) -> bool {
        let n = r.end;
        n >= r.start + 3
            && ident(self.toks.get(n - 1)) == Some("value")
            && is(self.toks.get(n - 2), ".")
            && !self.tainted(r)
    }

    fn bound_target(&self, name: &str, used: usize, depth: usize, as_prefix: bool) -> Target {
        if self.is_loc(name, used) {
            return Target::Safe;
        }
        let (bound, appended) = self.visible(name, used);
        if bound.is_empty() {
            return Target::Computed;
        }
        if let Some(found) = appended.iter().find_map(|r| self.foreign_in(r)) {
            return found;
        }
        // With `+=`, every earlier value is only a prefix of the final one.
        let prefix = as_prefix || !appended.is_empty();
        bound
            .into_iter()
            .map(|r| self.judge_range(r, depth + 1, prefix))
            .fold(Target::Safe, Target::max_with)
    }

    /// The target starts with the constant `s` and continues with something computed.
    pub(super) fn prefix(&self, s: &str) -> Target {
        let t = browser_trim(s);
        let t = t.as_str();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("mailto:") || lower.starts_with("tel:") {
            return Target::Safe;
        }
        let rel_path = t.starts_with('/') && !t[1..].starts_with(['/', '\\']) && t.len() > 1;
        // Neither a scheme (it starts with a letter) nor an authority: a relative reference.
        let rel_other = t.starts_with(|c: char| !c.is_ascii_alphabetic() && c != '/' && c != '\\')
            || (!t.starts_with('/')
                && t.contains(['/', '?', '#'])
                && !t.split(['/', '?', '#']).next().unwrap_or("").contains(':'));
        if rel_path || rel_other {
            return Target::Safe;
        }
        let host_closed = t
            .find("//")
            .is_some_and(|p| t[p + 2..].contains(['/', '?', '#']));
        // A prefix that ends in a folder (`https://sister.gov.vn/uploads/` + name) leads
        // wherever the rest says: judged with a folder name added, so that an allowed
        // sister's upload folder counts as the planted document the rest may name.
        let foreign =
            (self.is_foreign)(t) || (t.ends_with('/') && (self.is_foreign)(&format!("{t}x/")));
        match (host_closed, foreign) {
            (true, false) => Target::Safe,
            (true, true) => Target::Foreign(t.to_string()),
            _ => Target::Computed,
        }
    }
}
