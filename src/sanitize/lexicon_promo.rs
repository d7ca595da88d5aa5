//! Stage 6 (planted spam, threat A5): sentences that *promote* a betting or scam topic.
//!
//! News reports these topics; spam sells them. What sells is in the sentence around the
//! term: a brand, a call to action ("đăng ký nhận", "link vào", "nạp đầu"), a promo amount
//! or odds ("100k", "x2", "1 ăn 99", "5%"), praise ("uy tín", "chuẩn xác", "giá rẻ",
//! "chính chủ") and urgency ("hôm nay", "mới nhất"). A sentence is *promoting* when it has a
//! betting term (or a brand) and such a signal, no editorial phrase of its own ("công an",
//! "cảnh báo", "thực chất là", …) and the term is not inside quotation marks (a warning
//! quotes the slogans it warns about). Its score is its terms by weight plus its distinct
//! signals.
//!
//! Security notes:
//! - Judged per sentence (`Normalized` splits at `.`, `!`, `?`, `;`, `|`, `•` and a layout
//!   break): a promo sentence does not become news because a warning word sits in another
//!   sentence of the same text. The weak terms of a promoting sentence count even then.
//! - Soft signals (time words such as "hôm nay") alone promote only a strong term or a
//!   brand: "Tiền ảo hôm nay tăng mạnh" is news, "Đá gà trực tiếp hôm nay" is not.
//! - Only texts with a term are read here, so ordinary text costs nothing more.

use super::{Keyword, Lexicon, Normalized};

/// Signals that sell: calls to action, promo amounts, praise of the offer (besides the
/// calls to action of `lexicon_words::CALLS`, which count too).
pub(super) const HARD: &[&str] = &[
    "đăng ký nhận",
    "đăng ký",
    "nhận code",
    "tặng code",
    "giftcode",
    "code",
    "tặng",
    "thưởng nóng",
    "trả thưởng",
    "trả thưởng nhanh",
    "liền tay",
    "chính chủ",
    "giá rẻ",
    "giá cao",
    "giá tốt",
    "số lượng lớn",
    "có sẵn",
    "giao ngay",
    "chuẩn xác",
    "chính xác",
    "bất bại",
    "chắc thắng",
    "ăn chắc",
    "vip",
    "đẹp nhất",
    "siêu chuẩn",
    "tỷ lệ cao",
    "tỷ lệ thắng",
    "lợi nhuận",
    "cam kết",
    "hoa hồng",
    "thu nhập",
    "tại nhà",
    "rút tiền nhanh",
    "nạp rút",
    "miễn phí",
    "tân thủ",
    "thành viên mới",
    "link",
    "tải game",
    "tải ngay",
    "xem ngay",
    "chơi là thắng",
    "thắng lớn",
    "tham gia ngay",
    "guaranteed",
    "guaranteed profit",
    "double your",
    "sign up",
    "register",
    "claim",
    "play now",
    "instant",
    "no deposit",
    "bonus",
    "terpercaya",
    "gampang menang",
    "pasti menang",
    "daftar",
    "gratis",
];

/// Signals that only add urgency: they promote a strong term or a brand, not a weak one.
pub(super) const SOFT: &[&str] = &[
    "hôm nay",
    "mới nhất",
    "mỗi ngày",
    "hàng ngày",
    "mỗi tháng",
    "today",
    "hari ini",
    "online",
];

/// A term (or brand) found in a text: where it starts (an index into `Normalized::starts`)
/// and its weight; `keyword` is its index in the lexicon, `None` for a brand.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub(super) word: usize,
    pub(super) weight: u32,
    pub(super) keyword: Option<usize>,
    /// A brand: a brand shape, or one of `lexicon_words::BRANDS`.
    pub(super) brand: bool,
}

/// What the promoting sentences of a text add up to.
#[derive(Debug, Default)]
pub(super) struct Promo {
    /// The score of the best promoting sentence (0 when none promotes).
    pub(super) best: u32,
    /// Whether that sentence names a brand.
    pub(super) brand: bool,
    /// The distinct signals of all promoting sentences.
    pub(super) signals: Vec<String>,
    /// The keywords found in promoting sentences.
    pub(super) keywords: Vec<usize>,
    /// The words of the promoting sentences.
    pub(super) words: usize,
}

/// Words a term or signal may run on past its first word ("nhà cái uy tín").
const TERM_TAIL: usize = 3;

/// A sentence being summed up.
#[derive(Debug, Default)]
struct Sentence {
    terms: u32,
    strong: bool,
    brand: bool,
    hard: Vec<String>,
    soft: Vec<String>,
    editorial: bool,
    keywords: Vec<usize>,
    words: usize,
    /// The first and last word that holds a term or a signal: the promotion's own span.
    span: Option<(usize, usize)>,
}

impl Sentence {
    fn mark(&mut self, w: usize) {
        self.span = Some(self.span.map_or((w, w), |(a, b)| (a.min(w), b.max(w))));
    }

    /// The words the promotion itself takes (its span, a multi-word term's tail included),
    /// so that a slogan run into a news sentence without a full stop ("<b>Tài xỉu uy tín</b>
    /// Ủy ban nhân dân tỉnh triển khai…") weighs as the slogan, not as the whole sentence.
    fn promo_words(&self) -> usize {
        self.span
            .map_or(self.words, |(a, b)| (b - a + TERM_TAIL).min(self.words))
    }
    /// A brand with another term ("sv388 đá gà"), or a term with a seller's signal.
    fn promotes(&self) -> bool {
        let signal =
            !self.hard.is_empty() || (!self.soft.is_empty() && (self.strong || self.brand));
        self.terms > 0 && !self.editorial && (signal || (self.brand && self.terms > 2))
    }

