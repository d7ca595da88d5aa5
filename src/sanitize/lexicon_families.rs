//! Stage 6 (planted spam): the word lists of the promotion families beyond betting (loan
//! apps, fake jobs and work from home, task and order scams, hack and cheat tools, adult
//! content, forged papers and counterfeit goods, crypto and forex "investment") and of the
//! promotion features that `lexicon_shapes` reads by shape: topic nouns, contact channels,
//! the words before a phone number or an amount, and the reporting phrases that only the
//! promotion scorer weighs.
//!
//! Each line is one family, its terms separated by `|` (see `lexicon_topics::listed`).
//!
//! Security note: `STRONG` and `WEAK` join the lexicon's keywords (a planted list of them is
//! a spam block wherever it stands); only jargon that news does not use is `STRONG`. Words
//! that job notices, loan notices or health education use ("không cần kinh nghiệm", "vay",
//! "sex") are not keywords: they are `NOUNS`, a topic only in a sentence that also has
//! promotion features of two kinds (a call, a contact, a money promise, a boast).

/// Keywords that count 2: jargon that a report or a notice does not use.
pub(super) const STRONG: &[&str] = &[
    "vay siêu tốc|vay tiền siêu tốc|nợ xấu vẫn vay|vay tiền online siêu tốc|app vay tiền online",
    "tool hack tài xỉu|hack tài xỉu|mod menu|apk mod|mod apk|aimbot|wallhack|hack map liên quân|tool hack game",
    "chat sex|clip sex|gái xinh chat sex|phim cấp 3|sex vietsub|sex châu á|porno|camgirl|live sex|sex cam|nude girls|adult dating|phim 18+ không che",
    "hàng super fake|super fake 1:1|rep 1:1|fake 1:1",
    "sàn coin uy tín|copy trade uy tín|kèo copy trade",
    // Phone spying, medical papers and adult offers as sellers word them (issue 14).
    "đọc tin nhắn người khác|đọc tin nhắn điện thoại người khác|xem tin nhắn người khác|định vị điện thoại người khác|theo dõi điện thoại người khác|nghe lén cuộc gọi người khác|khám sức khỏe lấy ngay|khám sức khỏe lấy liền|khám sức khỏe không cần khám|giấy khám sức khỏe không cần khám|chat sex webcam|sex webcam|webcam sex|show hàng webcam|tìm sugar baby|tìm sugar daddy",
    // Short offers in weak vocabulary (issue 14): escorts, spy apps and forged papers as the
    // seller labels them, which a report words otherwise ("mua bán dâm", "phần mềm gián
    // điệp", "làm giả giấy tờ").
    "gái xinh cao cấp|gái bao cao cấp|gái dịch vụ|gái dịch vụ cao cấp|gái gọi kín đáo|call girl|call girl cao cấp|tìm bạn tình|bạn tình một đêm|tìm bạn tình một đêm|hẹn hò qua đêm|nhận khách qua đêm|đi khách qua đêm|massage kích dục tại nhà|gái xinh phục vụ|tìm gái một đêm|gái một đêm",
    "app nghe lén|phần mềm nghe lén điện thoại|phần mềm nghe lén cuộc gọi|phần mềm đọc trộm tin nhắn|app gián điệp điện thoại|app đọc trộm tin nhắn|app định vị người khác|cài phần mềm theo dõi|cài app theo dõi|cài phần mềm nghe lén|cài app nghe lén|cài phần mềm định vị|cài app định vị|theo dõi zalo vợ|theo dõi zalo chồng|theo dõi zalo người yêu|theo dõi điện thoại vợ|theo dõi điện thoại chồng|theo dõi điện thoại người yêu|định vị điện thoại vợ|định vị điện thoại chồng|đọc tin nhắn zalo vợ|đọc tin nhắn zalo chồng|xem tin nhắn zalo vợ|xem tin nhắn zalo chồng",
    "làm giấy khám sức khỏe online|làm giấy khám sức khỏe lấy ngay|giấy khám sức khỏe online|giấy khám sức khỏe lấy liền|giấy khám sức khỏe lấy ngay|làm giấy nghỉ ốm online|làm giấy nghỉ ốm lấy ngay|giấy nghỉ ốm online",
];

