//! Stage 6 (XML documents served as `text/xml`, `application/xml`, `+xml`): the constructs
//! that Chromium's XML parser honours and lol_html's HTML tokenizer reads differently. The
//! document is still rewritten as HTML (so every element rule applies); this module closes
//! the gaps between the two readings, and fails closed where it cannot model one.
//!
//! - Processing instructions (lol_html shows `<?…>` as a comment): an `xml-stylesheet`
//!   whose `href` is foreign, not a plain URL, or XSLT loaded from anywhere but the site
//!   (XSLT rewrites the whole document) is removed (`xml.stylesheet`).
//! - A DOCTYPE with an internal subset (`[<!ENTITY x "<script>…">]`): entity expansion
//!   injects markup that the HTML reading never sees. It cannot be modelled in a stream, so
//!   the document is refused from there (`xml.unsafe`, fail closed); so is `<plaintext>`,
//!   after which lol_html reads only text while XML reads on.
//! - In XML, `script`, `style` and `title` hold markup, entities and CDATA. A script or style
//!   whose text holds markup (`<iframe>` in a `<script>` still loads) is removed
//!   (`xml.unsafe`); one with an unterminated CDATA section or comment (`<![CDATA[
//!   "</script>"; location=… ]]>` ends the HTML reading early, and the rest of the script
//!   would pass as text) refuses the document from there; otherwise it is judged as XML
//!   reads it (CDATA unwrapped, references decoded).
//! - Namespace prefixes: an element whose prefix is bound (anywhere in the document: a
//!   scope is not tracked, which over-approximates) to XHTML or SVG is judged by its local
//!   name (`<h:a>` as `<a>`); one that lol_html cannot judge (`<h:script>`, `<svg:style>`,
//!   raw-text kinds) is removed (`xml.prefixed`). A prefixed `href`/`src` (`q:href` bound
//!   to XLink) and a foreign `xml:base` are judged like any URL.
//!
//! Security note: RSS, Atom and sitemaps have none of these (their `atom:link` is in the
//! Atom namespace, a same-site `xml-stylesheet` stays), so they come through byte for byte.

use lol_html::html_content::{Comment, Doctype};
use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;

use super::state::{State, Which};
use super::url_attrs::verdict;

const XHTML: &str = "http://www.w3.org/1999/xhtml";
const SVG: &str = "http://www.w3.org/2000/svg";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// What an XML document has taught so far.
#[derive(Debug, Default)]
pub(crate) struct Xml {
    /// Prefixes bound to XHTML, SVG or MathML somewhere in the document.
    active: Vec<String>,
    /// Prefixes bound to XSLT (see [`super::xslt`]).
    xslt: Vec<String>,
}

/// The element kinds whose content lol_html reads as text: a prefixed one escapes every
/// rule that needs that text.
const TEXT_KINDS: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "iframe",
    "plaintext",
];

/// How the element rules should see an element of an XML document.
pub(crate) enum Tag {
    /// As written (no prefix, or a prefix of another vocabulary).
    Same,
    /// By its local name.
    Local(String),
    /// Removed here.
    Removed,
}

/// Learns the element's namespace declarations and says how to judge it.
pub(crate) fn element(st: &mut State, el: &mut Element<'_, '_>, tag: &str) -> Tag {
    let Some(xml) = st.xml.as_mut() else {
        return Tag::Same;
    };
    for a in el.attributes() {
        let name = a.name();
        if let Some(prefix) = name.strip_prefix("xmlns:") {
            let ns = a.value();
            if [XHTML, SVG, MATHML].contains(&ns.trim()) && !xml.active.iter().any(|p| p == prefix)
            {
                xml.active.push(prefix.to_string());
            }
            if ns.trim() == super::xslt::NS && !xml.xslt.iter().any(|p| p == prefix) {
                xml.xslt.push(prefix.to_string());
            }
        }
    }
    let Some((prefix, local)) = tag.split_once(':') else {
        return Tag::Same;
    };
    if xml.xslt.iter().any(|p| p == prefix) {
        return match super::xslt::element(st, el, local) {
            true => Tag::Removed,
            false => Tag::Same,
        };
    }
    if !xml.active.iter().any(|p| p == prefix) {
        return Tag::Same;
    }
    if !TEXT_KINDS.contains(&local) {
        return Tag::Local(local.to_string());
    }
    let detail = Some(format!("<{tag}>: a namespaced {local} element"));
    if st.found_detail("xml.prefixed", Action::Removed, None, detail) {
        el.remove();
    }
    Tag::Removed
}

