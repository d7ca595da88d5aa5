//! Array forms of string obfuscation, folded on literal arrays of strings and numbers:
//! `"s".split(x)`, `[...s]`, `Array.from(s)`, `.reverse()`, `.join(x)`, `[…][n]`,
//! `[104, …].map(c => String.fromCharCode(c))`, `String.fromCharCode(...[…])` and
//! `String.fromCharCode.apply(null, […])`. A split string becomes an array literal so
//! that the next method folds it again.

use super::super::budget::Budget;
use super::super::lexer::Tok;
use super::{drop_global_prefix, ends_operand, ident, is, keep, replace_tail, string};

/// One array reduction on the tail of `out`, if any applies.
pub(super) fn reduce(out: &mut Vec<Tok>, decoded: &mut Vec<String>, budget: &Budget) -> bool {
    split(out, budget)
        || spread(out, budget)
        || reverse(out)
        || join(out, budget)
        || index(out)
        || char_map(out)
        || char_codes_of_array(out, decoded)
}

/// The elements of the literal array closed at `close`, and where it opens; only for an
/// array literal (not a member access such as `a[0]`).
pub(super) fn literal(out: &[Tok], close: usize) -> Option<(usize, Vec<&Tok>)> {
    if !is(out.get(close)?, "]") {
        return None;
    }
    let mut elems = Vec::new();
    let mut k = close;
    if is(out.get(k.checked_sub(1)?)?, "[") {
        k -= 1;
    } else {
        loop {
            let elem = out.get(k.checked_sub(1)?)?;
            let sep = out.get(k.checked_sub(2)?)?;
            if !matches!(elem, Tok::Str(_) | Tok::Num(_)) {
                return None;
            }
            elems.push(elem);
            k -= 2;
            if is(sep, "[") {
                break;
            }
            if !is(sep, ",") {
                return None;
            }
        }
    }
    if ends_operand(k.checked_sub(1).and_then(|p| out.get(p))) {
        return None;
    }
    elems.reverse();
    Some((k, elems))
}

pub(super) fn push_array(out: &mut Vec<Tok>, elems: impl IntoIterator<Item = Tok>) {
    out.push(Tok::Punct("["));
    for (n, e) in elems.into_iter().enumerate() {
        if n > 0 {
            out.push(Tok::Punct(","));
        }
        out.push(e);
    }
    out.push(Tok::Punct("]"));
}

fn chars(s: &str) -> Vec<Tok> {
    s.chars().map(|c| Tok::Str(c.to_string())).collect()
}

/// `"s".split("")` and `"a,b".split(",")` → an array literal of strings.
fn split(out: &mut Vec<Tok>, budget: &Budget) -> bool {
    let [.., s, dot, m, open, sep, close] = out.as_slice() else {
        return false;
    };
    let (Some(s), true, Some("split"), true, Some(sep), true) = (
        string(s),
        is(dot, "."),
        ident(m),
        is(open, "("),
        string(sep),
        is(close, ")"),
    ) else {
        return false;
    };
    let parts: Vec<Tok> = if sep.is_empty() {
        chars(s)
    } else {
        s.split(sep).map(|p| Tok::Str(p.to_string())).collect()
    };
    if !budget.alloc(s.len() + parts.len() * 16) {
        return false;
    }
    out.truncate(out.len() - 6);
    push_array(out, parts);
    true
}

/// `[..."s"]` and `Array.from("s")` → an array of its characters.
fn spread(out: &mut Vec<Tok>, budget: &Budget) -> bool {
    let (n, s) = match out.as_slice() {
        [
            ..,
            Tok::Punct("["),
            Tok::Punct("..."),
            Tok::Str(s),
            Tok::Punct("]"),
        ] => (4, s.clone()),
        [
            ..,
            Tok::Ident(a),
            Tok::Punct("."),
            Tok::Ident(f),
            Tok::Punct("("),
            Tok::Str(s),
            Tok::Punct(")"),
        ] if a == "Array" && f == "from" => (6, s.clone()),
        _ => return false,
    };
    if n == 4 && ends_operand(out.len().checked_sub(5).and_then(|p| out.get(p))) {
        return false;
    }
    if !budget.alloc(s.len() * 16) {
        return false;
    }
    out.truncate(out.len() - n);
    push_array(out, chars(&s));
    true
}

/// `[…].reverse()`.
fn reverse(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., dot, m, open, close] = out.as_slice() else {
        return false;
    };
    if !(is(dot, ".") && ident(m) == Some("reverse") && is(open, "(") && is(close, ")")) {
        return false;
    }
    let Some((start, elems)) = n.checked_sub(5).and_then(|c| literal(out, c)) else {
        return false;
    };
    let elems: Vec<Tok> = elems.into_iter().rev().cloned().collect();
    out.truncate(start);
    push_array(out, elems);
    true
}

