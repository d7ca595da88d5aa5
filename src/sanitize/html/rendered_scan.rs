//! Helpers of `rendered` (stage 6, planted spam): the elements whose content is not read
//! as visible text. (Where sentences end is `sentences`.)

use super::held_text::tag_end;

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
