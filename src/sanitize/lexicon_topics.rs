//! Stage 6 (planted spam): the built-in lists of the spam topics other than Vietnamese
//! betting: Chinese gambling (simplified and traditional), Thai online casinos and slots,
//! Indonesian and Malay "judi slot gacor", English casino spam, pharmacy spam, adult sites,
//! predatory loan apps, cockfighting, lottery prediction, and the scams police warn about
//! (task and job scams, crypto "investment", bank accounts and forged papers for sale);
//! with the editorial phrases that news and police reports in those languages use.
//!
//! Each line is one topic, its terms separated by `|`. Han and Thai text has no spaces:
//! the lexicon reads each of their characters as a word (see `lexicon::unspaced`), so a
//! term matches inside a run of text.
//!
//! Security note: as in `lexicon_words`, a term is strong only when a news report would not
//! use it; terms that a police or health notice uses or quotes ("赌场", "การพนัน", "viagra",
//! "vay online", "việc nhẹ lương cao", "mua bán tài khoản ngân hàng", "lô đề") are weak, and
//! an editorial phrase cancels them. A single term never makes spam (a title needs a score
//! of 2, a block three distinct terms), so a lottery company's "Kết quả xổ số" pages and one
//! quoted slogan in a warning stay; a planted list of them does not.

/// Terms that count 2.
pub(super) const STRONG: &[&str] = &[
    // Chinese gambling.
    "博彩|百家乐|百家樂|娱乐城|娛樂城|老虎机|老虎機|体育投注|體育投注|真人娱乐|真人娛樂|真人视讯|真人視訊|网上赌场|網上賭場|在线赌场|線上賭場|赌博网站|賭博網站|时时彩|時時彩|六合彩|北京赛车|北京賽車|棋牌游戏|棋牌遊戲|电子游艺|電子遊藝|首存|彩金|开户送|開戶送|注册送|註冊送|bet365",
    // Thai casinos and slots.
    "สล็อต|บาคาร่า|เว็บตรง|แทงบอล|คาสิโนออนไลน์|เครดิตฟรี|แตกง่าย|ฝากถอนไม่มีขั้นต่ำ|ไม่ผ่านเอเย่นต์|หวยออนไลน์|พนันออนไลน์|ยูฟ่าเบท|ufabet",
    // Indonesian and Malay slots.
    "judi slot|slot gacor|situs judi|judi online|slot online|togel online|bandar togel|bandar judi|maxwin|gacor hari ini|rtp slot|rtp live|scatter hitam|deposit pulsa|judi bola|agen judi|sbobet|pragmatic play|mahjong ways|link alternatif",
    // Pharmacy spam.
    "mua viagra|viagra chính hãng|viagra giá rẻ|cialis chính hãng|cialis giá rẻ|buy viagra|cheap viagra|viagra online|buy cialis|cheap cialis|cialis online|generic viagra|kamagra|thuốc kích dục nữ|thuốc cường dương chính hãng",
    // Adult sites.
    "phim sex|xem phim sex|phim heo|sex việt|clip sex hd|porn|pornhub|xvideos|xnxx|jav hd|gái gọi|phim người lớn|hentai",
    // Predatory loan apps.
    "vay tiền nhanh|app vay tiền|giải ngân trong 5 phút|duyệt vay|vay online chỉ cần|chỉ cần cccd|chỉ cần cmnd|hỗ trợ nợ xấu|vay không thẩm định|vay online không thẩm định|nhận tiền ngay",
    // English casino and slots.
    "online casino|free spins|free spin|no deposit bonus|deposit bonus|welcome bonus|casino bonus|sportsbook|bet now|online slots|real money slots|live casino|crypto casino|best casino",
    // Indonesian slots.
    "gacor|situs slot|slot maxwin|daftar slot|slot deposit|slot demo|bonus new member|akun pro|akun demo slot",
    // Cockfighting.
    "đá gà trực tiếp|đá gà thomo|đá gà campuchia|sv388|trực tiếp đá gà|xem đá gà trực tiếp|đá gà cựa dao|cá cược đá gà|đặt cược đá gà|cược gà|gà chọi online|đá gà thomo hôm nay|xổ gà trực tiếp|xổ gà thomo|cược gà cựa sắt|gà cựa sắt trực tiếp|đá gà cựa sắt trực tiếp|kèo đá gà",
    // Bank accounts for sale (the seller's verbs: news says "mua bán").
    "thu mua tài khoản ngân hàng|thu mua tài khoản|cần bán tài khoản ngân hàng|cần bán tài khoản|chuyên mua bán tài khoản",
    // Lottery prediction and number betting.
    "dàn đề|bạch thủ lô|bạch thủ đề|rồng bạch kim|dự đoán xổ số|dự đoán xsmb|dự đoán xsmn|xổ số miền bắc dự đoán|soi cầu lô|lô kép|song thủ lô|bạch thủ|song thủ|lô đề online|đánh đề online|đề online|lô online|đánh lô đề online|đánh lô đề trực tuyến|lô đề trực tuyến|chốt số|chốt lô|chốt đề|nuôi lô|nuôi lô khung|lô khung|dàn lô|lô xiên|cầu lô bạch thủ|tỷ lệ 1 ăn|1 ăn 99|1 ăn 80|1 ăn 70",
    // Lottery tips as tipsters label them (issue 14): no results page or report words them so.
    "bao lô|cầu lô đẹp|cầu đẹp hôm nay|lô đẹp hôm nay|số đề đẹp|đề đẹp hôm nay|lô về hôm nay|đề về hôm nay|thống kê cầu lô|cao thủ chốt số|soi cầu 3 miền|soi cầu miền bắc|soi cầu miền nam|soi cầu miền trung|lô chắc ăn|số chắc ăn|đề chắc ăn|dự đoán lô đề|dự đoán số đề|dự đoán kết quả xổ số|dự đoán xsmt|dự đoán xs|song thủ đề|dàn đề 36 số|dàn đề 64 số|lô kép khung|cặp lô đẹp",
    // English money scams.
    "double your bitcoin|double your crypto|double your money|guaranteed profit|guaranteed profits|guaranteed returns|crypto giveaway|bitcoin giveaway|bitcoin doubler|jackpot slots|sign up bonus|casino games|win the jackpot|win big|win real money|real money casino",
];

