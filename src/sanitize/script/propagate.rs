//! Constant propagation for the script classifier: a name written exactly once, with a
//! literal string or a literal array, is replaced by that literal wherever it is read, and
//! the stream is folded again. So `var x = 'loc' + 'ation'; self[x] = u` becomes
//! `self.location = u`, and `var k = 'lave'.split('').reverse().join(''); top[k](s)`
//! becomes `top.eval(s)`.
//!
//! A name that is also a parameter, a loop variable, a destructuring target or written
//! twice (`+=`, `++`, …) is not constant. Minified code reuses short names in every
//! function, so any such reuse anywhere disqualifies the name.

use std::collections::HashMap;

use super::budget::Budget;
use super::fold::{self, ends_operand};
use super::lexer::Tok;

/// Rounds of propagate-and-fold (a constant built from constants needs one round each).
const ROUNDS: usize = 3;

/// Propagates and refolds until nothing changes, at most [`ROUNDS`] times.
pub(crate) fn run(mut toks: Vec<Tok>, decoded: &mut Vec<String>, budget: &Budget) -> Vec<Tok> {
    for _ in 0..ROUNDS {
        let consts = constants(&toks, budget);
        if consts.is_empty() {
            break;
        }
        let Some(next) = substitute(&toks, &consts, budget) else {
            break;
        };
        toks = fold::fold(next, decoded, budget);
    }
    toks
}

fn is(t: Option<&Tok>, p: &str) -> bool {
    matches!(t, Some(Tok::Punct(q)) if *q == p)
}

fn name(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// Names written once with a literal, and the literal's tokens.
fn constants<'t>(toks: &'t [Tok], budget: &Budget) -> HashMap<&'t str, &'t [Tok]> {
    let mut writes: HashMap<&str, (usize, Option<&[Tok]>)> = HashMap::new();
    let mut note = |n: &'t str, v: Option<&'t [Tok]>| {
        let e = writes.entry(n).or_insert((0, None));
        e.0 += 1;
        e.1 = v;
    };
    for i in 0..toks.len() {
        if !budget.spend(1) {
            return HashMap::new();
        }
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        if is(prev, ".") || is(prev, "?.") {
            continue;
        }
        match &toks[i] {
            Tok::Ident(n) if is(toks.get(i + 1), "=") => note(n, literal(toks, i + 2)),
            Tok::Ident(n) if written(toks, i) => note(n, None),
            Tok::Punct("}" | "]" | ")")
                if is(toks.get(i + 1), "=") || is(toks.get(i + 1), "=>") =>
            {
                for n in pattern_names(toks, i) {
                    note(n, None);
                }
            }
            Tok::Ident(f) if f == "function" || f == "catch" => {
                let open = (i + 1..toks.len().min(i + 3)).find(|&k| is(toks.get(k), "("));
                for n in open.map(|o| list_names(toks, o)).unwrap_or_default() {
                    note(n, None);
                }
            }
            _ => {}
        }
    }
    writes
        .into_iter()
        .filter_map(|(n, (count, v))| Some((n, v.filter(|_| count == 1)?)))
        .collect()
}

/// Methods that change the array they are called on.
const MUTATORS: &[&str] = &[
    "push",
    "pop",
    "shift",
    "unshift",
    "splice",
    "sort",
    "reverse",
    "fill",
    "copyWithin",
];

/// A write that is not a plain `=`: compound assignment, `++`/`--`, an arrow parameter,
/// the variable of a `for … in/of`, or a change to the array it holds (`b.push(x)`,
/// `b[i] = x`, `b.length = 0`): `var b = []; …; b.push(c)` is no constant `[]`.
fn written(toks: &[Tok], i: usize) -> bool {
    let member = is(toks.get(i + 1), ".")
        && matches!(toks.get(i + 2), Some(Tok::Ident(m)) if MUTATORS.contains(&m.as_str())
            || (m == "length" && is(toks.get(i + 3), "=")));
    if member || indexed_write(toks, i) {
        return true;
    }
    let next = toks.get(i + 1);
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    let compound = matches!(next, Some(Tok::Punct(p)) if p.len() >= 2 && p.ends_with('=') && !matches!(*p, "==" | "===" | "!=" | "!==" | "<=" | ">="));
    compound
        || is(next, "++")
        || is(next, "--")
        || is(prev, "++")
        || is(prev, "--")
        || is(next, "=>")
        || matches!(toks.get(i + 1), Some(Tok::Ident(k)) if k == "in" || k == "of")
}

