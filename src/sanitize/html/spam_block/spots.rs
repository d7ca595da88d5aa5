//! Stage 6 (planted spam, threat A5): spam *inside* a block that is not spam as a whole.
//!
//! A block is judged whole (see the parent module), but planted text also hides in the
//! smaller units a block is made of: an inline element (`span`, `b`, `label`, `button`,
//! `q`, `font`, SVG `text`, a custom element, …) inside a paragraph of news, or bare text
//! between the child blocks of a wrapper or directly in `<body>`. So each *run* of a
//! block (its own text between two child blocks, inline elements included) is read as
//! rendered text (see `rendered`); when the run holds three distinct betting terms, each
//! element closed inside it is profiled on its own. The smallest elements whose text is a
//! spam block by the lexicon's thresholds are *spots*; when no element is one but the run
//! itself is, its text pieces are (tags stay, so the markup stays balanced).
//!
//! Spots are cut (`spam.inline`) when their block closes, unless the block as a whole reads
//! as editorial (the lexicon's proportional guard): a police notice listing "tài xỉu, nổ
//! hũ, bắn cá" in bold stays. Runs directly in the document (the root) have no block: their
//! spots are judged on their own text and cut at the next block boundary.

use std::ops::Range;

use crate::audit::Action;
use crate::sanitize::lexicon::{Lexicon, Profile};

use super::super::hold;
use super::super::rendered::{Piece, Rendered, Unit};
use super::super::state::State;
use super::advert;

/// The most spots a block keeps; later ones are cut with the last (fail closed).
const MAX_SPOTS: usize = 1024;

/// Output to cut when its block closes, unless the block is editorial.
#[derive(Debug, Clone)]
pub(super) struct Spot {
    pub(super) bytes: Range<usize>,
    pub(super) what: String,
    /// A strong advert (see `advert`): cut even in an editorial block or a quotation.
    pub(super) advert: bool,
    /// An offer sentence (see [`sentences`]): its text in the run, which the block is
    /// judged without.
    pub(super) offer: Option<Range<usize>>,
}

/// The spots of a run read at `offset` of the output (`run` is its profile). A run of the
/// root (text in no block) that is itself one advert is a spot too: no block judges it;
/// so is a run that is one keyword unit, in any block.
pub(super) fn find(
    lexicon: &Lexicon,
    r: &Rendered,
    run: &mut Profile,
    offset: usize,
    root: bool,
) -> Vec<Spot> {
    // Offer sentences first: the run is then judged on the rest of its text. A run whose
    // rest is too short to be a genuine paragraph is judged whole.
    let mut offers = offers(lexicon, r, run, offset);
    if let Some(rest) = without_offers(r, &offers) {
        let p = lexicon.profile(&rest);
        if p.words < GENUINE_WORDS {
            offers.clear();
        } else {
            let links = run.links;
            *run = p;
            run.links = links;
        }
    }
    if run.terms.is_empty() {
        return offers;
    }
    let judged: Vec<Option<(Profile, bool)>> =
        r.units.iter().map(|u| judge(lexicon, r, run, u)).collect();
    let inside =
        |a: &Range<usize>, b: &Range<usize>| a != b && b.start <= a.start && a.end <= b.end;
    let mut spots: Vec<Spot> = offers;
    for (i, u) in r.units.iter().enumerate() {
        let Some((p, advert)) = &judged[i] else {
            continue;
        };
        // The outermost: what is around the spam inside it goes with it.
        let outermost = !r
            .units
            .iter()
            .enumerate()
            .any(|(j, v)| judged[j].is_some() && inside(&u.bytes, &v.bytes));
        if outermost {
            spots.push(Spot {
                bytes: u.bytes.start + offset..u.bytes.end + offset,
                what: format!("<{}>: {}", u.name, p.terms.join(", ")),
                advert: *advert,
                offer: None,
            });
        }
    }
    // A run that is one keyword unit (bare text between the blocks of a wrapper) is a
    // spot wherever it stands; in the root, any advert run is.
    let advert_run = || {
        let strength = advert::strength(lexicon, &r.text, run, 0);
        strength > 0 && (root || advert::is_keywords(lexicon, run))
    };
    if run.is_spam_block() || advert_run() {
        // The run's text goes, around the elements already found in it.
        let what = format!("text: {}", run.terms.join(", "));
        let pieces: Vec<Spot> = r
            .pieces
            .iter()
            .map(|p| p.bytes.start + offset..p.bytes.end + offset)
            .filter(|b| !covered(&spots, b))
            .map(|bytes| Spot {
                bytes,
                what: what.clone(),
                advert: false,
                offer: None,
            })
            .collect();
        spots.extend(pieces);
    } else {
        let sentences = sentences(lexicon, r, run, &spots, offset);
        spots.extend(sentences);
    }
    disjoint(spots)
}

