//! Constant folding over the token stream, so that what an attacker splits, encodes or
//! reverses is judged as the string it becomes: `'ht'+'tps://'`, `atob("...")`,
//! `new TextDecoder().decode(new Uint8Array([…]))` ([`bytes`]),
//! `String.fromCharCode(104, ...)`, `unescape('%68...')`, `.replace`/`.concat`/`.slice` on
//! literals, and `x["loc"+"ation"]` becoming `x.location`. Array forms (`split`,
//! `reverse`, `join`, spreads, char-code maps, indexing) are in [`arrays`].
//!
//! Folding is done as tokens are pushed (shift-reduce), so nested forms fold inside out in
//! one pass. Every payload that a decoder produced is also kept, to be judged as code.
//! Every string created is charged to the [`Budget`]: expanding replacements and long
//! chains stop folding (and the judgement fails closed) instead of growing.

mod arrays;
mod bytes;
mod decoders;

use decoders::decoder;

use super::budget::Budget;
use super::lexer::Tok;

/// Decoded payloads larger than this are not kept for re-judging.
const MAX_PAYLOAD: usize = 256 * 1024;

/// Folds `toks`; pushes every decoded payload onto `decoded`.
pub(crate) fn fold(toks: Vec<Tok>, decoded: &mut Vec<String>, budget: &Budget) -> Vec<Tok> {
    let mut out = Vec::with_capacity(toks.len());
    let mut input = toks.into_iter().peekable();
    while let Some(t) = input.next() {
        out.push(t);
        let next = input.peek();
        while budget.spend(1) && reduce(&mut out, decoded, budget, next) {}
    }
    out
}

pub(super) fn is(t: &Tok, p: &str) -> bool {
    matches!(t, Tok::Punct(q) if *q == p)
}

pub(super) fn ident(t: &Tok) -> Option<&str> {
    match t {
        Tok::Ident(s) => Some(s),
        _ => None,
    }
}

pub(super) fn string(t: &Tok) -> Option<&str> {
    match t {
        Tok::Str(s) => Some(s),
        _ => None,
    }
}

/// Whether the token ends an operand, so that a following `[` or `(` is member access or
/// a call rather than an array or a group.
pub(crate) fn ends_operand(t: Option<&Tok>) -> bool {
    match t {
        Some(Tok::Ident(id)) => !matches!(
            id.as_str(),
            "return" | "typeof" | "in" | "of" | "new" | "case" | "void"
        ),
        Some(Tok::Str(_) | Tok::Num(_) | Tok::Opaque) => true,
        Some(Tok::Punct(p)) => matches!(*p, ")" | "]"),
        None => false,
    }
}

/// Replaces the last `n` tokens with `with`.
pub(super) fn replace_tail(out: &mut Vec<Tok>, n: usize, with: Tok) {
    out.truncate(out.len() - n);
    out.push(with);
}

/// One reduction of the tokens pushed so far; `next` is the token still to come.
fn reduce(
    out: &mut Vec<Tok>,
    decoded: &mut Vec<String>,
    budget: &Budget,
    next: Option<&Tok>,
) -> bool {
    concat(out, budget, next)
        || bracket(out)
        || group(out)
        || decoder(out, decoded)
        || from_char_code(out, decoded)
        || string_method(out, budget)
        || arrays::reduce(out, decoded, budget)
        || bytes::reduce(out, decoded)
}

/// Punctuation after which `"a" + "b"` is a whole operand (nothing binds tighter).
fn loose(t: &Tok) -> bool {
    match t {
        Tok::Punct(p) => matches!(
            *p,
            "+" | "("
                | "["
                | "{"
                | ","
                | ";"
                | "="
                | ":"
                | "?"
                | "=>"
                | "||"
                | "&&"
                | "??"
                | "=="
                | "==="
                | "!="
                | "!=="
                | "+="
                | "}"
        ),
        _ => true,
    }
}

/// `"a" + "b"` → `"ab"`, appended in place so that a long chain stays linear. Not while a
/// member access or call may follow `"b"`: `'/' + 'x'.split('')…` is `'/' + ('x'.split…)`.
fn concat(out: &mut Vec<Tok>, budget: &Budget, next: Option<&Tok>) -> bool {
    if next.is_some_and(|t| [".", "?.", "[", "("].iter().any(|p| is(t, p))) {
        return false;
    }
    let n = out.len();
    let [.., a, plus, b] = out.as_slice() else {
        return false;
    };
    let (Some(_), true, Some(b)) = (string(a), is(plus, "+"), string(b)) else {
        return false;
    };
    if n >= 4 && !loose(&out[n - 4]) {
        return false;
    }
    if !budget.alloc(b.len()) {
        return false;
    }
    let Some(Tok::Str(b)) = out.pop() else {
        return false;
    };
    out.pop();
    if let Some(Tok::Str(a)) = out.last_mut() {
        a.push_str(&b);
    }
    true
}

/// `x["name"]` → `x.name`, `x?.["name"]` → `x?.name`.
fn bracket(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., open, s, close] = out.as_slice() else {
        return false;
    };
    let (true, Some(s), true) = (is(open, "["), string(s), is(close, "]")) else {
        return false;
    };
    let before = out.get(n.wrapping_sub(4));
    let optional = before.is_some_and(|t| is(t, "?."));
    if s.is_empty() || !(optional || ends_operand(before)) {
        return false;
    }
    let name = s.to_string();
    out.truncate(n - 3);
    if !optional {
        out.push(Tok::Punct("."));
    }
    out.push(Tok::Ident(name));
    true
}

