//! Byte forms of string obfuscation (red team: the run-time decoder the analysis did not
//! know): `new TextDecoder().decode(bytes)` folded to the UTF-8 text it yields when the
//! bytes are constant. Byte sources fold to an array literal first, so that the decode
//! sees numbers: `new Uint8Array([…])`, `Uint8Array.from([…])`, `Uint8Array.of(…)`,
//! `….buffer`, and `"78,104".split(',').map(Number)` (a name bound to a literal array is
//! substituted by constant propagation). The decoder is `new TextDecoder`, with or without
//! a label and options, parenthesised or not, or a name in a script that constructs one
//! (`var d = new TextDecoder(); d.decode(…)`). Each decoded text is kept as a payload.

use super::super::lexer::Tok;
use super::arrays::{literal, push_array};
use super::{ident, is, keep, string};

/// Typed arrays whose elements are bytes.
const TYPED: &[&str] = &["Uint8Array", "Uint8ClampedArray", "Int8Array"];

/// One byte-form reduction on the tail of `out`, if any applies.
pub(super) fn reduce(out: &mut Vec<Tok>, decoded: &mut Vec<String>) -> bool {
    typed(out) || typed_of(out) || buffer(out) || number_map(out) || decode(out, decoded)
}

/// The literal array of numbers closed at `close`: where it opens and its bytes.
fn bytes_at(out: &[Tok], close: usize) -> Option<(usize, Vec<u8>)> {
    let (start, elems) = literal(out, close)?;
    let bytes = elems
        .iter()
        .map(|t| match t {
            Tok::Num(v) if v.is_finite() => Some((*v as i64).rem_euclid(256) as u8),
            _ => None,
        })
        .collect::<Option<Vec<u8>>>()?;
    Some((start, bytes))
}

fn numbers(bytes: &[u8]) -> Vec<Tok> {
    bytes.iter().map(|b| Tok::Num(f64::from(*b))).collect()
}

/// `new Uint8Array([…])` and `Uint8Array.from([…])` → `[…]`.
fn typed(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    if n < 5 || !is(&out[n - 1], ")") {
        return false;
    }
    let Some((arr, bytes)) = bytes_at(out, n - 2) else {
        return false;
    };
    let head = match &out[..arr] {
        [.., Tok::Ident(new), Tok::Ident(t), Tok::Punct("(")]
            if new == "new" && TYPED.contains(&t.as_str()) =>
        {
            arr - 3
        }
        [
            ..,
            Tok::Ident(t),
            Tok::Punct("."),
            Tok::Ident(f),
            Tok::Punct("("),
        ] if TYPED.contains(&t.as_str()) && f == "from" => arr - 4,
        _ => return false,
    };
    out.truncate(head);
    push_array(out, numbers(&bytes));
    true
}

/// `Uint8Array.of(78, 104, …)` → `[…]`.
fn typed_of(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    if n < 5 || !is(&out[n - 1], ")") {
        return false;
    }
    let mut k = n - 1;
    let mut bytes = Vec::new();
    loop {
        match out.get(k.wrapping_sub(1)) {
            Some(Tok::Num(v)) if v.is_finite() => bytes.push((*v as i64).rem_euclid(256) as u8),
            _ => return false,
        }
        k -= 1;
        match out.get(k.wrapping_sub(1)) {
            Some(Tok::Punct(",")) => k -= 1,
            Some(Tok::Punct("(")) => break,
            _ => return false,
        }
    }
    let open = k - 1;
    let head = match &out[..open] {
        [.., Tok::Ident(t), Tok::Punct("."), Tok::Ident(f)]
            if TYPED.contains(&t.as_str()) && f == "of" =>
        {
            open - 3
        }
        _ => return false,
    };
    bytes.reverse();
    out.truncate(head);
    push_array(out, numbers(&bytes));
    true
}

/// `[…].buffer` → `[…]` (the bytes of a folded typed array).
fn buffer(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    if n < 4 || ident(&out[n - 1]) != Some("buffer") || !is(&out[n - 2], ".") {
        return false;
    }
    if bytes_at(out, n - 3).is_none() {
        return false;
    }
    out.truncate(n - 2);
    true
}

/// `["78", "104"].map(Number)` (or `parseInt`) → `[78, 104]`.
fn number_map(out: &mut Vec<Tok>) -> bool {
    let n = out.len();
    let [.., dot, m, open, f, close] = out.as_slice() else {
        return false;
    };
    if !(is(dot, ".")
        && ident(m) == Some("map")
        && is(open, "(")
        && matches!(ident(f), Some("Number" | "parseInt" | "parseFloat"))
        && is(close, ")"))
    {
        return false;
    }
    let Some((start, elems)) = literal(out, n - 6) else {
        return false;
    };
    let Some(nums) = elems
        .iter()
        .map(|t| match t {
            Tok::Num(v) => Some(*v),
            _ => string(t)?.trim().parse::<f64>().ok(),
        })
        .collect::<Option<Vec<f64>>>()
    else {
        return false;
    };
    out.truncate(start);
    push_array(out, nums.into_iter().map(Tok::Num));
    true
}

