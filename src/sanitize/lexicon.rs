//! Stage 6 (planted spam): the betting/casino keyword lexicon and its text normalization.
//!
//! Text is entity-decoded by the caller; VIQR typing (`lexicon_viqr`), look-alike letters,
//! joiners and foreign combining marks (`lexicon_fold`) are folded, then NFKC, lower-cased,
//! stripped of zero-width characters and soft hyphens; every non-alphanumeric run is a space.
//! Each character is then also reduced to its base letter (`đ` → `d` by hand, since Unicode
//! does not decompose it). A keyword matches at word boundaries, either exactly with its
//! diacritics, or on a span written *without any* diacritics: so "co bac" matches "cờ bạc",
//! but "cô bác" (written with other diacritics) does not. Keywords written letter by letter
//! ("n h à c á i") are read by `lexicon_spaced`.
//!
//! Security note: one weak word is not spam. Editorial text ("phòng chống cá cược bóng đá",
//! "Xổ số kiến thiết") must survive, so a text is spam only when its score reaches
//! [`SPAM_SCORE`]: strong keywords and brand names count 2, weak ones 1. Callers apply this
//! only to hidden blocks, the title and the meta description, never to visible text.

use regex::Regex;

pub use normalized::Normalized;
use promo::Found;
use words::{BRAND, BRANDS, CALLS, EDITORIAL, WEAK};

/// The score at which a text counts as planted spam.
pub const SPAM_SCORE: u32 = 2;

/// One keyword, normalized both ways.
#[derive(Debug, Clone)]
struct Keyword {
    exact: Vec<char>,
    base: Vec<char>,
    weight: u32,
    /// Where the next keyword may start after this one matched (`base.len()`, or the start
    /// of the object of a composed term, see `lexicon_compose`).
    reopen: usize,
}

/// A compiled lexicon. Built once per config load.
#[derive(Debug, Clone)]
pub struct Lexicon {
    keywords: Vec<Keyword>,
    /// Keywords and editorial phrases by first letter, for [`Lexicon::profile`].
    index: profile::Index,
    /// Keywords by their joined letters, for text written letter by letter.
    spaced: spaced::Index,
    editorial: keyword::Listed,
    kinds: EditorialKinds,
    /// Calls to action of adverts, weighed by the editorial guard (`lexicon_profile`).
    calls: Vec<Keyword>,
    brand: Option<Regex>,
    /// `brand` is [`BRAND`], which only matches ASCII words with a digit; the built-in
    /// brand shapes without a digit (`words::brand_shape`) are on too.
    brand_is_builtin: bool,
    /// Promotion features read by shape (`lexicon_shapes`).
    shapes: shapes::Shapes,
    /// The signals of promoting sentences (`lexicon_promo`): sellers' words and urgency.
    promo_hard: keyword::Listed,
    promo_soft: keyword::Listed,
    /// Strong keywords of several words by their letters run together (`lexicon_joined`).
    whole: std::collections::HashMap<Vec<char>, usize>,
    /// The keywords that are brand names (`lexicon_words::BRANDS`).
    brand_keywords: Vec<usize>,
}

/// Where the kinds of `Lexicon::editorial` start: reporting phrases, then the names of
/// institutions and services (`lexicon_topics::NAMES`: editorial, but no warning alone),
/// then labels that mask a phrase inside them (`lexicon_topics::LABELS`: count as nothing).
#[derive(Debug, Clone, Copy)]
struct EditorialKinds {
    names_from: usize,
    labels_from: usize,
}

/// The words that matched and their total score.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub score: u32,
    pub words: Vec<String>,
}

impl Hits {
    pub fn is_spam(&self) -> bool {
        self.score >= SPAM_SCORE
    }
}

impl Lexicon {
    /// The built-in Vietnamese list, built once for the process.
    pub fn builtin() -> std::sync::Arc<Self> {
        shared::builtin()
    }

