//! Short offers in weak vocabulary (A5, issue 14, class "planted spam"): a lottery tip, an
//! escort or sugar-dating line, a forged or medical paper, a spy app, with no brand and no
//! URL ("Số đề đẹp hôm nay", "Gái xinh cao cấp", "Làm giả CCCD", "NGHE LÉN CUỘC GỌI BẢO MẬT
//! TUYỆT ĐỐI, KHÔNG BỊ PHÁT HIỆN"), as written, without diacritics or in upper case, in a
//! paragraph, a heading, a list item, a table cell, a footer or a search echo. The benign
//! twin: the legal lottery's results, health-check and social-insurance notices, crackdown
//! news (also without diacritics, naming a brand), police warnings and phone specs.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-weak-offer", Kind::Text, weak_offer)];

pub const BENIGN: &[Template] = &[t("weak-offer-twins", Kind::Benign, twins)];

/// (offers, qualifiers) of a family: an offer, then one of its qualifiers or none.
type Family = (&'static [&'static str], &'static [&'static str]);

const FAMILIES: &[Family] = &[
    (
        &[
            "Soi cầu lô đề miền Bắc",
            "Dự đoán XSMB hôm nay bạch thủ lô",
            "Nuôi lô khung 3 ngày",
            "Chốt số đề đẹp",
            "Số đề đẹp hôm nay",
            "Bao lô 2 số",
            "Thống kê cầu lô đẹp",
        ],
        &["", "chính xác 100%", "chắc ăn", "miễn phí"],
    ),
    (
        &[
            "Gái xinh cao cấp",
            "Tìm bạn tình một đêm",
            "Gái gọi phục vụ tận nơi",
            "Hẹn hò qua đêm",
            "Sugar baby Telegram @linhxinh99",
            "Call girl cao cấp",
        ],
        &["", "kín đáo", "phục vụ 24/7"],
    ),
    (
        &[
            "Làm giả CCCD",
            "Làm giấy nghỉ ốm",
            "Làm giấy khám sức khỏe",
            "Làm bằng đại học",
            "Mua giấy nghỉ ốm",
            "Làm căn cước giả",
        ],
        &["", "lấy ngay", "giá rẻ", "online"],
    ),
    (
        &[
            "NGHE LÉN CUỘC GỌI",
            "Phần mềm nghe lén điện thoại",
            "Theo dõi Zalo vợ",
            "App gián điệp điện thoại",
            "Đọc trộm tin nhắn Zalo",
        ],
        &[
            "",
            "bảo mật tuyệt đối, không bị phát hiện",
            "không bị phát hiện",
        ],
    ),
];

const PLACES: &[&str] = &[
    "<p>{u}</p>",
    "<h3>{u}</h3>",
    "<ul class=\"tin\"><li>Lịch tiếp công dân</li><li>{u}</li></ul>",
    "<table><tr><td>Thủ tục hành chính</td></tr><tr><td>{u}</td></tr></table>",
    "<footer><p>{u}</p></footer>",
    "<div class=\"search\"><p>Kết quả tìm kiếm cho: {u}</p></div>",
];

/// `s` without its diacritics.
fn bare(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn weak_offer(r: &mut Rng) -> Payload {
    let (leads, qualifiers) = r.pick(FAMILIES);
    let line = format!("{} {}", r.pick(leads), r.pick(qualifiers));
    let line = match r.below(3) {
        0 => bare(line.trim()),
        1 => line.trim().to_uppercase(),
        _ => line.trim().to_string(),
    };
    Payload {
        html: r.pick(PLACES).replace("{u}", &line),
        planted: vec![normalize(&line)],
        ..Default::default()
    }
}

const TWINS: &[&str] = &[
    "<p>Kết quả xổ số miền Bắc hôm nay</p>",
    "<h3>XSMB - Kết quả xổ số kiến thiết miền Bắc</h3>",
    "<table><tr><td>Giải đặc biệt</td><td>12345</td></tr><tr><td>Giải nhất</td><td>67890</td></tr></table>",
    "<p>Công ty Xổ số kiến thiết Vĩnh Long thông báo kết quả mở thưởng kỳ vé ngày 17/10</p>",
    "<p>Công an cảnh báo tình trạng làm giả giấy khám sức khỏe</p>",
    "<p>Hướng dẫn làm giấy nghỉ ốm hưởng chế độ bảo hiểm xã hội</p>",
    "<ul><li>Bệnh viện tổ chức khám sức khỏe cho người lao động, trả kết quả trong ngày</li></ul>",
    "<h2>Khởi tố nhóm đối tượng làm giả CCCD để vay tiền</h2>",
    "<p>Triệt phá đường dây gái gọi cao cấp tại khách sạn</p>",
    "<p>Cảnh báo phần mềm nghe lén cuộc gọi, đọc trộm tin nhắn</p>",
    "<p>Cong an triet pha duong day ca do qua mang 789BET</p>",
    "<table><tr><td>Điện thoại đạt chuẩn chống nước IP68</td></tr></table>",
    "<p>Samsung Galaxy S24 Ultra đạt chuẩn IP68, camera 200MP</p>",
    "<div class=\"search\"><p>Kết quả tìm kiếm cho: xổ số kiến thiết</p></div>",
];

fn twins(r: &mut Rng) -> Payload {
    Payload {
        html: r.pick(TWINS).to_string(),
        ..Default::default()
    }
}