    fn score(&self) -> u32 {
        let signals = u32::try_from(self.hard.len() + self.soft.len()).unwrap_or(u32::MAX);
        self.terms.saturating_add(signals)
    }
}

/// Sentence and quotation state while a text is normalized.
#[derive(Debug, Default)]
pub(super) struct Split {
    id: u32,
    /// 1: after a full stop (a sentence ends at the next space), 2: at a sentence break.
    brk: u8,
    /// Quotation marks of the current sentence, as the index of the next word.
    marks: Vec<usize>,
}

impl Normalized {
    /// A word starts at the end of `base`.
    pub(super) fn start_word(&mut self) {
        if self.split.brk == 2 {
            self.end_sentence();
        }
        self.split.brk = 0;
        self.starts.push(self.base.len());
        self.sentence.push(self.split.id);
        self.quoted.push(false);
    }

    /// Punctuation and spaces between words: sentence ends and quotation marks. A full stop
    /// ends a sentence only when a space follows ("V.League", "kubet.com", "1.000" go on).
    pub(super) fn punct(&mut self, c: char) {
        match c {
            '.' | '!' | '?' | ';' | '\u{2026}' if self.split.brk == 0 => self.split.brk = 1,
            '|' | '\u{2022}' | '\u{2029}' => self.split.brk = 2,
            '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => {
                self.split.marks.push(self.starts.len());
            }
            _ if self.split.brk == 1 && c.is_whitespace() => self.split.brk = 2,
            _ => {}
        }
    }

    /// Closes a sentence: the words between paired quotation marks are quoted.
    pub(super) fn end_sentence(&mut self) {
        let marks = std::mem::take(&mut self.split.marks);
        for pair in marks.chunks_exact(2) {
            if let Some(q) = self.quoted.get_mut(pair[0]..pair[1]) {
                q.fill(true);
            }
        }
        self.split.id += 1;
    }
}

/// Signals that are not words: promo amounts (`100k`), percentages (`5%`), multipliers
/// (`x2`) and odds (`1 ăn 99`), at word `w`.
fn numeric(n: &Normalized, w: usize) -> Option<&'static str> {
    let word = |w: usize| n.starts.get(w).map(|&i| n.word_at(i));
    let exact = word(w)?;
    let digits = |s: &[char]| !s.is_empty() && s.iter().all(char::is_ascii_digit);
    match exact {
        [d @ .., 'k'] if digits(d) => Some("100k"),
        [d @ .., '%'] if digits(d) => Some("%"),
        ['x', d @ ..] if digits(d) => Some("x2"),
        ['ă', 'n'] | ['a', 'n'] => {
            let around = w.checked_sub(1).and_then(word).is_some_and(digits)
                && word(w + 1).is_some_and(digits);
            around.then_some("1 ăn 99")
        }
        _ => None,
    }
}

impl Lexicon {
    /// The promoting sentences of `n`, whose terms and brands are `found`.
    pub(super) fn promo(&self, n: &Normalized, found: &[Found]) -> Promo {
        let mut out = Promo::default();
        if found.is_empty() {
            return out;
        }
        let mut sentences: Vec<(u32, Sentence)> = Vec::new();
        for f in found {
            if n.quoted.get(f.word) != Some(&false) {
                continue;
            }
            let id = n.sentence[f.word];
            let p = match sentences.iter().position(|(s, _)| *s == id) {
                Some(p) => p,
                None => {
                    sentences.push((id, Sentence::default()));
                    sentences.len() - 1
                }
            };
            let s = &mut sentences[p].1;
            if f.keyword.is_some_and(|k| s.keywords.contains(&k)) {
                continue;
            }
            s.mark(f.word);
            s.terms += f.weight;
            s.strong |= f.weight >= 2;
            s.brand |= f.brand;
            s.keywords.extend(f.keyword);
        }
        for (w, &i) in n.starts.iter().enumerate() {
            let Some(p) = sentences.iter().position(|(id, _)| *id == n.sentence[w]) else {
                continue;
            };
            let s = &mut sentences[p].1;
            s.words += 1;
            s.editorial |= self.editorial_at(n, i);
            if let Some(sig) = numeric(n, w) {
                s.mark(w);
                add(&mut s.hard, sig);
            }
            for (list, soft) in [(&self.promo_hard, false), (&self.promo_soft, true)] {
                if let Some(k) = list.iter().find(|k| k.matches_at(n, i)) {
                    s.mark(w);
                    let name: String = k.exact.iter().collect();
                    add(if soft { &mut s.soft } else { &mut s.hard }, &name);
                }
            }
        }
        for (_, s) in sentences.into_iter().filter(|(_, s)| s.promotes()) {
            out.words += s.promo_words();
            if s.score() > out.best {
                out.best = s.score();
                out.brand = s.brand;
            }
            for sig in s.hard.into_iter().chain(s.soft) {
                if !out.signals.contains(&sig) {
                    out.signals.push(sig);
                }
            }
            out.keywords.extend(s.keywords);
        }
        out
    }

    /// Whether an editorial phrase starts at `i` ("bắt" alone is also in "bắt đầu" and
    /// in the tipster's "bắt kèo": not here).
    fn editorial_at(&self, n: &Normalized, i: usize) -> bool {
        self.editorial.iter().any(|k| {
            k.base.first() == Some(&n.base[i])
                && k.exact != ['b', 'ắ', 't']
                && k.matches_exactly_at(n, i)
        })
    }
}

fn add(list: &mut Vec<String>, s: &str) {
    if !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

/// The signal lists, normalized.
pub(super) fn keywords(calls: &[&str], hard: &[&str]) -> Vec<Keyword> {
    calls
        .iter()
        .chain(hard)
        .filter_map(|w| Keyword::new(w, 0))
        .collect()
}
