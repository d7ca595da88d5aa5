//! Stage 6 (planted spam, threat A5): the scam families whose phrases are *compositional*:
//! a seller's verb, an object and a qualifier ("nhận làm" + "bằng lái xe" + "không cần
//! thi", "thu mua" + "tk ngân hàng" + "chính chủ", "hack" + "zalo" + "người khác"). A list
//! of phrases never covers what an advert writer composes, so the lexicon gets the
//! compositions instead, generated here as keywords:
//!
//! - verb + object ("bán cccd", "mở hộ tk", "đọc trộm tin nhắn") counts 1;
//! - object + qualifier counts 1 when news says it too ("bằng lái giả", "sim chính chủ"),
//!   2 when only a seller does ("bằng lái không cần thi", "cccd lấy ngay", "tk số lượng
//!   lớn");
//! - a qualifier before the object ("phôi bằng") counts 1.
//!
//! The families: forged papers and fake services, accounts, e-wallets and SIMs for sale,
//! phone spying and hacking for hire, loan sharks, task and job scams, betting odds ("kèo"
//! and its kinds), counterfeit goods.
//!
//! A verb + object keyword *reopens* at its object (`Keyword::reopen`): after "nhận làm
//! bằng lái xe" the object may start "bằng lái xe không cần thi", so a whole advert is
//! two terms, which is spam, while one composition alone (a police report's "làm giả
//! căn cước") is one weak term that an editorial phrase cancels.
//!
//! Security notes (false positives): the verbs are the seller's ("nhận làm", "thu mua",
//! "cho thuê", "mở hộ"), never the citizen's ("làm hộ chiếu", "mở tài khoản", "theo dõi
//! Facebook của Sở", "cấp căn cước" are what a portal's own notices say); abbreviations
//! (cccd, gplx, stk, tk) are objects only after a verb or before a qualifier.

use std::sync::LazyLock;

use super::words::{BRANDS, STRONG, WEAK};
use super::{Keyword, families, jargon, keyword, offers, topics, unworded};

/// One compositional family: `|`-separated lists.
pub(super) struct Family {
    /// The seller's verbs.
    pub(super) verbs: &'static str,
    pub(super) objects: &'static str,
    /// Qualifiers after the object that news uses too (weight 1).
    pub(super) weak: &'static str,
    /// Qualifiers after the object that only an advert uses (weight 2).
    pub(super) strong: &'static str,
    /// Qualifiers before the object (weight 1).
    pub(super) before: &'static str,
}

const PAPERS_OBJECTS: &str = "cccd|cmnd|căn cước|căn cước công dân|thẻ căn cước|chứng minh nhân dân|chứng minh thư|cmt|hộ chiếu|passport|visa|bằng lái|bằng lái xe|bằng lái xe máy|bằng lái ô tô|bằng lái xe ô tô|giấy phép lái xe|gplx|bằng a1|bằng b2|sổ đỏ|sổ hồng|giấy khám sức khỏe|giấy khám sức khoẻ|bằng đại học|bằng cao đẳng|bằng trung cấp|bằng cấp 3|bằng thpt|bằng tốt nghiệp|bằng thạc sĩ|bằng tiến sĩ|bằng cấp|văn bằng|chứng chỉ|chứng chỉ tiếng anh|chứng chỉ tin học|chứng chỉ hành nghề|chứng chỉ ielts|bằng ielts|bằng toeic|học bạ|giấy tờ|giấy tờ xe|cavet|cà vẹt|đăng ký xe|sổ hộ khẩu|hộ khẩu|giấy khai sinh|thẻ sinh viên|thẻ bhyt|con dấu|mộc đỏ|giấy ra viện|giấy nghỉ ốm";

const ACCOUNT_OBJECTS: &str = "tài khoản|tk|stk|acc|tài khoản ngân hàng|tk ngân hàng|tk nh|tài khoản nh|tài khoản ekyc|tk ekyc|ekyc|tài khoản ví|ví momo|tài khoản momo|tk momo|momo|ví zalopay|zalopay|ví điện tử|ví vnpay|ví viettel money|tài khoản zalo|nick zalo|zalo|tài khoản facebook|nick facebook|nick fb|via|via facebook|via fb|bm|clone|tài khoản binance|tài khoản sàn|tài khoản chứng khoán|sim rác|sim số đẹp|sim đã kích hoạt|sim kích hoạt sẵn|sim 4g|thẻ atm|thẻ ngân hàng|thẻ visa|thẻ tín dụng|cccd|tài khoản vietcombank|tk vietcombank|tài khoản vcb|tk vcb|tài khoản techcombank|tk techcombank|tài khoản tcb|tk tcb|tài khoản mb|tk mb|tài khoản mbbank|tk mbbank|tài khoản bidv|tk bidv|tài khoản vietinbank|tk vietinbank|tài khoản agribank|tk agribank|tài khoản acb|tk acb|tài khoản tpbank|tk tpbank|tài khoản vpbank|tk vpbank|tài khoản sacombank|tk sacombank";

