//! Spam text written by a script (stage 6, script classifier; threat A5): an inline script
//! that writes betting or scam text into the page at run time (`document.write('…nổ hũ…')`,
//! `el.innerHTML = '…'`, `textContent`, `insertAdjacentHTML`, `append('…')`,
//! `document.title = '…'`) puts on the page words that no text node holds, where the block
//! and hidden-text rules never see them. When the script has such a sink, its string
//! literals, folded (split, escaped and concatenated strings read as the browser builds
//! them) and with markup tags read as spaces, are judged together by the site's lexicon
//! (the same score and editorial guard as hidden text); spam takes the script
//! (`script.spam_text`).
//!
//! A script that draws text (canvas `fillText`/`strokeText`, on a `<canvas>` or an
//! `OffscreenCanvas`), or holds a `data:` SVG image that draws text (`svg_data`), puts
//! words on the screen that no node holds either: its literals and the image's text are
//! judged the same way, and spam takes the script (`script.drawn_text`).
//!
//! Security note: a script with no text sink (a settings object, JSON) is not judged here,
//! and news tickers that quote a headline about illegal betting pass the editorial guard.

use super::Verdict;
use super::lexer::Tok;
use crate::sanitize::svg_data;

/// The audit rule.
pub(crate) const RULE: &str = "script.spam_text";

/// Properties and calls that put text on the page.
const SINKS: &[&str] = &[
    "write",
    "writeln",
    "innerHTML",
    "outerHTML",
    "textContent",
    "innerText",
    "outerText",
    "insertAdjacentHTML",
    "insertAdjacentText",
    "append",
    "prepend",
    "after",
    "before",
    "replaceWith",
    "createTextNode",
    "html",
    "text",
    "title",
    "setHTMLUnsafe",
    "parseFromString",
    "createContextualFragment",
];

/// The audit rule of text a script draws (a canvas, an SVG image).
pub(crate) const DRAWN_RULE: &str = "script.drawn_text";

/// The calls that draw text on a canvas (a `<canvas>`'s 2D context, an `OffscreenCanvas`'s,
/// through a variable, a bracket or a folded name alike).
const DRAW: &[&str] = &["fillText", "strokeText"];

/// The verdict on the text that the literals of `toks` write or draw, judged by `spam`.
/// A literal that is a `data:` SVG image counts as drawn, with the text it draws.
pub(crate) fn judge(toks: &[Tok], spam: &dyn Fn(&str) -> Option<String>) -> Verdict {
    let sink = toks
        .iter()
        .any(|t| matches!(t, Tok::Ident(n) if SINKS.contains(&n.as_str())));
    let mut draws = toks
        .iter()
        .any(|t| matches!(t, Tok::Ident(n) | Tok::Str(n) if DRAW.contains(&n.as_str())));
    let mut images = String::new();
    for t in toks {
        let Tok::Str(s) = t else { continue };
        if svg_data::may_be(s) {
            // `'data:image/svg+xml,' + encodeURIComponent(markup)`: the markup is a literal.
            draws |= s
                .get(..64)
                .unwrap_or(s)
                .to_ascii_lowercase()
                .contains("svg");
        }
        let drawn = match svg_data::may_be(s) {
            true => svg_data::text(s),
            false if has_data_url(s) => svg_data::embedded(s),
            false => None,
        };
        if let Some(drawn) = drawn {
            images.push_str(&drawn);
            images.push_str(" | ");
            draws = true;
        }
    }
    if !sink && !draws {
        return Verdict::Benign;
    }
    let mut text = String::new();
    for t in toks {
        if let Tok::Str(s) = t
            && s.chars().any(char::is_alphabetic)
            && !svg_data::may_be(s)
        {
            text.push_str(&without_tags(s));
            text.push_str(" | ");
        }
    }
    text.push_str(&images);
    match spam(&text) {
        Some(words) if sink => Verdict::bad(RULE, format!("writes spam text: {words}"), None),
        Some(words) => Verdict::bad(DRAWN_RULE, format!("draws spam text: {words}"), None),
        None => Verdict::Benign,
    }
}

/// Whether `s` holds `data:` in any case (markup with a `data:` image).
fn has_data_url(s: &str) -> bool {
    s.as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"data:"))
}

/// `s` with every `<…>` tag read as a space.
fn without_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::without_tags;

    #[test]
    fn tags_read_as_spaces() {
        assert_eq!(without_tags("<b>nổ</b>hũ"), " nổ hũ");
        assert_eq!(without_tags("a > b"), "a > b");
    }
}
