//! Stage 6 (planted spam, threat A5): the profile of a block of visible text, for the
//! spam-block classifier (`html::spam_block`) and the editorial guard of hidden blocks.
//!
//! A profile counts the words of a text, the distinct betting terms in it (keywords of any
//! weight and brand names) with the words they cover, and the distinct editorial phrases
//! (reporting, police and court vocabulary, "Xổ số kiến thiết"). Profiles of adjacent pieces
//! of text merge, so that a block is profiled once however deeply it nests.
//!
//! Security notes:
//! - A block is spam when it is *dominated* by distinct betting terms (see
//!   [`Profile::is_spam_block`]): one or two terms in a sentence are news, a run of them with
//!   little other text is an advert, whether or not it is hidden and whether or not it links.
//! - The editorial guard weighs, it does not count presence: the spam side is the distinct
//!   terms by weight (strong terms and brand names 2, weak ones 1), the calls to action of
//!   adverts ("đăng ký ngay", "nhận thưởng", "tải app") and the links around terms; the
//!   editorial side is the distinct editorial phrases, each worth more the more ordinary
//!   prose surrounds the terms. A list of terms, brands and calls to action with a few
//!   editorial words tacked on is spam; an article or a police warning, whose words are
//!   mostly prose, is not (see [`Profile::is_editorial`]).
//!   Only phrases of two or more words count ("bắt" alone is in "bắt đầu"), and single
//!   English words ("police", "court", "warned"): an English word is what a Vietnamese
//!   phrase of two syllables is ("công an"), so English reports weigh as Vietnamese ones.
//!
//! How a text is read into a profile is `lexicon_profile_read`.

pub(super) use read::Index;

/// The most distinct terms a profile keeps: well past every threshold.
const MAX_TERMS: usize = 64;

/// Letters of keywords written letter by letter at which a text is written to evade: two
/// short terms or one of six letters ("n h à c á i"); three-letter terms can be chance
/// initials.
const SPACED_EVASION: usize = 6;

/// What a text is made of, for the spam-block classifier.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Words of the text.
    pub words: usize,
    /// Words covered by betting terms (each occurrence).
    pub term_words: usize,
    /// The distinct betting terms, as written in the lexicon (brands as found).
    pub terms: Vec<String>,
    /// The weight of each of `terms`.
    weights: Vec<u32>,
    /// The distinct editorial phrases (indices into the lexicon's list).
    editorial: Vec<u16>,
    /// Those of `editorial` that are names of institutions or services (`NAMES`).
    names: Vec<u16>,
    /// Words covered by editorial phrases (each occurrence).
    editorial_words: usize,
    /// The distinct calls to action (indices into the lexicon's list).
    calls: Vec<u16>,
    /// Words covered by calls to action (each occurrence).
    call_words: usize,
    /// Links in the text (set by the caller that reads markup).
    pub links: usize,
    /// The score of the best promoting sentence (`lexicon_promo`), one more with a brand.
    promo: u32,
    /// Words of promoting sentences.
    promo_words: usize,
    /// The topics and features of short fragments (`lexicon_shapes::Shape`).
    frag: super::shapes::Shape,
    /// How its promoting sentences are acted on (`lexicon_promo::Promo::acts`).
    acts: u8,
    /// Whether a promoting sentence follows a colon's lead-in (`lexicon_promo::Promo::led`).
    led: bool,
    /// Letters of keywords written letter by letter (`lexicon_spaced`).
    spaced_letters: usize,
    /// Whether it starts with a reporting verb (`lexicon_lead`)...
    lead: bool,
    /// ...and whether it calls to act (outside a term), gives a contact or a price.
    offers: bool,
    /// Whether it opens with a term that opens with a seller's verb ("Làm giả CCCD",
    /// `Lexicon::is_offer_term`).
    opens: bool,
    /// Pieces merged into it that report first (see [`Profile::is_editorial`]).
    reported: usize,
    /// Whether a promoting sentence is unquoted (`lexicon_promo::Promo::bare`).
    bare: bool,
    /// What its sentences mean the reader to do (`lexicon_intent`).
    intent: super::intent::Intent,
}

