//! Constant folding over the token stream, so that what an attacker splits, encodes or
//! reverses is judged as the string it becomes: `'ht'+'tps://'`, `atob("...")`,
//! `String.fromCharCode(104, ...)`, `unescape('%68...')`, `s.split('').reverse().join('')`,
//! `['a','b'].join('')`, `.replace`/`.concat` on literals, and `x["loc"+"ation"]` becoming
//! `x.location`.
//!
//! Folding is done as tokens are pushed (shift-reduce), so nested forms fold inside out in
//! one pass. Every payload that a decoder produced is also kept, to be judged as code.

use super::lexer::Tok;

/// Decoded payloads larger than this are not kept for re-judging.
const MAX_PAYLOAD: usize = 256 * 1024;

/// Folds `toks`; pushes every decoded payload onto `decoded`.
pub fn fold(toks: Vec<Tok>, decoded: &mut Vec<String>) -> Vec<Tok> {
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        out.push(t);
        while reduce(&mut out, decoded) {}
    }
    out
}

fn is(t: &Tok, p: &str) -> bool {
    matches!(t, Tok::Punct(q) if *q == p)
}

fn ident(t: &Tok) -> Option<&str> {
    match t {
        Tok::Ident(s) => Some(s),
        _ => None,
    }
}

fn string(t: &Tok) -> Option<&str> {
    match t {
        Tok::Str(s) => Some(s),
        _ => None,
    }
}

/// Whether the token ends an operand, so that a following `[` or `(` is member access or
/// a call rather than an array or a group.
pub fn ends_operand(t: Option<&Tok>) -> bool {
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
fn replace_tail(out: &mut Vec<Tok>, n: usize, with: Tok) {
    out.truncate(out.len() - n);
    out.push(with);
}

fn reduce(out: &mut Vec<Tok>, decoded: &mut Vec<String>) -> bool {
    concat(out)
        || bracket(out)
        || group(out)
        || decoder(out, decoded)
        || from_char_code(out, decoded)
        || string_method(out)
        || reverse(out)
        || array_join(out)
}

/// `"a" + "b"` → `"ab"`.
fn concat(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., a, plus, b] = out.as_slice() else {
        return false;
    };
    let (Some(a), true, Some(b)) = (string(a), is(plus, "+"), string(b)) else {
        return false;
    };
    if n >= 4 && is(&out[n - 4], ".") {
        return false;
    }
    let joined = format!("{a}{b}");
    replace_tail(out, 3, Tok::Str(joined));
    true
}

/// `x["name"]` → `x.name`.
fn bracket(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., open, s, close] = out.as_slice() else {
        return false;
    };
    let (true, Some(s), true) = (is(open, "["), string(s), is(close, "]")) else {
        return false;
    };
    if s.is_empty() || !ends_operand(out.get(n.wrapping_sub(4))) {
        return false;
    }
    let name = s.to_string();
    out.truncate(n - 3);
    out.extend([Tok::Punct("."), Tok::Ident(name)]);
    true
}

/// `("a")` → `"a"` when the parentheses group rather than call.
fn group(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., open, s, close] = out.as_slice() else {
        return false;
    };
    let (true, Some(s), true) = (is(open, "("), string(s), is(close, ")")) else {
        return false;
    };
    if ends_operand(out.get(n.wrapping_sub(4))) {
        return false;
    }
    let s = Tok::Str(s.to_string());
    replace_tail(out, 3, s);
    true
}

/// `atob("…")`, `unescape("…")`, `decodeURIComponent("…")` (optionally `window.`-prefixed).
fn decoder(out: &mut Vec<Tok>, decoded: &mut Vec<String>) -> bool {
    let [.., f, open, s, close] = out.as_slice() else {
        return false;
    };
    let (Some(f), true, Some(s), true) = (ident(f), is(open, "("), string(s), is(close, ")"))
    else {
        return false;
    };
    let value = match f {
        "atob" => base64(s),
        "unescape" | "decodeURIComponent" | "decodeURI" => Some(percent(s)),
        _ => None,
    };
    let Some(value) = value else { return false };
    out.truncate(out.len() - 4);
    drop_global_prefix(out);
    keep(decoded, &value);
    out.push(Tok::Str(value));
    true
}

fn keep(decoded: &mut Vec<String>, value: &str) {
    if value.len() <= MAX_PAYLOAD {
        decoded.push(value.to_string());
    }
}

