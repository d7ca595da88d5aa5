//! Helpers of `rendered` (stage 6, planted spam): the elements whose content is not read
//! as visible text, SVG spans placed on their own, declarative shadow roots. (Where sentences end is `sentences`.)

use super::held_text::tag_end;
use super::rawtag;

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

/// Whether an SVG text span sets its own `x` or `y`: its text starts at a place of its
/// own (a new line of a banner), so it does not join the text before it.
pub(super) fn positioned(name: &str, attrs: &[u8]) -> bool {
    matches!(name, "tspan" | "textpath")
        && rawtag::Attrs(attrs)
            .map_while(|a| a)
            .any(|(n, _)| n.eq_ignore_ascii_case(b"x") || n.eq_ignore_ascii_case(b"y"))
}

/// Whether a `<template>` start tag makes a declarative shadow root.
pub(super) fn is_shadow_root(tag: &[u8]) -> bool {
    let attrs = &tag[tag.len().min(9)..];
    rawtag::Attrs(attrs).map_while(|a| a).any(|(n, _)| {
        n.eq_ignore_ascii_case(b"shadowrootmode") || n.eq_ignore_ascii_case(b"shadowroot")
    })
}
