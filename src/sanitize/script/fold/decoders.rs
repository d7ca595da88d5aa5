//! The decoding calls of constant folding: `atob`, `unescape`/`decodeURI(Component)` and
//! `JSON.parse` of a JSON string, each folded to the string it yields when its argument
//! is a literal.

use super::super::lexer::Tok;
use super::{drop_global_prefix, ident, is, keep, string};

/// `atob("…")`, `unescape("…")`, `decodeURIComponent("…")` (optionally `window.`-prefixed),
/// and `JSON.parse('"…"')` of a JSON string (its `\uXXXX` escapes are a decoding too).
pub(super) fn decoder(out: &mut Vec<Tok>, decoded: &mut Vec<String>) -> bool {
    let [.., f, open, s, close] = out.as_slice() else {
        return false;
    };
    let (Some(f), true, Some(s), true) = (ident(f), is(open, "("), string(s), is(close, ")"))
    else {
        return false;
    };
    let json = f == "parse" && json_receiver(out);
    let value = match f {
        "atob" => base64(s),
        "unescape" | "decodeURIComponent" | "decodeURI" => Some(percent(s)),
        "parse" if json => serde_json::from_str::<String>(s).ok(),
        _ => None,
    };
    let Some(value) = value else { return false };
    out.truncate(out.len() - 4);
    if json {
        out.truncate(out.len() - 2);
    }
    drop_global_prefix(out);
    keep(decoded, &value);
    out.push(Tok::Str(value));
    true
}

/// `JSON.` just before the last four tokens (`parse ( "…" )`).
fn json_receiver(out: &[Tok]) -> bool {
    let n = out.len();
    n >= 6 && is(&out[n - 5], ".") && ident(&out[n - 6]) == Some("JSON")
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
