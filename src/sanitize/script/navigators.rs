//! Navigators (stage 6, script classifier): a named function whose parameter flows to a
//! navigation sink, the helpers old portals are full of (`function openWin(u){
//! window.open(u, 'vb', 'width=800') }`, `function goto(u){ location.href = u }`,
//! Dreamweaver's `MM_openBrWindow(theURL, winName, features)`). Its definition alone goes
//! nowhere: the navigation happens where it is called, with the caller's argument. So,
//! in a page, the sink is judged at the call: `openWin('/van-ban/1.pdf')` stays,
//! `openWin(atob('…'))`, `openWin('https://bet.test/')` or a computed argument is a
//! `script.redirect` and the calling script, handler or `javascript:` URL goes.
//!
//! A parameter is followed when it is the whole target (`location = u`, `var t = u;
//! location = t`, a branch of `u || '/'`) or its leading part (`location = u + '?ref=1'`:
//! the argument must fix the origin by itself). A target that also draws on anything else
//! (a foreign literal, a decoded string, a global) is judged as before, at the definition.
//! The function must be named: a declaration (`function go(u)`), or a function or arrow
//! with braces bound to a name (`var go = function(u){…}`, `const go = (u) => {…}`); a
//! method (`o.go = …`, `{go: …}`), an arrow without braces, a callback or a function in a
//! decoded payload stay redirects at their definition, as before (fail closed).
//!
//! The per-response [`Navigators`] carries what the page defined so far, for later scripts,
//! handlers and URLs ([`super::nav_calls`]); a call made before the definition (a handler
//! runs at click time, a timer later) is kept as *pending*, and a definition that an
//! earlier unsafe call would reach goes instead. Outside a page (a first-party script file
//! judged alone) there is no registry and nothing changes: such a definition goes.
//!
//! Security notes: a navigator handed on as a value (`setTimeout(go, 9, u)`,
//! `[u].forEach(go)`, `p.then(go)`, `var g = go`) has callers the analysis cannot see, so the
//! script that does so goes. A name the caller binds itself (a parameter, a `var`, its own
//! function) is not the page's navigator.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;

/// How many names the registry holds; past it, every later definition goes.
const MAX_NAMES: usize = 4096;
/// How many argument positions of a call are kept.
pub(super) const MAX_ARGS: usize = 8;

/// How a parameter makes the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The whole target: the argument is judged as the target.
    Whole,
    /// Its leading part: the argument must fix the origin by itself.
    Lead,
    /// Code in code the function evaluates (Dreamweaver's `eval(targ + ".location='…'")`,
    /// [`super::built_code`]): the argument must be a window's name or path.
    Code,
}

impl Role {
    fn with(self, other: Role) -> Role {
        match (self, other) {
            (Role::Code, _) | (_, Role::Code) => Role::Code,
            (Role::Whole, Role::Whole) => Role::Whole,
            _ => Role::Lead,
        }
    }
}

/// Calls made to a name before it was known as a navigator.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pending {
    /// The worst argument seen at each position (only unsafe ones are kept).
    pub(super) args: Vec<Option<Target>>,
    /// Positions where an argument was seen that is not a window's name or path (unsafe
    /// where the navigator evaluates it as code, [`Role::Code`]).
    pub(super) code: Vec<bool>,
    /// The name was handed on as a value.
    as_value: bool,
}

/// What one response's scripts, handlers and URLs defined and called so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct Navigators {
    defined: HashMap<String, Vec<Option<Role>>>,
    pending: HashMap<String, Pending>,
    full: bool,
}

impl Navigators {
    /// The roles of the parameters of the navigator `name`.
    pub(super) fn roles(&self, name: &str) -> Option<&[Option<Role>]> {
        self.defined.get(name).map(Vec::as_slice)
    }

    pub(super) fn define(&mut self, name: &str, idx: usize, role: Role) {
        if !self.defined.contains_key(name) && self.len() >= MAX_NAMES {
            self.full = true;
            return;
        }
        let roles = self.defined.entry(name.to_string()).or_default();
        if roles.len() <= idx {
            roles.resize(idx + 1, None);
        }
        roles[idx] = Some(roles[idx].map_or(role, |r| r.with(role)));
    }

    /// Notes a call of `name` (not a navigator yet) with an unsafe argument at `idx`.
    pub(super) fn call_before(&mut self, name: &str, idx: usize, found: Target) {
        if let Some(p) = self.pending_entry(name) {
            if p.args.len() <= idx {
                p.args.resize(idx + 1, None);
            }
            let worst = p.args[idx]
                .take()
                .map_or(found.clone(), |w| w.max_with(found));
            p.args[idx] = Some(worst);
        }
    }

    /// Notes that `name` (not a navigator yet) was handed on as a value.
    pub(super) fn value_before(&mut self, name: &str) {
        if let Some(p) = self.pending_entry(name) {
            p.as_value = true;
        }
    }

