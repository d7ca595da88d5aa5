//! Stage 6 (planted spam, threat A1): a CSS declaration list read as the browser reads it,
//! for the hiding rules (`hiding`): comments dropped (`display:/**/none`), escapes decoded
//! (`dis\70 lay`), lower-cased, `!important` dropped, and custom properties substituted
//! (`--h:none; display:var(--h)`, `var(--x, none)`).
//!
//! Security note: a `var()` that cannot be resolved here (defined on an ancestor or in
//! another sheet) reads as [`UNRESOLVED`]: the hiding rules treat it as hiding, so the
//! element's content is judged (fail closed; hidden alone never removes anything).

/// What an unresolvable `var()` reads as.
pub const UNRESOLVED: &str = "\u{0}unresolved";

/// How deep `var()` references are followed.
const MAX_VAR_DEPTH: usize = 8;

/// The declarations of `css`, normalized, as (property, value) pairs, custom properties
/// substituted.
pub fn declarations(css: &str) -> Vec<(String, String)> {
    let text = normalize(css);
    let mut decls: Vec<(String, String)> = Vec::new();
    for d in text.split(';') {
        let Some((prop, value)) = d.split_once(':') else {
            continue;
        };
        let value = value.split('!').next().unwrap_or("").trim();
        decls.push((prop.trim().to_string(), value.to_string()));
    }
    let vars: Vec<(String, String)> = decls
        .iter()
        .filter(|(p, _)| p.starts_with("--"))
        .cloned()
        .collect();
    decls
        .into_iter()
        .filter(|(p, _)| !p.starts_with("--"))
        .map(|(p, v)| {
            let v = substitute(&v, &vars, 0);
            (p, v)
        })
        .collect()
}

/// Comments dropped, escapes decoded (as `css_url` reads them), lower-cased.
pub fn normalize(css: &str) -> String {
    super::css_url::normalize(css).to_lowercase()
}

/// `value` with every `var(--name[, fallback])` replaced.
fn substitute(value: &str, vars: &[(String, String)], depth: usize) -> String {
    let Some(at) = value.find("var(") else {
        return value.to_string();
    };
    if depth >= MAX_VAR_DEPTH {
        return UNRESOLVED.to_string();
    }
    let args_start = at + 4;
    let Some(len) = closing(&value[args_start..]) else {
        return UNRESOLVED.to_string();
    };
    let args = &value[args_start..args_start + len];
    let (name, fallback) = match args.split_once(',') {
        Some((n, f)) => (n.trim(), Some(f.trim())),
        None => (args.trim(), None),
    };
    let found = vars
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str());
    let replaced = match found.or(fallback) {
        Some(v) => substitute(v, vars, depth + 1),
        None => UNRESOLVED.to_string(),
    };
    let rest = substitute(&value[args_start + len + 1..], vars, depth + 1);
    format!("{}{replaced}{rest}", &value[..at])
}

/// The length of the arguments up to the `)` that closes them.
pub(super) fn closing(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(css: &str) -> Vec<(String, String)> {
        declarations(css)
    }

    #[test]
    fn reads_as_the_browser_does() {
        let d = |p: &str, v: &str| vec![(p.to_string(), v.to_string())];
        assert_eq!(decl("display:/**/none"), d("display", "none"));
        assert_eq!(decl("dis\\70 lay: NONE !important"), d("display", "none"));
        assert_eq!(decl("\\64isplay:\\6e one"), d("display", "none"));
        assert_eq!(decl("--h: none; display: var(--h)"), d("display", "none"));
        assert_eq!(decl("display: var(--x, none)"), d("display", "none"));
        assert_eq!(decl("display: var(--x)"), d("display", UNRESOLVED));
        assert_eq!(
            decl("--a: var(--b); --b: 0; opacity: var(--a)"),
            d("opacity", "0")
        );
    }
}