/// `[…].join(sep)` (default `,`).
fn join(out: &mut Vec<Tok>, budget: &Budget) -> bool {
    let (sep, tail) = match out.as_slice() {
        [
            ..,
            Tok::Punct("."),
            Tok::Ident(j),
            Tok::Punct("("),
            Tok::Str(sep),
            Tok::Punct(")"),
        ] if j == "join" => (sep.clone(), 5),
        [
            ..,
            Tok::Punct("."),
            Tok::Ident(j),
            Tok::Punct("("),
            Tok::Punct(")"),
        ] if j == "join" => (",".to_string(), 4),
        _ => return false,
    };
    let Some(close) = out.len().checked_sub(tail + 1) else {
        return false;
    };
    let Some((start, elems)) = literal(out, close) else {
        return false;
    };
    let parts: Vec<String> = elems.iter().map(|t| text(t)).collect();
    let joined = parts.join(&sep);
    if !budget.alloc(joined.len()) {
        return false;
    }
    replace_tail(out, out.len() - start, Tok::Str(joined));
    true
}

/// A literal element as `String(x)` would write it.
fn text(t: &Tok) -> String {
    match t {
        Tok::Str(s) => s.clone(),
        Tok::Num(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", *v as i64),
        Tok::Num(v) => v.to_string(),
        _ => String::new(),
    }
}

/// `["a", "b"][1]` → `"b"`.
fn index(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., open, Tok::Num(k), close] = out.as_slice() else {
        return false;
    };
    if !(is(open, "[") && is(close, "]")) || k.fract() != 0.0 || *k < 0.0 {
        return false;
    }
    let k = *k as usize;
    let Some((start, elems)) = n.checked_sub(4).and_then(|c| literal(out, c)) else {
        return false;
    };
    let Some(elem) = elems.get(k).map(|t| (*t).clone()) else {
        return false;
    };
    replace_tail(out, n - start, elem);
    true
}

/// `[104, …].map(c => String.fromCharCode(c))` (arrow or function) → `["h", …]`.
fn char_map(out: &mut Vec<Tok>) -> bool {
    let Some(open) = map_call_open(out) else {
        return false;
    };
    let Some((start, elems)) = open.checked_sub(1).and_then(|c| literal(out, c)) else {
        return false;
    };
    let Some(text) = codes(&elems) else {
        return false;
    };
    out.truncate(start);
    push_array(out, chars(&text));
    true
}

/// Where `.map` starts (its `.`) if the tail is `.map(<fromCharCode callback>)`.
fn map_call_open(out: &[Tok]) -> Option<usize> {
    let close = out.len().checked_sub(1).filter(|&c| is(&out[c], ")"))?;
    let open = (close.saturating_sub(16)..close)
        .rev()
        .find(|&k| is(&out[k], "(") && ident(&out[k.saturating_sub(1)]) == Some("map"))?;
    let cb = &out[open + 1..close];
    let param = match cb {
        [Tok::Ident(p), Tok::Punct("=>"), ..] => p,
        [
            Tok::Punct("("),
            Tok::Ident(p),
            Tok::Punct(")"),
            Tok::Punct("=>"),
            ..,
        ] => p,
        [
            Tok::Ident(f),
            Tok::Punct("("),
            Tok::Ident(p),
            Tok::Punct(")"),
            ..,
        ] if f == "function" => p,
        _ => return None,
    };
    let calls = cb.windows(4).any(|w| {
        ident(&w[0]) == Some("fromCharCode")
            && is(&w[1], "(")
            && ident(&w[2]) == Some(param)
            && is(&w[3], ")")
    });
    (calls && is(&out[open - 2], ".")).then_some(open - 2)
}

fn codes(elems: &[&Tok]) -> Option<String> {
    elems
        .iter()
        .map(|t| match t {
            Tok::Num(v) => char::from_u32(*v as u32),
            _ => None,
        })
        .collect()
}

/// `String.fromCharCode(...[…])` and `String.fromCharCode.apply(x, […])`.
fn char_codes_of_array(out: &mut Vec<Tok>, decoded: &mut Vec<String>) -> bool {
    let n = out.len();
    if n < 6 || !is(&out[n - 1], ")") {
        return false;
    }
    let Some((arr, elems)) = literal(out, n - 2) else {
        return false;
    };
    let head = match &out[..arr] {
        [.., f, Tok::Punct("("), Tok::Punct("...")] if ident(f) == Some("fromCharCode") => arr - 3,
        [
            ..,
            f,
            Tok::Punct("."),
            Tok::Ident(a),
            Tok::Punct("("),
            _,
            Tok::Punct(","),
        ] if ident(f) == Some("fromCharCode") && a == "apply" => arr - 6,
        _ => return false,
    };
    let Some(text) = codes(&elems) else {
        return false;
    };
    out.truncate(head);
    drop_global_prefix(out);
    keep(decoded, &text);
    out.push(Tok::Str(text));
    true
}
