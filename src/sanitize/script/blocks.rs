//! Function scopes for the classifier (stage 6): which function body each token is in, so
//! that a name's bindings are only those visible where it is used. Minified code reuses
//! `e`, `t`, `n` in every function; without this, a decoder bound to `e` in one function
//! would taint every `e` in the library. `var` semantics are approximated: a binding is
//! visible in the function that holds it and every function nested in it.

use std::collections::HashMap;

use super::lexer::Tok;

const TOP: u32 = u32::MAX;

/// Innermost function body of each token, where each body ends, the body it is nested
/// in, and the names it declares (parameters, `var`/`let`/`const`), which shadow outer ones.
#[derive(Debug, Default)]
pub(crate) struct Scopes {
    func_of: Vec<u32>,
    end: HashMap<u32, u32>,
    parent: HashMap<u32, u32>,
    /// Every name each body declares: its parameters and each name of its
    /// `var`/`let`/`const` lists (`var a = 1, s = ''` declares `s` too).
    declared: HashMap<u32, Vec<String>>,
    /// The parameters of each function body (also in `declared`).
    params: HashMap<u32, Vec<String>>,
}

impl Scopes {
    pub(crate) fn new(toks: &[Tok]) -> Self {
        let mut me = Self::default();
        me.func_of.reserve(toks.len());
        // Open braces: (index, is a function body).
        let mut braces: Vec<(u32, bool)> = Vec::new();
        let mut funcs: Vec<u32> = Vec::new();
        let mut parens: Vec<usize> = Vec::new();
        let mut last_group = None;
        for (i, t) in toks.iter().enumerate() {
            let current = funcs.last().copied().unwrap_or(TOP);
            me.func_of.push(current);
            match t {
                Tok::Punct("(") => parens.push(i),
                Tok::Punct(")") => last_group = parens.pop(),
                Tok::Punct("{") => {
                    let params = function_params(toks, i, last_group);
                    braces.push((i as u32, params.is_some()));
                    if let Some(params) = params {
                        me.parent.insert(i as u32, current);
                        me.declared.insert(i as u32, params.clone());
                        me.params.insert(i as u32, params);
                        funcs.push(i as u32);
                    }
                }
                Tok::Punct("}") => {
                    if let Some((open, true)) = braces.pop() {
                        funcs.pop();
                        me.end.insert(open, i as u32);
                    }
                }
                Tok::Ident(k)
                    if matches!(k.as_str(), "var" | "let" | "const") && current != TOP =>
                {
                    // Every name of the list shadows: only the first would let a
                    // parameter of an outer function show through `var a, u;`.
                    let names = declaration_list(toks, i + 1);
                    me.declared.entry(current).or_default().extend(names);
                }
                _ => {}
            }
        }
        me
    }

    /// Whether `name` bound at token `at` is visible at `used`: `used` is in the function
    /// that holds `at` (or one nested in it) and no function in between declares `name`.
    pub(crate) fn visible(&self, name: &str, at: usize, used: usize) -> bool {
        let home = self.scope_of(at);
        let inside = home == TOP
            || (home as usize) < used && self.end.get(&home).is_none_or(|&e| used <= e as usize);
        if !inside {
            return false;
        }
        let mut f = self.scope_of(used);
        for _ in 0..256 {
            if f == home || f == TOP {
                return true;
            }
            if self
                .declared
                .get(&f)
                .is_some_and(|d| d.iter().any(|n| n == name))
            {
                return false;
            }
            f = self.parent.get(&f).copied().unwrap_or(TOP);
        }
        true
    }

    /// Whether `name`, used at token `used`, is a parameter of a function around it (and
    /// not shadowed by a `var`/`let`/`const` of a function in between).
    pub(crate) fn is_param(&self, name: &str, used: usize) -> bool {
        let has = |m: &HashMap<u32, Vec<String>>, f: u32| {
            m.get(&f).is_some_and(|d| d.iter().any(|n| n == name))
        };
        let mut f = self.scope_of(used);
        for _ in 0..256 {
            if f == TOP {
                return false;
            }
            if has(&self.params, f) {
                return true;
            }
            if has(&self.declared, f) {
                return false;
            }
            f = self.parent.get(&f).copied().unwrap_or(TOP);
        }
        false
    }

    /// The function body whose parameter `name` is, seen from token `used` (as
    /// [`Self::is_param`] finds it), with the parameter's position.
    pub(crate) fn param_owner(&self, name: &str, used: usize) -> Option<(usize, usize)> {
        let mut f = self.scope_of(used);
        for _ in 0..256 {
            if f == TOP {
                return None;
            }
            if let Some(at) = self
                .params
                .get(&f)
                .and_then(|d| d.iter().position(|n| n == name))
            {
                return Some((f as usize, at));
            }
            if self
                .declared
                .get(&f)
                .is_some_and(|d| d.iter().any(|n| n == name))
            {
                return None;
            }
            f = self.parent.get(&f).copied().unwrap_or(TOP);
        }
        None
    }

