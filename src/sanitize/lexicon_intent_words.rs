//! Stage 6 (planted spam, threat A5): the word lists of `lexicon_intent`: the verbs of
//! acting toward a betting place, the places, the refusals and inducements around a call,
//! the condemnations, and the contacts of a seller.

use std::sync::LazyLock;

use super::super::Keyword;
use super::super::keyword::Listed;

/// Ways to reach a seller: a warning does not give them.
pub(super) const CONTACTS: &[&str] = &[
    "zalo",
    "telegram",
    "tele",
    "inbox",
    "hotline",
    "liên hệ",
    "sđt",
    "whatsapp",
    "viber",
    "wechat",
    "call",
];

/// Verbs of acting toward a place (matched with or without diacritics).
pub(super) const STEERS: &[&str] = &[
    "tham gia",
    "chơi",
    "đăng ký",
    "đăng kí",
    "tải về",
    "tải app",
    "tải ứng dụng",
    "tải game",
    "cài đặt",
    "truy cập",
    "vào",
    "nạp",
    "nạp tiền",
    "chọn",
    "lựa chọn",
    "đặt cược",
    "cược",
    "register",
    "sign up",
    "download",
    "install",
    "deposit",
    "bet",
    "play",
    "visit",
    "join",
    "choose",
];

/// Verbs matched only as written: without diacritics "tai" is also "tại" (at), "cai" the
/// "cái" of "nhà cái".
pub(super) const STEERS_EXACT: &[&str] = &["tải", "cài"];

/// Places that are betting places whatever the sentence says: a casino only online (news
/// tells of people who "sang Campuchia chơi casino").
pub(super) const PLACES: &[&str] = &[
    "nhà cái",
    "bookmaker",
    "sportsbook",
    "casino trực tuyến",
    "casino online",
    "live casino",
    "sòng bài trực tuyến",
    "sòng bài online",
    "sòng bạc trực tuyến",
    "sòng bạc online",
    "online casino",
];

/// Words that make the call after them a past act (news of what someone did: "Anh T. đã
/// đăng ký tài khoản tại nhà cái"), not a call to act.
pub(super) const NARRATIVE: &[&str] = &["đã", "từng", "bị"];

/// Places that are betting places in a sentence with a betting term or a brand.
pub(super) const CARRIERS: &[&str] = &[
    "app",
    "ứng dụng",
    "link",
    "trang",
    "web",
    "website",
    "site",
    "cổng",
    "đường dẫn",
];

/// Words that refuse a call after them (a few words before it).
pub(super) const NEGATIONS: &[&str] = &[
    "không",
    "đừng",
    "chớ",
    "tránh",
    "cấm",
    "chặn",
    "ngăn",
    "phong tỏa",
    "ngừng",
    "hạn chế",
    "not",
    "never",
    "avoid",
    "against",
    "don",
    "stop",
    "block",
    "blocked",
];

/// Words that may stand between a refusal and its call ("không nên đăng ký", "đừng bao giờ
/// chơi", "do not visit").
pub(super) const FILLERS: &[&str] = &[
    "nên", "được", "hề", "có", "bao", "giờ", "nào", "dám", "vội", "tự", "ý", "do", "t", "to",
    "ever",
];

/// Words that report someone else inducing the act (news of a ring, not a call).
pub(super) const INDUCES: &[&str] = &[
    "dụ",
    "dụ dỗ",
    "lôi kéo",
    "mời chào",
    "rủ rê",
    "quảng cáo",
    "chiêu dụ",
    "ép",
    "đối tượng",
    "lured",
    "tricked",
];

/// Prohibitions and questions of law that are editorial phrases too (`Lexicon::build` adds
/// them to the editorial list): a ban or a question names the games as what it forbids.
/// ("trái phép", "tố giác", "không tham gia", "illegal", "banned" … are there already.)
pub(in crate::sanitize::lexicon) const EDITORIAL: &[&str] = &[
    "nghiêm cấm",
    "bị cấm",
    "cấm tuyệt đối",
    "phạm pháp",
    "có bị phạt",
    "truy cứu trách nhiệm",
    "tội đánh bạc",
    "tránh xa",
    "hợp pháp không",
    "unlawful",
    "prohibited",
    "forbidden",
    "warn",
];

/// Prohibitions, condemnations and questions of law (matched as written): [`EDITORIAL`]
/// and these.
pub(super) const CONDEMNS: &[&str] = &[
    "trái phép",
    "bất hợp pháp",
    "vi phạm pháp luật",
    "tuyệt đối không",
    "không tham gia",
    "bị phạt",
    "xử phạt",
    "phạt tiền",
    "bị xử lý",
    "hình sự",
    "tố giác",
    "trình báo",
    "illegal",
    "warned",
    "warns",
    "banned",
];

pub(super) struct Lists {
    pub(super) steers: Listed,
    pub(super) steers_exact: Listed,
    pub(super) places: Listed,
    pub(super) narrative: Listed,
    pub(super) carriers: Listed,
    pub(super) negations: Listed,
    pub(super) fillers: Listed,
    pub(super) induces: Listed,
    pub(super) condemns: Listed,
    pub(super) contacts: Listed,
}

pub(super) static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let list = |l: &[&str]| l.iter().filter_map(|w| Keyword::new(w, 0)).collect();
    Lists {
        steers: list(STEERS),
        steers_exact: list(STEERS_EXACT),
        places: list(PLACES),
        narrative: list(NARRATIVE),
        carriers: list(CARRIERS),
        negations: list(NEGATIONS),
        fillers: list(FILLERS),
        induces: list(INDUCES),
        contacts: list(CONTACTS),
        condemns: EDITORIAL
            .iter()
            .chain(CONDEMNS)
            .filter_map(|w| Keyword::new(w, 0))
            .collect(),
    }
});