/// `spots` in stream order, none overlapping another (an offer sentence may hold, or lie
/// in, an element judged on its own): the cuts must not cross.
pub(super) fn disjoint(mut spots: Vec<Spot>) -> Vec<Spot> {
    spots.sort_by_key(|s| (s.bytes.start, std::cmp::Reverse(s.bytes.end)));
    let mut out: Vec<Spot> = Vec::with_capacity(spots.len());
    for s in spots {
        match out.last_mut() {
            Some(last) if s.bytes.start < last.bytes.end => {
                last.bytes.end = last.bytes.end.max(s.bytes.end);
            }
            _ => out.push(s),
        }
    }
    out
}

/// An element of the run: spam (a keyword-stuffed unit) or an advert, with its profile.
fn judge(lexicon: &Lexicon, r: &Rendered, run: &Profile, u: &Unit) -> Option<(Profile, bool)> {
    let text = r.text.get(u.text.clone()).unwrap_or_default();
    // Only a unit short enough to be one advert is read when the run is not spam-rich.
    if run.terms.len() < 3 && text.split_whitespace().nth(advert::MAX_WORDS).is_some() {
        return None;
    }
    let p = lexicon.profile(text);
    let links = usize::from(matches!(u.name.as_str(), "a" | "area"));
    let strength = advert::strength(lexicon, text, &p, links);
    // Brands alone in an element of a text that is no report are its planted unit, whatever
    // the warnings around (`lexicon_brand_units`); in a report they may be the brand named.
    let brands = lexicon.brand_unit(text).is_some() && !run.is_editorial();
    (strength > 0 || p.is_spam_block()).then_some((p, strength >= advert::STRONG || brands))
}

/// The fewest words of the rest of a run that make it a genuine paragraph, from which an
/// offer sentence goes alone (see [`offers`]).
const GENUINE_WORDS: usize = 12;

/// The most words of a sentence judged as one offer (see [`sentences`]).
const OFFER_WORDS: usize = 48;

/// The sentences of a run of prose (more than the sentence) that are a seller's offer of
/// their own (`Profile::offers_alone`: a term or a topic promoted with a call to action, a brand
/// or a contact, and no report): their text pieces, as adverts, which go even in an
/// editorial block. One offer appended to a genuine news paragraph ("… Nhận làm bằng đại
/// học giá rẻ, lấy ngay trong 3 ngày, liên hệ 09…") is diluted below every share threshold
/// of the paragraph, while a sentence that reports such an offer has its own reporting
/// phrase and does not sell. So is a sentence that steers toward a betting place ("Hãy
/// truy cập nhà cái để tham gia."), however long the article it is run into. Only runs with
/// a promoting or steering sentence (`Profile::promotes_a_sentence`,
/// `Profile::steers_a_sentence`) are read.
fn offers(lexicon: &Lexicon, r: &Rendered, run: &Profile, offset: usize) -> Vec<Spot> {
    let mut out = Vec::new();
    if !run.promotes_a_sentence() && !run.steers_a_sentence() {
        return out;
    }
    for group in groups(r) {
        let text = group_text(r, group);
        if text.split_whitespace().nth(OFFER_WORDS).is_some() {
            continue;
        }
        let p = lexicon.profile(text);
        if p.words >= run.words || !p.offers_alone() {
            continue;
        }
        let what = format!("offer sentence: {}", p.terms.join(", "));
        let own = group[0].text.start..group[group.len() - 1].text.end;
        // An element whose text lies wholly in the sentence goes whole, tags and all, as
        // its element spot would; the pieces outside such elements go as text.
        let whole = elements_within(r, &own);
        let loose = group
            .iter()
            .map(|g| g.bytes.clone())
            .filter(|b| !whole.iter().any(|w| w.start <= b.start && b.end <= w.end));
        out.extend(whole.iter().cloned().chain(loose).map(|b| Spot {
            bytes: b.start + offset..b.end + offset,
            what: what.clone(),
            advert: true,
            offer: Some(own.clone()),
        }));
    }
    out
}

/// The bytes of the outermost elements of the run with text, all of it (without the
/// spaces around it) inside `text`.
fn elements_within(r: &Rendered, text: &Range<usize>) -> Vec<Range<usize>> {
    let own = |u: &Unit| {
        let t = r.text.get(u.text.clone()).unwrap_or_default();
        let start = u.text.start + (t.len() - t.trim_start().len());
        start..(u.text.start + t.trim_end().len()).max(start)
    };
    let within: Vec<&Unit> = r
        .units
        .iter()
        .filter(|u| {
            let t = own(u);
            t.start < t.end && text.start <= t.start && t.end <= text.end
        })
        .collect();
    within
        .iter()
        .filter(|u| {
            !within.iter().any(|v| {
                v.bytes != u.bytes && v.bytes.start <= u.bytes.start && u.bytes.end <= v.bytes.end
            })
        })
        .map(|u| u.bytes.clone())
        .collect()
}

