//! Stage 6 (planted spam, threat A1): a stylesheet read into flat rules (a selector list and
//! its own declarations), for the hiding rules of `css_rules`. Conditional group rules
//! (`@media`, `@supports`, `@layer`, `@container`, `@document`) are read as always applying;
//! `@scope (X)` scopes its rules under `X`; CSS nesting is resolved (`.a{ &.b{…} .c{…} }` is
//! `.a.b` and `.a .c`); `:is()`, `:where()`, `:matches()` and `:-webkit-any()` are expanded
//! into one selector per argument and `:not(…)` is dropped.
//!
//! Security note: every reading here over-matches (a rule under `@media print` is taken as
//! applying, `:not(.x)` as matching `.x` too). Hidden alone is never removed: over-matching
//! costs a judged hold, never a benign page. Bounded: nesting depth, the rules of one sheet
//! and the expansion of a selector.

/// The deepest nesting followed; deeper blocks are read as their parent.
const MAX_DEPTH: usize = 32;
/// The most selectors one selector expands into.
const MAX_EXPANSION: usize = 32;

/// One flat rule: its selectors (each resolved against its parents) and declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatRule {
    pub selectors: Vec<String>,
    pub decls: String,
}

#[derive(Debug)]
struct Frame {
    /// `None`: an at-rule whose block is skipped (`@keyframes`, `@font-face`, `@page`).
    selectors: Option<Vec<String>>,
    decls: String,
}

/// The rules of a sheet (comments already removed), innermost first at each `}`.
pub fn rules(css: &str) -> Vec<FlatRule> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut buf = String::new();
    let mut quote: Option<char> = None;
    let mut parens = 0usize;
    for c in css.chars() {
        if let Some(q) = quote {
            buf.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => {
                quote = Some(c);
                buf.push(c);
            }
            '(' | '[' => {
                parens += 1;
                buf.push(c);
            }
            ')' | ']' => {
                parens = parens.saturating_sub(1);
                buf.push(c);
            }
            ';' if parens == 0 => {
                if let Some(f) = stack.last_mut() {
                    f.decls.push_str(&buf);
                    f.decls.push(';');
                }
                buf.clear();
            }
            '{' => {
                parens = 0;
                let frame = open(stack.last(), buf.trim());
                buf.clear();
                if stack.len() < MAX_DEPTH {
                    stack.push(frame);
                }
            }
            '}' => {
                parens = 0;
                let Some(mut f) = stack.pop() else {
                    buf.clear();
                    continue;
                };
                f.decls.push_str(&buf);
                buf.clear();
                if let Some(selectors) = f.selectors
                    && !selectors.is_empty()
                    && f.decls.contains(':')
                {
                    out.push(FlatRule {
                        selectors,
                        decls: f.decls,
                    });
                }
            }
            _ => buf.push(c),
        }
    }
    out
}

/// The frame of a block whose prelude is `prelude`, inside `parent`.
fn open(parent: Option<&Frame>, prelude: &str) -> Frame {
    let inherited = parent.map_or(Some(Vec::new()), |p| p.selectors.clone());
    let selectors = match prelude.strip_prefix('@') {
        Some(at) => {
            let name: String = at
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            match name.to_ascii_lowercase().as_str() {
                "scope" => {
                    let root = at[name.len()..].trim();
                    let root = root
                        .strip_prefix('(')
                        .and_then(|r| r.split_once(')'))
                        .map_or("", |(r, _)| r.trim());
                    inherited.map(|p| nest(&p, root))
                }
                "media" | "supports" | "layer" | "container" | "document" | "starting-style" => {
                    inherited
                }
                _ => None,
            }
        }
        None => inherited.map(|p| nest(&p, prelude)),
    };
    Frame {
        selectors,
        decls: String::new(),
    }
}

/// The selectors of `list` nested in `parents` (`&` is the parent; without one, the rule
/// is a descendant of it), expanded.
fn nest(parents: &[String], list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sel in split_top(list, ',') {
        let sel = sel.trim();
        if sel.is_empty() {
            continue;
        }
        let resolved: Vec<String> = if parents.is_empty() {
            vec![sel.replace('&', "")]
        } else if sel.contains('&') {
            parents.iter().map(|p| sel.replace('&', p)).collect()
        } else {
            parents.iter().map(|p| format!("{p} {sel}")).collect()
        };
        for r in resolved {
            for e in expand(&r) {
                if out.len() < MAX_EXPANSION * 4 && !out.contains(&e) {
                    out.push(e);
                }
            }
        }
    }
    out
}

/// `sel` with `:is()`/`:where()` groups expanded and `:not()` dropped.
pub fn expand(sel: &str) -> Vec<String> {
    let mut todo = vec![sel.to_string()];
    let mut out = Vec::new();
    while let Some(s) = todo.pop() {
        if out.len() + todo.len() >= MAX_EXPANSION {
            break;
        }
        let lower = s.to_ascii_lowercase();
        let group = [":is(", ":where(", ":matches(", ":-webkit-any(", ":not("]
            .iter()
            .filter_map(|g| lower.find(g).map(|i| (i, g.len())))
            .min();
        let Some((at, len)) = group else {
            out.push(s);
            continue;
        };
        let inner_start = at + len;
        let Some(inner_len) = super::css_decls::closing(&s[inner_start..]) else {
            continue;
        };
        let (head, inner, tail) = (
            &s[..at],
            &s[inner_start..inner_start + inner_len],
            &s[inner_start + inner_len + 1..],
        );
        if lower[at..].starts_with(":not(") {
            todo.push(format!("{head}{tail}"));
            continue;
        }
        for arg in split_top(inner, ',') {
            todo.push(format!("{head}{}{tail}", arg.trim()));
        }
    }
    out
}

/// `s` split at `sep` outside parentheses and brackets.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0usize, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                parts.push(&s[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[from..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(css: &str) -> Vec<(Vec<String>, String)> {
        rules(css)
            .into_iter()
            .map(|r| (r.selectors, r.decls.trim().to_string()))
            .collect()
    }

    #[test]
    fn nesting_groups_and_pseudo_classes() {
        let r = flat(".a{color:red; &.b{display:none} .c{opacity:0} @media (x){.d{zoom:0}}}");
        assert_eq!(r[0].0, [".a.b"]);
        assert_eq!(r[1].0, [".a .c"]);
        assert_eq!(r[2].0, [".a .d"]);
        assert_eq!(r[3], (vec![".a".to_string()], "color:red;".to_string()));
        let r = flat("@layer x{@supports (display:grid){:is(.p,#q) > span:not(.v){display:none}}}");
        let mut s = r[0].0.clone();
        s.sort();
        assert_eq!(s, ["#q > span", ".p > span"]);
        let r = flat("@scope (.card) { .t { display:none } } @keyframes k { from { opacity:0 } }");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, [".card .t"]);
    }
}
