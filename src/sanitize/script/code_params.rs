//! Parameters that are code (stage 6, script classifier; issue 14, class 3): Dreamweaver's
//! `MM_jumpMenu(targ, selObj, restore)` runs `eval(targ + ".location='" + … + "'")`, so
//! its first argument is not data but code, and a page that keeps the function as written
//! can call it with `MM_jumpMenu("top['loc'+'ation']='//bet.test/';parent", this, 0)`.
//! [`super::built_code`] notes such a parameter of a named function, in a page, as a
//! navigator's [`Role::Code`] position ([`super::navigators`]); every call (a later
//! script, an `onchange=` handler, a call made before the definition, a wrapper that
//! passes its own parameter on) is then judged here: the argument must be a constant that
//! names a window or a frame (`'parent'`, `'top'`, `'self'`, `'parent.frames[\'main\']'`,
//! `'parent.mainFrame'`), a path that only reads members, so the built code is the
//! navigation of that window to the value, as [`super::built_code`] judged it. Anything
//! else (a statement, a call, an assignment, a computed or decoded argument) is code the
//! caller chose, and the call (or the definition an earlier such call reaches) goes.
//!
//! An evaluated parameter of a function with no name (a method, a callback) has callers
//! the analysis cannot see: in a page, its evaluator is judged as dynamic code and goes.
//! Judged alone (a first-party file, no page), the parameter still stands for a window,
//! as before.

use std::ops::Range;

use super::Verdict;
use super::analyze::Analysis;
use super::lexer::Tok;
use super::navigators::{Navigators, Pending, Role};

impl<'a> Analysis<'a> {
    /// In a page, at the top level of a script: `r` is a plain parameter of a named
    /// function that lands where code goes in code it evaluates; it is noted as a
    /// navigator's [`Role::Code`] position.
    pub(super) fn param_code(&self, r: &Range<usize>) -> bool {
        if self.site.page.is_none() || self.depth > 0 {
            return false;
        }
        let [Tok::Ident(p)] = &self.toks[r.clone()] else {
            return false;
        };
        match self.param_use(p, r.start, Role::Code) {
            Some(u) => {
                self.note_param(u);
                true
            }
            None => false,
        }
    }

    /// The argument `arg` at a [`Role::Code`] position of the navigator `name`.
    pub(super) fn code_call(&self, name: &str, arg: &Range<usize>) -> Verdict {
        if self.window_path_arg(arg) || self.function_arg(arg) || self.param_code(arg) {
            return Verdict::Benign;
        }
        let why = format!("calls {name}, which evaluates that argument, with code of its own");
        Verdict::bad("script.redirect", why, None)
    }

    /// The argument is a function (`function(){…}`, `() => …`, or a name this script binds
    /// only to functions): a timer or `eval` given it runs (or returns) that function, whose
    /// body is judged where it is written, not a string the caller built.
    fn function_arg(&self, arg: &Range<usize>) -> bool {
        if self.function_value(arg) {
            return true;
        }
        let [Tok::Ident(f)] = &self.toks[arg.clone()] else {
            return false;
        };
        let declared = self
            .toks
            .windows(2)
            .any(|w| matches!(w, [Tok::Ident(k), Tok::Ident(n)] if k == "function" && n == f));
        let bound = self
            .bindings
            .get(f.as_str())
            .is_some_and(|b| !b.is_empty() && b.iter().all(|r| self.function_value(r)));
        (declared || bound) && !self.appends.contains_key(f.as_str())
    }

    /// The argument is a constant naming a window or a frame ([`window_path`]).
    pub(super) fn window_path_arg(&self, arg: &Range<usize>) -> bool {
        matches!(&self.toks[arg.clone()], [Tok::Str(s)] if window_path(s))
    }
}

impl Navigators {
    /// Notes a call of `name` (not a navigator yet) whose argument at `idx` is not a
    /// window's name or path.
    pub(super) fn code_before(&mut self, name: &str, idx: usize) {
        if let Some(p) = self.pending_entry(name) {
            if p.code.len() <= idx {
                p.code.resize(idx + 1, false);
            }
            p.code[idx] = true;
        }
    }
}

impl Pending {
    /// An earlier call passed, where `roles` evaluate it as code, something other than a
    /// window's name or path.
    pub(super) fn code_unsafe(&self, roles: &[Option<Role>]) -> bool {
        roles.iter().enumerate().any(|(k, role)| {
            *role == Some(Role::Code)
                && (self.code.get(k) == Some(&true)
                    || self.args.get(k).is_some_and(Option::is_some))
        })
    }
}

/// `parent`, `top.frames['main']`, `parent.mainFrame`, `window[0]`: a name followed by
/// member reads only (no call, no assignment, no operator), so that evaluated it reads a
/// value and does nothing else.
pub(super) fn window_path(s: &str) -> bool {
    let s = s.trim();
    let mut rest = match name_end(s) {
        Some(n) => &s[n..],
        None => return false,
    };
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('.') {
            let after = after.trim_start();
            let Some(n) = name_end(after) else {
                return false;
            };
            rest = &after[n..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(close) = after.find(']') else {
                return false;
            };
            if !key(after[..close].trim()) {
                return false;
            }
            rest = &after[close + 1..];
        } else {
            return false;
        }
    }
    true
}

/// The length of the identifier `s` starts with.
fn name_end(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_' || first == '$') {
        return None;
    }
    Some(
        s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(s.len()),
    )
}

/// A bracket key that is a quoted name or a number.
fn key(k: &str) -> bool {
    if !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let quoted = |q: char| {
        k.len() >= 2
            && k.starts_with(q)
            && k.ends_with(q)
            && k[1..k.len() - 1]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '$')
    };
    quoted('\'') || quoted('"')
}

#[cfg(test)]
mod tests {
    use super::window_path;

    #[test]
    fn window_paths_only_read_members() {
        for p in [
            "parent",
            " top ",
            "self",
            "parent.frames['main']",
            "parent.mainFrame",
            "window[0]",
            "top.frames[\"noi-dung\"]",
        ] {
            assert!(window_path(p), "{p}");
        }
        for p in [
            "",
            "top.location='//bet.test/';parent",
            "top['loc'+'ation']",
            "location.replace(u)",
            "a,b",
            "parent.x=1",
            "(parent)",
            "parent[x]",
            "1",
            "parent.frames['a']['b'](1)",
            "parent;",
        ] {
            assert!(!window_path(p), "{p}");
        }
    }
}