/// A promoting sentence of this score makes a block spam (unless editorial): a strong term
/// or a brand with a seller's signal, or a weak term with two...
const PROMO_BLOCK: u32 = 3;
/// ...when promoting sentences are this share of its words, in percent. A planted sentence
/// inside a long article is cut as a unit of it (`html::spam_block`), not with the article.
const PROMO_SHARE: usize = 30;
/// A promoting sentence of this score that is acted on (a call or a brand; one less with a
/// contact: a phone number, Zalo, a handle) makes a block spam at [`PROMO_SHARE_ACTED`]: one
/// planted offer ("tải app X nhận thưởng", "gọi 09…") among two or three genuine sentences
/// of a news paragraph.
const PROMO_ACTED: u32 = 5;
const PROMO_SHARE_ACTED: usize = 15;

/// The kinds of [`Profile::sells`]: a call to action (or a brand), a contact.
pub const SELLS_CALL: u8 = super::shapes::CALL;
pub const SELLS_CONTACT: u8 = super::shapes::CONTACT;

impl Profile {
    /// Adds the profile of text adjacent to this one.
    pub fn merge(&mut self, other: Profile) {
        self.reported += other.reported;
        if other.reported == 0 && other.reports_first() && !other.terms.is_empty() {
            self.reported += 1;
        }
        if self.words == 0 {
            self.lead = other.lead;
            self.opens = other.opens;
        }
        self.offers |= other.offers;
        self.words += other.words;
        self.term_words += other.term_words;
        self.editorial_words += other.editorial_words;
        self.call_words += other.call_words;
        self.links += other.links;
        self.promo = self.promo.max(other.promo);
        self.promo_words += other.promo_words;
        self.frag.merge(&other.frag);
        self.acts |= other.acts;
        self.led |= other.led;
        self.spaced_letters += other.spaced_letters;
        self.bare |= other.bare;
        self.intent.merge(other.intent);
        for (t, w) in other.terms.into_iter().zip(other.weights) {
            self.add_term(t, w);
        }
        for e in other.editorial {
            self.add_editorial(e, other.names.contains(&e));
        }
        for c in other.calls {
            if !self.calls.contains(&c) {
                self.calls.push(c);
            }
        }
    }

    /// Adds a distinct editorial phrase, and whether it is a name.
    pub(super) fn add_editorial(&mut self, id: u16, name: bool) {
        if !self.editorial.contains(&id) {
            self.editorial.push(id);
            if name {
                self.names.push(id);
            }
        }
    }

    /// Adds a distinct term with its weight (`terms` and `weights` stay aligned).
    pub(super) fn add_term(&mut self, term: String, weight: u32) {
        if self.terms.len() < MAX_TERMS && !self.terms.contains(&term) {
            self.terms.push(term);
            self.weights.push(weight);
        }
    }

    /// Whether the text reads as reporting on betting rather than advertising it: its
    /// distinct editorial phrases outweigh the spam side. The spam side is the terms by
    /// weight, 2 per call to action and 1 per link (when there are terms at all). One
    /// phrase answers 2 units of it in a text without prose, and up to 10 in a text that
    /// is all prose (words that are neither terms, calls nor editorial phrases). At least
    /// one phrase; two when terms and calls cover half the words.
    ///
    /// A heading or a sentence that starts with a reporting verb ("Xét xử vụ…", "Cảnh giác
    /// với…") and does not offer is news whatever its proportions (`lexicon_lead`).
    ///
    /// A promoting sentence (`lexicon_promo`) has no editorial phrase of its own: fewer than
    /// three elsewhere ("Cảnh báo lừa đảo! Mua bán tài khoản…") do not make the text news,
    /// and none do for an offer after a lead-in (`led_offer`).
    pub fn is_editorial(&self) -> bool {
        if self.steers() {
            return false;
        }
        if self.promotes() && (self.editorial.len() < 3 || self.led_offer()) {
            return false;
        }
        if self.reports_first() || self.condemns() {
            return true;
        }
        let spam = self.spam_weight();
        let words = self.words.max(1);
        let marked = self.term_words + self.call_words + self.editorial_words;
        let prose = words.saturating_sub(marked) * 100 / words;
        // Units of spam one phrase answers, times ten.
        let per = 20 + 80 * prose / 100;
        let mut need = (spam * 10).div_ceil(per).max(1);
        if (self.term_words + self.call_words) * 100 / words >= 50 {
            need = need.max(2);
        }
        self.editorial.len() + self.reported >= need
    }

