//! Stage 6 (planted spam, threat A5): the reporting verbs that *lead* a heading or a
//! sentence of news ("Cảnh giác với…", "Xét xử vụ…", "Khởi tố…", "Police warn…", "Court
//! jails…"), for the editorial guard (`lexicon_profile`, `Profile::is_editorial`).
//!
//! A short heading names several scam terms and one reporting verb ("Xét xử vụ mua bán tài
//! khoản eKYC và sim rác"): by proportion it reads as keyword stuffing with one editorial
//! word tacked on. An advert does not open with a police or court verb; a heading that does,
//! and that neither calls to act, gives a contact nor names a price, is news.
//!
//! Security notes: the verb must be the first word (an advert's "… cảnh báo" at the end does
//! not count); a call to action that is not part of a term ("đăng ký", "liên hệ", "inbox"),
//! a contact (Zalo, a phone number) or a price or speed ("100k", "5%", "10 phút") anywhere
//! in the text voids the lead; so does more than one strong term or brand (a lead verb
//! before a keyword list); and only short texts (a heading or one sentence) are judged so.

use std::sync::LazyLock;

use super::promo::Found;
use super::{Keyword, Lexicon, Normalized};

/// The verbs and phrases that lead news (matched exactly, with their diacritics).
const LEADS: &[&str] = &[
    "cảnh giác",
    "cảnh báo",
    "xét xử",
    "khởi tố",
    "bắt giữ",
    "bắt quả tang",
    "triệt phá",
    "truy tố",
    "tuyên án",
    "phạt",
    "xử phạt",
    "phạt tiền",
    "phạt tù",
    "điều tra",
    "tạm giữ",
    "tạm giam",
    "truy nã",
    "phá đường dây",
    "đánh sập",
    "xử lý",
    "thu giữ",
    "tịch thu",
    "khuyến cáo",
    "chiêu lừa",
    "chiêu trò",
    "thủ đoạn",
    "mánh khóe",
    "lừa đảo",
    "sập bẫy",
    "cạm bẫy",
    "nhận diện",
    "vạch trần",
    "bóc trần",
    "tố giác",
    "nạn nhân",
    "scam",
    "scammers",
    "fraud",
    "công an",
    "tòa án",
    "tòa tuyên",
    "police",
    "court",
    "warning",
    "beware",
    "jailed",
    "arrested",
    "authorities",
    "regulators",
];

/// At most this many words: a heading or one sentence.
const LEAD_WORDS: usize = 30;

/// A heading this short may name two strong terms ("Chiêu lừa “sugar baby”, “chat sex
/// webcam” để tống tiền"); a longer text led by a verb holds at most one.
const HEADING_WORDS: usize = 16;

static COMPILED: LazyLock<Vec<Keyword>> =
    LazyLock::new(|| LEADS.iter().filter_map(|w| Keyword::new(w, 0)).collect());

/// Whether `n` starts with a reporting verb of [`LEADS`].
pub(super) fn leads(n: &Normalized) -> bool {
    let Some(&i) = n.starts.first() else {
        return false;
    };
    COMPILED.iter().any(|k| k.matches_exactly_at(n, i))
}

/// Labels of a search page's echo of the query ("Kết quả tìm kiếm cho: …").
const ECHOES: &[&str] = &[
    "kết quả tìm kiếm cho",
    "kết quả tìm kiếm",
    "tìm kiếm",
    "từ khóa",
    "từ khoá",
    "từ khóa tìm kiếm",
    "bạn đang tìm",
    "search results for",
    "search results",
    "results for",
    "you searched for",
    "search",
];

static ECHO_LABELS: LazyLock<Vec<Keyword>> =
    LazyLock::new(|| ECHOES.iter().filter_map(|w| Keyword::new(w, 0)).collect());

/// How many words of `n` are a search label before a colon (or a comma) that echoes the
/// query after it: the query is the unit a spammer planted, judged without the label.
pub(super) fn echo_label(n: &Normalized) -> usize {
    let Some(&i) = n.starts.first() else {
        return 0;
    };
    ECHO_LABELS
        .iter()
        .filter(|k| k.matches_at(n, i))
        .map(Keyword::words)
        .filter(|&w| n.clause.get(w) == Some(&true))
        .max()
        .unwrap_or(0)
}

/// Whether a text of `words` words whose terms weigh `weights` may be spared by its lead:
/// short, with at most one strong term or brand (two in a heading of [`HEADING_WORDS`]).
pub(super) fn plain(weights: &[u32], words: usize) -> bool {
    let strong = weights.iter().filter(|&&w| w >= 2).count();
    words <= LEAD_WORDS && (strong <= 1 || (strong == 2 && words <= HEADING_WORDS))
}

impl Lexicon {
    /// Whether word `w` is inside one of the terms `found`.
    pub(super) fn in_term(&self, found: &[Found], w: usize) -> bool {
        found.iter().any(|f| {
            let len = f.keyword.map_or(1, |k| self.keywords[k].words());
            (f.word..f.word + len).contains(&w)
        })
    }

    /// Where the terms `found` in a text of `words` words lie: [`Lexicon::in_term`] for every
    /// word at once, so that a text with thousands of terms (a stuffed hidden block) is read
    /// in its length, not its length times its terms.
    pub(super) fn cover(&self, found: &[Found], words: usize) -> Cover {
        let mut inside = vec![false; words];
        let mut brand = vec![false; words];
        let mut begun = vec![0u32; words + 1];
        for f in found.iter().filter(|f| f.word < words) {
            let len = f.keyword.map_or(1, |k| self.keywords[k].words());
            inside[f.word..(f.word + len).min(words)].fill(true);
            brand[f.word] |= f.brand;
            begun[f.word + 1] += 1;
        }
        for w in 0..words {
            begun[w + 1] += begun[w];
        }
        Cover {
            inside,
            brand,
            begun,
        }
    }
}

/// The words of a text that its terms cover, word by word (see [`Lexicon::cover`]).
pub(super) struct Cover {
    inside: Vec<bool>,
    /// A brand starts at the word.
    brand: Vec<bool>,
    /// How many terms start before each word (one more entry than words).
    begun: Vec<u32>,
}

impl Cover {
    /// Whether word `w` is inside a term.
    pub(super) fn inside(&self, w: usize) -> bool {
        self.inside.get(w).copied().unwrap_or(false)
    }

    /// Whether a brand starts at word `w`.
    pub(super) fn brand_at(&self, w: usize) -> bool {
        self.brand.get(w).copied().unwrap_or(false)
    }

    /// Whether a term starts at one of `words`.
    pub(super) fn starts_in(&self, words: std::ops::Range<usize>) -> bool {
        let last = self.begun.len() - 1;
        let (a, b) = (words.start.min(last), words.end.min(last));
        self.begun[b] > self.begun[a]
    }
}
