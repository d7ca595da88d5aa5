//! Stage 6 (planted spam, threat A5): promotions recognized by their shape, whatever they
//! sell, for the promoting-sentence scorer (`lexicon_promo`). A word is read for:
//!
//! - a topic noun of `lexicon_families::NOUNS` ("vay tiền", "hack", "coin", "ctv"), or a
//!   brand-like token ("luck8", "kingvip"): a topic only when its sentence has promotion
//!   features of two kinds;
//! - the features, by kind: a call to action ("liên hệ", "inbox", "sign up"), a contact
//!   channel (Zalo, Telegram, an `@handle`, a mobile number), a money promise ("500k",
//!   "5tr", "$50", an amount after "lợi nhuận"/"thu nhập"/"earn", an amount per day) and a
//!   boast (the seller's words of `lexicon_promo::HARD`);
//! - the reporting phrases that only this scorer weighs (`lexicon_families::EDITORIAL`).
//!
//! Security notes:
//! - A noun is too common to be a keyword ("Ngân hàng Chính sách cho hộ nghèo vay vốn …
//!   liên hệ phòng giao dịch"): one noun needs three feature kinds, or two with a second
//!   topic or four features; reporting phrases in the sentence spare it.
//! - A brand-like token is never a unit ("500k", "24h", "5tr"), a model with one letter
//!   ("A55"), a multiplier ("x2") or a clock time ("9am").

use super::families as f;
use super::topics::listed;
use super::{Keyword, Normalized};

pub(super) const CALL: u8 = 1;
pub(super) const CONTACT: u8 = 2;
pub(super) const MONEY: u8 = 4;
pub(super) const BOAST: u8 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Noun,
    Call,
    App,
    Phone,
    Income,
    Unit,
    Period,
    Editorial,
    /// "qua ứng dụng", "tải app": the name after it is a contact.
    Via,
    /// "dịch vụ": a capitalized name after it is a private seller.
    Service,
}

/// The compiled phrases, indexed by first base letter.
#[derive(Debug, Clone, Default)]
pub(super) struct Shapes {
    phrases: Vec<(Keyword, Class)>,
    index: Vec<(char, Vec<usize>)>,
}

const UNITS: &str = "triệu|nghìn|ngàn|đ|đồng|vnd|vnđ|usd|dollars|tỷ|tr|củ|usdt";
const PERIODS: &str = "ngày|giờ|h|tuần|tháng|day|hour|week|month|mỗi ngày|per day|daily|weekly";

/// What one word adds to its sentence.
#[derive(Debug, Default)]
pub(super) struct Read {
    /// A topic noun or brand-like token (an id, distinct per noun).
    pub(super) noun: Option<u64>,
    /// A feature: its kind and its name.
    pub(super) feature: Option<(u8, &'static str)>,
    pub(super) editorial: bool,
}

/// What the words before the current one announced.
#[derive(Debug, Default)]
pub(super) struct Context {
    sentence: u32,
    noun_end: usize,
    phone: Option<usize>,
    income: Option<usize>,
    /// The last number word, and the digits of the run of number words ending there.
    number: Option<usize>,
    digits: usize,
    first: char,
    amount: Option<(usize, bool)>,
    /// The end of a run of number words that is a list (draw results, scores), not one
    /// number: none of its words is a phone number or an amount.
    list_end: usize,
    brand: Option<usize>,
    last_feature: Option<usize>,
    /// The word after "qua ứng dụng"/"tải app", and after a lower-case "dịch vụ".
    via: Option<usize>,
    service: Option<usize>,
}

impl Shapes {
    pub(super) fn new(builtin: bool) -> Self {
        if !builtin {
            return Self::default();
        }
        let lists: [(&[&str], Class); 10] = [
            (f::NOUNS, Class::Noun),
            (f::CALLS, Class::Call),
            (f::APPS, Class::App),
            (f::PHONES, Class::Phone),
            (f::INCOME, Class::Income),
            (&[UNITS], Class::Unit),
            (&[PERIODS], Class::Period),
            (f::EDITORIAL, Class::Editorial),
            (f::VIA_APP, Class::Via),
            (f::SERVICE, Class::Service),
        ];
        let phrases: Vec<(Keyword, Class)> = lists
            .iter()
            .flat_map(|(l, c)| {
                listed(l)
                    .filter_map(|p| Keyword::new(p, 0))
                    .map(|k| (k, *c))
            })
            .collect();
        let mut index: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, (k, _)) in phrases.iter().enumerate() {
            let Some(&c) = k.base.first() else { continue };
            match index.iter_mut().find(|(f, _)| *f == c) {
                Some((_, v)) => v.push(i),
                None => index.push((c, vec![i])),
            }
        }
        Self { phrases, index }
    }