    /// [`Lexicon::build`], shared with every site that asks for the same table (see
    /// `lexicon_shared`).
    pub fn shared(
        builtin: bool,
        strong: &[String],
        weak: &[String],
        remove: &[String],
        brand: Option<&str>,
    ) -> Result<std::sync::Arc<Self>, regex::Error> {
        shared::get(builtin, strong, weak, remove, brand)
    }

    /// Builds a lexicon: the built-in list (unless `builtin` is false), plus `strong` and
    /// `weak` additions, minus `remove`; `brand` overrides the brand-name pattern (`""` off).
    pub fn build(
        builtin: bool,
        strong: &[String],
        weak: &[String],
        remove: &[String],
        brand: Option<&str>,
    ) -> Result<Self, regex::Error> {
        let keywords = compose::keywords(builtin, strong, weak, remove);
        let brand_is_builtin = brand.is_none() && builtin;
        let brand = match brand {
            Some("") => None,
            Some(p) => Some(Regex::new(p)?),
            None if builtin => Some(Regex::new(BRAND)?),
            None => None,
        };
        // Reporting phrases, then names, then labels (see `EditorialKinds`).
        let (editorial, kinds) = if builtin {
            let reporting: Vec<Keyword> = EDITORIAL
                .iter()
                .copied()
                .chain(topics::listed(topics::EDITORIAL))
                .chain(topics::listed(jargon::EDITORIAL))
                .chain(intent::EDITORIAL.iter().copied())
                .chain(topics::listed(unworded::EDITORIAL))
                .chain(topics::listed(offers::EDITORIAL))
                .filter_map(|w| Keyword::new(w, 0))
                .collect();
            let names: Vec<Keyword> = topics::listed(topics::NAMES)
                .filter_map(|w| Keyword::new(w, 0))
                .collect();
            let labels = topics::listed(topics::LABELS).filter_map(|w| Keyword::new(w, 0));
            let kinds = EditorialKinds {
                names_from: reporting.len(),
                labels_from: reporting.len() + names.len(),
            };
            (
                reporting.into_iter().chain(names).chain(labels).collect(),
                kinds,
            )
        } else {
            let kinds = EditorialKinds {
                names_from: 0,
                labels_from: 0,
            };
            (keyword::Listed::default(), kinds)
        };
        let calls: Vec<Keyword> = match builtin {
            true => CALLS.iter().filter_map(|w| Keyword::new(w, 0)).collect(),
            false => Vec::new(),
        };
        let (promo_hard, promo_soft) = match builtin {
            true => (
                promo::keywords(CALLS, promo::HARD),
                promo::keywords(&[], promo::SOFT),
            ),
            false => Default::default(),
        };
        let brand_keywords = match builtin {
            true => {
                let brands: Vec<Vec<char>> = BRANDS.iter().map(|b| b.chars().collect()).collect();
                keywords
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| brands.contains(&k.exact))
                    .map(|(i, _)| i)
                    .collect()
            }
            false => Vec::new(),
        };
        Ok(Self {
            index: profile::Index::new(&keywords, &editorial, &calls),
            kinds,
            spaced: spaced::Index::new(&keywords),
            whole: joined::whole_index(&keywords),
            shapes: shapes::Shapes::new(builtin),
            keywords,
            editorial,
            calls,
            brand,
            brand_is_builtin,
            promo_hard,
            promo_soft,
            brand_keywords,
        })
    }

    /// The keyword that a short text consists of, whole (weak ones included): a foreign link
    /// whose entire text is "đá gà" or "cá cuoc" is an advert, whatever its score.
    pub fn whole_term(&self, text: &str) -> Option<String> {
        let n = Normalized::new(text);
        let end = n.base.len() - usize::from(n.base.last() == Some(&' '));
        let (exact, base) = (&n.exact[..end], &n.base[..end]);
        self.keywords
            .iter()
            .find(|k| k.base == base && (k.exact == exact || exact == base))
            .map(|k| k.exact.iter().collect())
    }

    /// Whether `term` (as a profile names it) is one of the weak betting words that news
    /// names as topics ("đá gà", "cá độ", "lô đề"), not a scam family's jargon.
    pub fn is_news_topic(&self, term: &str) -> bool {
        WEAK.contains(&term)
    }

    /// Scores a text (already entity-decoded). Each keyword counts once, and one inside a
    /// longer one that matched there not at all (see `Lexicon::each_match`).
    pub fn scan(&self, text: &str) -> Hits {
        let n = Normalized::new(text);
        // Keywords only: brand names keep their digits.
        let teen = fold::teencode(text).map(|t| Normalized::new(&t));
        let typed = typed::fold(text).map(|t| Normalized::new(&t));
        let mut hits = Hits::default();
        // Labels ("đường dây nóng") are no editorial phrase.
        let editorial = self.editorial.occur_exactly_in(&n, self.kinds.labels_from);
        let mut found: Vec<usize> = Vec::new();
        let mut at: Vec<Found> = Vec::new();
        for t in [Some(&n), teen.as_ref(), typed.as_ref()]
            .into_iter()
            .flatten()
        {
            self.each_match(t, |start, i, kw| {
                if !found.contains(&i) {
                    found.push(i);
                }
                at.push(Found {
                    word: t.word_index(start),
                    weight: kw.weight,
                    keyword: Some(i),
                    brand: self.brand_keywords.contains(&i),
                });
            });
        }
        for i in self.spaced_keywords(&n) {
            if !found.contains(&i) {
                found.push(i);
            }
        }
        found.sort_unstable();
        self.scan_brands(&n, &mut hits, &mut at);
        // A promoting sentence (`lexicon_promo`) is judged on its own: its weak terms count
        // whatever editorial phrase another sentence has, and its signals add up.
        let promo = self.promo(&n, &at);
        for (i, k) in found.into_iter().map(|i| (i, &self.keywords[i])) {
            let cancelled = editorial && k.weight < 2 && !promo.keywords.contains(&i);
            hits.score += if cancelled { 0 } else { k.weight };
            hits.words.push(k.exact.iter().collect());
        }
        if promo.best > 0 {
            hits.score += u32::try_from(promo.signals.len()).unwrap_or(u32::MAX);
            hits.words.extend(promo.signals);
        }
        hits
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::build(true, &[], &[], &[], None).expect("built-in brand pattern compiles")
    }
}

