//! Stage 6 (planted spam, threat A5): what a sentence *means to make the reader do*, for the
//! editorial guard (`lexicon_profile`, `Profile::is_editorial`).
//!
//! Counting editorial words misses intent both ways. An official-sounding frame ("Công an
//! khuyến cáo:", "Phòng chống lừa đảo:", "Cảnh báo:", "Police advise") that ends in a call
//! to act toward a betting place ("chỉ nên tham gia cá cược tại nhà cái uy tín KUBET77",
//! "tải app FB88Z chính chủ", "hãy truy cập link chính thức của 789BET") is an advert,
//! whatever warning words surround it: it *steers*. And a short ban, warning or question
//! that names the games without promoting them ("Nghiêm cấm … lô đề dưới mọi hình thức",
//! "… là đánh bạc trái phép", "… có bị phạt không?") is editorial however few its words:
//! it *condemns*.
//!
//! A sentence steers when a verb of joining, playing, registering, downloading, visiting or
//! paying (`STEERS`) is followed, within [`REACH`] words, by a betting place: a brand (a
//! listed one or a brand-like token, `lexicon_shapes::brand_like`), "nhà cái", or an app, a
//! link or a site in a sentence with a betting term.
//!
//! Security notes:
//! - Steering is read in either spelling (with or without diacritics: adverts drop them);
//!   condemnation only as written, diacritics and all (`Keyword::matches_exactly_at`), as
//!   editorial phrases are: news is written with its diacritics.
//! - A call is no steer when it is refused ("không", "đừng", "tránh", "cấm", "not", "avoid"
//!   among the [`NEGATION_REACH`] words before it), when the sentence reports someone else
//!   inducing it ("dụ", "lôi kéo", "mời chào", "quảng cáo"… before it: news of a ring), when
//!   it tells a past act ("đã", "từng" just before it: "Anh T. đã đăng ký…"), when
//!   it is quoted or cited (a warning quotes the adverts it warns about), or when a
//!   condemnation follows it in its sentence ("chơi tại các nhà cái … có thể bị phạt").
//!   A condemnation *before* the call is the frame, and does not void it.
//! - A text condemns when every sentence that names a game bans, condemns or asks about
//!   the law in prose (at least `PROSE` words outside its terms and the condemnation: "nổ
//!   hũ, bắn cá - trái phép" is a label on a list), without a contact; or when a sentence
//!   of its own without terms bans (the heading "Các hành vi bị nghiêm cấm" over its list).
//!   English condemnations ("illegal", "warned") weigh as editorial phrases only: "- illegal
//!   gambling" is tacked onto English keyword lists. A refused call ("không đăng ký")
//!   condemns, and sells nothing (`lexicon_promo`).
//! - A steering text is never spared by its editorial words or its context; a condemning
//!   one with no call to action and no promoting sentence is not spam by its proportions
//!   alone (`lexicon_profile`), and a block in it that neither promotes nor sells names what
//!   is banned (`html::spam_block::verdict::under_ban`).

use super::keyword::Listed;
use super::lead::Cover;
use super::promo::Found;
use super::{Keyword, Lexicon, Normalized, shapes};
pub(super) use words::EDITORIAL;
use words::LISTS;

/// How many words after the verb its place may come.
const REACH: usize = 7;

/// How many words before the call a refusal may come, with only fillers between
/// ("không nên đăng ký", "đừng bao giờ chơi", "do not visit": `FILLERS`).
const NEGATION_REACH: usize = 4;

/// What the sentences of a text mean to make the reader do.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Intent {
    /// Words of the sentences that steer toward a betting place.
    pub(super) steer_words: usize,
    /// Sentences with a betting term or brand...
    pub(super) term_sentences: usize,
    /// ...and those of them that condemn, ban or ask about the law (not after "không").
    pub(super) condemning: usize,
    /// Sentences without a term that ban or condemn: a heading such as "Các hành vi bị
    /// nghiêm cấm" over the list of what it bans.
    pub(super) bans: usize,
}

/// Steering sentences make a text an advert at this share of its words, in percent: a
/// call run into a long report ("… dụ người chơi …") is cut as a unit of it, if at all.
const STEER_SHARE: usize = 30;