/// Terms that count 1: news and notices use them too.
pub(super) const WEAK: &[&str] = &[
    "赌场|賭場|彩票|真人|赌博|賭博|投注|下注|赌球|賭球",
    "คาสิโน|การพนัน|หวย|พนันบอล",
    "judi|kasino|taruhan|togel|perjudian",
    "viagra|cialis|thuốc kích dục|thuốc cường dương",
    "sex|khiêu dâm|đồi trụy",
    "vay online|vay tiền online|app vay online|vay nóng|tín dụng đen|không thẩm định|vay nhanh",
    // Terms that police warnings quote: one of them is news, a block of them is an advert.
    "gambling|online gambling|betting|slots|jackpot|roulette|blackjack|betting site|gambling site|casino site|sports betting|betting odds|best odds|crypto investment|bitcoin investment|forex signals|trading bot|investment platform",
    "việc nhẹ lương cao|nhận nhiệm vụ|nhận nhiệm vụ online|làm nhiệm vụ online|làm nhiệm vụ nhận hoa hồng|nhận hoa hồng|cộng tác viên online|tuyển cộng tác viên|chốt đơn|chốt đơn nhận hoa hồng|việc làm online tại nhà|kiếm tiền online|làm nhiệm vụ|tuyển ctv|ctv online|cộng tác viên làm nhiệm vụ|việc làm tại nhà|kiếm tiền tại nhà|nhiệm vụ tiktok|like video|xem video kiếm tiền|hoa hồng mỗi ngày|kiếm tiền mỗi ngày",
    "đầu tư tiền ảo|tiền ảo|cam kết lợi nhuận|sàn forex|forex|x2 tài khoản|nạp tiền x2|airdrop|usdt|đào coin|sàn coin|sàn tiền ảo|sàn giao dịch tiền ảo|đầu tư tiền điện tử|đầu tư tiền mã hóa|đầu tư coin|nhân đôi tài khoản|nhân đôi số tiền|lợi nhuận mỗi ngày|lãi mỗi ngày|đầu tư sinh lời|ủy thác đầu tư",
    "mua bán tài khoản ngân hàng|mua tài khoản ngân hàng|bán tài khoản ngân hàng|thuê tài khoản|thuê tài khoản ngân hàng|sim rác|bán sim rác|làm giả giấy tờ|làm bằng giả|bằng giả|nhận làm bằng|cho thuê tài khoản|mua bán tài khoản|tài khoản ngân hàng chính chủ|tài khoản chính chủ",
    "cựa sắt|đá gà cựa sắt|gà cựa sắt|xổ gà|đá gà online|xem đá gà|gà đá|cầu lô|lô gan|đánh đề|đánh lô|ghi lô|ghi đề|số đề|đánh lô đề|chơi lô đề|gà cựa",
];

