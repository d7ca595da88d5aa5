//! Planted spam beside the portal's own labels (issue 14, class: visible planted spam;
//! red-team `r2-spam-br-hidden-joiner`): a slogan planted in a sidebar next to a hotline
//! ("Đường dây nóng Sở Y tế: 1900 9095"), an emergency number ("Cấp cứu: 115") and links to
//! institutions ("Bộ Y tế", "Cục Quản lý Dược", "Bộ Công an") was kept as a quotation. Those
//! labels hold editorial phrases ("đường dây" is a ring in police news, "cấp cứu" a health
//! report's word), and a warning in the main column ("Bệnh viện khuyến cáo … không cung cấp
//! mã OTP …") was counted as the sidebar's frame too.
//!
//! Now a label masks the phrase inside it, names of institutions and services frame no
//! quotation alone, and a landmark (`aside`, `main`, `footer`, a `role`) neither lends its
//! text as a frame outside it nor borrows one from outside.
//!
//! Benign twins: a genuine warning in the sidebar that quotes the slogan, a warning article
//! in the main column that lists slogans beside a sidebar of hotlines, and the portal's
//! labels alone come through byte for byte with no audit event.

use crate::common;

use common::rewrite::{rewrite, rule_ids, site};

/// Planted slogans: each goes when it stands alone in a sidebar.
const SLOGANS: &[&str] = &[
    "Thuốc phá thai an toàn – giao hàng kín 2h",
    "Nhà cái uy tín số 1 – nạp đầu tặng 100%",
    "Vay tiền nhanh 5 phút, không thẩm định, giải ngân trong ngày",
    "Làm bằng đại học giả như thật, bao tra cứu",
    "Game bài đổi thưởng uy tín, rút tiền siêu tốc",
];

/// How the slogan is written: whole, or split by hidden line breaks.
fn written(slogan: &str, split: bool) -> String {
    if !split {
        return slogan.to_string();
    }
    let mut out = String::new();
    for (i, c) in slogan.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push_str("<br style=\"display:none\">");
        }
        out.push(c);
    }
    out
}

/// The portal's own labels in a sidebar: hotlines, emergency numbers, institutions.
const LABELS: &[&str] = &[
    "<h2>Đường dây nóng</h2><p>Đường dây nóng Sở Y tế: 1900 9095<br>Đường dây nóng Bệnh viện: 0255.3822.400<br>Cấp cứu: 115</p>",
    "<h3>Liên kết website</h3><ul><li><a href=\"https://moh.gov.vn/\">Bộ Y tế</a></li><li><a href=\"https://dav.gov.vn/\">Cục Quản lý Dược</a></li><li><a href=\"https://soyte.quangngai.gov.vn/\">Sở Y tế</a></li></ul>",
    "<p>Đường dây hỗ trợ người dân: 1800 1091</p><p><a href=\"https://bocongan.gov.vn/\">Bộ Công an</a> · <a href=\"https://congan.quangngai.gov.vn/\">Công an tỉnh</a></p>",
    "<h3>Liên kết</h3><ul><li><a href=\"https://sbv.gov.vn/\">Ngân hàng Nhà nước</a></li><li><a href=\"https://ais.gov.vn/\">Cục An toàn thông tin</a></li><li><a href=\"https://a05.bocongan.gov.vn/\">Cục An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao</a></li></ul>",
    "<p>Khoa Cấp cứu: 0255 3822 115</p><p>Lịch cắt điện: đường dây 22kV lộ 471, đường dây trung thế Nghĩa Lộ</p>",
];

/// The sidebar, `{s}` its content.
const SIDEBARS: &[&str] = &[
    "<aside class=\"side\">{s}</aside>",
    "<div class=\"col-right\" role=\"complementary\">{s}</div>",
    "<footer class=\"foot\">{s}</footer>",
    "<aside><section class=\"box\">{s}</section></aside>",
];

/// The main column beside it: a genuine warning (against scams, in the hospital's words).
const MAINS: &[&str] = &[
    "<main><article><h3>Triển khai đặt lịch khám trực tuyến</h3><p>Người bệnh chọn chuyên khoa, ngày khám và khung giờ phù hợp.</p><p>Bệnh viện khuyến cáo người dân chỉ đặt lịch qua các kênh chính thức, không cung cấp mã OTP hay chuyển tiền cho bất kỳ ai tự xưng là nhân viên bệnh viện.</p></article></main>",
    "<div role=\"main\"><p>Công an tỉnh cảnh báo thủ đoạn lừa đảo qua mạng, đề nghị người dân cảnh giác.</p></div>",
    "<div class=\"content\"><p>Thông báo lịch tiếp công dân tháng 6.</p></div>",
];

