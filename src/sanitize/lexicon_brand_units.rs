//! Stage 6 (planted spam, threat A5, class "a lone brand name"): a short text that is
//! nothing but betting brands and the words that point at them. "HI88" alone in a cell,
//! "Xem thêm tại 789BET.", "Tài trợ bởi VN88X", "Đối tác: NEW88 | JUN88", "Link vào W88
//! mới nhất", "SV368 - Trang chủ": one brand is one term, under every keyword-stuffing
//! threshold, and its frame has no seller's claim; but no agency writes such a unit. A
//! report names a brand inside a sentence of its own words ("Bộ Công an đã chặn truy cập
//! trang 789BET"), and those words are not frame words, so a report is never a unit.
//!
//! A unit is [`BrandUnit::Framed`] when a frame word (a sponsor, a partner, a "see more", a
//! link, a home page) points at its brands: that is an advert wherever it stands. A unit
//! that is brands alone ([`BrandUnit::Bare`], with a domain's parts: "hi88.com") is an
//! advert as a block or a link of its own; inside a sentence of news it may be the brand the
//! news names in bold, so the spam-block classifier weighs it there as a term.
//!
//! Security notes:
//! - The brands are the lexicon's (`lexicon_brands`): the known names and the shapes, with
//!   their guards against codes, models, plates and years. A text without one is no unit,
//!   however it is framed ("Tài trợ bởi BIDV", "Đối tác: VNPT | Viettel").
//! - Frame words are matched as keywords are: with their diacritics or without any, in any
//!   case, through entities, NFD and zero-width characters.
//! - At most [`MAX_UNIT_WORDS`] words: a longer text is prose, judged by the block
//!   classifier's proportional guard.

use std::sync::LazyLock;

use super::{Hits, Keyword, Lexicon, Normalized};

/// The most words of a brand unit.
pub const MAX_UNIT_WORDS: usize = 12;

/// What a short text of brands is (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrandUnit {
    /// Brands alone, with the parts of their domains.
    Bare,
    /// Brands with a word that points at them.
    Framed,
}

/// Words that point at a brand: sponsors, partners, "see more", links, home pages. Not the
/// betting terms ("nhà cái", "uy tín"): a text with one of them is judged as an advert by
/// its terms, and a warning may quote it.
const FRAMES: &[&str] = &[
    "xem thêm",
    "xem ngay",
    "xem tại",
    "tại",
    "tài trợ",
    "nhà tài trợ",
    "được tài trợ",
    "bởi",
    "đối tác",
    "liên kết",
    "link",
    "link vào",
    "link truy cập",
    "vào",
    "truy cập",
    "ghé",
    "ghé thăm",
    "tham gia",
    "chơi",
    "chơi ngay",
    "đăng ký",
    "đăng nhập",
    "tải",
    "tải app",
    "app",
    "trang chủ",
    "trang",
    "website",
    "web",
    "chính thức",
    "mới nhất",
    "mới",
    "nhất",
    "hôm nay",
    "không bị chặn",
    "không chặn",
    "dự phòng",
    "và",
    "cùng",
    "của",
    "với",
    "ngay",
    "sponsored by",
    "sponsor",
    "sponsors",
    "partner",
    "partners",
    "official",
    "visit",
    "see more",
    "more at",
    "powered by",
    "by",
    "at",
    "home",
];

/// Parts of a brand's address, which do not frame it ("hi88.com", "www.kubet.net").
const DOMAIN: &[&str] = &[
    "www", "http", "https", "com", "net", "org", "info", "vn", "io", "tv", "me", "co", "cc", "top",
    "xyz", "club", "vip", "bet", "win", "online", "site", "app", "pro", "link", "asia",
];

static FRAME_WORDS: LazyLock<Vec<Keyword>> =
    LazyLock::new(|| FRAMES.iter().filter_map(|f| Keyword::new(f, 0)).collect());

static DOMAIN_WORDS: LazyLock<Vec<Keyword>> =
    LazyLock::new(|| DOMAIN.iter().filter_map(|f| Keyword::new(f, 0)).collect());

impl Lexicon {
    /// Whether `text` (entity-decoded) is a brand unit, and which (see the module doc).
    pub fn brand_unit(&self, text: &str) -> Option<BrandUnit> {
        let n = Normalized::new(text);
        let words = n.starts.len();
        if words == 0 || words > MAX_UNIT_WORDS {
            return None;
        }
        let brand = self.brand_words(&n);
        if !brand.iter().any(|b| *b) {
            return None;
        }
        let mut framed = false;
        let mut w = 0;
        while w < words {
            if brand[w] {
                w += 1;
                continue;
            }
            let i = n.starts[w];
            let longest = |list: &[Keyword]| {
                list.iter()
                    .filter(|k| k.matches_at(&n, i))
                    .map(Keyword::words)
                    .max()
            };
            if let Some(len) = longest(&FRAME_WORDS) {
                framed = true;
                w += len;
            } else {
                w += longest(&DOMAIN_WORDS)?;
            }
        }
        Some(if framed {
            BrandUnit::Framed
        } else {
            BrandUnit::Bare
        })
    }

    /// Which words of `n` are brands: the listed ones and the shapes.
    fn brand_words(&self, n: &Normalized) -> Vec<bool> {
        let mut brand = vec![false; n.starts.len()];
        let mut at = Vec::new();
        self.scan_brands(n, &mut Hits::default(), &mut at);
        for f in at.iter().filter(|f| f.brand) {
            brand[f.word] = true;
        }
        self.each_match(n, |start, k, kw| {
            if self.brand_keywords.contains(&k) {
                let w = n.word_index(start);
                for b in brand.iter_mut().skip(w).take(kw.words()) {
                    *b = true;
                }
            }
        });
        Self::casino_names(n, &mut brand);
        brand
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_alone_or_pointed_at_are_units() {
        let lex = Lexicon::builtin();
        for t in [
            "HI88",
            "sunwin",
            "Hi88.com",
            "NEW88 | JUN88",
            "www.kubet.net",
        ] {
            assert_eq!(lex.brand_unit(t), Some(BrandUnit::Bare), "{t}");
        }
        for t in [
            "Xem thêm tại 789BET.",
            "Xem them tai 789bet",
            "Tài trợ bởi VN88X",
            "Đối tác: NEW88 | JUN88",
            "Link vào W88 mới nhất",
            "SV368 - Trang chủ",
            "TAI TRO BOI KUBET",
        ] {
            assert_eq!(lex.brand_unit(t), Some(BrandUnit::Framed), "{t}");
        }
    }

    #[test]
    fn reports_codes_and_acronyms_are_not() {
        let lex = Lexicon::builtin();
        for t in [
            "Bộ Công an đã chặn truy cập trang 789BET",
            "không tham gia các trang như W88, FB88",
            "đường dây cá độ qua trang KUBET bị triệt phá",
            "Tài trợ bởi BIDV",
            "Đối tác: VNPT | Viettel",
            "Samsung A54",
            "Honda SH150i",
            "Quyết định 68/QĐ-UBND",
            "Biển số 51G-888.88",
            "the best bet is",
            "ISO 9001",
            "COVID-19",
            "Xem thêm tại VN-Index",
            "Model 88",
            "Windows 11",
        ] {
            assert_eq!(lex.brand_unit(t), None, "{t}");
        }
    }
}