    fn candidates(&self, c: char) -> impl Iterator<Item = &(Keyword, Class)> + '_ {
        self.index
            .iter()
            .find(|(f, _)| *f == c)
            .map_or(&[][..], |(_, v)| v.as_slice())
            .iter()
            .map(|&p| &self.phrases[p])
    }

    /// Whether a topic noun starts at word `w` (leftmost-longest: a noun inside one already
    /// read is not read again); the first pass, over every word.
    pub(super) fn noun_at(&self, n: &Normalized, w: usize, ctx: &mut Context) -> Option<u64> {
        let i = n.starts[w];
        if w < ctx.noun_end {
            return None;
        }
        let k = self
            .candidates(n.base[i])
            .filter(|(k, c)| *c == Class::Noun && k.matches_at(n, i))
            .map(|(k, _)| k)
            .max_by_key(|k| k.base.len())?;
        ctx.noun_end = w + k.words();
        Some(id(&k.base))
    }

    /// What word `w` adds to its sentence (the second pass, over the words of the sentences
    /// that have a topic and of their neighbours). `hard` is whether one of the seller's
    /// words of `lexicon_promo` starts there (a boast, unless it is a call).
    pub(super) fn read(&self, n: &Normalized, w: usize, ctx: &mut Context) -> Read {
        let mut out = Read::default();
        if ctx.sentence != n.sentence[w] {
            *ctx = Context {
                sentence: n.sentence[w],
                ..Context::default()
            };
        }
        let i = n.starts[w];
        for (k, class) in self.candidates(n.base[i]) {
            if !k.matches_at(n, i) {
                continue;
            }
            let end = w + k.words();
            match class {
                Class::Noun => {}
                Class::Call => out.feature = Some((CALL, "call")),
                Class::App => out.feature = Some((CONTACT, "contact")),
                Class::Phone => ctx.phone = Some(end),
                Class::Income => ctx.income = Some(end),
                Class::Unit => {
                    if ctx.number.is_some_and(|at| at + 1 == w) {
                        let slang = matches!(k.base.as_slice(), ['t', 'r'] | ['c', 'u']);
                        ctx.amount = Some((w, slang));
                        if slang {
                            out.feature = Some((MONEY, "money"));
                        }
                    }
                }
                Class::Period => {
                    if ctx.amount.is_some_and(|(at, _)| w <= at + 2) {
                        out.feature = Some((MONEY, "money"));
                    }
                }
                Class::Editorial => out.editorial |= k.matches_exactly_at(n, i),
                Class::Via => ctx.via = Some(end),
                Class::Service if !n.caps[w] => ctx.service = Some(end),
                Class::Service => {}
            }
        }
        let word = n.word_at(i);
        if ctx.via == Some(w) && super::brands::is_name(n, w, word) {
            out.feature = Some((CONTACT, "app"));
        }
        if ctx.service == Some(w) && n.caps[w] && super::brands::is_name(n, w, word) {
            out.feature = Some((BOAST, "service"));
        }
        if w >= ctx.list_end
            && let Some(end) = number_list(n, w)
        {
            ctx.list_end = end;
        }
        if w >= ctx.list_end
            && let Some(feature) = number(ctx, w, word)
        {
            out.feature = Some(feature);
        }
        match n.marks.iter().find(|(at, _)| *at == w) {
            Some((_, '@')) if word.len() >= 3 => out.feature = Some((CONTACT, "contact")),
            Some((_, '$')) if word.first().is_some_and(char::is_ascii_digit) => {
                out.feature = Some((MONEY, "money"));
            }
            _ => {}
        }
        if out.feature.is_some() {
            ctx.last_feature = Some(w);
        }
        if brand_like(word) {
            ctx.brand = Some(w);
        }
        // A brand-like token next to a feature (two words either side).
        if let (Some(b), Some(l)) = (ctx.brand, ctx.last_feature)
            && b.abs_diff(l) <= 2
        {
            ctx.brand = None;
            out.noun = Some(id(
                &n.base[n.starts[b]..n.starts[b] + n.word_at(n.starts[b]).len()]
            ));
        }
        out
    }
}

/// At most this many words make a text a fragment (a list item, a cell, a line).
pub(super) const FRAGMENT: usize = 12;
/// At most this many words make a block whose fragments are weighed together.
const FRAGMENT_BLOCK: usize = 80;

/// The topics and features of short fragments that are no report, which add up across a
/// block: "App vay uy tín" · "không thẩm định" · "Inbox nhận 10 triệu" are one advert.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Shape {
    pub(super) words: usize,
    pub(super) topics: u32,
    pub(super) kinds: u8,
    pub(super) features: usize,
}

impl Shape {
    pub(super) fn merge(&mut self, o: &Shape) {
        self.words += o.words;
        self.topics = self.topics.saturating_add(o.topics);
        self.kinds |= o.kinds;
        self.features += o.features;
    }

