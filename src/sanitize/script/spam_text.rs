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
//! Security note: a script with no text sink (a settings object, JSON) is not judged here,
//! and news tickers that quote a headline about illegal betting pass the editorial guard.

use super::Verdict;
use super::lexer::Tok;

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

/// The verdict on the text that the literals of `toks` write, judged by `spam`.
pub(crate) fn judge(toks: &[Tok], spam: &dyn Fn(&str) -> Option<String>) -> Verdict {
    let sink = toks
        .iter()
        .any(|t| matches!(t, Tok::Ident(n) if SINKS.contains(&n.as_str())));
    if !sink {
        return Verdict::Benign;
    }
    let mut text = String::new();
    for t in toks {
        if let Tok::Str(s) = t
            && s.chars().any(char::is_alphabetic)
        {
            text.push_str(&without_tags(s));
            text.push_str(" | ");
        }
    }
    match spam(&text) {
        Some(words) => Verdict::bad(RULE, format!("writes spam text: {words}"), None),
        None => Verdict::Benign,
    }
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
