//! Pure judgements for the upload-folder check: active file extensions, what a
//! `Content-Type` claims, whether the first bytes of a body are HTML (the WHATWG MIME
//! sniffing signatures), and whether an SVG or XML document is active (script, event
//! handlers, embedded HTML, links out, re-targeting animations, foreign style sheets).
//!
//! Security note: everything here errs on the side of "active". A false refusal costs an
//! uploaded file a 403; a false pass leaves a doorway page online.

use std::sync::LazyLock;

use regex::bytes::Regex;

/// Extensions a web server serves as a page (`.phtml` is also executable: the guard's
/// `upload.exec` refuses it first).
const ACTIVE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "xhtm", "shtml", "shtm", "stm", "phtml", "mht", "mhtml", "hta",
];

/// Extensions of programs a web server runs (PHP, ASP.NET, JSP, CGI, ColdFusion): never
/// a file the CMS puts in an upload folder.
const SERVER_EXTENSIONS: &[&str] = &[
    "php", "php3", "php4", "php5", "php7", "php8", "pht", "phar", "asp", "aspx", "ashx", "asmx",
    "jsp", "jspx", "cgi", "cfm",
];

/// Extensions a web server serves as JavaScript.
const SCRIPT_EXTENSIONS: &[&str] = &["js", "mjs"];

/// Extensions of style sheets (fetched by `<link rel=stylesheet>` and `@import`).
const STYLE_EXTENSIONS: &[&str] = &["css"];

/// Extensions of documents that run script or re-render when opened as a page (SVG, XSLT).
const DOCUMENT_EXTENSIONS: &[&str] = &["svg", "svgz", "xsl", "xslt"];

/// How many decoded bytes the HTML signature check reads (the WHATWG sniffing window is
/// 1445 bytes; leading whitespace counts against it).
pub(crate) const SNIFF_WINDOW: usize = 1445;

/// The active extension in a file name, if any part after the first dot is one
/// (`a.jpg.html`, `a.html.jpg`, `a.html;v=1`, `a.html.`, `a.html%00.jpg` decoded).
pub(crate) fn active_extension(name: &str) -> Option<&'static str> {
    extension_in(name, ACTIVE_EXTENSIONS)
}

/// The server-program extension in a file name, if any part after the first dot is one
/// (`x.php`, `x.aspx;v=1`, `x.php.jpg`).
pub(crate) fn server_extension(name: &str) -> Option<&'static str> {
    extension_in(name, SERVER_EXTENSIONS)
}

/// The script extension in a file name, if any part after the first dot is one
/// (`x.js`, `x.js.jpg`, `x.mjs;v=1`).
pub(crate) fn script_extension(name: &str) -> Option<&'static str> {
    extension_in(name, SCRIPT_EXTENSIONS)
}

/// The style-sheet extension in a file name, if any part after the first dot is one.
pub(crate) fn style_extension(name: &str) -> Option<&'static str> {
    extension_in(name, STYLE_EXTENSIONS)
}

/// The SVG or XSLT extension in a file name, if any part after the first dot is one.
pub(crate) fn document_extension(name: &str) -> Option<&'static str> {
    extension_in(name, DOCUMENT_EXTENSIONS)
}

fn extension_in(name: &str, list: &[&'static str]) -> Option<&'static str> {
    name.split('.').skip(1).find_map(|part| {
        let ext = part
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        list.iter().find(|a| a.eq_ignore_ascii_case(ext)).copied()
    })
}

/// What a response's `Content-Type` claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    /// A document type browsers render as a page.
    Html,
    /// `image/svg+xml`: a page too when opened directly, if it holds script or links.
    Svg,
    /// An XML type: it becomes a page when its root is XHTML or SVG.
    Xml,
    /// A JavaScript MIME type: never a page, but a planted loader runs it from a page.
    Script,
    /// Styles and data that browsers never render as a page (with `nosniff`, which the
    /// gateway sends).
    Inert,
    /// Missing, generic or anything else: judged by its first bytes.
    Unknown,
}

/// What a response's `Content-Type` headers claim, read as browsers read them: every line,
/// comma lists, the last valid type (`sanitize::content_type::extract`). Stage 5 has
/// already made the header one line, but this reading stays right on any head: a check
/// that read only the first line would take `text/plain` then `text/html` for text while
/// the browser renders a page.
pub(crate) fn claim(headers: &http::HeaderMap) -> Claim {
    claim_of(
        crate::sanitize::content_type::extract(headers)
            .as_ref()
            .map(|m| m.essence()),
    )
}

/// What a MIME type essence (lower case, no parameters) claims; `None` when there is none.
pub(crate) fn claim_of(essence: Option<&str>) -> Claim {
    let Some(mime) = essence else {
        return Claim::Unknown;
    };
    match mime {
        "text/html"
        | "application/xhtml+xml"
        | "application/vnd.wap.xhtml+xml"
        | "message/rfc822"
        | "multipart/related"
        | "application/x-mimearchive" => Claim::Html,
        "image/svg+xml" => Claim::Svg,
        "text/xml" | "application/xml" | "text/xsl" | "application/xslt+xml" => Claim::Xml,
        "text/css" | "application/json" | "application/pdf" => Claim::Inert,
        m if is_script_type(m) => Claim::Script,
        m if m.ends_with("+xml") => Claim::Xml,
        _ => Claim::Unknown,
    }
}

/// The WHATWG "JavaScript MIME type essence match" list: every type a browser runs as a
/// classic script under `nosniff`.
fn is_script_type(mime: &str) -> bool {
    const TYPES: &[&str] = &[
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    ];
    TYPES.contains(&mime)
        || mime
            .strip_prefix("text/javascript1.")
            .is_some_and(|v| matches!(v, "0" | "1" | "2" | "3" | "4" | "5"))
}

/// The WHATWG "HTML" signatures: after optional whitespace, one of these tags (any case)
/// followed by a space or `>`.
const HTML_TAGS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<!--",
];

