//! Spam planted beside the portal's own labels (A5, issue 14's mutation corpus; suite
//! `spam_beside_portal_labels`): a betting slogan in a sidebar of a whole portal page whose
//! other parts carry the portal's labels (a hotline "Đường dây nóng", "Cấp cứu: 115", links
//! to "Bộ Y tế" and "Sở Y tế") and whose main column holds a genuine warning against scams
//! ("… khuyến cáo người dân không cung cấp mã OTP …"). The page is laid out by landmarks
//! (`<main>`, `<aside>`), by ARIA roles (`role=main`, `role=complementary`), by bare div
//! columns (`col-md-8`/`col-md-4`, no landmark, no role) or by a table of two cells, the
//! sidebar left or right of the main column. The slogan must go; the warning and the
//! labels stay.
//!
//! The benign twins: the same layouts where the sidebar itself quotes a slogan inside a
//! warning ("Công an tỉnh cảnh báo các chiêu trò như “…”"), and the labels with the
//! warning alone, byte for byte.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-sidebar-beside-labels", Kind::Text, planted)];

pub const BENIGN: &[Template] = &[t("sidebar-quoting-warning", Kind::Benign, quoting)];

/// Slogans planted in the sidebar.
const SLOGANS: &[&str] = &[
    "Nhà cái uy tín số 1 – nạp đầu tặng 100%",
    "Game bài đổi thưởng uy tín, rút tiền siêu tốc",
    "Tài xỉu online uy tín nhất Việt Nam, nạp rút 3 phút",
    "Nổ hũ đổi thưởng, bắn cá ăn xu, tặng code 50K",
    "Soi kèo nhà cái hôm nay, cá cược bóng đá tỷ lệ cao",
    "Link vào nhà cái mới nhất không bị chặn",
    "Thuốc phá thai an toàn – giao hàng kín 2h",
    "Vay tiền nhanh 5 phút, không thẩm định, giải ngân trong ngày",
    "Làm bằng đại học giả như thật, bao tra cứu",
];

/// How the slogan stands in the sidebar, `{s}` the slogan.
const SLOTS: &[&str] = &[
    "<p class=\"tu-van\">{s}</p>",
    "<div class=\"box\"><div>{s}</div></div>",
    "<ul class=\"lien-ket\"><li>{s}</li></ul>",
    "<p><b>{s}</b></p>",
];

/// The portal's labels: a hotline box, institution links, an emergency number.
const LABELS: &[&str] = &[
    "<h3>Đường dây nóng</h3><p>Đường dây nóng Sở Y tế: 1900 9095<br>Cấp cứu: 115</p>",
    "<h3>Liên kết website</h3><ul><li><a href=\"https://moh.gov.vn/\">Bộ Y tế</a></li><li><a href=\"https://soyte.quangngai.gov.vn/\">Sở Y tế</a></li></ul>",
    "<p>Đường dây nóng: 0255.3822.400</p><p><a href=\"https://moh.gov.vn/\">Bộ Y tế</a> · <a href=\"https://soyte.quangngai.gov.vn/\">Sở Y tế</a></p>",
    "<p>Khoa Cấp cứu: 0255 3822 115</p><p>Đường dây nóng Bệnh viện: 0255.3822.400</p>",
];

/// The genuine warning of the main column.
const WARNINGS: &[&str] = &[
    "Bệnh viện khuyến cáo người dân không cung cấp mã OTP, không chuyển tiền cho bất kỳ ai tự xưng là nhân viên bệnh viện.",
    "Công an tỉnh cảnh báo thủ đoạn lừa đảo qua mạng, khuyến cáo người dân không cung cấp thông tin cá nhân cho người lạ.",
    "Sở Y tế khuyến cáo người dân không cung cấp số tài khoản, mật khẩu cho các đối tượng giả danh cán bộ y tế.",
];

/// The quotation a genuine sidebar warning makes of a slogan (benign twins).
const QUOTES: &[&str] = &[
    "Công an tỉnh cảnh báo các chiêu trò như “Nhà cái uy tín số 1 – nạp đầu tặng 100%” để dụ người dân nạp tiền rồi chiếm đoạt.",
    "Công an tỉnh cảnh báo các chiêu trò như “Tài xỉu online uy tín, rút tiền 3 phút” trên mạng xã hội; người dân không tham gia.",
    "Cảnh giác: các trang quảng cáo “game bài đổi thưởng uy tín” là đánh bạc trái phép, Công an tỉnh khuyến cáo người dân không truy cập.",
    "Công an tỉnh khuyến cáo người dân cảnh giác với các quảng cáo “Thuốc phá thai an toàn – giao hàng kín 2h” trên mạng xã hội; đây là thủ đoạn lừa đảo.",
];

