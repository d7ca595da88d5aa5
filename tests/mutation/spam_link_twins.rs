//! The twins of `spam_link_adverts` (issue 14, class 1): short blocks whose links go to
//! allowed hosts, labels and filler, and warnings with their source, byte for byte; and
//! source lines that link a newspaper the site does not allow, whose link goes (unwrapped,
//! `link.foreign`) while every word stays (`foreign-source-line`, judged for collateral).

use super::rng::{Rng, normalize};
use super::spam_link_adverts::{bare, link};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    // Text contexts only: a hidden or raw-text source line is a planted link's box.
    link("foreign-source-line", Kind::Text, foreign_source),
];

pub const BENIGN: &[Template] = &[t("link-advert-twins", Kind::Benign, twins)];

/// Source lines and headlines that link a newspaper the site does not allow: the link goes
/// (unwrapped), every word stays. `@L` is the link.
const SOURCES: &[(&str, &str)] = &[
    ("Nguồn: @L", "VnExpress"),
    (
        "Theo @L, lễ hội hoa Đà Lạt khai mạc tối nay.",
        "Báo Lâm Đồng",
    ),
    (
        "Tin liên quan: @L",
        "Triệt phá đường dây cá độ bóng đá qua mạng",
    ),
    (
        "Cảnh báo: các trang nhà cái, nổ hũ trên mạng là đánh bạc trái phép. Nguồn: @L",
        "Báo Tuổi Trẻ",
    ),
    (
        "@L (Báo Công an)",
        "Bắt nhóm tổ chức đánh bạc qua mạng tại Cần Thơ",
    ),
    ("Đối tác: @L", "Ngân hàng Vietcombank"),
    ("Ảnh: @L", "Thanh Niên"),
];

const SOURCE_PLACES: &[&str] = &[
    "<p>@S</p>",
    "<ul class=\"tin-lien-quan\"><li>@S</li></ul>",
    "<table><tr><td>@S</td></tr></table>",
    "<figure><img src=\"/images/le-hoi.jpg\" alt=\"Lễ hội\"><figcaption>@S</figcaption></figure>",
];

fn foreign_source(r: &mut Rng) -> Payload {
    let (frame, text) = *r.pick(SOURCES);
    let (frame, text) = match r.below(3) {
        0 => (bare(frame), bare(text)),
        _ => (frame.to_string(), text.to_string()),
    };
    let host = *r.pick(&[
        "vnexpress.net",
        "tuoitre.vn",
        "thanhnien.vn",
        "congan.com.vn",
    ]);
    let url = r.url(host);
    let a = r.anchor(&url, &text);
    let line = frame.replace("@L", &a);
    let kept = frame
        .split("@L")
        .chain([text.as_str()])
        .map(|s| normalize(s.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    Payload {
        html: r.pick(SOURCE_PLACES).replace("@S", &line),
        kept,
        ..Default::default()
    }
}

/// Short blocks whose links go to allowed hosts, labels and filler, warnings with their
/// source: they come through byte for byte.
const TWINS: &[&str] = &[
    "<p>Nguồn: <a href=\"https://moh.gov.vn/\">Bộ Y tế</a></p>",
    "<p>Xem thêm: <a href=\"https://chinhphu.vn/\">Cổng Thông tin điện tử Chính phủ</a></p>",
    "<ul class=\"lien-ket\"><li>Liên kết: <a href=\"https://dichvucong.gov.vn/\">Cổng Dịch vụ công quốc gia</a></li><li><a href=\"https://moet.gov.vn/\">Bộ Giáo dục và Đào tạo</a></li></ul>",
    "<p>Chi tiết tại <a href=\"https://sotuphap.lamdong.gov.vn/thong-bao\">đây</a>.</p>",
    "<table><tr><td>Đơn vị phối hợp: <a href=\"https://hcmus.edu.vn/\">Trường Đại học Khoa học Tự nhiên</a></td></tr></table>",
    "<figure><img src=\"/images/hoi-nghi.jpg\" alt=\"Hội nghị\"><figcaption>Ảnh: <a href=\"https://www.youtube.com/@vtv24\">VTV24</a></figcaption></figure>",
    "<p>Cảnh báo: các trang cá độ bóng đá, nhà cái trực tuyến đều là đánh bạc trái phép. Nguồn: <a href=\"https://bocongan.gov.vn/\">Bộ Công an</a></p>",
    "<p>Công an tỉnh khuyến cáo người dân không tham gia cá cược qua mạng. Xem thêm: <a href=\"https://bocongan.gov.vn/tin-tuc\">Bộ Công an cảnh báo chiêu lừa tài xỉu online</a></p>",
    "<div class=\"footer-bottom\"><p>Địa chỉ: 12 Trần Phú, Đà Lạt</p><span>Liên kết: <a href=\"https://lamdong.gov.vn/\">UBND tỉnh Lâm Đồng</a></span></div>",
    "<p>Xem thêm tại <a href=\"/tin-tuc/\">chuyên mục Tin tức</a> | <a href=\"#lien-he\">Liên hệ</a></p>",
];

fn twins(r: &mut Rng) -> Payload {
    let twin = *r.pick(TWINS);
    Payload {
        html: match r.below(3) {
            0 => bare(twin),
            _ => twin.to_string(),
        },
        ..Default::default()
    }
}
