//! Stage 6 (JSON-LD that is not valid JSON): the string values of a JSON-LD block, read
//! the way a lenient consumer reads them. A block with a comment, a trailing comma or a
//! cut-off end does not parse, yet crawlers that repair JSON still index its strings; a
//! planted block can be broken on purpose to pass a strict reader. Every string is read
//! with its key (the last key before it, so that array items keep their array's key), its
//! escapes resolved (`\/`, `\u002e`, surrogate pairs).
//!
//! Security note: one pass over the text, no nesting state and no recursion, so any size
//! and any malformation is read in linear time; an unterminated string ends at the end of
//! the text and is still returned.

/// One string value and the key it belongs to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) key: String,
    pub(crate) value: String,
}

/// The string values of `raw` (keys are not returned as values).
pub(crate) fn values(raw: &str) -> Vec<Item> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        let (text, end) = string(raw, i + 1);
        i = end;
        let mut j = end;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) == Some(&b':') {
            key = text;
        } else {
            out.push(Item {
                key: key.clone(),
                value: text,
            });
        }
    }
    out
}

/// The decoded string that starts at `from` (after its quote), and where it ends.
fn string(raw: &str, from: usize) -> (String, usize) {
    let b = raw.as_bytes();
    let mut s = String::new();
    let mut i = from;
    let mut run = from;
    while i < b.len() {
        match b[i] {
            b'"' => {
                s.push_str(&raw[run..i]);
                return (s, i + 1);
            }
            b'\\' => {
                s.push_str(&raw[run..i]);
                i = escape(raw, i + 1, &mut s);
                run = i;
            }
            _ => i += 1,
        }
    }
    s.push_str(&raw[run.min(b.len())..]);
    (s, b.len())
}

/// Resolves the escape after a backslash at `i - 1`; returns where the text goes on.
fn escape(raw: &str, i: usize, s: &mut String) -> usize {
    let b = raw.as_bytes();
    let Some(&c) = b.get(i) else {
        return i;
    };
    let simple = match c {
        b'n' => Some('\n'),
        b't' => Some('\t'),
        b'r' => Some('\r'),
        b'b' | b'f' => Some(' '),
        b'u' => None,
        _ => {
            // `\"`, `\\`, `\/` and lenient readers' `\x` for any other character.
            let ch = raw[i..].chars().next().unwrap_or(' ');
            s.push(ch);
            return i + ch.len_utf8();
        }
    };
    if let Some(ch) = simple {
        s.push(ch);
        return i + 1;
    }
    let Some(hi) = hex4(raw, i + 1) else {
        return i + 1;
    };
    let mut end = i + 5;
    let code = match (hi, raw.get(end..end + 2)) {
        (0xD800..=0xDBFF, Some("\\u")) => match hex4(raw, end + 2) {
            Some(lo @ 0xDC00..=0xDFFF) => {
                end += 6;
                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            }
            _ => hi,
        },
        _ => hi,
    };
    s.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
    end
}

fn hex4(raw: &str, at: usize) -> Option<u32> {
    let h = raw.get(at..at + 4)?;
    u32::from_str_radix(h, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(raw: &str) -> Vec<(String, String)> {
        values(raw).into_iter().map(|i| (i.key, i.value)).collect()
    }

    #[test]
    fn strings_are_read_with_their_keys_in_broken_json() {
        let raw = "{\"@type\":\"X\", /* c */ \"sameAs\":[\"https:\\/\\/bet\\u002etest\",\"b\"],\"name\":\"n\\u1ed5 h\\u0169\",}";
        assert_eq!(
            pairs(raw),
            [
                ("@type".into(), "X".into()),
                ("sameAs".into(), "https://bet.test".into()),
                ("sameAs".into(), "b".into()),
                ("name".into(), "nổ hũ".into()),
            ]
        );
        assert_eq!(
            pairs("{\"url\":\"https://bet.te"),
            [("url".into(), "https://bet.te".into())]
        );
        assert_eq!(pairs("{\"e\":\"\\ud83d\\ude00\"}")[0].1, "😀");
    }
}