/// `("a")` → `"a"` when the parentheses group rather than call (`f?.("a")` calls).
fn group(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., open, s, close] = out.as_slice() else {
        return false;
    };
    let (true, Some(s), true) = (is(open, "("), string(s), is(close, ")")) else {
        return false;
    };
    let before = out.get(n.wrapping_sub(4));
    if ends_operand(before) || before.is_some_and(|t| is(t, "?.")) {
        return false;
    }
    let s = Tok::Str(s.to_string());
    replace_tail(out, 3, s);
    true
}

pub(super) fn keep(decoded: &mut Vec<String>, value: &str) {
    if value.len() <= MAX_PAYLOAD {
        decoded.push(value.to_string());
    }
}

/// Drops a `window.` / `self.` / `String.` prefix left before a folded call.
pub(super) fn drop_global_prefix(out: &mut Vec<Tok>) {
    let n = out.len();
    if n >= 2
        && is(&out[n - 1], ".")
        && ident(&out[n - 2])
            .is_some_and(|o| matches!(o, "window" | "self" | "globalThis" | "String" | "top"))
    {
        out.truncate(n - 2);
    }
}

/// `String.fromCharCode(104, 116, …)`.
fn from_char_code(out: &mut Vec<Tok>, decoded: &mut Vec<String>) -> bool {
    if !out.last().is_some_and(|t| is(t, ")")) {
        return false;
    }
    let mut codes = Vec::new();
    let mut k = out.len() - 1;
    loop {
        let (Some(Tok::Num(v)), Some(sep)) =
            (out.get(k.wrapping_sub(1)), out.get(k.wrapping_sub(2)))
        else {
            return false;
        };
        codes.push(*v);
        k -= 2;
        if is(sep, "(") {
            break;
        }
        if !is(sep, ",") {
            return false;
        }
    }
    if k == 0 || ident(&out[k - 1]) != Some("fromCharCode") {
        return false;
    }
    let value: String = codes
        .iter()
        .rev()
        .filter_map(|&c| char::from_u32(c as u32))
        .collect();
    out.truncate(k - 1);
    drop_global_prefix(out);
    keep(decoded, &value);
    out.push(Tok::Str(value));
    true
}

/// `"s".replace("a", "b")`, `.concat`, `.slice`, `.substring`, `.substr`, `.charAt`,
/// `.toLowerCase()`, `.toUpperCase()` on literals.
fn string_method(out: &mut Vec<Tok>, budget: &Budget) -> bool {
    let Some((n, value)) = string_call(out, budget) else {
        return false;
    };
    if !budget.alloc(value.len()) {
        return false;
    }
    replace_tail(out, n, Tok::Str(value));
    true
}

/// The tail `"s" . m ( args )` folded: (tokens replaced, value).
fn string_call(out: &[Tok], budget: &Budget) -> Option<(usize, String)> {
    let close = out.len().checked_sub(1).filter(|&c| is(&out[c], ")"))?;
    let open = (close.saturating_sub(6)..close)
        .rev()
        .find(|&k| is(&out[k], "("))?;
    let recv = open.checked_sub(3)?;
    let (Tok::Str(s), true, Tok::Ident(m)) = (&out[recv], is(&out[open - 2], "."), &out[open - 1])
    else {
        return None;
    };
    let inner = &out[open + 1..close];
    let args: Vec<&Tok> = inner.iter().step_by(2).collect();
    let well_formed = inner.iter().skip(1).step_by(2).all(|t| is(t, ","))
        && args.iter().all(|t| matches!(t, Tok::Str(_) | Tok::Num(_)));
    if !well_formed {
        return None;
    }
    let value = string_op(s, m, &args, budget)?;
    Some((close - recv + 1, value))
}

fn string_op(s: &str, m: &str, args: &[&Tok], budget: &Budget) -> Option<String> {
    let chars = || s.chars().collect::<Vec<_>>();
    let num = |k: usize| match args.get(k) {
        Some(Tok::Num(v)) if v.is_finite() => Some(*v),
        _ => None,
    };
    let clamp = |v: f64, len: usize| -> usize {
        if v < 0.0 {
            (len as f64 + v).max(0.0) as usize
        } else {
            (v as usize).min(len)
        }
    };
    match (m, args) {
        ("replace" | "replaceAll", [Tok::Str(a), Tok::Str(b)]) => {
            let n = if m == "replace" { 1 } else { usize::MAX };
            let bound = s.len() + (s.len() / a.len().max(1) + 1).saturating_mul(b.len());
            // Charged before it is built: an expanding replacement exhausts the budget.
            budget.alloc(bound).then(|| s.replacen(a.as_str(), b, n))
        }
        ("concat", [Tok::Str(b)]) => Some(format!("{s}{b}")),
        ("toLowerCase", []) => Some(s.to_lowercase()),
        ("toUpperCase", []) => Some(s.to_uppercase()),
        ("charAt", [_]) => chars().get(num(0)? as usize).map(|c| c.to_string()),
        ("slice" | "substring", [_] | [_, _]) => {
            let c = chars();
            let a = clamp(num(0)?, c.len());
            let b = match args.len() {
                2 => clamp(num(1)?, c.len()),
                _ => c.len(),
            };
            let (a, b) = if m == "substring" && a > b {
                (b, a)
            } else {
                (a, b)
            };
            Some(c[a..b.max(a)].iter().collect())
        }
        ("substr", [_] | [_, _]) => {
            let c = chars();
            let a = clamp(num(0)?, c.len());
            let len = match args.len() {
                2 => num(1)?.max(0.0) as usize,
                _ => c.len(),
            };
            Some(c[a..a.saturating_add(len).min(c.len())].iter().collect())
        }
        _ => None,
    }
}