    /// Whether a block of `total` words is mostly fragments that together promote.
    pub(super) fn promotes(&self, total: usize) -> bool {
        total <= FRAGMENT_BLOCK
            && self.words * 2 >= total
            && self.topics > 0
            && shaped(self.kinds, self.topics as usize, self.features)
    }
}

/// Features of three kinds, or of two with a second topic or four features.
pub(super) fn shaped(kinds: u8, topics: usize, features: usize) -> bool {
    let kinds = kinds.count_ones();
    kinds >= 3 || (kinds >= 2 && (topics >= 2 || features >= 4))
}

/// A distinct id for a noun.
fn id(base: &[char]) -> u64 {
    base.iter()
        .fold(7u64, |h, &c| h.wrapping_mul(31).wrapping_add(u64::from(c)))
}

/// Whether the run of number words starting at `w` is a list of numbers rather than one
/// number (a phone number written in groups): four groups or more of at most two digits
/// ("05 – 13 – 22 – 31 – 38 – 44", a lottery draw; a table of scores) unless the run has
/// the ten or eleven digits of a mobile number. Returns the end of the run.
fn number_list(n: &Normalized, w: usize) -> Option<usize> {
    let digits_of = |v: usize| {
        let word = n.word_at(*n.starts.get(v)?);
        (!word.is_empty() && word.iter().all(char::is_ascii_digit)).then_some(word.len())
    };
    let same_sentence = |v: usize| n.sentence.get(v) == n.sentence.get(w);
    if w > 0 && same_sentence(w - 1) && digits_of(w - 1).is_some() {
        return None; // Not the start of a run.
    }
    let (mut end, mut digits, mut short) = (w, 0, 0);
    while same_sentence(end)
        && let Some(d) = digits_of(end)
    {
        digits += d;
        short += usize::from(d <= 2);
        end += 1;
    }
    let groups = end - w;
    (groups >= 4 && short == groups && !(10..=11).contains(&digits)).then_some(end)
}

/// Numbers: a mobile number (a run of number words of nine digits or more, from `0` or
/// `84`), slang amounts ("5tr", "3cu"), and an amount after an income word.
fn number(ctx: &mut Context, w: usize, word: &[char]) -> Option<(u8, &'static str)> {
    let digits = word.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    if digits < word.len() {
        let slang = matches!(&word[digits..], ['t', 'r'] | ['c', 'ủ'] | ['c', 'u']);
        if slang {
            ctx.amount = Some((w, true));
            return Some((MONEY, "money"));
        }
        return None;
    }
    let run = ctx.number.is_some_and(|at| at + 1 == w);
    if !run {
        ctx.digits = 0;
        ctx.first = word[0];
    }
    ctx.digits += digits;
    ctx.number = Some(w);
    let lead = ctx.first == '0' || (ctx.first == '8' && ctx.digits >= 11);
    if ctx.digits >= 9 && ctx.digits - digits < 9 && (lead || ctx.phone.is_some_and(|p| p + 3 >= w))
    {
        return Some((CONTACT, "phone number"));
    }
    if !run && ctx.income.is_some_and(|i| i + 3 >= w) {
        ctx.amount = Some((w, false));
        return Some((MONEY, "money"));
    }
    None
}

/// A token that reads as a brand: ASCII letters with digits ("luck8", "j88", "8kbet"), or
/// letters ending in a betting suffix ("kingbet", "abcvip", "sunclub").
pub(super) fn brand_like(word: &[char]) -> bool {
    let len = word.len();
    if !(3..=12).contains(&len) || !word.iter().all(char::is_ascii_alphanumeric) {
        return false;
    }
    let digits = word.iter().filter(|c| c.is_ascii_digit()).count();
    let lead = word.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return super::brands::brand_shape(word);
    }
    if super::brands::is_rating(&word.iter().collect::<String>()) {
        return false;
    }
    let unit = lead > 0
        && matches!(
            &word[lead..],
            ['k']
                | ['h']
                | ['p']
                | ['g']
                | ['s']
                | ['m']
                | ['k', 'g']
                | ['k', 'm']
                | ['c', 'm']
                | ['m', 'm']
                | ['m', 'l']
                | ['g', 'b']
                | ['m', 'b']
                | ['t', 'r']
                | ['s', 't']
                | ['n', 'd']
                | ['r', 'd']
                | ['t', 'h']
                | ['x']
                | ['a', 'm']
                | ['p', 'm']
        );
    let short = word[0].is_ascii_alphabetic() && len - 1 == digits && digits <= 2;
    // A number with a suffix reads as a brand only with a suffix of letters ("69vn").
    let suffix =
        lead == 0 || (len - lead >= 2 && word[lead..].iter().all(char::is_ascii_alphabetic));
    let multiplier = word[0] == 'x' && digits == len - 1;
    digits < len && !unit && !short && suffix && !multiplier
}

#[cfg(test)]
#[path = "lexicon_shapes_tests.rs"]
mod tests;