/// Prefixed URL attributes (`q:href` with `q` bound to XLink, `x:src`) and `xml:base`.
pub(crate) fn attributes(st: &mut State, el: &mut Element<'_, '_>) {
    let Some(xml) = st.xml.as_ref() else {
        return;
    };
    if !xml.xslt.is_empty() {
        super::xslt::templates(st, el);
    }
    let names: Vec<(String, String)> = el
        .attributes()
        .iter()
        .map(|a| (a.name(), a.value()))
        .filter(|(n, _)| is_prefixed_url(n))
        .collect();
    for (name, value) in names {
        let Some((target, _)) = verdict(st, &value, Which::Hosts, Carrier::Active) else {
            continue;
        };
        let rule = if name == "xml:base" {
            "base.foreign"
        } else {
            "link.foreign"
        };
        if st.found(rule, Action::Removed, Some(target)) {
            el.remove_attribute(&name);
        }
    }
}

fn is_prefixed_url(name: &str) -> bool {
    name == "xml:base"
        || name.split_once(':').is_some_and(|(p, local)| {
            p != "xlink" && p != "xmlns" && matches!(local, "href" | "src" | "action" | "data")
        })
}

/// A processing instruction (a comment to lol_html, its text starting with `?`).
pub(crate) fn comment(st: &mut State, c: &mut Comment<'_>) {
    let text = c.text();
    let Some(pi) = text.strip_prefix('?') else {
        return;
    };
    let target: String = pi
        .chars()
        .take_while(|ch| !ch.is_whitespace() && *ch != '?')
        .collect();
    if !target.eq_ignore_ascii_case("xml-stylesheet") {
        return;
    }
    let (href, xsl) = stylesheet(pi);
    let foreign = match href.as_deref() {
        None => Some("xml-stylesheet without a plain href".to_string()),
        Some(h) => verdict(st, h, Which::Hosts, Carrier::Active)
            .map(|(t, _)| t)
            .or_else(|| (xsl && h.trim_start().starts_with("data:")).then(|| "data:".into())),
    };
    // lol_html ends `<?…>` at the first `>`: a PI whose text does not end with `?` went on
    // past it in XML, and what this reading took for its href may not be the browser's.
    let cut_short = !pi.trim_end().ends_with('?');
    let why = foreign.or_else(|| cut_short.then(|| "xml-stylesheet cut short".to_string()));
    if let Some(target) = why
        && st.found("xml.stylesheet", Action::Removed, Some(target))
    {
        c.remove();
    }
}

/// The `href` pseudo-attribute of an `xml-stylesheet` PI (entities decoded), and whether
/// its `type` is XSLT.
fn stylesheet(pi: &str) -> (Option<String>, bool) {
    let mut href = None;
    let mut xsl = false;
    let mut rest = pi;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].rsplit(char::is_whitespace).next().unwrap_or("");
        let value = rest[eq + 1..].trim_start();
        let Some(q) = value.chars().next().filter(|q| *q == '"' || *q == '\'') else {
            return (None, xsl);
        };
        let body = &value[1..];
        let end = body.find(q).unwrap_or(body.len());
        let v = super::entities::decode(&body[..end]).into_owned();
        match name {
            "href" => href = Some(v),
            "type" => xsl = v.to_ascii_lowercase().contains("xsl"),
            _ => {}
        }
        rest = body.get(end + 1..).unwrap_or("");
    }
    (href, xsl)
}