/// Whether a body starting with `head` sniffs as HTML.
pub(crate) fn sniffs_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' '))
        .unwrap_or(head.len());
    let rest = &head[start..];
    HTML_TAGS.iter().any(|tag| {
        rest.len() > tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && matches!(rest[tag.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/')
    })
}

/// Whether a body starting with `head` is XML (or SVG without a declaration).
pub(crate) fn looks_xml(head: &[u8]) -> bool {
    let t = String::from_utf8_lossy(&head[..head.len().min(SNIFF_WINDOW)]).to_ascii_lowercase();
    let t = t.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<?xml") || t.starts_with("<svg") || t.contains("<svg")
}

/// Elements that make an SVG or XML file a page: script, embedded HTML or frames,
/// SVG Tiny handlers, the XHTML namespace (any prefix), `xml:base` (which re-targets
/// relative links) and animations of `href` (which re-target a link after the check).
/// A plain `<a>` is not among them: clickable maps and logos are common, and its
/// `href`/`xlink:href` is judged like any URL below.
static ACTIVE_MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)<\s*(?:[a-z0-9_.-]+:)?(?:script|foreignobject|iframe|embed|object|handler|html|body|meta|base|listener)[\s/>]|\son[a-z]+\s*=|javascript\s*:|www\.w3\.org/1999/xhtml|<\?xml-stylesheet|<!entity|\sxml:base\s*=|attributename\s*=\s*["']\s*(?:[a-z]+:)?href"#,
    )
    .expect("static regex")
});

/// `href`, `xlink:href` and `src` values (quoted either way).
static URL_ATTRS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\s(?:[a-z]+:)?(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')"#)
        .expect("static regex")
});

/// URLs in style sheets: `url(…)` (quoted or not) and `@import "…"`.
static CSS_URLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))|@import\s*(?:"([^"]*)"|'([^']*)')"#,
    )
    .expect("static regex")
});

/// Why an SVG or XML document is active, if it is. `foreign` judges a URL found in an
/// attribute or a style sheet (relative ones resolve against the page; `javascript:` and
/// `data:` other than images count as foreign).
pub(crate) fn svg_active(doc: &[u8], foreign: &dyn Fn(&str) -> bool) -> Option<String> {
    if let Some(m) = ACTIVE_MARKUP.find(doc) {
        let found = String::from_utf8_lossy(m.as_bytes());
        return Some(format!("active markup {:?}", found.trim()));
    }
    let attrs = URL_ATTRS
        .captures_iter(doc)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)));
    let css = CSS_URLS
        .captures_iter(doc)
        .filter_map(|c| (1..=5).find_map(|i| c.get(i)));
    attrs.chain(css).find_map(|value| {
        let url = String::from_utf8_lossy(value.as_bytes());
        let url = url.trim();
        let inert = url.is_empty() || url.starts_with('#') || inert_data(url);
        (!inert && foreign(url)).then(|| format!("link to {url:?}"))
    })
}

