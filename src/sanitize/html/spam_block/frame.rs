//! Stage 6 (planted spam, threat A5): the frame of a spam link, the words around a planted
//! link that make it an advert ("Đăng ký tại <a>nhà cái X</a> nhận thưởng 100k").
//!
//! A short block that carried a foreign link cut as spam goes with it when the rest of its
//! text carries a sign of an advert ([`framed`]). When the advert and its link sit in one
//! inline element beside genuine text (a footer's address line: "Địa chỉ: 12 Trần Phú, Đà
//! Lạt. <span>Đăng ký tại <a>…</a> nhận thưởng 100k</span>"), only that element goes and
//! the block stays ([`cut_alone`]), whichever verdict the block got with the advert in it
//! (a frame, a short advert, a keyword block).
//!
//! Security note: the element goes alone only when the rest of the block, read without it,
//! has no sign of an advert at all (no term, call, promotion, offer or topic) and is long
//! enough to be genuine text ([`REST_WORDS`]); a label ("Liên kết:") is part of the frame.
//! A block with more than one spam link, or whose link is in no inline element of it, goes
//! whole as before.

use std::ops::Range;

use crate::audit::Action;

use super::super::hold;
use super::super::rendered;
use super::super::state::State;
use super::{BLOCKS, Open};

/// The longest text, in words, of a block that goes with the spam link it carried.
const FRAME_WORDS: usize = 24;

/// The fewest words of genuine text beside an advert for the block to stay.
const REST_WORDS: usize = 4;

/// A short block that carried a foreign link cut as spam, with no other link kept and no
/// editorial reading, whose rest carries any sign of an advert: it is the advert's frame
/// ("<a>Gái gọi Sài Gòn</a> – call girl Quận 1, phục vụ tận nơi 24/7."), and goes with the
/// link. A genuine paragraph a link was planted in is longer, and a label or filler
/// ("Liên kết:", "Xem … tại đây.") keeps its words.
pub(super) fn framed(o: &Open) -> bool {
    o.spam_links > 0
        && !o.root
        && o.profile.words <= FRAME_WORDS
        && o.profile.links == 0
        && o.profile.has_signal()
        && !o.profile.is_editorial()
}

/// For a block judged as spam (a frame, an advert, a keyword block) that carried one spam
/// link, closing at `now`: cuts the inline element around that link when everything that
/// made the block spam is inside it, that is when the rest of the block is genuine text,
/// and profiles the block on that rest. Returns whether it did (the block then stays).
pub(super) fn cut_alone(st: &mut State, o: &mut Open, now: usize) -> bool {
    let Some((bytes, rest)) = alone(st, o, now) else {
        return false;
    };
    let detail = Some("advert around a spam link".to_string());
    if st.found_detail("spam.inline", Action::Removed, None, detail) {
        hold::cut(st, bytes.start, bytes.end);
    }
    // Every sign of spam was in the element: spots found in runs that held it (a run read
    // whole as spam takes its genuine pieces too) are void.
    o.spots.clear();
    let links = o.profile.links;
    o.profile = st.site.sanitize().lexicon.profile(&rest);
    o.profile.links = links;
    o.spam_links = 0;
    true
}

/// The bytes of the innermost inline element around the block's spam link whose removal
/// leaves genuine text (with the inline elements around it that hold nothing else), and
/// that text. A block element around the link ends the search. What is left of the link
/// itself (an emptied `<a>`, whose `title` reads as text before it) is no such element.
fn alone(st: &State, o: &Open, now: usize) -> Option<(Range<usize>, String)> {
    if o.spam_links != 1 {
        return None;
    }
    let at = o.link_at?.checked_sub(o.mark)?;
    let r = rendered::read(st.out.get(o.mark..now)?, st.encoding, false);
    let lexicon = &st.site.sanitize().lexicon;
    let mut around: Vec<&rendered::Unit> = r
        .units
        .iter()
        .filter(|u| u.name != "a" && u.bytes.start < at && at < u.bytes.end)
        .collect();
    around.sort_by_key(|u| u.bytes.len());
    let inline = |u: &rendered::Unit| !BLOCKS.contains(&u.name.as_str());
    let rest_of = |u: &rendered::Unit| {
        Some(format!(
            "{} {}",
            r.text.get(..u.text.start)?,
            r.text.get(u.text.end..)?
        ))
    };
    let found = around.iter().take_while(|u| inline(u)).find_map(|u| {
        let rest = rest_of(u)?;
        let p = lexicon.profile(&rest);
        (!p.has_signal()).then_some((*u, rest, p.words))
    });
    let (mut u, rest, words) = found?;
    // The inline elements that hold nothing else go with it (`<small><b>…</b></small>`).
    for v in around.iter().take_while(|u| inline(u)) {
        let blank = |t: Option<&str>| t.is_some_and(|t| t.trim().is_empty());
        if v.bytes.len() > u.bytes.len()
            && blank(r.text.get(v.text.start..u.text.start))
            && blank(r.text.get(u.text.end..v.text.end))
        {
            u = *v;
        }
    }
    let bytes = o.mark + u.bytes.start..o.mark + u.bytes.end;
    (words >= REST_WORDS).then_some((bytes, rest))
}