    /// Whether it calls to act toward a betting place (`lexicon_intent`): an advert,
    /// whatever editorial frame it borrows.
    pub fn steers(&self) -> bool {
        self.intent.steers(self.words)
    }

    /// Whether one of its sentences steers, whatever its share of the text: the spam-block
    /// classifier then reads its sentences on their own (`html::spam_block::spots`).
    pub fn steers_a_sentence(&self) -> bool {
        self.intent.steer_words > 0
    }

    /// Whether it bans, condemns or asks about the law, without a contact, in every
    /// sentence that names a game, with no call to action and no promoting sentence
    /// (`lexicon_intent`): a short ban or warning is news; a list of terms and calls with
    /// "illegal gambling" tacked on is not.
    pub fn condemns(&self) -> bool {
        self.intent.condemns()
            && self.calls.is_empty()
            && !self.sentences_promote()
            && self.spaced_letters < SPACED_EVASION
    }

    /// Whether, as the context of a block, it bans or condemns (a heading "Các hành vi bị
    /// nghiêm cấm", a warning's intro) and neither steers nor promotes: the block names
    /// what is banned (`html::spam_block`).
    pub fn bans(&self) -> bool {
        (self.intent.bans > 0 || self.intent.condemning > 0)
            && self.calls.is_empty()
            && !self.steers()
            && !self.sentences_promote()
            && self.spaced_letters < SPACED_EVASION
    }

    /// A heading or a sentence that starts with a reporting verb and neither offers nor
    /// lists more than one strong term or brand (`lexicon_lead`). In a block that holds
    /// it (an article under its heading), it counts as one more editorial phrase.
    pub fn reports_first(&self) -> bool {
        self.lead && !self.offers && super::lead::plain(&self.weights, self.words)
    }

    /// Whether it opens with a seller's label of a service ("Làm giả CCCD", "Làm giấy
    /// nghỉ ốm", `Lexicon::is_offer_term`): a report names such a service later in a
    /// sentence of its own ("Bắt nhóm làm giả CCCD").
    pub fn opens_with_offer(&self) -> bool {
        self.opens
    }

    /// How many distinct editorial phrases the text has.
    pub fn editorial_phrases(&self) -> usize {
        self.editorial.len()
    }

    /// How many of them report (are not names of institutions or services).
    pub fn reporting_phrases(&self) -> usize {
        self.editorial.len() - self.names.len()
    }

    /// The spam side of [`Profile::is_editorial`].
    fn spam_weight(&self) -> usize {
        if self.terms.is_empty() {
            return 0;
        }
        let terms: u32 = self.weights.iter().sum();
        terms as usize + 2 * self.calls.len() + self.links
    }

    /// Whether promoting sentences make it an advert: see [`PROMO_BLOCK`]. A keyword written
    /// letter by letter ("K E O   R U N G") is one too: no report spells a term that way,
    /// only text written to slip past a filter (see [`SPACED_EVASION`]).
    fn promotes(&self) -> bool {
        self.sentences_promote()
            || self.frag.promotes(self.words)
            || self.spaced_letters >= SPACED_EVASION
    }

    /// Whether it carries any sign of an advert, however weak: a betting term, a call to
    /// action, a promoting sentence, or a seller's feature (a contact, a price, a boast).
    /// A label ("Liên kết:") or filler ("Xem … tại đây.") carries none.
    pub fn has_signal(&self) -> bool {
        !self.terms.is_empty()
            || !self.calls.is_empty()
            || self.promo > 0
            || self.offers
            || self.frag.kinds != 0
            || self.frag.topics > 0
    }

    /// Whether one of its sentences promotes a term or a topic (`lexicon_promo`), whatever
    /// its share of the text: the spam-block classifier then reads its sentences on their
    /// own (`html::spam_block::spots`).
    pub fn promotes_a_sentence(&self) -> bool {
        self.promo > 0
    }

    /// Whether, read alone, it is a seller's offer to act on: it sells (see
    /// [`Profile::sells`]) with a contact (a phone, Zalo, an app by name), or with a call
    /// to action or a brand at the score of an acted-on promotion ([`PROMO_ACTED`]).
    ///
    /// A sentence that steers toward a betting place with no report of its own ("Hãy truy
    /// cập nhà cái để tham gia.") is one too, however few its signals.
    pub fn offers_alone(&self) -> bool {
        let sells = self.sells();
        let steers = self.steers() && self.editorial.is_empty() && !self.lead;
        steers || sells & SELLS_CONTACT != 0 || (sells != 0 && self.promo >= PROMO_ACTED)
    }