/// `data:` images and fonts: drawn, never run or navigated to. Design tools embed
/// bitmaps (`<image href="data:image/png…">`) and fonts (`@font-face{src:url(data:font/
/// woff2…)}`) this way.
fn inert_data(url: &str) -> bool {
    let u = url.to_ascii_lowercase();
    let Some(mime) = u.strip_prefix("data:").map(str::trim_start) else {
        return false;
    };
    [
        "image/",
        "font/",
        "application/font-",
        "application/x-font-",
    ]
    .iter()
    .any(|p| mime.starts_with(p))
        || mime.starts_with("application/vnd.ms-fontobject")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_extensions_hide_in_every_spelling() {
        for name in [
            "tai-xiu.html",
            "A.HTM",
            "x.jpg.html",
            "x.html.jpg",
            "x.html;jsessionid=1",
            "x.html.",
            "x.html \0.jpg",
            "x.xhtml",
            "x.shtml",
            "x.phtml",
        ] {
            assert!(active_extension(name).is_some(), "{name}");
        }
        for name in [
            "anh.jpg",
            "bao-cao.pdf",
            "icon.svg",
            "html",
            "htmlguide.pdf",
        ] {
            assert_eq!(active_extension(name), None, "{name}");
        }
    }

    #[test]
    fn claims_are_read_from_the_mime_type() {
        let of = |lines: &[&str]| {
            let mut h = http::HeaderMap::new();
            for l in lines {
                h.append(http::header::CONTENT_TYPE, l.parse().unwrap());
            }
            claim(&h)
        };
        assert_eq!(of(&["Text/HTML; charset=utf-8"]), Claim::Html);
        assert_eq!(of(&["image/svg+xml"]), Claim::Svg);
        assert_eq!(of(&["application/rss+xml"]), Claim::Xml);
        assert_eq!(of(&["text/css"]), Claim::Inert);
        assert_eq!(of(&["text/javascript; charset=utf-8"]), Claim::Script);
        assert_eq!(of(&["Application/X-JavaScript"]), Claim::Script);
        assert_eq!(of(&["text/javascript1.5"]), Claim::Script);
        assert_eq!(of(&["image/jpeg"]), Claim::Unknown);
        assert_eq!(of(&[]), Claim::Unknown);
    }

    #[test]
    fn claims_read_every_line_as_browsers_do() {
        let of = |lines: &[&str]| {
            let mut h = http::HeaderMap::new();
            for l in lines {
                h.append(http::header::CONTENT_TYPE, l.parse().unwrap());
            }
            claim(&h)
        };
        // The last valid type wins, across lines and inside a comma list.
        assert_eq!(of(&["text/plain", "text/html"]), Claim::Html);
        assert_eq!(of(&["image/png, text/html"]), Claim::Html);
        assert_eq!(of(&["text/css", "image/svg+xml"]), Claim::Svg);
        assert_eq!(of(&["image/png", "text/javascript"]), Claim::Script);
        // Invalid values and `*/*` are skipped, not taken as the type.
        assert_eq!(of(&["text/html", "*/*"]), Claim::Html);
        assert_eq!(of(&["text/html", "nonsense"]), Claim::Html);
        assert_eq!(of(&["text/css, bogus"]), Claim::Inert);
    }

    #[test]
    fn html_signatures_are_sniffed_and_binary_is_not() {
        assert!(sniffs_html(b"\xef\xbb\xbf \r\n<!DOCTYPE html><p>x"));
        assert!(sniffs_html(b"<HTML>"));
        assert!(sniffs_html(b"<a href=x>"));
        assert!(sniffs_html(b"<!-- x -->"));
        assert!(!sniffs_html(b"\xff\xd8\xff\xe0JFIF"));
        assert!(!sniffs_html(b"%PDF-1.7"));
        assert!(!sniffs_html(b"<abbr>"));
        assert!(!sniffs_html(b"<html"), "a signature needs its terminator");
    }

    #[test]
    fn svg_with_script_links_or_html_is_active() {
        let foreign = |u: &str| u.contains("bet.test");
        for doc in [
            r#"<svg><script>location='//bet.test'</script></svg>"#,
            r#"<svg xmlns:s="http://www.w3.org/2000/svg"><s:script/></svg>"#,
            r#"<svg><a href="//bet.test/"><text>x</text></a></svg>"#,
            r#"<svg><a xlink:href="https&#58;//bet.test/"><text>x</text></a></svg>"#,
            r#"<svg><a href="/x"><set attributeName="href" to="//bet.test/"/></a></svg>"#,
            r#"<svg><a xml:base="https://bet.test/" href="x"><text>x</text></a></svg>"#,
            r#"<svg><style>@import "https://bet.test/a.css";</style></svg>"#,
            r#"<svg><style>g{fill:url( 'https://bet.test/p.svg#g' )}</style></svg>"#,
            r#"<svg><foreignObject><p>x</p></foreignObject></svg>"#,
            r#"<svg onload="x()"></svg>"#,
            r#"<svg><image xlink:href="https://bet.test/a.png"/></svg>"#,
            r#"<svg><animate attributeName="href" to="javascript:x()"/></svg>"#,
        ] {
            assert!(svg_active(doc.as_bytes(), &foreign).is_some(), "{doc}");
        }
    }

    #[test]
    fn plain_svg_icons_are_inert() {
        let foreign = |u: &str| u.contains("bet.test");
        let icon = r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"
            xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24">
            <defs><path id="p" d="M0 0h24v24H0z"/></defs><use xlink:href="#p"/>
            <image href="data:image/png;base64,AAAA"/><g fill="red"><path d="M1 1"/></g></svg>"##;
        assert_eq!(svg_active(icon.as_bytes(), &foreign), None);
    }

    #[test]
    fn clickable_svg_maps_and_logos_are_inert() {
        let foreign = |u: &str| u.contains("bet.test") || u.starts_with("javascript");
        let map = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <style>.xa:hover{fill:#c00} path{stroke:url(#g)}</style>
            <a href="/huyen/ba-vi.html"><path d="M0 0h9"/></a>
            <a xlink:href="https://chinhphu.vn/" target="_blank"><text>Chinh phu</text></a>
            <A HREF='/'><use href="#logo"/></A></svg>"##;
        assert_eq!(svg_active(map.as_bytes(), &foreign), None);
    }
}