/// Drops a `window.` / `self.` / `String.` prefix left before a folded call.
fn drop_global_prefix(out: &mut Vec<Tok>) {
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

/// `"s".replace("a", "b")` and `"s".concat("b")` on literals.
fn string_method(out: &mut Vec<Tok>) -> bool {
    let value = match out.as_slice() {
        [
            ..,
            Tok::Str(s),
            Tok::Punct("."),
            Tok::Ident(m),
            Tok::Punct("("),
            Tok::Str(a),
            Tok::Punct(","),
            Tok::Str(b),
            Tok::Punct(")"),
        ] if m == "replace" || m == "replaceAll" => {
            let n = if m == "replace" { 1 } else { usize::MAX };
            (8, s.replacen(a.as_str(), b, n))
        }
        [
            ..,
            Tok::Str(s),
            Tok::Punct("."),
            Tok::Ident(m),
            Tok::Punct("("),
            Tok::Str(b),
            Tok::Punct(")"),
        ] if m == "concat" => (6, format!("{s}{b}")),
        _ => return false,
    };
    replace_tail(out, value.0, Tok::Str(value.1));
    true
}

/// `"s".split("").reverse().join("")`.
fn reverse(out: &mut Vec<Tok>) -> bool {
    let matched = match out.as_slice() {
        [
            ..,
            Tok::Str(s),
            Tok::Punct("."),
            Tok::Ident(sp),
            Tok::Punct("("),
            Tok::Str(e1),
            Tok::Punct(")"),
            Tok::Punct("."),
            Tok::Ident(rv),
            Tok::Punct("("),
            Tok::Punct(")"),
            Tok::Punct("."),
            Tok::Ident(jn),
            Tok::Punct("("),
            Tok::Str(e2),
            Tok::Punct(")"),
        ] if sp == "split" && rv == "reverse" && jn == "join" && e1.is_empty() && e2.is_empty() => {
            Some(s.chars().rev().collect::<String>())
        }
        _ => None,
    };
    let Some(value) = matched else { return false };
    replace_tail(out, 15, Tok::Str(value));
    true
}

/// `["a", "b"].join("")`.
fn array_join(out: &mut Vec<Tok>) -> bool {
    let (sep, tail) = match out.as_slice() {
        [
            ..,
            Tok::Punct("]"),
            Tok::Punct("."),
            Tok::Ident(j),
            Tok::Punct("("),
            Tok::Str(sep),
            Tok::Punct(")"),
        ] if j == "join" => (sep.clone(), 5),
        [
            ..,
            Tok::Punct("]"),
            Tok::Punct("."),
            Tok::Ident(j),
            Tok::Punct("("),
            Tok::Punct(")"),
        ] if j == "join" => (",".to_string(), 4),
        _ => return false,
    };
    let close = out.len() - tail - 1;
    let mut parts = Vec::new();
    let mut k = close;
    loop {
        let (Some(Tok::Str(s)), Some(sep_tok)) =
            (out.get(k.wrapping_sub(1)), out.get(k.wrapping_sub(2)))
        else {
            return false;
        };
        parts.push(s.clone());
        k -= 2;
        if is(sep_tok, "[") {
            break;
        }
        if !is(sep_tok, ",") {
            return false;
        }
    }
    if ends_operand(k.checked_sub(1).and_then(|p| out.get(p))) {
        return false;
    }
    parts.reverse();
    out.truncate(k);
    out.push(Tok::Str(parts.join(&sep)));
    true
}

fn base64(s: &str) -> Option<String> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut bytes = Vec::new();
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '+' | '-' => 62,
            '/' | '_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            bytes.push((bits >> n) as u8);
        }
    }
    // atob yields one char per byte (Latin-1), as a browser does.
    Some(bytes.into_iter().map(char::from).collect())
}

/// `%XX` and `%uXXXX` (as `unescape` does); anything else is kept as written.
fn percent(s: &str) -> String {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let hex = |from: usize, n: usize| -> Option<u32> {
            let t: String = b.get(from..from + n)?.iter().collect();
            u32::from_str_radix(&t, 16).ok()
        };
        if b[i] == '%'
            && b.get(i + 1) == Some(&'u')
            && let Some(v) = hex(i + 2, 4)
        {
            out.extend(char::from_u32(v));
            i += 6;
        } else if b[i] == '%'
            && let Some(v) = hex(i + 1, 2)
        {
            out.extend(char::from_u32(v));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}