    /// Records a keyword found written letter by letter.
    pub(super) fn add_spaced(&mut self, letters: usize) {
        self.term_words += letters;
        self.spaced_letters += letters;
    }

    /// Whether an offer (see [`PROMO_ACTED`], acted on or not) follows a colon's lead-in that
    /// does not cite it ("Công an tỉnh giới thiệu: Tool hack … 98%"): the lead-in's reporting
    /// phrases are not the offer's. (A report that cites an advert after a colon, "với nội
    /// dung: …", is a quotation: `lexicon_split`.)
    fn led_offer(&self) -> bool {
        self.led && self.promo >= self.acted_score().min(PROMO_ACTED)
    }

    /// Whether its promoting sentences are an offer of their own ([`PROMO_ACTED`], acted on
    /// or not, without quotation marks) that makes it an advert: a block of such copy (a
    /// police list quotes its slogans between quotation marks) is no quotation under a
    /// warning, whatever reporting lead-in it has ("Theo cơ quan công an, các trang như …
    /// hoạt động công khai. Việc nhẹ lương cao – nhận nhiệm vụ nhận hoa hồng mỗi ngày.").
    pub fn own_offer(&self) -> bool {
        self.steers() || self.bare && self.promo >= PROMO_ACTED && self.sentences_promote()
    }

    /// The score at which an acted-on promotion needs only [`PROMO_SHARE_ACTED`]; a short
    /// fragment that gives a contact ("sugar baby Telegram @…") needs any term with it.
    fn acted_score(&self) -> u32 {
        match self.acts {
            0 => u32::MAX,
            a if a & SELLS_CONTACT != 0 && self.words <= super::shapes::FRAGMENT => 2,
            a if a & SELLS_CONTACT != 0 => PROMO_ACTED - 1,
            _ => PROMO_ACTED,
        }
    }

    /// Whether its promoting sentences alone make it an advert: [`PROMO_BLOCK`] at
    /// [`PROMO_SHARE`], or an offer acted on at [`PROMO_SHARE_ACTED`].
    fn sentences_promote(&self) -> bool {
        let share = self.promo_words * 100 / self.words.max(1);
        (self.promo >= PROMO_BLOCK && share >= PROMO_SHARE)
            || (share >= PROMO_SHARE_ACTED && self.promo >= self.acted_score())
    }

    /// How the text is an advert to act on: 0 when it is not spam by its promoting sentences
    /// or fragments; else the kinds (`lexicon_shapes::CALL`, `CONTACT`) of the calls to
    /// action, brands and contacts of those. Context around it does not make it a quotation
    /// (`html::spam_block`): a warning quotes the slogans it warns about in its own
    /// sentences or as the items of a list, while an offer with a Zalo number in a block of
    /// its own is the offer.
    pub fn sells(&self) -> u8 {
        let promo = self.sentences_promote();
        let frag = self.frag.promotes(self.words);
        let steers = self.steers();
        if !(promo || frag || steers) || !self.is_spam_block() {
            return 0;
        }
        let mut kinds = if steers { SELLS_CALL } else { 0 };
        if promo {
            kinds |= self.acts;
        }
        if frag {
            kinds |= self.frag.kinds & (SELLS_CALL | SELLS_CONTACT);
        }
        kinds
    }

    /// The share of words covered by betting terms, in percent.
    fn covered(&self) -> usize {
        self.term_words * 100 / self.words.max(1)
    }

    /// Whether a block of text is betting or scam spam, without editorial context: keyword
    /// stuffed (at least three distinct terms covering a quarter of its words, or five
    /// covering a tenth), or made of sentences that promote a term (`lexicon_promo`).
    pub fn is_spam_block(&self) -> bool {
        if self.steers() {
            return true;
        }
        let terms = self.terms.len();
        let promotes = self.promotes();
        if (terms < 3 && !promotes) || self.is_editorial() {
            return false;
        }
        let covered = self.covered();
        promotes || (terms >= 3 && covered >= 25) || (terms >= 5 && covered >= 10)
    }
}

#[path = "lexicon_profile_read.rs"]
mod read;

#[cfg(test)]
#[path = "lexicon_profile_tests.rs"]
mod tests;