impl Intent {
    pub(super) fn merge(&mut self, other: Intent) {
        self.steer_words += other.steer_words;
        self.term_sentences += other.term_sentences;
        self.condemning += other.condemning;
        self.bans += other.bans;
    }

    /// Whether every sentence that names a game condemns it, bans it or asks about the law,
    /// or a sentence of its own (a heading) bans what the others name.
    pub(super) fn condemns(&self) -> bool {
        self.term_sentences > 0 && (self.condemning == self.term_sentences || self.bans > 0)
    }

    /// Whether a text of `words` words steers (see [`STEER_SHARE`]).
    pub(super) fn steers(&self, words: usize) -> bool {
        self.steer_words > 0 && self.steer_words * 100 / words.max(1) >= STEER_SHARE
    }
}

/// Words of prose (outside terms and the condemnation) a condemning sentence has at least.
const PROSE: usize = 2;

/// How many words the condemnation at word `w` of `n` takes (0 when none starts there).
fn condemn_len(n: &Normalized, w: usize) -> usize {
    if n.negated(w) {
        return 0;
    }
    let i = n.starts[w];
    LISTS
        .condemns
        .at(n, i)
        .filter(|k| k.matches_exactly_at(n, i))
        .map(Keyword::words)
        .max()
        .unwrap_or(0)
}

/// Whether a verb of `STEERS` (or of `STEERS_EXACT`, as written) starts at word `w`.
fn steer_at(n: &Normalized, w: usize) -> bool {
    any_at(n, &LISTS.steers, w, false) || any_at(n, &LISTS.steers_exact, w, true)
}

/// Whether one of `list` matches at word `w` (as written when `exact`).
fn any_at(n: &Normalized, list: &Listed, w: usize, exact: bool) -> bool {
    let i = n.starts[w];
    list.at(n, i).any(|k| match exact {
        true => k.matches_exactly_at(n, i),
        false => k.matches_at(n, i),
    })
}

/// Whether the words `words` of `n` give a contact, unquoted: one of `CONTACTS`, a
/// number of nine digits or more, a handle.
fn contact_in(n: &Normalized, words: std::ops::Range<usize>) -> bool {
    let l = &*LISTS;
    n.marks.iter().any(|&(w, c)| c == '@' && words.contains(&w))
        || words.filter(|&w| !n.quoted[w]).any(|w| {
            let word = n.word_at(n.starts[w]);
            any_at(n, &l.contacts, w, false)
                || word.iter().filter(|c| c.is_ascii_digit()).count() >= 9
        })
}

/// Whether word `w` of `n` is a call that is refused ("không đăng ký", "đừng chơi") or told
/// as a past act ("đã đăng ký"): not a seller's signal (`lexicon_promo`).
pub(super) fn refuses(n: &Normalized, w: usize) -> bool {
    steer_at(n, w) && (refused_at(n, w) || past_at(n, w))
}

/// Whether the call at word `w` of `n` tells a past act: "đã", "từng", "bị" just before it
/// (within its sentence).
fn past_at(n: &Normalized, w: usize) -> bool {
    let s = n.sentence[w];
    let start = n.sentence.partition_point(|&x| x < s);
    (w.saturating_sub(2).max(start)..w).any(|v| any_at(n, &LISTS.narrative, v, true))
}

/// Whether the call at word `w` of `n` is refused (see [`refused`]).
pub(super) fn refused_at(n: &Normalized, w: usize) -> bool {
    let s = n.sentence[w];
    refused(n, n.sentence.partition_point(|&x| x < s), w)
}

/// Whether the call at word `w` (in a sentence from `start`) is refused: a negation before
/// it with only fillers between.
fn refused(n: &Normalized, start: usize, w: usize) -> bool {
    let l = &*LISTS;
    let mut v = w;
    while v > start && w - v < NEGATION_REACH {
        v -= 1;
        if any_at(n, &l.negations, v, false) {
            return true;
        }
        if !any_at(n, &l.fillers, v, false) {
            return false;
        }
    }
    false
}