/// `<TextDecoder>.decode([…])` → the UTF-8 text of the bytes.
fn decode(out: &mut Vec<Tok>, decoded: &mut Vec<String>) -> bool {
    let n = out.len();
    if n < 7 || !is(&out[n - 1], ")") {
        return false;
    }
    let Some((arr, bytes)) = bytes_at(out, n - 2) else {
        return false;
    };
    let [.., dot, d, open] = &out[..arr] else {
        return false;
    };
    if !(is(dot, ".") && ident(d) == Some("decode") && is(open, "(")) {
        return false;
    }
    let Some(head) = decoder_start(out, arr - 3) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    out.truncate(head);
    keep(decoded, &text);
    out.push(Tok::Str(text));
    true
}

/// Where the TextDecoder that ends just before `dot` starts: `new TextDecoder`,
/// `new TextDecoder(…)`, either in parentheses, or a name in a script that constructs one.
fn decoder_start(out: &[Tok], dot: usize) -> Option<usize> {
    let end = dot.checked_sub(1)?;
    if let Tok::Ident(name) = &out[end] {
        if name == "TextDecoder" {
            return constructed(out, end);
        }
        let constructs = out[..end].iter().any(|t| ident(t) == Some("TextDecoder"));
        return (constructs && !is(out.get(end.wrapping_sub(1))?, ".")).then_some(end);
    }
    if !is(&out[end], ")") {
        return None;
    }
    let open = (end.saturating_sub(32)..end)
        .rev()
        .find(|&k| is(&out[k], "("))?;
    if ident(out.get(open.wrapping_sub(1))?) == Some("TextDecoder") {
        return constructed(out, open - 1);
    }
    // `(new TextDecoder)` or `(new TextDecoder(…))`.
    let inner = match &out[..end] {
        [.., Tok::Ident(t)] if t == "TextDecoder" => end - 1,
        [.., Tok::Ident(t), Tok::Punct("("), Tok::Punct(")")] if t == "TextDecoder" => end - 3,
        _ => return None,
    };
    let start = constructed(out, inner)?;
    is(out.get(start.wrapping_sub(1))?, "(").then(|| start - 1)
}

/// `new TextDecoder` (or `new window.TextDecoder`) with `TextDecoder` at `t`: where `new` is.
fn constructed(out: &[Tok], t: usize) -> Option<usize> {
    let before = t.checked_sub(1)?;
    if ident(&out[before]) == Some("new") {
        return Some(before);
    }
    let new = t.checked_sub(3)?;
    (is(&out[before], ".")
        && matches!(ident(&out[t - 2]), Some("window" | "self" | "globalThis"))
        && ident(&out[new]) == Some("new"))
    .then_some(new)
}

#[cfg(test)]
mod tests {
    use super::super::super::budget::Budget;
    use super::super::super::lexer::tokenize;
    use super::super::fold;
    use super::*;

    fn folded(src: &str) -> Vec<Tok> {
        let mut escapes = 0;
        let mut decoded = Vec::new();
        fold(
            tokenize(src, &mut escapes),
            &mut decoded,
            &Budget::for_source(src.len()),
        )
    }

    #[test]
    fn constant_bytes_fold_to_their_text() {
        let bytes = "78,104,195,160";
        for src in [
            format!("x=new TextDecoder().decode(new Uint8Array([{bytes}]))"),
            format!("x=new TextDecoder('utf-8').decode(Uint8Array.from([{bytes}]))"),
            format!("x=(new TextDecoder).decode(Uint8Array.of({bytes}))"),
            format!(
                "x=new window.TextDecoder('utf8',{{fatal:false}}).decode(new Uint8Array([{bytes}]).buffer)"
            ),
            format!("x=new TextDecoder().decode(new Uint8Array('{bytes}'.split(',').map(Number)))"),
            format!("var d=new TextDecoder();x=d.decode(new Uint8Array([{bytes}]))"),
        ] {
            let toks = folded(&src);
            assert!(
                toks.iter().any(|t| string(t) == Some("Nhà")),
                "{src}: {toks:?}"
            );
        }
    }

    #[test]
    fn other_decode_calls_stay() {
        let toks = folded("x=codec.decode(new Uint8Array([1,2]))");
        assert!(!toks.iter().any(|t| matches!(t, Tok::Str(_))), "{toks:?}");
    }
}
