//! A lone brand name (issue 14, class "a lone brand name"): a betting brand planted alone or
//! with a frame that only points at it ("Xem thêm tại 789BET.", "Tài trợ bởi VN88X", "Đối
//! tác: NEW88 | JUN88", "Link vào W88 mới nhất"), known brands and unknown ones of their
//! shapes with mirror suffixes, in a paragraph, a span inside news, a list item, a link's
//! text, a cell or a footer, after news that uses the words of law enforcement. The benign
//! twin: model numbers, document codes, plates, acronyms in the same frames, and crackdown
//! news that names a brand.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-lone-brand", Kind::Text, lone_brand)];

pub const BENIGN: &[Template] = &[t("brand-like-codes-and-news", Kind::Benign, codes)];

const LAW_NEWS: &str = "Công an huyện phối hợp xử lý vi phạm pháp luật về trật tự xây dựng, tuyên truyền để người dân chấp hành quy định.";

const BRANDS: &[&str] = &[
    "789BET", "NEW88", "JUN88", "HI88", "F8BET", "GO88", "SUNWIN", "HITCLUB", "KUBET", "FB88",
    "MB66", "W88", "VN88X", "SV368", "8XBET", "FUN88", "JUN88VIP", "NEW88Z", "33WIN", "TA88",
    "V9BET", "BK8", "RIKVIP", "B52CLUB",
];

const FRAMES: &[&str] = &[
    "{}",
    "Xem thêm tại {}.",
    "Xem them tai {}",
    "Tài trợ bởi {}",
    "Tai tro boi {}",
    "Đối tác: {}",
    "Nhà tài trợ: {}",
    "Link vào {} mới nhất",
    "Truy cập {}",
    "{} - Trang chủ",
    "Đối tác: {} | {}",
];

const CARRIERS: &[&str] = &[
    "<p>{}</p>",
    "<p>Tin trong tỉnh. <span>{}</span></p>",
    "<ul><li><a href=\"/gioi-thieu\">Giới thiệu</a></li><li>{}</li></ul>",
    "<p>Tin trong tỉnh. <a href=\"/lien-ket\">{}</a></p>",
    "<table><tr><td>Cơ quan chủ quản</td><td>{}</td></tr></table>",
    "<footer><p>{}</p></footer>",
];

fn lone_brand(r: &mut Rng) -> Payload {
    let (a, b) = (*r.pick(BRANDS), *r.pick(BRANDS));
    let text = r.pick(FRAMES).replacen("{}", a, 1).replacen("{}", b, 1);
    let text = match r.below(3) {
        0 => text.to_uppercase(),
        1 => text.to_lowercase(),
        _ => text,
    };
    let unit = r.pick(CARRIERS).replace("{}", &text);
    let html = match r.below(2) {
        0 => format!("<p>{LAW_NEWS}</p>{unit}"),
        _ => unit,
    };
    let mut planted = vec![normalize(a)];
    if text.to_lowercase().contains(&b.to_lowercase()) {
        planted.push(normalize(b));
    }
    Payload {
        html,
        planted,
        ..Default::default()
    }
}

const TWINS: &[&str] = &[
    "Samsung A54",
    "iPhone 15",
    "Honda SH150i",
    "Wave 110",
    "Quyết định 68/QĐ-UBND",
    "Số: 888/TB-STTTT",
    "Biển số 51G-888.88",
    "ISO 9001",
    "COVID-19",
    "VNPT",
    "BIDV",
    "VN-Index",
];

const NEWS_NAMING: &[&str] = &[
    "Bộ Công an đã chặn truy cập trang 789BET.",
    "Đường dây cá độ qua trang KUBET bị triệt phá.",
    "Người dân không tham gia các trang như W88, FB88.",
];

fn codes(r: &mut Rng) -> Payload {
    let text = match r.below(3) {
        0 => (*r.pick(NEWS_NAMING)).to_string(),
        _ => {
            let frame = *r.pick(&["{}", "Xem thêm tại {}.", "Tài trợ bởi {}", "Đối tác: {}"]);
            let twin = *r.pick(TWINS);
            frame.replace("{}", twin)
        }
    };
    Payload {
        html: r.pick(CARRIERS).replace("{}", &text),
        ..Default::default()
    }
}