    pub(super) fn pending_entry(&mut self, name: &str) -> Option<&mut Pending> {
        if !self.pending.contains_key(name) && self.len() >= MAX_NAMES {
            self.full = true;
            return None;
        }
        Some(self.pending.entry(name.to_string()).or_default())
    }

    fn len(&self) -> usize {
        self.defined.len() + self.pending.len()
    }

    /// What an earlier call would send through the navigator `name` with these roles:
    /// the worst unsafe argument at a navigating position, if any.
    pub(super) fn earlier_unsafe(&self, name: &str, roles: &[Option<Role>]) -> Option<Target> {
        if self.full {
            return Some(Target::Computed);
        }
        let p = self.pending.get(name)?;
        if p.as_value {
            return Some(Target::Computed);
        }
        if p.code_unsafe(roles) {
            return Some(Target::Computed);
        }
        roles
            .iter()
            .zip(&p.args)
            .filter_map(|(role, arg)| role.and(arg.clone()))
            .reduce(Target::max_with)
    }

    /// Takes in what a kept script, handler or URL defined and called.
    pub(crate) fn merge(&mut self, other: Navigators) {
        for (name, roles) in other.defined {
            for (idx, role) in roles.into_iter().enumerate() {
                if let Some(role) = role {
                    self.define(&name, idx, role);
                }
            }
        }
        for (name, p) in other.pending {
            for (idx, arg) in p.args.into_iter().enumerate() {
                if let Some(arg) = arg {
                    self.call_before(&name, idx, arg);
                }
            }
            for (idx, _) in p.code.iter().enumerate().filter(|(_, c)| **c) {
                self.code_before(&name, idx);
            }
            if p.as_value {
                self.value_before(&name);
            }
        }
        self.full |= other.full;
    }
}

/// The registry as one judgement sees it: what the page had before, and what this script
/// adds (kept only if the script is).
#[derive(Debug)]
pub(crate) struct Page<'a> {
    pub(crate) known: &'a Navigators,
    pub(crate) learned: RefCell<Navigators>,
}

impl<'a> Page<'a> {
    pub(crate) fn new(known: &'a Navigators) -> Self {
        Self {
            known,
            learned: RefCell::default(),
        }
    }

    /// The roles of the page's navigator `name`, this script's first.
    pub(super) fn roles(&self, name: &str) -> Option<Vec<Option<Role>>> {
        let learned = self.learned.borrow();
        learned
            .roles(name)
            .or_else(|| self.known.roles(name))
            .map(<[_]>::to_vec)
    }
}

/// A navigator this script defines: its name, whether other scripts can call it, and its
/// parameters' roles.
#[derive(Debug, Clone)]
pub(super) struct Local {
    pub(super) global: bool,
    /// Where its name is bound (for visibility).
    pub(super) at: usize,
    pub(super) roles: Vec<Option<Role>>,
}

/// One parameter that flows to a sink.
pub(super) struct ParamUse<'a> {
    name: &'a str,
    global: bool,
    at: usize,
    idx: usize,
    role: Role,
}

impl<'a> Analysis<'a> {
    /// In a page, at the top level of a script: the computed target `r` is built from the
    /// parameters of named functions only, which are noted as navigators (their calls are
    /// judged instead). `lead`: `r` begins a longer target.
    pub(super) fn param_navigation(&self, r: &Range<usize>, lead: bool) -> bool {
        if self.site.page.is_none() || self.depth > 0 {
            return false;
        }
        let Some(uses) = self.param_roles(r.clone(), lead, 0) else {
            return false;
        };
        for u in uses {
            self.note_param(u);
        }
        true
    }

    /// Notes the parameter `u` of a named function as a navigating one.
    pub(super) fn note_param(&self, u: ParamUse<'a>) {
        let mut navs = self.navs.borrow_mut();
        let local = navs.entry(u.name).or_insert_with(|| Local {
            global: u.global,
            at: u.at,
            roles: Vec::new(),
        });
        if local.roles.len() <= u.idx {
            local.roles.resize(u.idx + 1, None);
        }
        local.roles[u.idx] = Some(local.roles[u.idx].map_or(u.role, |x| x.with(u.role)));
    }

