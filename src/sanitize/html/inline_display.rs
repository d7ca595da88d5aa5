//! Stage 6 (planted spam, threat A5): block elements that layout draws inline, for the
//! text readers of the spam-block judge (`rendered`, `spam_block`).
//!
//! A slogan cut into short pieces, each in its own `<div>`, `<li>` or `<td>`, reads as one
//! phrase when the page makes those blocks inline (`display:inline`, `inline-block`,
//! `inline-flex`, `inline-grid`, `inline-table`, the two-keyword `inline flow-root`) or
//! drops their boxes (`display:contents`): "ca|si|no ho|àng gi|a v|ip" is "casino hoàng gia
//! vip" to a visitor, and harmless piece by piece. Such an element is no block boundary:
//! its text joins its parent's run, and it is not held as a block of its own. Its own
//! `style=` decides (the last `display` wins, an `!important` one over later plain ones);
//! without one, a rule of the page's `<style>` sheets does (`css_rules`).
//!
//! Security note: reading a block as inline only joins text that a visitor may see joined;
//! a genuine menu or table read joined gains no betting term ("Trang chủGiới thiệu"), and
//! the pieces' units are still judged one by one inside the run (`spots`). A `display`
//! whose value is not known here (`var()` left unresolved) keeps the element a block, as
//! before.

use super::{css_decls, entities, rawtag};

/// What a declaration list says about `display`: `Some(true)` inline (or `contents`),
/// `Some(false)` another display, `None` no `display` at all.
pub(crate) fn declares(css: &str) -> Option<bool> {
    // Escapes and comments can spell the property (`dis\70 lay`, `dis/**/play`).
    let plain = css.to_ascii_lowercase();
    if !plain.contains("display") && !plain.contains('\\') && !plain.contains("/*") {
        return None;
    }
    let values = css_decls::declarations(css);
    let important = importance(css);
    let displays = values
        .iter()
        .zip(important.iter().chain(std::iter::repeat(&false)))
        .filter(|((p, _), _)| p == "display");
    let mut plain = None;
    let mut strong = None;
    for ((_, v), imp) in displays {
        let slot = if *imp { &mut strong } else { &mut plain };
        *slot = Some(v.as_str());
    }
    strong.or(plain).map(inline_value)
}

/// Whether each non-custom declaration of `css`, in order, is `!important` (the order of
/// `css_decls::declarations`).
fn importance(css: &str) -> Vec<bool> {
    css_decls::normalize(css)
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .filter(|(p, _)| !p.trim().starts_with("--"))
        .map(|(_, v)| {
            v.split_once('!')
                .is_some_and(|(_, f)| f.trim().starts_with("important"))
        })
        .collect()
}

/// A `display` value that draws the element inline or drops its box.
fn inline_value(v: &str) -> bool {
    if v.contains(css_decls::UNRESOLVED) {
        return false;
    }
    v.split_ascii_whitespace().any(|w| {
        w == "inline"
            || w == "contents"
            || w.starts_with("inline-")
            || w.contains("-inline-")
            || w.ends_with("-inline")
    })
}

/// What an element's own `style` attribute (raw, entities undecoded) says, for an element
/// passing the rewriter.
pub(crate) fn of_style(style: &str) -> Option<bool> {
    declares(&entities::decode(style))
}

/// Whether a raw start tag (`<div style=…>`) makes its own element inline, for the reader
/// of held output. `name` is the tag name, lower case.
pub(crate) fn own(tag: &[u8], name: &str, encoding: &'static encoding_rs::Encoding) -> bool {
    let attrs = &tag[1 + name.len().min(tag.len() - 1)..];
    rawtag::Attrs(attrs)
        .map_while(|a| a)
        .filter(|(n, _)| n.eq_ignore_ascii_case(b"style"))
        .last()
        .is_some_and(|(_, v)| {
            let v = encoding.decode_without_bom_handling(v).0;
            of_style(&v) == Some(true)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_display_as_the_browser_does() {
        for inline in [
            "display:inline",
            "DISPLAY : Inline-Block",
            "display:inline-flex;color:red",
            "display:inline-grid",
            "display: inline flow-root",
            "display:contents",
            "display:block;display:inline",
            "display:inline!important;display:block",
            "display:inline ! important ; display:block",
            "--d:inline;display:var(--d)",
            "display:-webkit-inline-box",
            "dis\\70 lay:inline",
            "display:/**/inline",
        ] {
            assert_eq!(declares(inline), Some(true), "{inline}");
        }
        for block in [
            "display:block",
            "display:inline;display:block",
            "display:block!important;display:inline",
            "display:flex",
            "display:var(--x)",
            "display:table-cell",
        ] {
            assert_eq!(declares(block), Some(false), "{block}");
        }
        assert_eq!(declares("color:red"), None);
        assert_eq!(declares(""), None);
    }

    #[test]
    fn own_style_of_a_raw_tag() {
        let utf8 = encoding_rs::UTF_8;
        assert!(own(b"<li style=display:inline>", "li", utf8));
        assert!(own(
            b"<div class=x style=\"display&#58;contents\">",
            "div",
            utf8
        ));
        assert!(own(b"<td STYLE='Display: Inline-Block'>", "td", utf8));
        assert!(!own(b"<div style=\"display:block\">", "div", utf8));
        assert!(!own(b"<div class=inline>", "div", utf8));
        assert!(!own(b"<div>", "div", utf8));
    }
}