/// Keywords that count 1: news and notices use them too.
pub(super) const WEAK: &[&str] = &[
    // Loan apps.
    "vay không thế chấp|vay không cần thế chấp|không cần thế chấp|chỉ cần căn cước|chỉ cần căn cước công dân|không cần chứng minh thu nhập|app vay|vay qua app|vay cấp tốc|giải ngân nhanh|giải ngân trong ngày|vay tiền mặt nhanh|bốc bát họ|vay nóng online|vay online 24/7|vay tín chấp online",
    // Fake jobs, work from home.
    "tuyển ctv online|tuyển cộng tác viên online|tuyển nhân viên online|tuyển người làm online|làm việc tại nhà online|làm online tại nhà|việc làm thêm online|làm thêm tại nhà|kiếm tiền online tại nhà|work from home|earn money online|online job|part time job",
    // Task and order scams.
    "thả tim nhận tiền|like video nhận tiền|xem video nhận tiền|like tiktok|like video tiktok|follow nhận tiền|đánh giá sản phẩm nhận tiền|nhiệm vụ like|nhiệm vụ thả tim|chốt đơn shopee|chốt đơn ảo|chốt đơn hưởng hoa hồng|nạp tiền làm nhiệm vụ|hoàn tiền đơn hàng|like and earn",
    // Hack and cheat tools.
    "tool hack|phần mềm hack|bản hack|app hack|hack game|hack kim cương|hack liên quân|hack free fire|cheat game|hack full tiền|tool dự đoán|tool soi cầu|game hack|hack tool|cheat codes",
    // Adult content.
    "clip nóng|ảnh nóng|gái xinh|sugar baby|sugar daddy|phim 18+|lộ clip|tình một đêm|massage kích dục|escort|hookup",
    // Forged papers and counterfeit goods.
    "làm bằng đại học giả|làm bằng đại học|mua bằng đại học|bán bằng đại học|làm giấy tờ giả|bằng lái không cần thi|bằng lái xe không cần thi|làm bằng lái|làm bằng lái xe|làm cccd giả|làm căn cước giả|làm hộ chiếu giả|làm sổ đỏ giả|làm bằng cấp 3|nhận làm giấy tờ|bao đậu|hàng fake|super fake|replica|hàng rep|like auth|hàng nhái|fake documents",
    // Instant credit, hired hacking, escorts, forged papers (new vocabulary).
    "vay tiền trong ngày|giải ngân 24/7|vay bốc bát họ|bốc họ|instant loan|instant loans|payday loan|payday loans|no credit check|préstamos rápidos|préstamo rápido|préstamos sin aval|dinero rápido|sin aval",
    "hack facebook|hack fb|hack zalo|hack instagram|hack tài khoản|dịch vụ hack|thuê hacker|định vị điện thoại|đọc trộm tin nhắn|xem trộm tin nhắn|hire a hacker|hire hacker|hackear facebook",
    "gái gọi cao cấp|gái bao|escort service|escort services|call girls|làm bằng lái|bằng lái xe giả|fake diploma|fake diplomas|fake driver s license|documentos falsos",
    // Accounts, eKYC and SIM numbers for sale.
    "mở tài khoản hộ|sim số đẹp|bán sim số đẹp|tài khoản đã xác minh|tài khoản ekyc|bán tài khoản ekyc|mua tài khoản ekyc|verified bank accounts|buy verified bank accounts|buy bank accounts",
    // Work from home, odds, Spanish casino and Korean spam (Hangul words as written).
    "work from home jobs|make money from home|trabajo desde casa|gana dinero desde casa|soi kèo bóng đá|soi kèo hôm nay|kèo bóng đá|live odds|betting tips|apuestas deportivas|casino en línea",
    "급전|급전 대출|당일 대출|무직자|토토사이트|바카라 사이트|카지노사이트|출장안마|조건만남",
    // Phone spying and cheat mods, medical papers, kept women, cash loans (issue 14).
    "phần mềm định vị|phần mềm gián điệp|app gián điệp|ứng dụng gián điệp|phần mềm theo dõi điện thoại|app theo dõi điện thoại|theo dõi tin nhắn|đọc tin nhắn điện thoại|nghe lén cuộc gọi|nghe lén điện thoại|vô hạn xu|vô hạn kim cương|vô hạn tiền|mod vô hạn",
    "làm giấy nghỉ ốm|làm giấy ra viện|làm giấy nghỉ phép|làm giấy xét nghiệm|mua giấy nghỉ ốm|làm giấy khám sức khỏe|làm giấy khám sức khoẻ",
    "bao nuôi|nhận bao nuôi|tìm người bao nuôi|gọi video riêng tư|video call riêng tư|chat sex riêng tư|show hàng riêng tư",
    "vay tiền mặt|cho vay tiền mặt|bốc họ online|vay không gặp mặt|thu phôi cccd|thu phôi căn cước|mở tài khoản hộ|mở tk hộ",
    // Crypto and forex.
    "sàn coin|copy trade|copy trading|tín hiệu forex|lãi suất cam kết|lợi nhuận cố định|sàn usdt|nạp usdt|kiếm usdt|nhận ủy thác|bot trade|bot giao dịch|forex signal|crypto signals|daily profit|trading signals|binary options|quyền chọn nhị phân|sàn binary",
];