const HACK_OBJECTS: &str = "zalo|facebook|fb|messenger|instagram|tiktok|gmail|icloud|telegram|nick|nick zalo|nick facebook|nick fb|mật khẩu|pass|pass wifi|mật khẩu wifi|wifi|tin nhắn|tin nhắn zalo|tin nhắn facebook|tin nhắn messenger|điện thoại|điện thoại người khác|điện thoại người yêu|camera|định vị|vị trí|tài khoản|tài khoản ngân hàng|game|liên quân|free fire|pubg";

pub(super) const FAMILIES: &[Family] = &[
    // Forged papers and fake services.
    Family {
        verbs: "nhận làm|làm giả|nhận làm giả|chuyên làm|chuyên làm giả|dịch vụ làm|dịch vụ làm giả|đặt làm|bán|cần bán|mua|cần mua|mua bán|chuyên bán|bán phôi|in phôi",
        objects: PAPERS_OBJECTS,
        weak: "giả|fake|phôi|trọn gói",
        strong: "không cần khám|lấy trong ngày|lấy ngay|lấy liền|lấy nhanh|không cần thi|không thi|không cần học|không học|không phải thi|bao đậu|bao đỗ|bao pass|bao thi|có hồ sơ gốc|hồ sơ gốc|y thật|giống thật|như thật|giá rẻ|chuẩn phôi|phôi thật|phôi gốc|có dữ liệu",
        before: "phôi|mẫu phôi",
    },
    // Bank accounts, e-wallets, social accounts and SIMs for sale or hire.
    Family {
        verbs: "mua|bán|mua bán|thu mua|mua lại|thu mua lại|nhận mua|thu phôi|cần mua|cần bán|chuyên mua|chuyên bán|chuyên thu mua|chuyên mua bán|cho thuê|thuê|mở hộ|nhận mở|làm hộ|bán lại|thu gom|bán buôn|bán sỉ|sỉ",
        objects: ACCOUNT_OBJECTS,
        weak: "chính chủ|đã xác minh|đã ekyc|ekyc|đã kích hoạt|đã verify|verify|ảo|rác|ngâm",
        strong: "số lượng lớn|sll|giá cao|giá rẻ|uy tín|bao ngâm|ngâm lâu|không cần chính chủ|trâu|full thông tin|mở sẵn|làm sẵn|kèm sim|kèm thẻ",
        before: "",
    },
    // Phone spying and hacking for hire.
    Family {
        verbs: "hack|hack nick|hack pass|hack mật khẩu|hack tài khoản|đọc trộm|đọc lén|xem trộm|xem lén|nghe lén|nghe trộm|theo dõi trộm|theo dõi lén|bẻ khóa|bẻ khoá|crack|chiếm nick|dò pass|dò mật khẩu|bẻ pass|định vị lén|dịch vụ hack|thuê hack|nhận hack",
        objects: HACK_OBJECTS,
        weak: "người khác|người yêu|không cần mật khẩu|không cần pass|không bị phát hiện",
        strong: "",
        before: "",
    },
    // Loan sharks and instant credit (the loan is the object; there is no seller's verb).
    Family {
        verbs: "",
        objects: "vay|vay tiền|cho vay|cho vay tiền|hỗ trợ vay|app vay|vay vốn nhanh|vay tín chấp|vay tiền mặt|cho vay tiền mặt",
        weak: "nóng|nhanh|online|qua app|trong ngày|tận nhà|24/7|không thế chấp|không cần thế chấp|nợ xấu|nặng lãi|bằng cmnd|tiêu dùng nhanh|theo hộ khẩu",
        strong: "góp ngày|trả góp ngày|bát họ|bốc họ|bốc bát họ|không thẩm định|không cần thẩm định|không gặp mặt|không cần gặp mặt|chỉ cần cccd|chỉ cần cmnd|chỉ cần căn cước|bằng cccd|qua cccd|không cần giấy tờ|không giấy tờ|không gọi người thân|siêu tốc|giải ngân ngay|duyệt 100|nợ xấu vẫn vay|không cần chứng minh thu nhập|lãi thấp giải ngân nhanh",
        before: "",
    },
    // Task and job scams: an action with a reward.
    Family {
        verbs: "cần tuyển|tuyển người|tuyển ctv|tuyển cộng tác viên|nhận việc",
        objects: "nhập liệu|xem quảng cáo|xem video|xem clip|đánh giá sản phẩm|đánh giá đơn hàng|đánh giá shop|đánh giá khách sạn|chấm điểm khách sạn|like video|like bài|like fanpage|thả tim|chốt đơn|gõ captcha|đánh máy|dán tem|làm nhiệm vụ|follow|share bài|xem tiktok|xem youtube|gấp hạc|lắp ráp tại nhà|đặt đơn ảo|đơn ảo",
        weak: "tại nhà|kiếm tiền|nhận tiền|nhận hoa hồng|hưởng hoa hồng|kiếm thêm|nhận lương|ăn hoa hồng|kiếm tiền online|có lương|tại nhà online|online tại nhà|trên điện thoại",
        strong: "nhận tiền ngay|hoa hồng cao|lương ngày|trả lương ngày|kiếm tiền tại nhà|nhận hoa hồng ngay|hoàn tiền ngay",
        before: "",
    },
    // Betting odds: "kèo" and its kinds.
    Family {
        verbs: "soi|nhận định|bắt|tip|chốt|phân tích|xem|đọc|cập nhật|chia sẻ|theo",
        objects: "kèo|kèo nhà cái|tỷ lệ kèo|kèo bóng đá|kèo bóng|tỷ lệ cược|tỷ lệ bóng đá",
        weak: "rung|châu á|châu âu|chấp|tài xỉu|phạt góc|xiên|1x2|đồng banh|bóng đá|hôm nay|trực tuyến|nhà cái|penalty|ném biên|thẻ phạt|ngoại hạng anh|c1|euro|world cup|v league|trực tiếp|mới nhất|tối nay|đêm nay|chính xác|nhà cái hôm nay|hiệp 1|hiệp 2|hiệp một|hiệp hai|cả trận|góc|thẻ vàng|trên dưới|over under",
        strong: "thơm|ngon|chuẩn xác|miễn phí|vip|bao ăn|ăn chắc|siêu chuẩn|uy tín",
        before: "",
    },
    // Counterfeit goods: the goods and the grade of copy.
    Family {
        verbs: "",
        objects: "giày|túi|túi xách|đồng hồ|ví|áo|kính|nước hoa|hàng|thắt lưng|dây lưng|balo|dép|quần áo|túi lv|đồng hồ rolex|giày nike|giày adidas|mỹ phẩm",
        weak: "rep|replica|fake|nhái|f1|siêu cấp|sf",
        strong: "super fake|rep 1:1|replica 1:1|fake 1:1|like auth|like authentic|siêu cấp like auth|rep 11|rep cao cấp",
        before: "",
    },
];

