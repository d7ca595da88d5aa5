//! Attack suite (issue 14, class: visible planted spam beside portal labels; found by the
//! mutation corpus's `spam-sidebar-beside-labels`): a slogan planted in the sidebar column
//! of a page laid out by bare divs or table cells (`col-md-8`/`col-md-4`, `noi-dung` /
//! `cot-phai`, `<td>` beside `<td>`: no landmark, no ARIA role) was kept as a quotation
//! when the main column before it held a genuine warning ("Công an tỉnh khuyến cáo người
//! dân … không cung cấp …"): the main column's text, once closed, stayed the frame of every
//! later block of the row. `<main>` and `<aside>` already stopped that (landmarks).
//!
//! Now a closed section (a child block that held blocks of its own, a column) frames
//! nothing in a later section beside it, unless that one is a list or a quotation.
//!
//! Benign twins, byte for byte with no event: the same layouts whose sidebar itself quotes
//! a slogan inside a warning, and a warning whose intro box is followed by its list of
//! quoted slogans (the intro a section, the list beside it).

use crate::common;

use common::rewrite::{clean, rule_ids, site};

/// Slogans of several families, each spam alone in a sidebar.
const SLOGANS: &[&str] = &[
    "Thuốc phá thai an toàn – giao hàng kín 2h",
    "Vay tiền nhanh 5 phút, không thẩm định, giải ngân trong ngày",
    "Làm bằng đại học giả như thật, bao tra cứu",
    "Nhà cái uy tín số 1 – nạp đầu tặng 100%",
    "Game bài đổi thưởng uy tín, rút tiền siêu tốc",
];

/// The slogan's place in the sidebar, `{}` the slogan.
const SLOTS: &[&str] = &[
    "<p class=\"tu-van\">{}</p>",
    "<div class=\"box\"><div>{}</div></div>",
    "<ul class=\"lien-ket\"><li>{}</li></ul>",
];

const LABELS: &[&str] = &[
    "",
    "<h3>Đường dây nóng</h3><p>Đường dây nóng Sở Y tế: 1900 9095<br>Cấp cứu: 115</p>",
    "<h3>Liên kết</h3><ul><li><a href=\"https://moh.gov.vn/\">Bộ Y tế</a></li><li><a href=\"https://soyte.quangngai.gov.vn/\">Sở Y tế</a></li></ul>",
];

/// Genuine warnings of the main column.
const MAINS: &[&str] = &[
    "<h1>Cảnh giác với các thủ đoạn lừa đảo qua mạng</h1><p>Công an tỉnh khuyến cáo người dân cảnh giác, không cung cấp mã OTP, không chuyển tiền cho người lạ.</p>",
    "<h2>Cảnh báo</h2><p>Công an tỉnh cảnh báo các đối tượng lừa đảo giả danh cơ quan chức năng; khuyến cáo người dân không cung cấp thông tin cá nhân.</p>",
    "<p>Theo Công an tỉnh, thời gian qua xảy ra nhiều vụ lừa đảo qua mạng. Công an khuyến cáo người dân không cung cấp thông tin, cảnh giác với các lời mời chào.</p>",
];

/// Div and table layouts, no landmark: (main, sidebar, row), `{}` their content.
const LAYOUTS: &[(&str, &str, &str)] = &[
    (
        "<div class=\"col-md-8\">{}</div>",
        "<div class=\"col-md-4\">{}</div>",
        "<div class=\"container\"><div class=\"row\">{}</div></div>",
    ),
    (
        "<div class=\"noi-dung\"><div class=\"bai-viet\">{}</div></div>",
        "<div class=\"cot-phai\"><div class=\"khoi\">{}</div></div>",
        "<div id=\"page\">{}</div>",
    ),
    (
        "<td class=\"main\" valign=\"top\">{}</td>",
        "<td class=\"side\" width=\"250\">{}</td>",
        "<table width=\"100%\"><tr>{}</tr></table>",
    ),
];

