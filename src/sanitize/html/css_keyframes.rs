//! Stage 6 (planted spam, threat A1): CSS animations that hide for good. A rule with
//! `animation: fade 1s forwards` (or `animation-name` with `animation-fill-mode:
//! forwards|both`) whose `@keyframes fade` ends (`to`, `100%`) on a hiding frame
//! (`opacity:0`, `visibility:hidden`, `transform:scale(0)`, …) hides its element once the
//! animation has run, as a declaration in the rule would.
//!
//! Security note: the sheet's own keyframes only (comments already removed); a name
//! defined in another sheet passes. Over-reading costs a judged hold, never a page.

use super::hiding::style_hides;

/// The names of the sheet's `@keyframes` whose last frame hides.
pub(crate) fn hiding(css: &str) -> Vec<String> {
    let lower = css.to_ascii_lowercase();
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("keyframes") {
        let at = from + i + "keyframes".len();
        let Some(open) = lower[at..].find('{').map(|o| at + o) else {
            break;
        };
        let name = css[at..open].trim().trim_matches(|c| c == '"' || c == '\'');
        let body = block(&css[open + 1..]);
        if !name.is_empty() && style_hides(&last_frame(body)) {
            names.push(name.to_string());
        }
        from = open + 1;
    }
    names
}

/// The text up to the `}` that closes the block just opened.
fn block(s: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return &s[..i],
            '}' => depth -= 1,
            _ => {}
        }
    }
    s
}

/// The declarations of the last `to`/`100%` frame.
fn last_frame(body: &str) -> String {
    let mut last = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        let sel = rest[..open].trim().to_ascii_lowercase();
        let decls = block(&rest[open + 1..]);
        if sel.split(',').any(|s| matches!(s.trim(), "to" | "100%")) {
            last = decls.to_string();
        }
        rest = rest.get(open + 1 + decls.len() + 1..).unwrap_or("");
    }
    last
}

/// Whether `decls` run one of `names` and keep its last frame.
pub(crate) fn runs(decls: &str, names: &[String]) -> bool {
    if names.is_empty() {
        return false;
    }
    let d = decls.to_ascii_lowercase();
    let kept = d.contains("forwards") || d.contains("both");
    kept && names.iter().any(|n| {
        d.split(|c: char| c.is_whitespace() || matches!(c, ':' | ';' | ','))
            .any(|w| w == n.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn animations_that_end_hidden() {
        let css = "@keyframes fade { from { opacity: 1 } to { opacity: 0 } } @-webkit-keyframes up{0%{top:0}100%{top:10px}}";
        assert_eq!(hiding(css), ["fade"]);
        assert!(runs("animation: fade 1s forwards", &hiding(css)));
        assert!(runs(
            "animation-name:fade;animation-fill-mode:both",
            &hiding(css)
        ));
        assert!(!runs("animation: fade 1s", &hiding(css)));
        assert!(!runs("animation: up 1s forwards", &hiding(css)));
    }
}
