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
//! - Promotions by shape (`lexicon_shapes`): a topic noun ("vay tiền", "hack", "coin") or
//!   a brand-like token promotes with features of several kinds (a call, a contact such as
//!   Zalo or a mobile number, a money promise, a boast). A sentence with a topic and no
//!   signal borrows the features of a neighbour that has no topic of its own ("Vay tiền
//!   nhanh, không thế chấp. Liên hệ Zalo 0912…"), never those of a report.
//! - A quotation is a mention only in a sentence with [`QUOTING`] words of its own: after
//!   a bare "Cảnh báo:" the quoted advert is the advert.
//! - Only texts with a term, a topic noun or a brand-like token (or short fragments) are
//!   read in full, so ordinary text costs one lookup per word.

use super::{Keyword, Lexicon, Normalized, shapes};

use signals::numeric;
pub(super) use signals::{HARD, SOFT};
pub(super) use split::Split;

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
    /// How a promoting sentence (or a neighbour of it) is acted on: `lexicon_shapes::CALL`
    /// (a call to action or a brand) and `CONTACT` (a phone number, Zalo, a handle).
    pub(super) acts: u8,
    /// The distinct signals of all promoting sentences.
    pub(super) signals: Vec<String>,
    /// The keywords found in promoting sentences.
    pub(super) keywords: Vec<usize>,
    /// The words of the promoting sentences.
    pub(super) words: usize,
    /// A short text that is no report: its topics and features (`lexicon_shapes::Shape`).
    pub(super) shape: shapes::Shape,
    /// Whether a promoting sentence follows a colon's lead-in that does not cite it.
    pub(super) led: bool,
    /// The calls, contacts and prices of every sentence read, promoting or not
    /// (`lexicon_lead`).
    pub(super) offered: u8,
    /// Whether a promoting sentence has no quotation marks at all: copy, not a quotation.
    pub(super) bare: bool,
}

/// Unquoted words that make a sentence one that quotes (see `Lexicon::promo`).
const QUOTING: usize = 6;

/// Words a term or signal may run on past its first word ("nhà cái uy tín").
const TERM_TAIL: usize = 3;

/// Distinct terms (one strong) that make a sentence with no report of its own an advert.
const RUN_TERMS: usize = 3;

/// A sentence being summed up.
#[derive(Debug, Default)]
struct Sentence {
    terms: u32,
    strong: bool,
    brand: bool,
    hard: Vec<String>,
    soft: Vec<String>,
    /// Reporting phrases in it (occurrences).
    reports: u32,
    keywords: Vec<usize>,
    words: usize,
    /// The first and last word that holds a term or a signal: the promotion's own span.
    span: Option<(usize, usize)>,
    /// Topic nouns and brand-like tokens (`lexicon_shapes`), distinct.
    nouns: Vec<u64>,
    /// The kinds of its features (`lexicon_shapes::CALL` …), and how many there are.
    kinds: u8,
    features: usize,
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
    /// A brand with another term ("sv388 đá gà"), or a term with a seller's signal; or a
    /// topic noun with features of three kinds, or of two with a second topic or four
    /// features (`lexicon_shapes`).
    fn promotes(&self) -> bool {
        if self.editorial() {
            return false;
        }
        let signal =
            !self.hard.is_empty() || (!self.soft.is_empty() && (self.strong || self.brand));
        let shaped =
            !self.nouns.is_empty() && shapes::shaped(self.kinds, self.nouns.len(), self.features);
        // A run of three distinct terms, one of them spam alone, with no report of its own
        // ("Sports betting site with live casino and jackpot slots"): the copy of an advert.
        let run = self.strong && self.keywords.len() >= RUN_TERMS;
        (self.terms > 0 && (signal || run || (self.brand && self.terms > 2))) || shaped
    }

    fn score(&self) -> u32 {
        let signals = u32::try_from(self.hard.len() + self.soft.len()).unwrap_or(u32::MAX);
        let nouns = u32::from(!self.nouns.is_empty());
        self.terms.saturating_add(nouns).saturating_add(signals)
    }

    /// Whether it reports: a reporting phrase of its own (not after "không"/"no").
    fn editorial(&self) -> bool {
        self.reports > 0
    }

    fn has_topic(&self) -> bool {
        self.terms > 0 || !self.nouns.is_empty()
    }

    fn feature(&mut self, w: usize, kind: u8, name: &str) {
        self.mark(w);
        self.kinds |= kind;
        self.features += 1;
        add(&mut self.hard, name);
    }