/// Verbs that open a seller's label of a service or a good, as base letters ("làm giả
/// CCCD", "làm giấy nghỉ ốm", "mua giấy nghỉ ốm", "nghe lén điện thoại"): see
/// [`Lexicon::is_offer_term`].
const OFFER_VERBS: &[&str] = &[
    "lam",
    "nhan lam",
    "mua",
    "ban",
    "thu mua",
    "tim",
    "cai",
    "thue",
    "cho thue",
    "hack",
    "nghe len",
    "doc trom",
    "xem trom",
    "doc len",
    "xem len",
    "doc tin nhan",
    "xem tin nhan",
    "dinh vi",
    "mo ho",
    "chuyen lam",
];

impl super::Lexicon {
    /// Whether `term` (as a profile names it) opens with a seller's verb: a unit that is
    /// nothing but such a term ("Làm giả CCCD", "Làm giấy nghỉ ốm") labels a service for
    /// sale, where a report wraps it in a sentence of its own words (`html::spam_block`).
    pub fn is_offer_term(&self, term: &str) -> bool {
        self.opens_offer(&super::Normalized::new(term).base)
    }

    /// [`Lexicon::is_offer_term`] of a term's base letters.
    pub(super) fn opens_offer(&self, base: &[char]) -> bool {
        let base: String = base.iter().collect();
        OFFER_VERBS.iter().any(|v| {
            base.strip_prefix(v)
                .is_some_and(|rest| rest.starts_with(' ') && !rest.trim().is_empty())
        })
    }
}

/// The terms of the families as keywords. The parts are normalized once and joined: the
/// families make thousands of terms, and a lexicon is built per site and per reload.
pub(super) fn terms() -> Vec<Keyword> {
    let parts = |s: &'static str| -> Vec<Keyword> {
        s.split('|').filter_map(|w| Keyword::new(w, 0)).collect()
    };
    let mut out = Vec::new();
    for f in FAMILIES
        .iter()
        .chain(unworded::FAMILIES)
        .chain(offers::FAMILIES)
    {
        let (verbs, weak, strong, before) = (
            parts(f.verbs),
            parts(f.weak),
            parts(f.strong),
            parts(f.before),
        );
        for o in parts(f.objects) {
            out.extend(verbs.iter().map(|v| joined(v, &o, 1, true)));
            out.extend(weak.iter().map(|q| joined(&o, q, 1, false)));
            out.extend(strong.iter().map(|q| joined(&o, q, 2, false)));
            out.extend(before.iter().map(|q| joined(q, &o, 1, false)));
        }
    }
    out
}

