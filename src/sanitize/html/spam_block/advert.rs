//! Stage 6 (planted spam, threat A5): the marks of an advert in a short text.
//!
//! A betting term alone is a topic: a police notice names "tài xỉu" and "nhà cái", a news
//! story names the brand of a busted ring. An advert pairs its term with what sells it: a
//! claim or a call ("uy tín", "nhất", "đăng ký", "khuyến mãi", "nạp đầu", "link vào", "trực
//! tiếp … hôm nay"), a promotion amount ("100k", "200%", "x2"), a brand name ("789bet",
//! "jun88") or a link. A short text (an inline element, a cell, an item, a link, a
//! sentence) that has a term and such marks, and no editorial phrase of its own, is an
//! advert wherever it stands: inside a news paragraph, a quotation or a warning it goes
//! alone (see `spots`), and the text around it stays.
//!
//! Security notes:
//! - The marks are matched by the lexicon's own normalization (a lexicon built of them
//!   alone), so they are found without diacritics, in NFD, with entities or zero-width
//!   characters, like the terms.
//! - A text over [`MAX_WORDS`] words is prose, never one advert: the guard of long text is
//!   the block classifier's proportional one (`lexicon_profile`).
//! - An editorial phrase inside the text itself ("Công an cảnh báo nhà cái uy tín…")
//!   spares it: that is a report quoting a slogan, not the slogan.

use std::sync::LazyLock;

use regex::Regex;

use crate::sanitize::lexicon::{BrandUnit, Lexicon, Profile};

/// The most words a text may have to be judged as one advert.
pub(crate) const MAX_WORDS: usize = 24;

/// Claims and calls of betting adverts. Not terms: they only count next to one, in a short
/// text without an editorial phrase. Words that are part of the terms themselves
/// ("thưởng" of "đổi thưởng", "kèo" of "kèo nhà cái") are not here, so a list of topic words
/// is not an advert.
const MARKS: &[&str] = &[
    "uy tín",
    "nhất",
    "hàng đầu",
    "số 1",
    "top",
    "đăng ký",
    "đăng kí",
    "nhận thưởng",
    "nhận ngay",
    "tặng",
    "khuyến mãi",
    "nạp đầu",
    "nạp tiền",
    "rút tiền",
    "hoàn trả",
    "hoàn tiền",
    "link vào",
    "link",
    "tải app",
    "chơi ngay",
    "truy cập",
    "trực tiếp",
    "hôm nay",
    "miễn phí",
    "free",
    "bonus",
    "giftcode",
    "vip",
    "chính thức",
    "mới nhất",
    "bet now",
    "sign up",
    // Sellers' promises of the scam families (issue 14): forged papers, drugs.
    "không cần hồ sơ",
    "kín đáo",
    "giá rẻ",
    "toàn quốc",
];

static MARKS_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let marks: Vec<String> = MARKS.iter().map(|m| (*m).to_string()).collect();
    Lexicon::build(false, &marks, &[], &[], Some("")).expect("no brand pattern to compile")
});

/// A promotion amount: `100k`, `50 K`, `200%`, `x2`, `+30%`.
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\p{N}])(?:\d+(?:[.,]\d+)*\s?(?:k|%)|x\s?\d+)(?:$|[^\p{L}\p{N}])")
        .expect("valid pattern")
});

/// How many marks of an advert a text has (distinct claims, a promotion amount, a brand
/// name, a link), when it is short, has a betting term and no editorial phrase; `None`
/// otherwise. `p` is its profile.
pub(crate) fn marks(text: &str, p: &Profile, links: usize) -> Option<usize> {
    if p.terms.is_empty() || p.words > MAX_WORDS || p.editorial_phrases() > 0 {
        return None;
    }
    let claims = MARKS_LEXICON.scan(text).words.len();
    let promo = PROMO.is_match(&text.to_lowercase());
    let brand = p
        .terms
        .iter()
        .any(|t| t.bytes().any(|b| b.is_ascii_digit()));
    Some(claims + usize::from(promo) + usize::from(brand) + usize::from(links > 0))
}

/// How strongly `text` reads as an advert: its marks (see [`marks`]), one fewer when its
/// terms are too weak to be spam alone ("đá gà"); 0 when it is not one. An element or a
/// link with strength 1 is an advert in news; one inside a warning or a quotation, and a
/// sentence inside prose, need 2 ("các trang tự xưng là <q>nhà cái uy tín</q>" is a
/// report quoting a claim, "<b>Nhà cái uy tín 789bet</b>" the planted slogan).
pub(crate) fn strength(lexicon: &Lexicon, text: &str, p: &Profile, links: usize) -> usize {
    // Brands and the words that point at them, nothing else (`lexicon_brand_units`).
    let unit = lexicon.brand_unit(text);
    if unit == Some(BrandUnit::Framed) || (unit.is_some() && links > 0) {
        return STRONG;
    }
    let n = match marks(text, p, links) {
        Some(n) if lexicon.scan(text).is_spam() => n.max(usize::from(is_keywords(lexicon, p))),
        // A seller's label of one weak term (`is_keywords`) is the unit all the same.
        Some(n) => n
            .saturating_sub(1)
            .max(usize::from(is_keywords(lexicon, p))),
        None => 0,
    };
    n.max(usize::from(unit.is_some()))
}

