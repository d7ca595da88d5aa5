//! Stage 6 (URL carriers): the URLs that a piece of CSS makes the browser fetch —
//! `url(…)`, the strings of `image-set(…)` and `@import "…"` — for the `style=` attribute.
//!
//! Security note: the text is read after CSS escapes (`u\72l(`, `\2f\2f`) are resolved and
//! comments dropped, so that an escaped or split function name is still seen. This module only
//! extracts; the caller judges each URL against the page base like any other carrier.

/// The URLs that `css` references, in order (unquoted, trimmed).
pub(crate) fn urls(css: &str) -> Vec<String> {
    let text = normalize(css);
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (i, _) in lower.match_indices("url(") {
        out.extend(argument(&text[i + 4..]));
    }
    for (i, _) in lower.match_indices("image-set(") {
        let inner = &text[i + 10..];
        let inner = &inner[..inner.find(')').unwrap_or(inner.len())];
        out.extend(strings(inner));
    }
    for (i, _) in lower.match_indices("@import") {
        let rest = text[i + 7..].trim_start();
        if rest.starts_with(['"', '\'']) {
            out.extend(strings(rest).into_iter().take(1));
        }
    }
    out
}

/// `css` (a `<style>` text) with each foreign `url(…)` emptied, each foreign `image-set(…)`
/// emptied and each `@import` of a foreign URL removed; `None` when nothing is foreign. When
/// a foreign URL is still there afterwards (hidden by escapes), the result is empty.
pub(crate) fn rewrite(css: &str, mut foreign: impl FnMut(&str) -> bool) -> Option<String> {
    if !urls(css).iter().any(|u| foreign(u)) {
        return None;
    }
    let lower = css.to_ascii_lowercase();
    let mut edits: Vec<(usize, usize)> = Vec::new();
    for (i, _) in lower.match_indices("@import") {
        let end = lower[i..].find(';').map_or(css.len(), |e| i + e + 1);
        if urls(&css[i..end]).iter().any(|u| foreign(u)) {
            edits.push((i, end));
        }
    }
    for (key, len) in [("url(", 4), ("image-set(", 10)] {
        for (i, _) in lower.match_indices(key) {
            let end = lower[i..].find(')').map_or(css.len(), |e| i + e);
            if urls(&css[i..end.saturating_add(1).min(css.len())])
                .iter()
                .any(|u| foreign(u))
            {
                edits.push((i + len, end));
            }
        }
    }
    edits.sort_unstable();
    let mut out = String::with_capacity(css.len());
    let mut at = 0;
    for (from, to) in edits {
        if from >= at {
            out.push_str(&css[at..from]);
            at = to;
        }
    }
    out.push_str(&css[at.min(css.len())..]);
    let left = urls(&out).iter().any(|u| foreign(u));
    Some(if left { String::new() } else { out })
}

/// The argument of `url(`: a quoted string or the raw text up to `)`.
fn argument(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    if rest.starts_with(['"', '\'']) {
        return strings(rest).into_iter().next();
    }
    let end = rest.find(')').unwrap_or(rest.len());
    Some(rest[..end].trim().to_string())
}

/// The quoted strings of `s` (an unterminated one runs to the end).
pub(super) fn strings(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find(['"', '\'']) {
        let q = rest[start..].chars().next().unwrap_or('"');
        let body = &rest[start + 1..];
        let end = body.find(q).unwrap_or(body.len());
        out.push(body[..end].trim().to_string());
        rest = body.get(end + 1..).unwrap_or("");
    }
    out
}

/// Resolves CSS escapes and removes comments (both as the CSS tokenizer does).
pub(super) fn normalize(css: &str) -> String {
    if !css.contains(['\\', '/']) {
        return css.to_string();
    }
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            '\\' => escape(&mut chars, &mut out),
            _ => out.push(c),
        }
    }
    out
}

fn escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    let mut hex = String::new();
    while hex.len() < 6 {
        match chars.peek() {
            Some(h) if h.is_ascii_hexdigit() => {
                hex.push(*h);
                chars.next();
            }
            _ => break,
        }
    }
    if hex.is_empty() {
        // `\` before a newline is dropped; before anything else it is that character.
        if let Some(c) = chars.next().filter(|c| *c != '\n') {
            out.push(c);
        }
        return;
    }
    if chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
        chars.next();
    }
    let code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
    out.push(
        char::from_u32(code)
            .filter(|c| *c != '\0')
            .unwrap_or('\u{fffd}'),
    );
}

#[cfg(test)]
mod tests {
    use super::{rewrite, urls};

    #[test]
    fn finds_every_form() {
        assert_eq!(urls("background:url(/img/a.png)"), ["/img/a.png"]);
        assert_eq!(
            urls("background: URL( \"//bet.test/x.png\" )"),
            ["//bet.test/x.png"]
        );
        assert_eq!(urls("b:url('a b.png')"), ["a b.png"]);
        assert_eq!(
            urls("b:image-set('//x.test/1.png' 1x, \"y.png\" 2x)"),
            ["//x.test/1.png", "y.png"]
        );
        assert_eq!(urls("@import '//z.test/a.css';"), ["//z.test/a.css"]);
        assert_eq!(urls("color:red"), Vec::<String>::new());
    }

    #[test]
    fn rewrite_empties_only_foreign_urls() {
        let foreign = |u: &str| u.contains("bet.test");
        let css = "@import '//bet.test/a.css';\n.a{background:url(/a.png)}.b{background:url( \"//bet.test/x\" )}";
        assert_eq!(
            rewrite(css, foreign).as_deref(),
            Some("\n.a{background:url(/a.png)}.b{background:url()}")
        );
        assert_eq!(rewrite(".a{background:url(/a.png)}", foreign), None);
        assert_eq!(
            rewrite(".a{background:u\\72l(//bet.test/x)}", foreign).as_deref(),
            Some("")
        );
    }

    #[test]
    fn sees_through_escapes_and_comments() {
        assert_eq!(urls("b:u\\72l(//bet.test/x)"), ["//bet.test/x"]);
        assert_eq!(urls("b:u\\rl(//bet.test/x)"), ["//bet.test/x"]);
        assert_eq!(urls("b:url(\\2f\\2f bet.test/x)"), ["//bet.test/x"]);
        assert_eq!(urls("b:u/**/rl(//bet.test/x)"), ["//bet.test/x"]);
    }
}