/// The two columns: (main, sidebar, wrapper), `{m}` and `{s}` their content.
const LAYOUTS: &[(&str, &str, &str)] = &[
    (
        "<main>{m}</main>",
        "<aside class=\"side\">{s}</aside>",
        "<div class=\"wrap\">{}</div>",
    ),
    (
        "<div role=\"main\">{m}</div>",
        "<div class=\"col-right\" role=\"complementary\">{s}</div>",
        "<div class=\"wrap\">{}</div>",
    ),
    (
        "<div class=\"col-md-8\">{m}</div>",
        "<div class=\"col-md-4\">{s}</div>",
        "<div class=\"container\"><div class=\"row\">{}</div></div>",
    ),
    (
        "<div class=\"noi-dung\"><div class=\"bai-viet\">{m}</div></div>",
        "<div class=\"cot-phai\"><div class=\"khoi\">{s}</div></div>",
        "<div id=\"page\">{}</div>",
    ),
    (
        "<td class=\"main\" valign=\"top\">{m}</td>",
        "<td class=\"side\" width=\"250\" valign=\"top\">{s}</td>",
        "<table width=\"100%\"><tr>{}</tr></table>",
    ),
];

/// A whole page: header, the two columns (sidebar first or last), a footer of labels.
fn page(r: &mut Rng, main: &str, side: &str) -> String {
    let (m, s, wrap) = *r.pick(LAYOUTS);
    let m = m.replace("{m}", main);
    let s = s.replace("{s}", side);
    let cols = match r.chance(50) {
        true => format!("{m}\n{s}"),
        false => format!("{s}\n{m}"),
    };
    let footer = match r.chance(50) {
        true => "<footer>Bệnh viện Đa khoa tỉnh. Đường dây nóng: 0255.3822.400</footer>",
        false => "<div class=\"footer\">Bệnh viện Đa khoa tỉnh. Cấp cứu: 115</div>",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bệnh viện Đa khoa tỉnh</title></head>\n<body>\n\
<div class=\"header\"><a href=\"/\">Trang chủ</a> | <a href=\"/tin-tuc/\">Tin tức</a></div>\n{}\n{footer}\n</body></html>\n",
        wrap.replace("{}", &cols)
    )
}

/// The main column: a notice or a warning article, ending in the genuine warning.
fn main_column(r: &mut Rng) -> (String, &'static str) {
    let warning = *r.pick(WARNINGS);
    let heading = *r.pick(&[
        "<h1>Triển khai đặt lịch khám trực tuyến</h1><p>Người bệnh chọn chuyên khoa, ngày khám và khung giờ phù hợp.</p>",
        "<h1>Cảnh giác với các thủ đoạn lừa đảo qua mạng</h1>",
        "<h2>Cảnh báo</h2>",
    ]);
    (format!("{heading}<p>{warning}</p>"), warning)
}

fn planted(r: &mut Rng) -> Payload {
    let (main, warning) = main_column(r);
    let labels = *r.pick(LABELS);
    let slogan = *r.pick(SLOGANS);
    let slot = r.pick(SLOTS).replace("{s}", slogan);
    let side = match r.chance(50) {
        true => format!("{labels}{slot}"),
        false => format!("{slot}{labels}"),
    };
    Payload {
        html: page(r, &main, &side),
        planted: vec![normalize(slogan)],
        kept: vec![normalize(warning)],
        whole_page: true,
        ..Default::default()
    }
}

fn quoting(r: &mut Rng) -> Payload {
    let (main, _) = main_column(r);
    let labels = *r.pick(LABELS);
    let side = match r.below(3) {
        0 => labels.to_string(),
        _ => format!("{labels}<h3>Cảnh báo</h3><p>{}</p>", r.pick(QUOTES)),
    };
    Payload {
        html: page(r, &main, &side),
        whole_page: true,
        ..Default::default()
    }
}
