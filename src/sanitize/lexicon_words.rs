//! Stage 6 (planted spam): the built-in word lists of the lexicon (`lexicon`): strong
//! betting terms, weak ones that news also uses, the editorial phrases of reporting and law
//! enforcement, and the brand-name pattern.
//!
//! Security note: a word belongs in `STRONG` only when editorial text on an agency site does
//! not use it; anything a police or court report would say goes in `WEAK`, where one
//! editorial phrase cancels it (see `lexicon_profile` for the proportional guard).

/// Strong keywords: betting jargon that editorial text on an agency site does not use.
pub(super) const STRONG: &[&str] = &[
    "nhà cái",
    "nổ hũ",
    "bắn cá",
    "game bài",
    "đổi thưởng",
    "tài xỉu",
    "xóc đĩa",
    "soi cầu",
    "kèo nhà cái",
    "tỷ lệ kèo",
    "cá cược online",
    "cá độ online",
    "casino online",
    "slot game",
    "đánh bạc online",
    "link vào",
    "sòng bài",
    "bài cào",
    "baccarat",
    "kubet",
    "shbet",
    "vnbet",
    "sunwin",
    "hitclub",
    "go88",
    "rikvip",
    "b52club",
];

/// Weak keywords: they also appear in news and crime-prevention notices.
pub(super) const WEAK: &[&str] = &[
    "cá cược",
    "cá độ",
    "lô đề",
    "đá gà",
    "casino",
    "cờ bạc",
    "đánh bạc",
    "poker",
    "xổ số online",
];

/// Words of reporting and law enforcement. When one occurs, the weak keywords do not count:
/// "Đấu tranh phòng chống cá độ, đánh bạc" is a headline, not an advert. Strong keywords
/// and brands still count, so planted spam cannot hide behind one of these words.
pub(super) const EDITORIAL: &[&str] = &[
    "phòng chống",
    "triệt phá",
    "đấu tranh",
    "cảnh báo",
    "bắt giữ",
    "khởi tố",
    "truy tố",
    "xét xử",
    "ngăn chặn",
    "tội phạm",
    "bất hợp pháp",
    "trái phép",
    "bắt",
    "xử lý",
    "xử phạt",
    "điều tra",
    "vụ án",
    "đối tượng",
    "công an",
    "tòa án",
    "pháp luật",
    "truy nã",
    "tuyên truyền",
    "cảnh giác",
    "lừa đảo",
    "vi phạm",
    "khuyến cáo",
    "hình sự",
    "tạm giữ",
    "thủ đoạn",
    "xổ số kiến thiết",
];

/// Calls to action of betting and scam adverts. They are not keywords ("Đăng ký ngay" is
/// an ordinary button): they only weigh on the spam side of the editorial guard of a text
/// that has betting terms (`lexicon_profile`).
pub(super) const CALLS: &[&str] = &[
    "đăng ký ngay",
    "nhận thưởng",
    "nhận ngay",
    "tải app",
    "link vào",
    "link mới nhất",
    "link dự phòng",
    "không bị chặn",
    "nạp tiền",
    "rút tiền",
    "nạp đầu",
    "khuyến mãi",
    "tặng ngay",
    "hoàn trả",
    "uy tín",
    "chơi ngay",
    "truy cập ngay",
    "bet now",
    "daftar sekarang",
    "claim bonus",
    "sign up now",
];

/// Brand names such as `789bet`, `bet88`, `fun88`, `w88`, `f8bet`.
pub(super) const BRAND: &str = r"^(?:[a-z0-9]*\d[a-z0-9]*bet[a-z0-9]*|[a-z0-9]*bet[a-z0-9]*\d[a-z0-9]*|[a-z]{1,6}(?:88|68|86|66|79|789|99|55|777))$";