fn page(main: &str, side: &str, (m, s, row): (&str, &str, &str)) -> String {
    let cols = format!("{}\n{}", m.replace("{}", main), s.replace("{}", side));
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bệnh viện Đa khoa tỉnh</title></head><body>{}</body></html>",
        row.replace("{}", &cols)
    )
}

#[test]
fn sidebar_slogans_beside_a_warning_in_a_div_main_column_are_removed() {
    let site = site("");
    let mut kept = Vec::new();
    let mut total = 0;
    for slogan in SLOGANS {
        for slot in SLOTS {
            for labels in LABELS {
                for main in MAINS {
                    for layout in LAYOUTS {
                        total += 1;
                        let side = format!("{labels}{}", slot.replace("{}", slogan));
                        let (out, events) = clean(&site, &page(main, &side, *layout));
                        let warning_kept = out.contains("khuyến cáo người dân");
                        if out.contains(slogan) || events.is_empty() || !warning_kept {
                            kept.push(format!("{slogan} | {slot} | {labels} | {}", layout.0));
                        }
                    }
                }
            }
        }
    }
    assert!(
        kept.is_empty(),
        "{} of {total} kept (or the warning lost):\n{}",
        kept.len(),
        kept.join("\n")
    );
}

/// Sidebars that quote a slogan inside their own warning.
const QUOTING: &[&str] = &[
    "<h3>Cảnh báo</h3><p>Công an tỉnh cảnh báo các chiêu trò như “Nhà cái uy tín số 1 – nạp đầu tặng 100%” để dụ người dân nạp tiền rồi chiếm đoạt.</p>",
    "<h3>Cảnh báo</h3><p>Công an tỉnh khuyến cáo người dân cảnh giác với các quảng cáo “Thuốc phá thai an toàn – giao hàng kín 2h” trên mạng xã hội; đây là thủ đoạn lừa đảo.</p>",
];

/// Warnings whose intro box (a section) is followed by the list of slogans it quotes.
const INTRO_LISTS: &[&str] = &[
    "<div class=\"canh-bao\"><div class=\"tom-tat\"><h2>Cảnh giác với quảng cáo trái phép</h2><p>Sở Y tế cảnh báo các trang mạng quảng cáo thuốc trái phép với lời mời chào như:</p></div><ul><li>Thuốc phá thai an toàn – giao hàng kín 2h</li><li>Thuốc giảm cân cấp tốc, cam kết giảm 10kg</li></ul></div>",
    "<div class=\"canh-bao\"><div class=\"tom-tat\"><h2>Cảnh giác lừa đảo vay tiền</h2><p>Công an tỉnh cảnh báo các đối tượng quảng cáo cho vay trái phép với lời mời chào như:</p></div><ul><li>Vay tiền nhanh 5 phút, không thẩm định</li><li>Giải ngân trong ngày, không cần gặp mặt</li></ul></div>",
    "<div class=\"canh-bao\"><div class=\"tom-tat\"><h2>Cảnh giác với cờ bạc trực tuyến</h2><p>Công an tỉnh cảnh báo các trang đánh bạc trái phép quảng cáo với lời mời chào như:</p></div><ul><li>Nhà cái uy tín số 1 – nạp đầu tặng 100%</li><li>Game bài đổi thưởng uy tín, rút tiền siêu tốc</li></ul><p>Người dân không tham gia, khi phát hiện hãy trình báo cơ quan công an.</p></div>",
];

#[test]
fn quoting_sidebars_and_warning_lists_in_div_layouts_are_unchanged() {
    let site = site("");
    let mut changed = Vec::new();
    let mut total = 0;
    for layout in LAYOUTS {
        for main in MAINS {
            for labels in LABELS {
                let mut pages: Vec<String> = QUOTING
                    .iter()
                    .map(|q| page(main, &format!("{labels}{q}"), *layout))
                    .collect();
                pages.extend(INTRO_LISTS.iter().map(|l| page(l, labels, *layout)));
                for html in pages {
                    total += 1;
                    let (out, events) = clean(&site, &html);
                    if out != html || !events.is_empty() {
                        changed.push(format!("{html}: {:?}", rule_ids(&events)));
                    }
                }
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