/// Topic nouns: a topic only in a sentence with promotion features of two kinds.
pub(super) const NOUNS: &[&str] = &[
    "vay|vay tiền|khoản vay|giải ngân|tín chấp|hồ sơ vay|loan|loans",
    "ctv|cộng tác viên|việc làm online|việc làm thêm|làm thêm|kiếm tiền|tuyển gấp|jobs|hiring",
    "đơn hàng|tiktok|shopee|lazada|like video|thả tim|nhận nhiệm vụ|nhiệm vụ",
    "hack|cheat|tool|bản mod|hack acc",
    "sex|clip|gái|phim nóng|girls|hot girl|xxx",
    "bằng đại học|bằng lái|bằng cấp|giấy tờ|giấy khám sức khỏe|sổ đỏ|sổ hồng|fake|rep|hàng hiệu",
    "coin|crypto|bitcoin|btc|usdt|forex|trade|trading|tiền ảo|tiền điện tử|crypto exchange",
    "bet|casino|slot|slots|game bài|nạp|cược|kèo|odds|jackpot",
];

/// Calls to action (a feature kind of its own; the lexicon's `CALLS` are calls too).
pub(super) const CALLS: &[&str] = &[
    "đăng ký|đăng kí|nhận ngay|tham gia ngay|liên hệ|liên hệ ngay|inbox|ib|ibx|nhắn tin|nhắn ngay|gọi ngay|truy cập ngay|tải app|tải ngay|click|bấm vào|nhấn vào|kết bạn|chat ngay|nhận thưởng|chơi ngay|vào ngay|xem ngay|sign up|register|join|join now|contact|dm|apply now|download|claim|lh|ib ngay|quét mã|play now|bet now|deposit|daftar|regístrate|regístrate ahora|contáctanos|escríbenos|cadastre se|문의|문의 주세요|상담|가입|가입하기|바로가기|지금 가입",
];

/// Contact channels: one alone is a contact.
pub(super) const APPS: &[&str] = &[
    "zalo|telegram|tele|whatsapp|viber|wechat|skype|messenger|t me|zalo me|fanpage|kakaotalk|line id|카톡|카카오톡|텔레그램|라인|왓츠앱",
];

/// Words that make the name after them an app to contact the seller through ("kết bạn qua
/// ứng dụng Hẹn Hò 24h", "tải app XYZ để nhận", "liên hệ qua app Telegram"): a contact.
pub(super) const VIA_APP: &[&str] = &[
    "qua ứng dụng|qua app|tải app|tải ứng dụng|cài app|cài ứng dụng|cài đặt app|cài đặt ứng dụng|trên app|trên ứng dụng|vào app|vào ứng dụng|dùng app|bằng app|via app|download app|app",
];

/// Words that make the name after them a private service that sells ("liên hệ dịch vụ Minh
/// Phát"): a call, when written in lower case before a capitalized name ("Trung tâm Dịch vụ
/// hành chính công" is an office).
pub(super) const SERVICE: &[&str] = &["dịch vụ|văn phòng dịch vụ|cơ sở dịch vụ"];

/// Words that make a number after them a phone number.
pub(super) const PHONES: &[&str] =
    &["hotline|sđt|số điện thoại|điện thoại|đt|call|phone|liên hệ|lh|gọi|tel|sdt|cskh"];

/// Words that make an amount after them a money promise.
pub(super) const INCOME: &[&str] = &[
    "lợi nhuận|lãi|lãi suất|hoa hồng|hoàn tiền|thu nhập|lương|kiếm|thưởng|tặng|nhận|profit|profits|return|returns|commission|cashback|bonus|earn|income|salary|lời|win|get",
];

/// Reporting and institutional phrases weighed by the promotion scorer only (so that
/// "Ủy ban nhân dân" in a paragraph does not spare planted terms from the lexicon's guard).
pub(super) const EDITORIAL: &[&str] = &[
    "người dân cần cảnh giác|cơ quan công an|bộ công an|tuyên án|bản án|phạt tù|án tù|hội đồng xét xử|tòa tuyên|chiếm đoạt tài sản|đề nghị truy tố|bị hại|quảng cáo|mời chào|người vay|nặng lãi|giả danh|giả mạo|chiêu lừa",
    "tuyển dụng viên chức|tuyển dụng công chức|thi tuyển công chức|thi tuyển viên chức|xét tuyển viên chức|hồ sơ dự tuyển|sở nội vụ|ngày hội việc làm|dịch vụ việc làm|phiên giao dịch việc làm|ngân hàng chính sách|hộ nghèo|ủy ban nhân dân|giáo dục giới tính|sức khỏe sinh sản|sức khỏe tình dục|chăm sóc sức khỏe",
    "was sentenced|sentenced to|pleaded guilty|prosecutors said|the court|the jury|was convicted|fraud trial|the defendant|federal court|court heard|ponzi scheme|lawsuit|defendant|jury|trial|said|the indictment|indictment|indicted|prosecution|testified|cáo trạng|theo cáo trạng|khai nhận",
];