/// The words of sentence `s`, as indices.
fn sentence_words(n: &Normalized, s: u32) -> std::ops::Range<usize> {
    let a = n.sentence.partition_point(|&x| x < s);
    let b = n.sentence.partition_point(|&x| x <= s);
    a..b
}

impl Lexicon {
    /// The intent of `n`, whose terms and brands are `found`.
    pub(super) fn intent(&self, n: &Normalized, found: &[Found]) -> Intent {
        let mut out = Intent::default();
        let cover = self.cover(found, n.starts.len());
        // A refused call ("không đăng ký", "đừng chơi") condemns too. English words count
        // for the editorial weighing only: "- illegal gambling" is tacked onto keyword lists.
        let mut condemned = vec![false; n.starts.len()];
        let mut covered = vec![false; n.starts.len()];
        for w in 0..n.starts.len() {
            let len = condemn_len(n, w);
            if len > 0 && !n.word_at(n.starts[w]).iter().all(char::is_ascii) {
                condemned[w] = true;
                covered[w..(w + len).min(n.starts.len())].fill(true);
            } else if steer_at(n, w) && refused_at(n, w) {
                condemned[w] = true;
            }
        }
        let count = n.sentence.last().map_or(0, |&s| s + 1);
        for s in 0..count {
            let words = sentence_words(n, s);
            if n.cited(s) || words.is_empty() {
                continue;
            }
            if self.steers(n, &cover, words.clone(), &condemned) {
                out.steer_words += words.len();
            }
            // A condemnation governs the games it names in prose ("Các trang … là đánh bạc
            // trái phép"), not as a label on a list ("nổ hũ, bắn cá - trái phép").
            let prose = words
                .clone()
                .filter(|&w| !covered[w] && !cover.inside(w))
                .count();
            let condemns = prose >= PROSE && words.clone().any(|w| condemned[w]);
            if cover.starts_in(words.clone()) {
                out.term_sentences += 1;
                out.condemning += usize::from(condemns && !contact_in(n, words.clone()));
            } else if condemns && !contact_in(n, words.clone()) {
                out.bans += 1;
            }
        }
        out
    }

    /// Whether the sentence of `words` calls to act toward a betting place.
    fn steers(
        &self,
        n: &Normalized,
        cover: &Cover,
        words: std::ops::Range<usize>,
        condemned: &[bool],
    ) -> bool {
        let l = &*LISTS;
        let betting = cover.starts_in(words.clone());
        let end = words.end;
        words.clone().any(|w| {
            if n.quoted[w] || !steer_at(n, w) || cover.inside(w) {
                return false;
            }
            // "người chơi" is a noun: the player, not a call to play.
            if w > words.start
                && matches!(
                    n.word_at(n.starts[w - 1]),
                    ['n', 'g', 'ư', 'ờ', 'i'] | ['n', 'g', 'u', 'o', 'i']
                )
            {
                return false;
            }
            // A past act ("đã đăng ký", "từng chơi") is news of what someone did.
            if past_at(n, w)
                || refused(n, words.start, w)
                || (words.start..w).any(|v| any_at(n, &l.induces, v, true))
                || (w..end).any(|v| condemned[v])
            {
                return false;
            }
            let reach = w + 1..(w + 1 + REACH).min(end);
            reach.into_iter().any(|v| {
                self.is_place(n, cover, v, betting)
                    || (any_at(n, &l.carriers, v, false)
                        && (betting || (v + 1..end).any(|u| self.is_place(n, cover, u, betting))))
            })
        })
    }

    /// Whether word `w` names a betting place on its own: a brand or "nhà cái"; a token only
    /// shaped like a brand ("SH150i", "A54") in a sentence with a betting term or brand.
    fn is_place(&self, n: &Normalized, cover: &Cover, w: usize, betting: bool) -> bool {
        let word = n.word_at(n.starts[w]);
        let official = |v: usize| {
            n.starts
                .get(v)
                .is_some_and(|&i| matches!(n.word_at(i), ['g', 'o', 'v'] | ['e', 'd', 'u']))
        };
        cover.brand_at(w)
            || (betting && shapes::brand_like(word) && !official(w + 1))
            || any_at(n, &LISTS.places, w, false)
    }
}

#[path = "lexicon_intent_words.rs"]
mod words;