#[path = "lexicon_brand_units.rs"]
mod brand_units;
#[path = "lexicon_brands.rs"]
mod brands;
#[path = "lexicon_compose.rs"]
mod compose;
#[path = "lexicon_families.rs"]
mod families;
#[path = "lexicon_fold.rs"]
mod fold;
#[path = "lexicon_intent.rs"]
mod intent;
#[path = "lexicon_jargon.rs"]
mod jargon;
#[path = "lexicon_joined.rs"]
mod joined;
#[path = "lexicon_keyword.rs"]
mod keyword;
#[path = "lexicon_lead.rs"]
mod lead;
#[path = "lexicon_normalized.rs"]
mod normalized;
#[path = "lexicon_offers.rs"]
mod offers;
#[path = "lexicon_profile.rs"]
mod profile;
#[path = "lexicon_promo.rs"]
mod promo;
#[path = "lexicon_shapes.rs"]
mod shapes;
#[path = "lexicon_shared.rs"]
mod shared;
#[path = "lexicon_spaced.rs"]
mod spaced;
#[path = "lexicon_topics.rs"]
mod topics;
#[path = "lexicon_typed.rs"]
mod typed;
#[path = "lexicon_unworded.rs"]
mod unworded;
#[path = "lexicon_viqr.rs"]
mod viqr;
#[path = "lexicon_words.rs"]
mod words;
pub use brand_units::BrandUnit;
pub use profile::{Profile, SELLS_CALL, SELLS_CONTACT};

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