/// `a b` as one keyword; `reopen`: it reopens at `b` (a verb and its object).
fn joined(a: &Keyword, b: &Keyword, weight: u32, reopen: bool) -> Keyword {
    let join = |x: &[char], y: &[char]| -> Vec<char> {
        x.iter().chain([' '].iter()).chain(y).copied().collect()
    };
    let base = join(&a.base, &b.base);
    Keyword {
        exact: join(&a.exact, &b.exact),
        reopen: if reopen { a.base.len() + 1 } else { base.len() },
        base,
        weight,
    }
}

/// A composed term weighs at least as much as a keyword it starts with: "kèo nhà cái hôm
/// nay" (object and qualifier) is as strong as "kèo nhà cái", which it hides from the
/// leftmost-longest match.
pub(super) fn keep_prefix_weights(keywords: &mut [Keyword]) {
    let mut weights: foldhash::HashMap<u64, Vec<usize>> = foldhash::HashMap::default();
    for (i, k) in keywords.iter().enumerate() {
        weights
            .entry(super::keyword::key(&k.exact))
            .or_default()
            .push(i);
    }
    let weight_of = |p: &[char]| {
        let same = weights.get(&super::keyword::key(p))?;
        same.iter()
            .filter(|&&i| keywords[i].exact == p)
            .map(|&i| keywords[i].weight)
            .max()
    };
    let raised: Vec<u32> = keywords
        .iter()
        .map(|k| {
            let prefixes = k.exact.iter().enumerate().filter(|(_, c)| **c == ' ');
            prefixes
                .filter_map(|(i, _)| weight_of(&k.exact[..i]))
                .fold(k.weight, u32::max)
        })
        .collect();
    for (k, w) in keywords.iter_mut().zip(raised) {
        k.weight = w;
    }
}

/// The built-in keywords: the lists and the compositions, without duplicates (the first
/// spelling counts), with the weights of their prefixes. Built once per process.
static BUILTIN: LazyLock<Vec<Keyword>> = LazyLock::new(|| {
    let mut words: Vec<(&str, u32)> = Vec::new();
    words.extend(STRONG.iter().chain(BRANDS).map(|w| (*w, 2)));
    words.extend(WEAK.iter().map(|w| (*w, 1)));
    for (lists, weight) in [
        (topics::STRONG, 2),
        (topics::WEAK, 1),
        (families::STRONG, 2),
        (families::WEAK, 1),
        (jargon::STRONG, 2),
        (jargon::WEAK, 1),
        (unworded::STRONG, 2),
        (unworded::WEAK, 1),
        (offers::STRONG, 2),
        (offers::WEAK, 1),
    ] {
        words.extend(topics::listed(lists).map(|w| (w, weight)));
    }
    let plain = words
        .iter()
        .filter_map(|(w, weight)| Keyword::new(w, *weight));
    let mut out: Vec<Keyword> = Vec::new();
    // Indices by `keyword::key` of the exact form (several when keys collide).
    let mut seen: foldhash::HashMap<u64, Vec<usize>> = foldhash::HashMap::default();
    for k in plain.chain(terms()) {
        let same = seen.entry(keyword::key(&k.exact)).or_default();
        if !same.iter().any(|&o| out[o].exact == k.exact) {
            same.push(out.len());
            out.push(k);
        }
    }
    keep_prefix_weights(&mut out);
    out
});

/// The keywords of a lexicon: the built-in ones (unless `builtin` is false), then the
/// `strong` and `weak` additions that are not already there, minus `remove`.
pub(super) fn keywords(
    builtin: bool,
    strong: &[String],
    weak: &[String],
    remove: &[String],
) -> Vec<Keyword> {
    let mut out: Vec<Keyword> = if builtin { BUILTIN.clone() } else { Vec::new() };
    let added = strong
        .iter()
        .map(|w| (w, 2))
        .chain(weak.iter().map(|w| (w, 1)));
    for k in added.filter_map(|(w, weight)| Keyword::new(w, weight)) {
        if !out.iter().any(|o| o.exact == k.exact) {
            out.push(k);
        }
    }
    if !remove.is_empty() {
        let removed: Vec<Vec<char>> = remove
            .iter()
            .filter_map(|w| Keyword::new(w, 0))
            .map(|k| k.exact)
            .collect();
        out.retain(|k| !removed.contains(&k.exact));
    }
    out
}