/// The pieces of a run grouped by sentence.
fn groups(r: &Rendered) -> impl Iterator<Item = &[Piece]> {
    r.pieces.split_inclusive(|p| p.ends)
}

/// The text of a group of pieces.
fn group_text<'a>(r: &'a Rendered, group: &[Piece]) -> &'a str {
    let (Some(a), Some(b)) = (group.first(), group.last()) else {
        return "";
    };
    r.text.get(a.text.start..b.text.end).unwrap_or_default()
}

/// The sentences of the run that are adverts or keyword units (a "Từ khóa: …" line, a
/// ticker item between `|`), inside prose that is not (the run holds more than the
/// sentence): their text pieces, outside the element spots already found.
fn sentences(
    lexicon: &Lexicon,
    r: &Rendered,
    run: &Profile,
    spots: &[Spot],
    offset: usize,
) -> Vec<Spot> {
    let mut out = Vec::new();
    let mut first = 0;
    for (i, piece) in r.pieces.iter().enumerate() {
        if !piece.ends && i + 1 < r.pieces.len() {
            continue;
        }
        let group = &r.pieces[first..=i];
        first = i + 1;
        let text = r
            .text
            .get(group[0].text.start..piece.text.end)
            .unwrap_or_default();
        if text.split_whitespace().nth(advert::MAX_WORDS).is_some() {
            continue;
        }
        let p = lexicon.profile(text);
        let strength = advert::strength(lexicon, text, &p, 0);
        let keywords = strength > 0 && advert::is_keywords(lexicon, &p);
        if p.words >= run.words || (strength < advert::STRONG && !keywords) {
            continue;
        }
        let what = format!("sentence: {}", p.terms.join(", "));
        for g in group {
            let bytes = g.bytes.start + offset..g.bytes.end + offset;
            if !covered(spots, &bytes) {
                out.push(Spot {
                    bytes,
                    what: what.clone(),
                    advert: strength >= advert::STRONG,
                    offer: None,
                });
            }
        }
    }
    out
}

/// The text of the run without its offer sentences (`None` when it has none): the block
/// is judged on the rest, so that an offer appended to a genuine paragraph goes alone
/// while a paragraph that is spam without it still goes whole.
fn without_offers(r: &Rendered, spots: &[Spot]) -> Option<String> {
    let mut offers: Vec<&Range<usize>> = spots.iter().filter_map(|s| s.offer.as_ref()).collect();
    if offers.is_empty() {
        return None;
    }
    offers.sort_by_key(|t| t.start);
    offers.dedup();
    let mut rest = String::with_capacity(r.text.len());
    let mut at = 0;
    for t in offers {
        rest.push_str(r.text.get(at..t.start.max(at)).unwrap_or_default());
        rest.push(' ');
        at = at.max(t.end);
    }
    rest.push_str(r.text.get(at..).unwrap_or_default());
    Some(rest)
}

/// Whether `bytes` lie inside one of `spots`.
fn covered(spots: &[Spot], bytes: &Range<usize>) -> bool {
    spots
        .iter()
        .any(|s| s.bytes.start <= bytes.start && bytes.end <= s.bytes.end)
}

/// Adds `new` to a block's spots, keeping them bounded.
pub(super) fn add(spots: &mut Vec<Spot>, new: Vec<Spot>) {
    for s in new {
        if spots.len() < MAX_SPOTS {
            spots.push(s);
        } else if let Some(last) = spots.last_mut() {
            last.bytes.end = last.bytes.end.max(s.bytes.end);
        }
    }
}

/// Cuts `spots` (in stream order, all still held), last first so that the earlier ones keep
/// their offsets. One event per text run or element. Returns whether any was cut.
pub(super) fn cut(st: &mut State, mut spots: Vec<Spot>) -> bool {
    let mut cut_any = false;
    let mut last: Option<String> = None;
    let mut apply = false;
    while let Some(s) = spots.pop() {
        if last.as_deref() != Some(s.what.as_str()) {
            apply = st.found_detail("spam.inline", Action::Removed, None, Some(s.what.clone()));
            last = Some(s.what);
        }
        if apply {
            hold::cut(st, s.bytes.start, s.bytes.end);
            cut_any = true;
        }
    }
    cut_any
}

/// The offsets of `spots` after a cut of the output (see `hold::adjust`).
pub(super) fn adjust(spots: &mut [Spot], f: &impl Fn(usize) -> usize) {
    for s in spots {
        s.bytes = f(s.bytes.start)..f(s.bytes.end);
    }
}