    /// Whether `name` is a parameter or a `var`/`let`/`const` of a function around token
    /// `used` (the script's top level is not a function).
    pub(crate) fn declares(&self, name: &str, used: usize) -> bool {
        let mut f = self.scope_of(used);
        for _ in 0..256 {
            if f == TOP {
                return false;
            }
            if self
                .declared
                .get(&f)
                .is_some_and(|d| d.iter().any(|n| n == name))
            {
                return true;
            }
            f = self.parent.get(&f).copied().unwrap_or(TOP);
        }
        true
    }

    /// [`Self::visible`], and also a write in a nested function that does not declare
    /// `name` (a closure's `s += String.fromCharCode(c ^ 23)` in a `forEach` callback):
    /// it writes the variable the outer code reads, so it is visible wherever that same
    /// variable is. Asked for appends (`+=`, `x = x + …`) only, which is how a decoding
    /// loop grows its string.
    pub(crate) fn visible_write(&self, name: &str, at: usize, used: usize) -> bool {
        if self.visible(name, at, used) {
            return true;
        }
        let home = self.scope_of(at);
        !self.declared_in(name, home)
            && self.owner(name, home) == self.owner(name, self.scope_of(used))
    }

    fn declared_in(&self, name: &str, f: u32) -> bool {
        self.declared
            .get(&f)
            .is_some_and(|d| d.iter().any(|n| n == name))
    }

    /// The function body whose variable `name` is, seen from body `f` (the top level when
    /// no function around declares it).
    fn owner(&self, name: &str, mut f: u32) -> u32 {
        for _ in 0..256 {
            if f == TOP || self.declared_in(name, f) {
                return f;
            }
            f = self.parent.get(&f).copied().unwrap_or(TOP);
        }
        TOP
    }

    /// Whether token `i` is at the script's top level (in no function body).
    pub(crate) fn top_level(&self, i: usize) -> bool {
        self.scope_of(i) == TOP
    }

    /// The function body holding token `i` (a memo key).
    pub(crate) fn scope_of(&self, i: usize) -> u32 {
        self.func_of.get(i).copied().unwrap_or(TOP)
    }
}

/// The names a `var`/`let`/`const` list starting at `i` declares: the first, and each
/// one after a `,` at its own depth (bounded; a list cut short only declares less).
fn declaration_list(toks: &[Tok], i: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut expect = true;
    for t in toks.iter().skip(i).take(4096) {
        match t {
            Tok::Ident(n) if expect => out.push(n.clone()),
            Tok::Punct("(" | "[" | "{") => depth += 1,
            Tok::Punct(")" | "]" | "}") if depth == 0 => break,
            Tok::Punct(")" | "]" | "}") => depth -= 1,
            Tok::Punct(";") if depth == 0 => break,
            _ => {}
        }
        expect = depth == 0 && matches!(t, Tok::Punct(","));
    }
    out
}

/// The parameter names if the `{` at `i` opens a function body: after `=>`, or after a
/// parameter list that follows `function [name]` or a method name.
fn function_params(toks: &[Tok], i: usize, last_group: Option<usize>) -> Option<Vec<String>> {
    let names = |r: std::ops::Range<usize>| -> Vec<String> {
        toks[r]
            .iter()
            .filter_map(|t| match t {
                Tok::Ident(n) => Some(n.clone()),
                _ => None,
            })
            .collect()
    };
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    if matches!(prev, Some(Tok::Punct("=>"))) {
        return match i.checked_sub(2).and_then(|p| toks.get(p)) {
            Some(Tok::Ident(n)) => Some(vec![n.clone()]),
            Some(Tok::Punct(")")) => {
                Some(last_group.map(|o| names(o + 1..i - 2)).unwrap_or_default())
            }
            _ => Some(Vec::new()),
        };
    }
    if !matches!(prev, Some(Tok::Punct(")"))) {
        return None;
    }
    let open = last_group?;
    match open.checked_sub(1).and_then(|p| toks.get(p)) {
        Some(Tok::Ident(k))
            if !matches!(
                k.as_str(),
                "if" | "for" | "while" | "switch" | "catch" | "with"
            ) =>
        {
            Some(names(open + 1..i - 1))
        }
        _ => None,
    }
}

/// A set of names (built-in, visible everywhere; or aliases, visible where bound).
#[derive(Debug, Default)]
pub(crate) struct Names<'a> {
    builtin: Vec<&'a str>,
    aliases: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Names<'a> {
    pub(crate) fn with(builtin: &[&'a str]) -> Self {
        Self {
            builtin: builtin.to_vec(),
            aliases: HashMap::new(),
        }
    }

    /// `name` is an alias from token `at` on (in that function and the ones inside it).
    pub(crate) fn insert(&mut self, name: &'a str, at: usize) {
        self.aliases.entry(name).or_default().push(at);
    }

    /// Whether `name`, used at token `used`, is in the set there.
    pub(crate) fn has(&self, scopes: &Scopes, name: &str, used: usize) -> bool {
        self.builtin.contains(&name)
            || self
                .aliases
                .get(name)
                .is_some_and(|at| at.iter().any(|&p| scopes.visible(name, p, used)))
    }
}