/// Editorial phrases (two words or more, or two characters of an unspaced script).
pub(super) const EDITORIAL: &[&str] = &[
    "警方|公安|破获|破獲|抓获|抓獲|打击|打擊|犯罪|违法|違法|非法|涉嫌|法院|逮捕|查处|查處|团伙|團夥",
    "ตำรวจ|จับกุม|ผิดกฎหมาย|ดำเนินคดี|ปราบปราม|ผู้ต้องหา",
    "tindak pidana|ditangkap polisi|polisi menangkap|pemberantasan judi|berantas judi|bahaya judi|satgas judi|judi ilegal|diamankan polisi|tersangka judi|polis menahan|ditahan polis",
    "thu giữ|thu hồi|hàng giả",
    "chiêu trò|mạo danh|chiếm đoạt|tố giác|trình báo|bị can|bị cáo|đường dây|ổ nhóm|tang vật|cơ quan chức năng|lời mời chào|không tham gia",
    "illegal gambling|illegal betting|police arrested|were arrested|the police|crackdown|illegal|authorities|arrested|raided|seized|scam|fraud|victims|warned",
    // English reporting: each word is a phrase of its own (see `Index::new`).
    "police|officers|warned|warns|warning|unlicensed|illegally|arrest|arrests|court|judge|fined|fine of|verdict|sentenced|convicted|charged with|prosecutors|authorities said|police said|officials said|according to|residents|investigation|investigators|investigated|seized|seizure|regulator|regulators|in a statement|survey|surveyed|lawsuit|complained|shut down|banned|crackdown on|urged|reported|found that|newspaper",
];

/// Names of institutions and of services that a portal's own chrome carries (a sidebar's
/// links "Bộ Y tế", "Cục An ninh mạng…", a hospital's "Cấp cứu: 115"): editorial phrases
/// of a report, but no warning on their own. A quotation needs a reporting phrase in its
/// frame, not only these (`html::spam_block::verdict::quoted_in_context`).
pub(super) const NAMES: &[&str] = &[
    "bộ y tế|sở y tế|cục quản lý dược|quản lý thị trường|cục quản lý thị trường|ngân hàng nhà nước|cấp cứu|khoa cấp cứu",
    "cục an ninh mạng|cục an ninh mạng và phòng chống tội phạm sử dụng công nghệ cao|cục an toàn thông tin|trung tâm giám sát an toàn không gian mạng quốc gia|cục cảnh sát hình sự|phòng cảnh sát hình sự|viện kiểm sát nhân dân|tòa án nhân dân",
];

/// Labels that hold an editorial phrase and mean something else ("đường dây nóng" is a
/// hotline, not a ring; "đường dây 500kV" a power line): matched leftmost-longest before
/// the phrase inside them, and counted as nothing.
pub(super) const LABELS: &[&str] = &[
    "đường dây nóng|đường dây hỗ trợ|đường dây tư vấn|đường dây điện|đường dây trung thế|đường dây hạ thế|đường dây cao thế|đường dây 500kv|đường dây 220kv|đường dây 110kv|đường dây 35kv|đường dây 22kv|đường dây liên lạc",
];

/// The terms of `lists`.
pub(super) fn listed(lists: &'static [&'static str]) -> impl Iterator<Item = &'static str> {
    lists
        .iter()
        .flat_map(|l| l.split('|'))
        .filter(|w| !w.is_empty())
}
