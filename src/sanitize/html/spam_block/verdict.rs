//! Stage 6 (planted spam, threat A5): the verdicts on a closing block that weigh its
//! context: whether it stands in a warning (a quotation, kept for the warning's own
//! verdict), whether the block itself is one short advert (a cell, an item, a heading, a
//! caption whose whole text sells a term: see `advert`), and which of its spots go.
//!
//! Security note: a spot that is an advert goes even inside an editorial block or a
//! quotation: "các trang như <b>Khuyến mãi nạp đầu 200% tại JUN88</b> hoạt động công khai"
//! in a police warning is the planted slogan, while the warning's own topic words ("tài
//! xỉu, nổ hũ" in bold) stay.

use crate::sanitize::lexicon::Profile;

use super::super::rendered;
use super::super::state::State;
use super::{Open, Spot, advert, inline, spots};

/// Whether the open blocks around a closing one read, so far, as a warning or a report (a
/// heading such as "Cảnh giác với các thủ đoạn lừa đảo", a police notice's intro): at
/// least two editorial phrases outweighing their own terms. A block of scam slogans in
/// there is a quotation; it is kept for now, and the outer block that holds the warning
/// and the slogans together is judged whole when it closes, where slogans with a few
/// editorial words tacked on still weigh as spam. Slogans quoted so far are not context
/// of the next one (`Open::context`).
pub(super) fn quoted_in_context(st: &State) -> bool {
    let around = frame(st);
    around.editorial_phrases() >= 2 && around.reporting_phrases() > 0 && around.is_editorial()
}

/// The context of the open blocks around a closing one, outermost first, from the
/// innermost landmark in (`holds::LANDMARKS`): a warning in the main column frames nothing
/// in the sidebar. Nor does a closed section (a child that held blocks: the main column of
/// a div layout) frame what stands in a later section beside it, unless that one is a list
/// or a quotation (a warning's intro box, then its list of slogans); it does frame a
/// closing block that stands right beside it (`Open::lend`). Names of institutions and
/// services count as phrases of it, but a frame of names alone ("Bộ Y tế", "Cấp cứu: 115"
/// in a sidebar) reports nothing (`Profile::reporting_phrases`).
fn frame(st: &State) -> Profile {
    let open = &st.blocks.open;
    let from = open.iter().rposition(|o| o.landmark).unwrap_or(0);
    let mut around = Profile::default();
    for (i, o) in open.iter().enumerate().skip(from) {
        around.merge(o.context.clone());
        if open.get(i + 1).is_none_or(|next| next.item) {
            around.merge(o.sections.clone());
        }
    }
    around
}

/// Whether the open blocks around a closing one ban or condemn what they name (a heading
/// "Các hành vi bị nghiêm cấm" before the list): a block that neither promotes nor sells
/// in there names what is banned (`Profile::bans`).
pub(super) fn under_ban(st: &State, p: &Profile) -> bool {
    if p.promotes_a_sentence() || p.sells() != 0 || p.steers() {
        return false;
    }
    frame(st).bans()
}

/// Whether the block closing at `now` is, whole, one short advert. Its text is read again
/// only when its profile is short, has a term and no editorial phrase (rare, and bounded
/// by [`advert::MAX_WORDS`] words). Inside blocks that have editorial phrases (a warning
/// that lists slogans) only a strong advert counts: a slogan list is judged whole by the
/// block classifier when its warning closes.
pub(super) fn is_advert_block(st: &State, o: &Open, now: usize) -> bool {
    let p = &o.profile;
    if o.root
        || o.dropping
        || p.terms.is_empty()
        || p.words > advert::MAX_WORDS
        || p.editorial_phrases() > 0
        || p.condemns()
    {
        return false;
    }
    let Some(held) = st.out.get(o.mark..now) else {
        return false;
    };
    let text = rendered::read_joined(held, st.encoding, false, inline::marks(o, o.mark, now)).text;
    let lexicon = &st.policy().lexicon;
    // Its links are not a mark: a block of news may link anywhere; a link that is itself
    // an advert is a spot of its own.
    let strength = advert::strength(lexicon, &text, p, 0);
    let around = st
        .blocks
        .open
        .iter()
        .any(|b| b.profile.editorial_phrases() > 0);
    // A block that is brands alone is no sentence of the news around it.
    strength >= advert::STRONG || (strength > 0 && (!around || lexicon.brand_unit(&text).is_some()))
}

/// Whether the block closing at `now` is brands alone or with a frame that points at them
/// ("HI88", "Tài trợ bởi VN88X", `lexicon_brand_units`): a unit planted on its own, never a
/// warning's quotation (a report names a brand inside a sentence of its own words).
pub(super) fn is_brand_unit(st: &State, o: &Open, now: usize) -> bool {
    let Some(held) = st.out.get(o.mark..now) else {
        return false;
    };
    let text = rendered::read_joined(held, st.encoding, false, inline::marks(o, o.mark, now)).text;
    st.policy().lexicon.brand_unit(&text).is_some()
}

/// Cuts a block's spots: all of them, or only the adverts when the block is editorial.
/// Returns whether every spot was cut (the block's terms are then gone with them).
pub(super) fn cut_spots(st: &mut State, spots: Vec<Spot>, editorial: bool) -> bool {
    if spots.is_empty() {
        return false;
    }
    let all = spots.len();
    let cut: Vec<Spot> = spots
        .into_iter()
        .filter(|s| s.advert || !editorial)
        .collect();
    let n = cut.len();
    if n > 0 {
        spots::cut(st, cut);
    }
    n == all
}

/// How many `<a …>` start tags `bytes` holds.
pub(super) fn links_in(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'<', bytes)
        .filter(|&i| {
            bytes
                .get(i + 1)
                .is_some_and(|c| c.eq_ignore_ascii_case(&b'a'))
                && bytes
                    .get(i + 2)
                    .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
        })
        .count()
}

/// Whether the drawing `o` (see `drawn`), closing at `now`, draws spam text.
pub(super) fn drawn_spam(st: &State, o: &Open, now: usize) -> bool {
    if o.profile.terms.is_empty() && o.cut_adverts.terms.is_empty() {
        return false;
    }
    let held = st.out.get(o.mark..now).unwrap_or_default();
    let text = rendered::read(held, st.encoding, false).text;
    super::super::drawn::spam_words(&st.site.sanitize().lexicon, &text).is_some()
}

/// A query value of the page's URL that scores as spam, lower-cased: a search page that
/// echoes it ("Kết quả tìm kiếm cho: nhà cái uy tín kubet…") publishes the spammer's text
/// under the site's name, and spammers submit such URLs to be indexed. A block that echoes
/// it goes. Short values (under 8 characters) are not followed.
pub fn reflected_spam(site: &crate::settings::Site, page: &url::Url) -> Option<String> {
    let lexicon = &site.sanitize().lexicon;
    page.query_pairs()
        .map(|(_, v)| v.trim().to_lowercase())
        .find(|v| {
            v.chars().count() >= 8 && {
                let hits = lexicon.scan(v);
                hits.is_spam() && !lexicon.profile(v).is_editorial()
            }
        })
}
