//! Helpers of `rendered` (stage 6, planted spam): where sentences end in a piece of text,
//! and the elements whose content is not read as visible text.

use super::bidi;
use super::held_text::tag_end;

/// Where sentences end in `raw` (before a bidi override and after its end, see `bidi`;
/// after `.`, `!` or `?` and the spaces after it; not `;`,
/// which joins clauses of one sentence), and where the items of a ticker or a footer line
/// part (after `|` or a bullet `•` and the spaces after it): ASCII (the bullet is read as
/// UTF-8, a sequence no other charset's Vietnamese text has), so the same in every charset
/// lol_html reads.
pub(super) fn sentence_ends(raw: &[u8]) -> Vec<usize> {
    const BULLET: &[u8] = "•".as_bytes();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let mark = if matches!(raw[i], b'.' | b'!' | b'?' | b'|') {
            1
        } else if raw[i..].starts_with(BULLET) {
            BULLET.len()
        } else {
            0
        };
        if let Some((len, opens)) = bidi::override_mark(&raw[i..]) {
            // An override's span is drawn apart: a sentence of its own.
            let at = if opens { i } else { i + len };
            if at > 0 && ends.last() != Some(&at) {
                ends.push(at);
            }
            i += len;
        } else if mark > 0 && raw.get(i + mark).is_some_and(u8::is_ascii_whitespace) {
            let mut j = i + mark;
            while raw.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            ends.push(j);
            i = j;
        } else {
            i += 1;
        }
    }
    ends
}

/// Elements whose content is not read as the run's text: code, and the raw-text containers,
/// which are judged on their own (a nested rewriter re-parses them, see `rawtext`); in
/// report mode their content is still in the output, in enforce mode it was judged.
pub(super) fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "title"
            | "noscript"
            | "noembed"
            | "noframes"
            | "xmp"
            | "textarea"
            | "iframe"
    )
}

/// Skips a code element's content from `from`, to the end of its end tag.
pub(super) fn skip_element(bytes: &[u8], from: usize, name: &str) -> usize {
    let rest = &bytes[from.min(bytes.len())..];
    let found = memchr::memmem::find_iter(rest, b"</").find(|&i| {
        rest.get(i + 2..i + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    });
    match found {
        Some(i) => tag_end(&rest[i..]).map_or(bytes.len(), |e| from + i + e),
        None => bytes.len(),
    }
}
