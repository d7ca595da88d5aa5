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
    // Card and slot games for money.
    "quay hũ",
    "cổng game",
    "sicbo",
    "game bài đổi thưởng",
    // Betting tips.
    "kèo thơm",
    "bắt kèo",
    "tip kèo",
    "cá cược thể thao",
    // Promotions of betting sites.
    "nạp đầu",
    "khuyến mãi nạp",
    "link không bị chặn",
    "link vào không bị chặn",
    "link không chặn",
    // Casinos online (issue 14): news says "đánh bạc qua mạng".
    "casino trực tuyến",
    "sòng bài trực tuyến",
    "sòng bài online",
    "sòng bạc trực tuyến",
    "sòng bạc online",
    // A call to bet: a button in a planted odds table.
    "cược ngay",
    // Fast lotteries of betting sites (issue 14): a draw every minute or seconds, which no
    // licensed lottery runs. Not "xổ số nhanh": result pages say "kết quả xổ số nhanh nhất".
    "xổ số siêu tốc",
    "lô đề siêu tốc",
    "xổ số tốc độ",
    "xổ số 1 phút",
    "xổ số 3 phút",
    "xổ số 5 phút",
    "xổ số 45 giây",
    "xổ số 75 giây",
];

/// Brand names without the shapes of `lexicon_brands` (strong terms, and brands: next to
/// any other term they promote it, see `lexicon_promo`).
pub(super) const BRANDS: &[&str] = &[
    "kubet", "shbet", "vnbet", "sunwin", "hitclub", "go88", "rikvip", "b52club", "iwin", "okvip",
    "thomo", "sabong", "sv388", "nhatvip", "gemwin", "fabet", "jun88", "hi88",
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
    "soi kèo",
    // Casino table games: "Casino trực tuyến – Baccarat – Rồng Hổ".
    "rồng hổ",
    "roulette",
    "blackjack",
    "xì dách",
    "mậu binh",
    "tỷ lệ cược",
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
    // Warnings and exposés: "… thực chất là tín dụng đen với lãi suất cắt cổ". Not the
    // words every agency page uses ("người dân", "rủi ro"): next to planted spam in a long
    // page they would be its editorial cover.
    "thực chất",
    "tổ chức tín dụng",
    "cắt cổ",
    "sập bẫy",
    "nạn nhân",
    "bị lừa",
    "mất tiền",
    "mất trắng",
    "dụ dỗ",
    "lôi kéo",
    "nhẹ dạ",
    "tuyệt đối không",
    // Raids.
    "đột kích",
    "quả tang",
    "sới bạc",
    "tụ điểm",
    "trấn áp",
    "lực lượng chức năng",
    "phạt tiền",
    "tịch thu",
    "bị bắt",
    // Warnings to the reader.
    "coi chừng",
    "cẩn trọng",
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
/// With one letter, only 88, 99, 68, 79 and triples (`w88`, `m88`), not a model ("A55");
/// digits before `win`, `club` or `vip` (`78win`), and `win`, `vip`, `club`, `ku` before
/// two or three digits (`win79`); see `lexicon_brands` for the guards. A name of seven to twelve
/// letters takes the lucky numbers without `365`, `55` and `66` (`kimlong88`, `thantai888`,
/// not `microsoft365`; issue 14, a brand left as an unwrapped link's text).
pub(super) const BRAND: &str = r"^(?:[a-z0-9]*\d[a-z0-9]*bet[a-z0-9]*|[a-z0-9]*bet[a-z0-9]*\d[a-z0-9]*|[a-z]{2,6}(?:88|68|86|66|79|789|99|55|777|168|188|365|666|888|999)|[a-z]{7,12}(?:88|68|86|79|789|99|777|168|188|666|888|999)|[a-z](?:88|99|68|79|777|789|888|999)|\d{1,4}[a-z]{0,4}(?:win|club|vip)|(?:win|vip|club|ku)\d{2,3})$";