/// At most this many words make a keyword unit (see [`is_keywords`]).
const KEYWORD_WORDS: usize = 12;
/// ...when betting terms cover at least this share of them, in percent.
const KEYWORD_SHARE: usize = 50;

/// Whether a short text that scores as spam is made of its betting terms: a keyword line
/// ("Từ khóa: nổ hũ đổi thưởng"), a tag, a ticker item, a menu entry, a text widget or an
/// `<em>` in a sentence that says nothing but "tài xỉu đổi thưởng". Without a selling mark
/// it is still the planted unit: strength 1, so it goes in news and on its own, and stays
/// inside a warning or a police notice, which names the games it reports on. One of its
/// terms must be spam alone (a strong term or a brand): "đá gà, cá độ" is a list of news
/// topics.
///
/// The scam families' jargon ("giải ngân trong ngày", "làm giả giấy tờ", "hack facebook")
/// makes a unit too: two distinct terms of it, or one with a term that is spam alone. The
/// weak betting words that news names as topics ("đá gà", "cá độ") do not count. One term
/// that opens with a seller's verb ("Làm giả CCCD", "Làm giấy nghỉ ốm",
/// `Lexicon::is_offer_term`) is spam alone here when it opens the text: the unit labels a
/// service for sale, where a report names it after words of its own ("Bắt nhóm làm giả
/// CCCD", "Vụ làm giả CCCD").
///
/// A heading led by a reporting verb ("Chiêu lừa “sugar baby”, “chat sex webcam” để tống
/// tiền", see `Profile::reports_first`) names its terms: it is not a unit.
pub(crate) fn is_keywords(lexicon: &Lexicon, p: &Profile) -> bool {
    let weight: u32 = p
        .terms
        .iter()
        .map(|t| {
            match lexicon.scan(t).is_spam() || (p.opens_with_offer() && lexicon.is_offer_term(t)) {
                true => 2,
                false => u32::from(!lexicon.is_news_topic(t)),
            }
        })
        .sum();
    p.words <= KEYWORD_WORDS
        && p.term_words * 100 >= KEYWORD_SHARE * p.words.max(1)
        && weight >= 2
        && !p.reports_first()
}

/// The strength at which an advert goes even inside a warning or a quotation.
pub(crate) const STRONG: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn advert(text: &str, links: usize, min: usize) -> bool {
        let lex = Lexicon::builtin();
        strength(&lex, text, &lex.profile(text), links) >= min
    }

    #[test]
    fn adverts_pair_a_term_with_what_sells_it() {
        for t in [
            "Tai xiu online uy tin nhat Viet Nam",
            "Khuyen mai nap dau 200% tai JUN88",
            "Nhà cái uy tín 789bet",
            "Nổ hũ đổi thưởng uy tín nhất",
            "nhà cái tặng 100k",
        ] {
            assert!(advert(t, 0, 1), "{t:?} missed");
        }
        assert!(advert("Đá gà trực tiếp Thomo hôm nay", 1, 1));
        assert!(advert(
            "Trong khi đó, Nhà cái uy tín 789bet – đăng ký nhận 100k tại đây đang được nhiều người quan tâm.",
            0,
            2
        ));
    }

    #[test]
    fn keyword_units_are_weak_adverts() {
        for t in [
            "nổ hũ đổi thưởng",
            "Từ khóa: tài xỉu đổi thưởng",
            "Soi cầu lô đề",
            "game bài đổi thưởng",
            "Từ khóa: bắn cá đổi thưởng x",
        ] {
            assert!(advert(t, 0, 1), "{t:?} missed");
            assert!(!advert(t, 0, STRONG), "{t:?} strong");
        }
        for t in [
            "Người dân cần tỉnh táo trước các trò tài xỉu trên mạng xã hội hiện nay",
            "đá gà, cá độ",
        ] {
            assert!(!advert(t, 0, 1), "{t:?} flagged");
        }
    }

    #[test]
    fn topics_and_reports_are_not() {
        for t in [
            "cá độ",
            "đá gà",
            "Công an cảnh báo nhà cái uy tín 789bet",
            "Phòng chống cá độ bóng đá trực tiếp",
            "Kết quả xổ số kiến thiết hôm nay",
        ] {
            assert!(!advert(t, 0, 1), "{t:?} flagged");
        }
        for t in [
            "Nhiều trang tự xưng là nhà cái uy tín để lôi kéo người chơi.",
            "nhà cái uy tín",
            "tài xỉu",
            "tài xỉu, nổ hũ, bắn cá, game bài đổi thưởng",
            "kèo nhà cái",
        ] {
            assert!(!advert(t, 0, STRONG), "{t:?} flagged as strong");
        }
    }
}