/// `name[…] = …` (or a compound assignment) at `i`.
fn indexed_write(toks: &[Tok], i: usize) -> bool {
    if !is(toks.get(i + 1), "[") {
        return false;
    }
    let mut depth = 0usize;
    for (k, t) in toks.iter().enumerate().skip(i + 1).take(256) {
        match t {
            Tok::Punct("[") => depth += 1,
            Tok::Punct("]") => {
                depth -= 1;
                if depth == 0 {
                    let next = toks.get(k + 1);
                    return matches!(next, Some(Tok::Punct(p)) if p.ends_with('=')
                        && !matches!(*p, "==" | "===" | "!=" | "!==" | "<=" | ">="))
                        || is(next, "++")
                        || is(next, "--");
                }
            }
            _ => {}
        }
    }
    false
}

/// `'x'` or `[literal, …]` at `start`, ending the expression.
fn literal(toks: &[Tok], start: usize) -> Option<&[Tok]> {
    let end = match toks.get(start)? {
        Tok::Str(_) => start + 1,
        Tok::Punct("[") => {
            let mut k = start + 1;
            while matches!(
                toks.get(k),
                Some(Tok::Str(_) | Tok::Num(_) | Tok::Punct(","))
            ) {
                k += 1;
            }
            if !is(toks.get(k), "]") {
                return None;
            }
            k + 1
        }
        _ => return None,
    };
    let ends = match toks.get(end) {
        None | Some(Tok::Ident(_)) => true,
        Some(Tok::Punct(p)) => matches!(*p, ";" | "," | ")" | "}" | "]"),
        _ => false,
    };
    ends.then(|| &toks[start..end])
}

/// The names a group closing at `close` and followed by `=`/`=>` writes: every name of a
/// destructuring pattern or parameter list, or the object of a member write `a[i] = …`.
fn pattern_names(toks: &[Tok], close: usize) -> Vec<&str> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for k in (0..=close).rev().take(4096) {
        match &toks[k] {
            Tok::Punct("}" | "]" | ")") => depth += 1,
            Tok::Punct("{" | "[" | "(") => {
                depth -= 1;
                if depth > 0 {
                    continue;
                }
                let before = k.checked_sub(1).and_then(|p| toks.get(p));
                if is(toks.get(k), "[") && ends_operand(before) {
                    return name(before).into_iter().collect();
                }
                break;
            }
            Tok::Ident(n) => out.push(n.as_str()),
            _ => {}
        }
    }
    out
}

/// The identifiers of the parameter list opening at `open`.
fn list_names(toks: &[Tok], open: usize) -> Vec<&str> {
    toks[open + 1..]
        .iter()
        .take(1024)
        .take_while(|t| !matches!(t, Tok::Punct(")")))
        .filter_map(|t| name(Some(t)))
        .collect()
}

/// The stream with every read of a constant replaced; `None` if nothing changed.
fn substitute(toks: &[Tok], consts: &HashMap<&str, &[Tok]>, budget: &Budget) -> Option<Vec<Tok>> {
    let mut out = Vec::with_capacity(toks.len());
    let mut changed = false;
    for (i, t) in toks.iter().enumerate() {
        let value = name(Some(t))
            .and_then(|n| consts.get(n))
            .filter(|_| is_read(toks, i));
        match value {
            Some(v) if budget.alloc(v.iter().map(size).sum()) => {
                out.extend(v.iter().cloned());
                changed = true;
            }
            _ => out.push(t.clone()),
        }
    }
    changed.then_some(out)
}

fn size(t: &Tok) -> usize {
    match t {
        Tok::Str(s) => s.len() + 16,
        _ => 16,
    }
}

/// Whether the identifier at `i` is read (not declared, written, a member or a key).
fn is_read(toks: &[Tok], i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    let next = toks.get(i + 1);
    let declared = matches!(prev, Some(Tok::Ident(k)) if matches!(k.as_str(), "var" | "let" | "const" | "function" | "class"));
    let key = is(next, ":") && (is(prev, "{") || is(prev, ","));
    let shorthand =
        (is(prev, "{") && (is(next, "}") || is(next, ","))) || (is(prev, ",") && is(next, "}"));
    !(declared
        || key
        || shorthand
        || is(prev, ".")
        || is(prev, "?.")
        || is(next, "=")
        || written(toks, i))
}