fn page(main: &str, side: &str) -> String {
    format!(
        "<html><head><title>Bệnh viện Đa khoa tỉnh</title></head><body><div class=\"wrap\">{main}{side}</div></body></html>"
    )
}

#[test]
fn slogans_planted_beside_hotlines_and_institution_links_are_removed() {
    let site = site("");
    let mut kept = Vec::new();
    let mut total = 0;
    for slogan in SLOGANS {
        for split in [false, true] {
            let planted = format!("<p class=\"tu-van\">{}</p>", written(slogan, split));
            for labels in LABELS {
                for side in SIDEBARS {
                    for main in MAINS {
                        total += 1;
                        let html = page(main, &side.replace("{s}", &format!("{labels}{planted}")));
                        let (out, events) = rewrite(&site, html.as_bytes(), &[usize::MAX], None);
                        let out = String::from_utf8_lossy(&out);
                        if out.contains(&planted) || events.is_empty() {
                            kept.push(format!("{slogan} | {labels} | {side} | {main}"));
                        }
                    }
                }
            }
        }
    }
    assert!(
        kept.is_empty(),
        "{} of {total} kept:\n{}",
        kept.len(),
        kept.join("\n")
    );
}

/// Genuine warnings that quote a slogan, in the sidebar or in the main column.
const WARNINGS: &[&str] = &[
    "<aside class=\"side\"><h2>Cảnh báo</h2><p>Công an tỉnh khuyến cáo người dân cảnh giác với các quảng cáo \u{201c}Thuốc phá thai an toàn – giao hàng kín 2h\u{201d} trên mạng xã hội; đây là thủ đoạn lừa đảo, chiếm đoạt tài sản.</p>{labels}</aside>",
    "<main><article><h2>Cảnh giác với quảng cáo thuốc không rõ nguồn gốc</h2><p>Sở Y tế cảnh báo các trang mạng quảng cáo thuốc trái phép với lời mời chào như:</p><ul><li>Thuốc phá thai an toàn – giao hàng kín 2h</li><li>Thuốc giảm cân cấp tốc, cam kết giảm 10kg</li></ul><p>Người dân không mua thuốc qua mạng, khi phát hiện hãy trình báo cơ quan chức năng.</p></article></main><aside>{labels}</aside>",
    "<main><p>Công an tỉnh khuyến cáo: các đối tượng lừa đảo thường quảng cáo \u{201c}Vay tiền nhanh 5 phút, không thẩm định\u{201d} rồi chiếm đoạt tài sản.</p></main><aside>{labels}</aside>",
];

#[test]
fn warnings_quoting_slogans_beside_the_portal_labels_are_unchanged() {
    let site = site("");
    let mut changed = Vec::new();
    let mut total = 0;
    for labels in LABELS {
        for warning in WARNINGS {
            total += 1;
            let body = warning.replace("{labels}", labels);
            let html = format!(
                "<html><head><title>Bệnh viện Đa khoa tỉnh</title></head><body><div class=\"wrap\">{body}</div></body></html>"
            );
            let (out, events) = rewrite(&site, html.as_bytes(), &[usize::MAX], None);
            if out != html.as_bytes() || !events.is_empty() {
                changed.push(format!("{body}: {:?}", rule_ids(&events)));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "{} of {total} changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
}

#[test]
fn portal_labels_alone_are_unchanged() {
    let site = site("");
    let mut changed = Vec::new();
    for labels in LABELS {
        for side in SIDEBARS {
            for main in MAINS {
                let html = page(main, &side.replace("{s}", labels));
                let (out, events) = rewrite(&site, html.as_bytes(), &[usize::MAX], None);
                if out != html.as_bytes() || !events.is_empty() {
                    changed.push(format!("{labels} | {side}: {:?}", rule_ids(&events)));
                }
            }
        }
    }
    assert!(changed.is_empty(), "changed:\n{}", changed.join("\n"));
}