    /// The parameters `r` is made of, or `None` if anything else makes it computed.
    fn param_roles(&self, r: Range<usize>, lead: bool, depth: usize) -> Option<Vec<ParamUse<'a>>> {
        if depth > 4 || !self.budget.spend(r.len() + 1) {
            return None;
        }
        let r = self.unwrap_parens(r);
        if let Some(parts) = self.split_top(&r, &["?", ":", "||", "??"]) {
            let cond = usize::from(self.split_top(&r, &["?"]).is_some());
            let mut out = Vec::new();
            for p in parts.into_iter().skip(cond) {
                let judged = match lead {
                    true => self.judge_prefix(p.clone(), 0),
                    false => self.target(p.clone(), 0),
                };
                match judged {
                    Target::Safe => {}
                    Target::Foreign(_) => return None,
                    Target::Computed => out.extend(self.param_roles(p, lead, depth + 1)?),
                }
            }
            return Some(out);
        }
        if let Some(parts) = self.split_top(&r, &["+"]) {
            return self.param_roles(parts[0].clone(), true, depth + 1);
        }
        let resolved = self.resolve(r.clone(), 0);
        if resolved != r {
            return self.param_roles(resolved, lead, depth + 1);
        }
        let [Tok::Ident(p)] = &self.toks[r.clone()] else {
            return None;
        };
        let role = if lead { Role::Lead } else { Role::Whole };
        self.param_use(p, r.start, role).map(|u| vec![u])
    }

    pub(super) fn param_use(&self, p: &str, used: usize, role: Role) -> Option<ParamUse<'a>> {
        if !self.plain_param(p, used) {
            return None;
        }
        let (body, _) = self.scopes.param_owner(p, used)?;
        let idx = self.param_index(body, p)?;
        let (name, global, at) = self.function_name(body)?;
        Some(ParamUse {
            name,
            global,
            at,
            idx,
            role,
        })
    }

    /// Where `p` is in the plain parameter list of the function whose body opens at `body`
    /// (a default or a destructuring pattern is not followed).
    fn param_index(&self, body: usize, p: &str) -> Option<usize> {
        let t = |k: usize| self.toks.get(k);
        let before = body.checked_sub(1)?;
        let list = match t(before) {
            Some(Tok::Punct("=>")) if ident(t(before.wrapping_sub(1))).is_some() => {
                return (ident(t(before - 1)) == Some(p)).then_some(0);
            }
            Some(Tok::Punct("=>")) => self.args(self.open_of(before.checked_sub(1)?)?),
            Some(Tok::Punct(")")) => self.args(self.open_of(before)?),
            _ => return None,
        };
        let plain = list.iter().all(|r| r.len() == 1);
        list.iter()
            .position(|r| ident(t(r.start)) == Some(p))
            .filter(|_| plain)
    }

    /// The name of the function whose body opens at `body`, whether other scripts can call
    /// it by that name, and where the name is bound; `None` for a method, a callback or a
    /// function expression bound to no name.
    fn function_name(&self, body: usize) -> Option<(&'a str, bool, usize)> {
        let toks: &'a [Tok] = self.toks;
        let t = |k: usize| toks.get(k);
        let before = body.checked_sub(1)?;
        let head = match t(before) {
            Some(Tok::Punct("=>")) => match t(before.wrapping_sub(1)) {
                Some(Tok::Ident(_)) => before - 1,
                Some(Tok::Punct(")")) => self.open_of(before - 1)?,
                _ => return None,
            },
            Some(Tok::Punct(")")) => {
                let open = self.open_of(before)?;
                match ident(t(open.wrapping_sub(1))) {
                    Some("function") => open - 1,
                    Some(n) if ident(t(open.wrapping_sub(2))) == Some("function") => {
                        let at = open - 2;
                        return self
                            .declaration(at)
                            .then(|| (n, self.scopes.top_level(at), open - 1));
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        // `var NAME = <function>`, `NAME = <function>`.
        if !is(t(head.wrapping_sub(1)), "=") {
            return None;
        }
        let at = head.checked_sub(2)?;
        let Some(Tok::Ident(name)) = t(at) else {
            return None;
        };
        if matches!(t(at.wrapping_sub(1)), Some(Tok::Punct("." | "?."))) {
            return None;
        }
        let declared = matches!(ident(t(at.wrapping_sub(1))), Some("var" | "let" | "const"));
        let top = self.scopes.top_level(at);
        // Assigned without a declaration inside a function, it may be a global: not followed.
        (top || declared).then_some((name.as_str(), top, at))
    }

    /// The `function` keyword at `at` starts a declaration, not an expression.
    fn declaration(&self, at: usize) -> bool {
        match at.checked_sub(1).and_then(|k| self.toks.get(k)) {
            None => true,
            Some(Tok::Punct(p)) => matches!(*p, ";" | "}" | "{" | ")" | "]"),
            Some(Tok::Ident(k)) => !matches!(
                k.as_str(),
                "return"
                    | "typeof"
                    | "new"
                    | "void"
                    | "in"
                    | "delete"
                    | "case"
                    | "throw"
                    | "yield"
                    | "await"
                    | "instanceof"
                    | "export"
                    | "default"
            ),
            Some(_) => true,
        }
    }
}

#[cfg(test)]
#[path = "navigators_tests.rs"]
mod tests;
