//! Stage 6 (planted spam, threat A5, class "brands"): betting brand names as a class, not
//! a fixed list. Brands are made-up ASCII words: a word or letters with a lucky number
//! (`go88`, `hi88`, `w88`, `ok365`), digits with a betting word (`789bet`, `8xbet`,
//! `78win`, `b52club`), and, without any digit, a name ending in `bet`, `club`, `win` or
//! `vip` (`fabet`, `hitclub`, `sunwin`, `nhatvip`). The digit shapes are the `BRAND`
//! pattern of `lexicon_words`; the others are read here, on the word as written. Big brands
//! no shape reads (`bk8`, `sv368`) are listed ([`KNOWN`]), and a brand of any shape with a
//! mirror's suffix (`vn88x`, `jun88vip`, `new88z`) is one too (issue 14, "a lone brand").
//!
//! Security notes:
//! - Guards: a brand is one word of letters and digits, so "QĐ-UBND", "Model 88", years,
//!   phone numbers and document numbers ("88/QĐ-UBND") never are one; English words of
//!   those shapes ("alphabet", "Tibet", "fanclub", "twin", "Darwin") and version names
//!   ("Win10") and the protection ratings of phone specs ("IP68") are listed out; one
//!   letter with a number is a brand only with 88, 99, 68, 79 or a triple (`w88`, `m88`),
//!   not a model ("Galaxy A55").
//! - Written with diacritics ("bết") a word is Vietnamese, not a brand: the shapes without
//!   a digit are matched on the word as written.
//!
//! The names of apps and services that sellers give as a contact ("qua ứng dụng Hẹn Hò
//! 24h", "tải app xyz", "dịch vụ Minh Phát") are read here too ([`is_name`]).

use regex::Regex;

use super::promo::Found;
use super::{Hits, Lexicon, Normalized};

/// Words of the brand shapes that are not brands.
const NOT_BRANDS: &[&str] = &[
    "alphabet",
    "sorbet",
    "abet",
    "tibet",
    "gibbet",
    "barbet",
    "sherbet",
    "quodlibet",
    "rabbet",
    "gobbet",
    "fanclub",
    "nightclub",
    "golfclub",
    "bookclub",
    "jazzclub",
    "skiclub",
    "yachtclub",
    "healthclub",
    "chessclub",
    "gleeclub",
    "fightclub",
    "sportclub",
    "sportsclub",
    "kidsclub",
    "twin",
    "darwin",
    "erwin",
    "edwin",
    "godwin",
    "baldwin",
    "unwin",
    "irwin",
    "corwin",
    "goodwin",
    "marvin",
    "win10",
    "win11",
    "win95",
    "win98",
    "win32",
    "win64",
];

/// Big betting brands that no shape reads (too short, or a lucky number the shapes leave
/// to models and codes), as written in ASCII lower case.
const KNOWN: &[&str] = &[
    "bk8", "s666", "vwin", "bwin", "cwin", "kwin", "letou", "manbetx", "sbobet", "betway",
    "betvisa", "cmd368", "sv368", "tk88", "ok9", "hb88", "zbet", "888b",
];

/// Letters a mirror of a brand adds after it ("vn88x", "jun88vip", "new88z", "kubetclub").
const MIRRORS: &[&str] = &[
    "x", "z", "vip", "club", "pro", "tv", "vn", "win", "bet", "io", "plus", "online",
];

/// Lucky numbers after letters that read as a brand ("sv368", "abc6868") beyond `BRAND`'s.
const LUCKY: &[&str] = &["368", "388", "868", "6868", "8386", "3979"];

/// Whether a lower-case ASCII word is a brand that `BRAND` and [`brand_shape`] miss: a known
/// name, letters with one more lucky number, digits before `gamebai`/`casino`, or a brand of
/// any of these shapes with a mirror's suffix. Never a word of [`NOT_BRANDS`].
pub(super) fn listed_or_mirror(word: &str, core: &dyn Fn(&str) -> bool) -> bool {
    if word.len() < 3 || word.len() > 16 || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    if not_a_brand(word) {
        return false;
    }
    let letters = word.bytes().take_while(u8::is_ascii_lowercase).count();
    let lucky = (2..=6).contains(&letters) && LUCKY.contains(&&word[letters..]);
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let stem = digits > 0 && matches!(&word[digits..], "gamebai" | "casino" | "game");
    if KNOWN.contains(&word) || lucky || stem {
        return true;
    }
    MIRRORS.iter().any(|m| {
        word.len() > m.len() + 2
            && word.ends_with(m)
            && word[..word.len() - m.len()]
                .bytes()
                .any(|b| b.is_ascii_digit())
            && {
                let c = &word[..word.len() - m.len()];
                core(c) || KNOWN.contains(&c) || listed_or_mirror(c, &|_| false)
            }
    })
}

/// Whether a word written in ASCII letters has a brand shape without a digit.
pub(super) fn brand_shape(word: &[char]) -> bool {
    if word.len() < 5 || word.len() > 14 || !word.iter().all(char::is_ascii_lowercase) {
        return false;
    }
    let ends = |s: &str| {
        let s: Vec<char> = s.chars().collect();
        word.ends_with(&s) && word.len() > s.len() + 1
    };
    (ends("bet") || ends("club") || ends("win") || ends("vip")) && !not_a_brand_chars(word)
}

fn not_a_brand_chars(word: &[char]) -> bool {
    NOT_BRANDS
        .iter()
        .any(|b| b.len() == word.len() && b.chars().eq(word.iter().copied()))
}