    /// This sentence with the features of a neighbour that has none of its own topics (an
    /// advert's "Liên hệ Zalo 0912…" after its offer).
    fn with(&self, o: &Sentence) -> Sentence {
        let mut s = Sentence {
            hard: self.hard.clone(),
            soft: self.soft.clone(),
            keywords: self.keywords.clone(),
            nouns: self.nouns.clone(),
            ..*self
        };
        for h in &o.hard {
            add(&mut s.hard, h);
        }
        for h in &o.soft {
            add(&mut s.soft, h);
        }
        s.kinds |= o.kinds;
        s.features += o.features;
        s
    }
}

impl Lexicon {
    /// The promoting sentences of `n`, whose terms and brands are `found`.
    pub(super) fn promo(&self, n: &Normalized, found: &[Found]) -> Promo {
        let cover = self.cover(found, n.starts.len());
        let mut out = Promo::default();
        let count = n.sentence.last().map_or(0, |&s| s as usize + 1);
        // The first pass, over every word: topic nouns and brand-like tokens.
        let mut nouns: Vec<(usize, u64)> = Vec::new();
        let mut tokens: Vec<usize> = Vec::new();
        let mut ctx = shapes::Context::default();
        for w in 0..n.starts.len() {
            if let Some(id) = self.shapes.noun_at(n, w, &mut ctx) {
                nouns.push((w, id));
            } else if shapes::brand_like(n.word_at(n.starts[w]))
                && tokens.last() != Some(&(n.sentence[w] as usize))
            {
                tokens.push(n.sentence[w] as usize);
            }
        }
        let fragment = n.starts.len() <= shapes::FRAGMENT;
        if count == 0 || (found.is_empty() && nouns.is_empty() && tokens.is_empty() && !fragment) {
            return out;
        }
        let mut sentences: Vec<Sentence> = (0..count).map(|_| Sentence::default()).collect();
        // A quotation is a mention only in a sentence of its own words ("Người dân cần cảnh
        // giác với lời mời “…”"); after a bare "Cảnh báo:" it is the advert itself.
        let (mut unquoted, mut quotes) = (vec![0usize; count], vec![false; count]);
        for (w, q) in n.quoted.iter().enumerate() {
            unquoted[n.sentence[w] as usize] += usize::from(!q);
            quotes[n.sentence[w] as usize] |= q;
        }
        // A bare label before a quoted advert ("Cảnh báo: “…”") does not make it a report.
        let label = |i: usize| quotes[i] && unquoted[i] < QUOTING;
        let cited: Vec<bool> = (0..count).map(|i| n.cited(i as u32)).collect();
        let quoted = |w: usize| {
            let s = n.sentence[w] as usize;
            (n.quoted[w] && unquoted[s] >= QUOTING) || cited[s]
        };
        for f in found {
            if f.word >= n.quoted.len() || quoted(f.word) {
                continue;
            }
            let s = &mut sentences[n.sentence[f.word] as usize];
            if f.keyword.is_some_and(|k| s.keywords.contains(&k)) {
                continue;
            }
            s.mark(f.word);
            s.terms += f.weight;
            s.strong |= f.weight >= 2;
            s.brand |= f.brand;
            s.keywords.extend(f.keyword);
        }
        for (w, id) in nouns.into_iter().filter(|&(w, _)| !quoted(w)) {
            let s = &mut sentences[n.sentence[w] as usize];
            s.mark(w);
            if !s.nouns.contains(&id) {
                s.nouns.push(id);
            }
        }
        let topic: Vec<bool> = (0..count)
            .map(|i| sentences[i].has_topic() || tokens.binary_search(&i).is_ok())
            .collect();
        // The second pass, over the sentences with a topic and their neighbours.
        let wanted = |i: usize| {
            fragment || topic[i] || (i > 0 && topic[i - 1]) || topic.get(i + 1) == Some(&true)
        };
        let mut ctx = shapes::Context::default();
        for (w, &i) in n.starts.iter().enumerate() {
            let id = n.sentence[w] as usize;
            if !wanted(id) || cited[id] {
                continue;
            }
            let s = &mut sentences[id];
            s.words += 1;
            let read = self.shapes.read(n, w, &mut ctx);
            // A term's own words do not report ("xem quảng cáo kiếm tiền").
            if !label(id) && !cover.inside(w) {
                let report = read.editorial || self.editorial_at(n, w);
                s.reports += u32::from(report);
            }
            if let Some(noun) = read.noun
                && !s.nouns.contains(&noun)
            {
                s.mark(w);
                s.nouns.push(noun);
            }
            // A refused call ("không đăng ký") sells nothing (`lexicon_intent`).
            if super::intent::refuses(n, w) {
                continue;
            }
            let call = read.feature.is_some_and(|(k, _)| k == shapes::CALL);
            if let Some((kind, name)) = read.feature {
                s.feature(w, kind, name);
            }
            if let Some(sig) = numeric(n, w) {
                s.feature(w, shapes::MONEY, sig);
            }
            for (list, soft) in [(&self.promo_hard, false), (&self.promo_soft, true)] {
                // Not a signal that runs into a term ("tại nhà" of "tại nhà cái").
                let clear = |k: &&Keyword| {
                    cover.inside(w) || (w + 1..w + k.words()).all(|v| !cover.inside(v))
                };
                if let Some(k) = list.at(n, i).find(|k| k.matches_at(n, i) && clear(k)) {
                    s.mark(w);
                    let name: String = k.exact.iter().collect();
                    add(if soft { &mut s.soft } else { &mut s.hard }, &name);
                    if !soft && !call {
                        s.kinds |= shapes::BOAST;
                        s.features += 1;
                    }
                }
            }
        }
        if fragment && !sentences.iter().any(Sentence::editorial) {
            for s in &sentences {
                out.shape.merge(&shapes::Shape {
                    words: s.words,
                    topics: s.terms + u32::try_from(s.nouns.len()).unwrap_or(u32::MAX),
                    kinds: s.kinds,
                    features: s.features,
                });
            }
            if out.shape.topics == 0 && out.shape.features == 0 {
                out.shape = shapes::Shape::default();
            }
        }
        out.offered = sentences.iter().fold(0, |k, s| k | s.kinds)
            & (shapes::CALL | shapes::CONTACT | shapes::MONEY);
        let mut promoting: Vec<bool> = sentences.iter().map(Sentence::promotes).collect();
        for i in 0..count {
            if promoting[i] || !sentences[i].has_topic() || sentences[i].editorial() {
                continue;
            }
            for j in [i.wrapping_sub(1), i + 1] {
                let Some(o) = sentences.get(j) else { continue };
                // Its way to act (a call, a contact), not a figure of news ("đạt 98,6%").
                let acts = o.kinds & (shapes::CALL | shapes::CONTACT);
                if o.editorial() || o.has_topic() || acts == 0 {
                    continue;
                }
                let merged = sentences[i].with(o);
                if merged.promotes() {
                    promoting[i] = true;
                    promoting[j] = true;
                    sentences[i] = merged;
                    break;
                }
            }
        }
        // An advert to act on: a promoting sentence, or a neighbour of one that reports
        // nothing, calls to action or gives a contact (a brand is a call).
        let acts = |s: &Sentence| {
            let brand = if s.brand { shapes::CALL } else { 0 };
            match s.editorial() {
                true => 0,
                false => (s.kinds & (shapes::CALL | shapes::CONTACT)) | brand,
            }
        };
        for i in (0..count).filter(|&i| promoting[i]) {
            for j in [i.wrapping_sub(1), i, i + 1] {
                out.acts |= sentences.get(j).map_or(0, acts);
            }
        }
        out.led = (0..count).any(|i| promoting[i] && n.led(i as u32));
        out.bare = (0..count).any(|i| promoting[i] && !quotes[i]);
        for (s, _) in sentences.into_iter().zip(promoting).filter(|(_, p)| *p) {
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

    /// Whether an editorial phrase starts at word `w` ("bắt" alone is also in "bắt đầu"
    /// and in the tipster's "bắt kèo": not here; "không lừa đảo", "no scam" are boasts).
    fn editorial_at(&self, n: &Normalized, w: usize) -> bool {
        let i = n.starts[w];
        !n.negated(w)
            && self.editorial.at(n, i).any(|k| {
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
pub(super) fn keywords(calls: &[&str], hard: &[&str]) -> super::keyword::Listed {
    calls
        .iter()
        .chain(hard)
        .filter_map(|w| Keyword::new(w, 0))
        .collect()
}

#[path = "lexicon_signals.rs"]
mod signals;
#[path = "lexicon_split.rs"]
mod split;
