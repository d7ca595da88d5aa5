//! Stage 6 (planted spam, threat A1): what an inline script does to the elements it finds
//! that hides them only together with a stylesheet rule: a class it adds
//! (`classList.add('x')`, `className='x'`, `setAttribute('class',…)`, jQuery `addClass`)
//! or an attribute it sets (`setAttribute('data-state','off')`, `dataset.state='off'`,
//! `toggleAttribute('data-off')`, jQuery `.attr(…)`), and the stylesheets it builds
//! (`new CSSStyleSheet()` + `replaceSync(…)`, `insertRule(…)`, a `<style>` it creates).
//!
//! Security notes: read on the script's text, not run. A change is matched with the page's
//! rules when the script ends and again when a later `<style>` (or built sheet) adds rules
//! (see `css_rules`), so the order of sheet and script does not matter. Only literal
//! arguments are read; a class built at run time passes (`'x'+i`). Over-reading a change
//! costs a judged hold, never a benign page: only spam or foreign links are removed.

/// A change a script makes to an element, which a rule may hide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    Class(String),
    /// An attribute (lower-case name) and its value.
    Attr(String, String),
}

/// The calls whose string arguments are classes that are added.
const CLASS_CALLS: &[&str] = &[
    "classlist.add(",
    "classlist.toggle(",
    "classlist.replace(",
    "addclass(",
    "toggleclass(",
    "classname=",
    "classname+=",
    "classlist.value=",
    "setattribute('class',",
    "setattribute(\"class\",",
    "attr('class',",
    "attr(\"class\",",
];

/// Attribute names that are not read as an attribute change (they have their own rules).
const NOT_ATTRS: &[&str] = &["class", "style", "id", "src", "href"];

/// The changes in `raw` (one finder call's window, squeezed: see [`squeeze`]).
pub(crate) fn changes(raw: &str) -> Vec<Change> {
    let code = raw.to_ascii_lowercase();
    let mut out = Vec::new();
    for call in CLASS_CALLS {
        for (i, _) in code.match_indices(call) {
            for lit in literals(&raw[i + call.len()..]) {
                for c in lit.split_ascii_whitespace() {
                    out.push(Change::Class(c.to_string()));
                }
            }
        }
    }
    for call in ["setattribute(", ".attr(", "toggleattribute("] {
        for (i, _) in code.match_indices(call) {
            let lits = literals(&raw[i + call.len()..]);
            let Some(name) = lits.first().map(|n| n.trim().to_ascii_lowercase()) else {
                continue;
            };
            if !name.is_empty() && !NOT_ATTRS.contains(&name.as_str()) {
                let value = lits.get(1).cloned().unwrap_or_default();
                out.push(Change::Attr(name, value));
            }
        }
    }
    for (i, _) in code.match_indices(".dataset.") {
        let rest = &raw[i + 9..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = &rest[name.len()..];
        if let Some(v) = after.strip_prefix('=').and_then(literals_one) {
            out.push(Change::Attr(data_attr(&name), v));
        }
    }
    out.truncate(16);
    out
}

/// `dataset.fooBar` is `data-foo-bar`.
fn data_attr(name: &str) -> String {
    let mut s = String::from("data-");
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            s.push('-');
        }
        s.push(c.to_ascii_lowercase());
    }
    s
}

/// The string literals of an argument list, up to its `)` (at most four).
fn literals(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while out.len() < 4 {
        rest = rest.trim_start_matches([',', ' ']);
        match literals_one(rest) {
            Some(v) => {
                rest = &rest[v.len() + 2..];
                out.push(v);
            }
            None => break,
        }
    }
    out
}

/// One string literal at the start of `s`.
fn literals_one(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let body = &s[1..];
    let end = body.find(q)?;
    let v = &body[..end];
    (!v.contains("${")).then(|| v.to_string())
}

/// `s` without the whitespace outside string literals (inside them it is kept: a class
/// list is split on it).
pub(crate) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            None if matches!(c, '\'' | '"' | '`') => quote = Some(c),
            None if c.is_whitespace() => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Whether the script builds a stylesheet (constructed, inserted, or a `<style>` it makes).
const SHEET_CALLS: &[&str] = &[
    "cssstylesheet",
    "replacesync(",
    "adoptedstylesheets",
    "insertrule(",
    "addrule(",
    "createelement('style')",
    "createelement(\"style\")",
    "<style",
];

/// The CSS text of the sheets a script builds: its string literals that hold a rule, when
/// the script builds a sheet. At most `limit` bytes in all.
pub(crate) fn built_sheets(js: &str, limit: usize) -> Option<String> {
    let code = js.to_ascii_lowercase();
    if !SHEET_CALLS.iter().any(|c| code.contains(c)) {
        return None;
    }
    let mut css = String::new();
    let mut rest = js;
    while let Some(i) = rest.find(['\'', '"', '`']) {
        rest = &rest[i..];
        let Some(lit) = literals_one(rest) else {
            rest = &rest[1..];
            continue;
        };
        rest = &rest[lit.len() + 2..];
        if lit.contains('{') && lit.contains('}') && css.len() + lit.len() < limit {
            let lit = lit.replace("<style>", " ").replace("</style>", " ");
            css.push_str(&lit.replace("\\n", " "));
            css.push('\n');
        }
    }
    (!css.is_empty()).then_some(css)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_and_attribute_changes() {
        let c = |js: &str| changes(&squeeze(js));
        assert_eq!(
            c("e.classList.add('a', \"b c\")"),
            [
                Change::Class("a".into()),
                Change::Class("b".into()),
                Change::Class("c".into())
            ]
        );
        assert_eq!(c("e.className = 'Off'"), [Change::Class("Off".into())]);
        assert_eq!(
            c("e.setAttribute('data-state', 'off')"),
            [Change::Attr("data-state".into(), "off".into())]
        );
        assert_eq!(
            c("e.dataset.seoState = 'off'"),
            [Change::Attr("data-seo-state".into(), "off".into())]
        );
        assert_eq!(
            c("e.toggleAttribute('data-off')"),
            [Change::Attr("data-off".into(), String::new())]
        );
        assert!(c("e.setAttribute('style', 'color:red')").is_empty());
    }

    #[test]
    fn sheets_built_by_scripts() {
        let js = "const s = new CSSStyleSheet(); s.replaceSync('#k { display: none }'); document.adoptedStyleSheets = [s];";
        assert_eq!(
            built_sheets(js, 4096).as_deref(),
            Some("#k { display: none }\n")
        );
        assert!(built_sheets("var t = '{a}'; f(t)", 4096).is_none());
    }
}