/// A DOCTYPE: one with an internal subset (or a quoted id that the HTML reading cut at a
/// `>`) cannot be modelled and stops the document.
pub(crate) fn doctype(st: &mut State, d: &Doctype<'_>) -> Result<(), String> {
    let range = d.source_location().bytes();
    let raw = range
        .start
        .checked_sub(st.input_start)
        .and_then(|from| st.input.get(from..range.end - st.input_start));
    let unsafe_dtd = match raw {
        Some(raw) => raw.contains(&b'[') || unbalanced_quotes(raw),
        None => true,
    };
    if unsafe_dtd {
        refuse(
            st,
            "a DOCTYPE with an internal subset (entity declarations)",
        )?;
    }
    Ok(())
}

fn unbalanced_quotes(raw: &[u8]) -> bool {
    let mut open = None;
    for &b in raw {
        match (open, b) {
            (None, b'"' | b'\'') => open = Some(b),
            (Some(q), c) if c == q => open = None,
            _ => {}
        }
    }
    open.is_some()
}

/// Reports an XML construct that cannot be modelled and stops the rewriter: the body stage
/// fails closed from here (nothing after it reaches the client).
pub(crate) fn refuse(st: &mut State, why: &str) -> Result<(), String> {
    let detail = Some(why.to_string());
    if st.found_detail("xml.unsafe", Action::Blocked, None, detail) {
        st.refused = true;
        return Err(format!("XML document refused: {why}"));
    }
    Ok(())
}

/// How XML reads the text of a `script` or `style`.
pub(crate) enum Text {
    /// Markup inside: the element must go.
    Unsafe(&'static str),
    /// A CDATA section or comment left open: the HTML reading ended the element early and
    /// reads the rest of it as the page, so the document cannot be followed from here.
    Refuse(&'static str),
    /// The text XML hands to the engine (CDATA unwrapped, comments dropped, references
    /// decoded), when it differs from the raw text.
    Decoded(String),
    Plain,
}

/// Reads a captured `script`/`style` text the way an XML parser does.
pub(crate) fn text(raw: &str) -> Text {
    if !raw.contains(['<', '&']) {
        return Text::Plain;
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        out.push_str(&super::entities::decode(&rest[..i]));
        let tail = &rest[i..];
        let (open, close) = if tail.starts_with("<![CDATA[") {
            ("<![CDATA[", "]]>")
        } else if tail.starts_with("<!--") {
            ("<!--", "-->")
        } else {
            return Text::Unsafe("markup inside a script or style");
        };
        let Some(end) = tail[open.len()..].find(close) else {
            return Text::Refuse("a CDATA section or comment left open in a script or style");
        };
        if open == "<![CDATA[" {
            out.push_str(&tail[open.len()..open.len() + end]);
        }
        rest = &tail[open.len() + end + close.len()..];
    }
    out.push_str(&super::entities::decode(rest));
    Text::Decoded(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_reading_of_script_text() {
        assert!(matches!(text("var a = 1;"), Text::Plain));
        match text("//<![CDATA[\nif (a < b) x();\n//]]>") {
            Text::Decoded(t) => assert_eq!(t, "//\nif (a < b) x();\n//"),
            _ => panic!("decoded"),
        }
        match text("&#x6c;ocation.href=&quot;https://bet.test/&quot;") {
            Text::Decoded(t) => assert_eq!(t, "location.href=\"https://bet.test/\""),
            _ => panic!("decoded"),
        }
        assert!(matches!(text("<![CDATA[ var s=\""), Text::Refuse(_)));
        assert!(matches!(text("x<iframe src=//bet.test/>"), Text::Unsafe(_)));
    }

    #[test]
    fn stylesheet_pseudo_attributes() {
        assert_eq!(
            stylesheet("xml-stylesheet type=\"text/xsl\" href='https://bet.test/t.xsl'?"),
            (Some("https://bet.test/t.xsl".into()), true)
        );
        assert_eq!(
            stylesheet("xml-stylesheet href=\"/sitemap.css\" type=\"text/css\"?"),
            (Some("/sitemap.css".into()), false)
        );
        assert_eq!(stylesheet("xml-stylesheet href=/x.xsl?").0, None);
    }
}
