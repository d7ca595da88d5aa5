//! Stage 6 (planted spam): elements whose own start tag hides them beyond doubt, for the
//! reader of held output as a visitor reads it (`rendered`): such an element is drawn as
//! nothing, no text and no word break, so junk letters hidden between the letters of a
//! slogan (`N<span hidden>q</span>hà cái`) do not garble what the block judge reads.
//!
//! Security note: only what the tag itself says counts (`hidden`, a resolved `style=`).
//! A style whose value is not known here (`var()`) is read as shown: reading it as hidden
//! would let the pieces of one visible slogan escape both the block judge (which would not
//! read them) and the hidden-block rules (which judge each piece alone).

use super::held_text::tag_end;
use super::rendered::name_at;
use super::{css_decls, entities, hiding, rawtag};

/// Whether a start tag hides its own element from a visitor beyond doubt: the `hidden`
/// attribute (not `until-found`, which a search reveals), or a `style=` that hides it with
/// no value left unresolved. The hidden-block rules judge such an element's text on their
/// own (`hidden`); here it is not part of the text around it. A doubtful style (`var()`)
/// is read as shown: reading it as hidden would let pieces of one visible slogan escape
/// both judges.
pub(super) fn hides_itself(
    tag: &[u8],
    name: &str,
    encoding: &'static encoding_rs::Encoding,
) -> bool {
    let attrs = &tag[1 + name.len().min(tag.len() - 1)..];
    // Every start tag of every held block passes here: only `hidden` and `style` are
    // decoded, and a tag with neither costs one scan of its attributes.
    rawtag::Attrs(attrs).map_while(|a| a).any(|(n, value)| {
        if n.eq_ignore_ascii_case(b"hidden") {
            let value = encoding.decode_without_bom_handling(value).0;
            return !value.trim().eq_ignore_ascii_case("until-found");
        }
        if !n.eq_ignore_ascii_case(b"style") {
            return false;
        }
        let value = encoding.decode_without_bom_handling(value).0;
        let decls = entities::decode(&value);
        let resolved = css_decls::declarations(&decls)
            .iter()
            .all(|(_, v)| !v.contains(css_decls::UNRESOLVED));
        resolved && hiding::style_hides(&decls)
    })
}

/// Skips an element's content from `from` (after its start tag) to the end of its end
/// tag, counting nested elements of the same name; to the end of the run if it does not
/// close in it.
pub(super) fn skip_nested(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut depth = 1;
    let mut i = from;
    while let Some(p) = memchr::memchr(b'<', bytes.get(i..).unwrap_or_default()) {
        let at = i + p;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| at + 4 + e + 3);
            continue;
        }
        let to = tag_end(rest).map_or(bytes.len(), |e| at + e);
        let (closing, n) = match rest.get(1) {
            Some(b'/') => (true, name_at(&rest[2..])),
            _ => (false, name_at(&rest[1..])),
        };
        let self_closing = bytes.get(..to).is_some_and(|t| t.ends_with(b"/>"));
        if n == name && closing {
            depth -= 1;
            if depth == 0 {
                return to;
            }
        } else if n == name && !self_closing {
            depth += 1;
        }
        i = to.max(at + 1);
    }
    bytes.len()
}
