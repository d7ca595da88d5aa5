//! Stage 6 (planted spam, threat A5; issue 14, text carriers): text that a picture draws.
//!
//! - Inline SVG and MathML (`<svg>`, `<math>`): each is held as a block of its own by the
//!   block classifier (`spam_block`), whatever its `display`, and judged whole when it
//!   closes, on its drawn text (`<text>`, `<tspan>`, `<textPath>`, CDATA sections, MathML
//!   tokens, `<foreignObject>` HTML, as `rendered` reads them; `<title>` and `<desc>` have
//!   rules of their own). A banner is a few words in a box: it is judged like hidden text
//!   or a caption, not like a paragraph of news, so one slogan in it is enough
//!   ([`spam_words`]). Spam takes the whole drawing (`spam.block`).
//! - A `data:` URL of an SVG image on a media carrier (`<img src>`, `srcset`, `poster`,
//!   SVG `<image href>`, `<input type=image>`, CSS `url()`): its text is read
//!   (`svg_data`) and judged the same way; spam makes the URL count as foreign
//!   ([`image`]), so its carrier's rule removes it (`media.foreign`, `css.foreign`, …).
//!   On link, frame and object carriers a `data:` URL is foreign already.
//!
//! Security notes: the editorial guard applies (a chart of "Kết quả xổ số kiến thiết"
//! stays, as do icons and logos, which have no betting words). Bounded: a drawing is
//! held within the block bound, and an image's text is capped (`svg_data`).

use crate::sanitize::lexicon::Lexicon;
use crate::sanitize::svg_data;

use super::entities;
use super::spam_block::is_unit;

/// The elements whose text is drawn as a picture.
pub(crate) const DRAWINGS: &[&str] = &["svg", "math"];

/// The lexicon's words when drawn `text` is spam: it scores as spam, or is one keyword
/// unit ("Nhà cái Hi88"), and does not read as editorial.
pub(crate) fn spam_words(lexicon: &Lexicon, text: &str) -> Option<String> {
    let text = text.trim();
    let hits = lexicon.scan(text);
    if hits.words.is_empty() {
        return None;
    }
    let p = lexicon.profile(text);
    let spam = (hits.is_spam() || is_unit(lexicon, &p)) && !p.is_editorial();
    spam.then(|| hits.words.join(", "))
}

/// The audit target when the URL `raw` (as written) is a `data:` SVG image that draws spam.
pub(crate) fn image(lexicon: &Lexicon, raw: &str) -> Option<String> {
    if !svg_data::may_be(raw) && !raw.contains('&') {
        return None;
    }
    let decoded = entities::decode(raw);
    if !svg_data::may_be(&decoded) {
        return None;
    }
    let text = svg_data::text(&decoded)?;
    let words = spam_words(lexicon, &text)?;
    Some(format!("data:image/svg+xml drawing \"{words}\""))
}
