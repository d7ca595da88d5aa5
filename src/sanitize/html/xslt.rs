//! Stage 6 (XSLT stylesheets: `text/xsl`, `application/xslt+xml`, any XML document that
//! binds the XSLT namespace): a browser that renders an XML document with an
//! `<?xml-stylesheet type="text/xsl"?>` runs the stylesheet, and its literal result
//! elements (`<a href>`, `<meta http-equiv=refresh>`, `<script>`) become the page. Those
//! are judged by every element rule as they stand; this module closes what only XSLT does:
//!
//! - attribute value templates (`<a href="{concat('https://bet','.test/')}">`): a URL
//!   attribute holding `{…}` is judged with each template replaced by its string literals
//!   (a plain path such as `{sitemap:loc}` reads the document's own data and adds
//!   nothing); a template that calls any function but `concat` cannot be followed and the
//!   attribute goes (fail closed) (`xslt.template`);
//! - `<xsl:element>` creating an element the rules judge by its name (`script`, `iframe`,
//!   `meta`, `a`, …) or a computed name: removed with its content (`xslt.element`).
//!
//! A foreign stylesheet (`xml-stylesheet`, `xsl:import`/`xsl:include href`) is judged in
//! `xml` and by the URL rules. Security note: a genuine sitemap stylesheet uses literal
//! elements and `{sitemap:loc}` paths, and passes byte for byte.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;

use super::state::{State, Which};
use super::url_attrs::verdict;

/// The XSLT namespace.
pub(crate) const NS: &str = "http://www.w3.org/1999/XSL/Transform";

/// Elements that load, navigate or run: `xsl:element` may not create them.
const ACTIVE: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "meta", "base", "link",
    "form", "a", "area", "svg", "math", "style", "noscript", "portal",
];

/// An element in the XSLT namespace (`local` is its local name); returns whether it was
/// removed.
pub(crate) fn element(st: &mut State, el: &mut Element<'_, '_>, local: &str) -> bool {
    if local != "element" {
        return false;
    }
    let name = super::entities::attr(el, "name").unwrap_or_default();
    let created = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
    if !name.contains('{') && !ACTIVE.contains(&created.trim()) {
        return false;
    }
    let detail = Some(format!("<xsl:element name=\"{name}\">"));
    if st.found_detail("xslt.element", Action::Removed, None, detail) {
        el.remove();
    }
    true
}

/// URL attributes holding attribute value templates.
pub(crate) fn templates(st: &mut State, el: &mut Element<'_, '_>) {
    let names: Vec<(String, String)> = el
        .attributes()
        .iter()
        .map(|a| (a.name(), a.value()))
        .filter(|(n, v)| v.contains('{') && super::rawtag::URL_ATTRS.contains(&n.as_str()))
        .collect();
    for (name, raw) in names {
        let value = super::entities::decode(&raw);
        let target = match fold(&value) {
            Some(url) => verdict(st, &url, Which::Hosts, Carrier::Active).map(|(t, _)| t),
            None => Some(crate::sanitize::policy::short(&value)),
        };
        if let Some(t) = target
            && st.found("xslt.template", Action::Removed, Some(t))
        {
            el.remove_attribute(&name);
        }
    }
}

/// The value with each `{…}` replaced by its string literals; `None` when a template
/// calls a function other than `concat` (or is left open).
pub(crate) fn fold(value: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return None;
        }
        let end = template_end(tail)?;
        out.push_str(&literals(&tail[1..end])?);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The index of the `}` that closes the template at the start of `s` (quotes skipped).
fn template_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '}') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The string literals of an expression, joined; `None` when it calls a function other
/// than `concat`.
fn literals(expr: &str) -> Option<String> {
    let mut out = String::new();
    let mut quote = None;
    let mut word = String::new();
    for c in expr.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => out.push(c),
            (None, '(') if word.trim() != "concat" => return None,
            (None, c) if c.is_alphanumeric() || c == '-' || c == '_' => word.push(c),
            (None, _) => word.clear(),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn templates_fold_to_their_literals() {
        assert_eq!(fold("{sitemap:loc}").as_deref(), Some(""));
        assert_eq!(
            fold("{concat('https://bet', \".test/\")}x").as_deref(),
            Some("https://bet.test/x")
        );
        assert_eq!(
            fold("https:{'//bet.test/'}").as_deref(),
            Some("https://bet.test/")
        );
        assert_eq!(fold("a{{b}}").as_deref(), Some("a{b}"));
        assert_eq!(fold("{translate('x','x','y')}"), None);
        assert_eq!(fold("{'x'"), None);
        assert_eq!(fold("/tin?id={@id}").as_deref(), Some("/tin?id="));
    }
}