/// Whether a word the `BRAND` pattern matched is listed out, or a code of a standard: the
/// ingress protection of a phone's spec ("IP68", "IP67", "IPX8").
pub(super) fn not_a_brand(word: &str) -> bool {
    NOT_BRANDS.contains(&word) || is_rating(word)
}

/// An ingress protection rating: "ip" and two digits (or "x" and a digit), an optional "k".
pub(super) fn is_rating(word: &str) -> bool {
    let Some(rest) = word.strip_prefix("ip") else {
        return false;
    };
    let rest = rest.strip_suffix('k').unwrap_or(rest);
    let b = rest.as_bytes();
    b.len() == 2 && (b[0].is_ascii_digit() || b[0] == b'x') && b[1].is_ascii_digit()
}

impl Lexicon {
    /// Adds the brand names of `n` to `hits` (and where they are to `at`).
    pub(super) fn scan_brands(&self, n: &Normalized, hits: &mut Hits, at: &mut Vec<Found>) {
        if self.brand_is_builtin {
            for (w, (from, to)) in n.words().enumerate() {
                let word = &n.exact[from..to];
                if brand_shape(word) {
                    let word: String = word.iter().collect();
                    at.push(Found {
                        word: w,
                        weight: 2,
                        keyword: None,
                        brand: true,
                    });
                    if !hits.words.contains(&word) {
                        hits.score += 2;
                        hits.words.push(word);
                    }
                }
            }
        }
        let Some(re) = &self.brand else { return };
        if self.brand_is_builtin {
            self.scan_listed(n, hits, at, re);
            self.scan_spaced(n, hits, at, re);
        }
        let mut word = String::new();
        for (w, (from, to)) in n.words().enumerate() {
            let chars = &n.base[from..to];
            // A word the built-in pattern can match is ASCII letters and digits (`\d` is
            // any Unicode digit) with at least one digit.
            if self.brand_is_builtin
                && !(chars
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || c.is_numeric())
                    && chars.iter().any(|c| c.is_numeric()))
            {
                continue;
            }
            word.clear();
            word.extend(chars);
            if word.len() >= 3 && re.is_match(&word) && !not_a_brand(&word) {
                at.push(Found {
                    word: w,
                    weight: 2,
                    keyword: None,
                    brand: true,
                });
                if !hits.words.contains(&word) {
                    hits.score += 2;
                    hits.words.push(word.clone());
                }
            }
        }
    }
}

impl Lexicon {
    /// The brands written letter by letter in `n` (`lexicon_spaced::brands`).
    fn scan_spaced(&self, n: &Normalized, hits: &mut Hits, at: &mut Vec<Found>, re: &Regex) {
        let core = |c: &str| re.is_match(c) || brand_shape(&c.chars().collect::<Vec<_>>());
        let is_brand = |b: &str| (core(b) && !not_a_brand(b)) || listed_or_mirror(b, &core);
        for (w, word) in super::spaced::brands(n, &is_brand) {
            at.push(Found {
                word: w,
                weight: 2,
                keyword: None,
                brand: true,
            });
            if !hits.words.contains(&word) {
                hits.score += 2;
                hits.words.push(word);
            }
        }
    }

    /// The brands of [`listed_or_mirror`] in `n` (what the `BRAND` pattern `re` matches is
    /// left to it).
    fn scan_listed(&self, n: &Normalized, hits: &mut Hits, at: &mut Vec<Found>, re: &Regex) {
        let mut word = String::new();
        for (w, (from, to)) in n.words().enumerate() {
            let chars = &n.exact[from..to];
            if !chars.iter().all(char::is_ascii_alphanumeric) {
                continue;
            }
            word.clear();
            word.extend(chars);
            let core = |c: &str| re.is_match(c) || brand_shape(&c.chars().collect::<Vec<_>>());
            if re.is_match(&word) || brand_shape(chars) || !listed_or_mirror(&word, &core) {
                continue;
            }
            at.push(Found {
                word: w,
                weight: 2,
                keyword: None,
                brand: true,
            });
            if !hits.words.contains(&word) {
                hits.score += 2;
                hits.words.push(word.clone());
            }
        }
    }
}

/// Words (base letters) after "qua app" that are no app's name.
const NOT_NAMES: &[&[char]] = &[
    &['v', 'e'],
    &['d', 'e'],
    &['n', 'a', 'y'],
    &['c', 'u', 'a'],
    &['c', 'a', 'c'],
    &['t', 'r', 'e', 'n'],
    &['v', 'a'],
    &['k', 'h', 'o', 'n', 'g'],
    &['l', 'a'],
    &['d', 'i'],
    &['d', 'i', 'e', 'n'],
    &['n', 'g', 'a', 'n'],
    &['n', 'g', 'u', 'o', 'i'],
    &['c', 'h', 'i', 'n', 'h'],
    &['m', 'o', 'i'],
    &['t', 'h', 'e'],
    &['t', 'o'],
    &['f', 'o', 'r'],
    &['a', 'n', 'd'],
    &['o', 'f'],
];

/// Whether word `w` (`word` as written) reads as a name: capitalized where the word before
/// is not (in an all-caps line every word is), with a digit, or a word without diacritics;
/// never a function word ("qua ứng dụng lạ", "QUA ỨNG DỤNG LẠ").
pub(super) fn is_name(n: &Normalized, w: usize, word: &[char]) -> bool {
    let base = &n.base[n.starts[w]..n.starts[w] + word.len()];
    if NOT_NAMES.contains(&base) {
        return false;
    }
    let plain = word.iter().all(char::is_ascii_alphanumeric);
    let capital = n.caps[w] && (w == 0 || !n.caps[w - 1]);
    capital || word.iter().any(char::is_ascii_digit) || (plain && word.len() >= 2)
}
