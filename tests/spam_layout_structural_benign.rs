//! Benign twins of `spam_layout_structural` (issue 14, layout-ordered text): genuine text
//! laid out by every mechanism of the attack matrix, and the layouts portals really have,
//! come through byte for byte with no audit event: zebra tables and menus styled by
//! `:nth-child`, a photo gallery placed by `:nth-child` grid rules and packed `dense`, a
//! letter index (A–Z) in a flex row ordered by `calc()`, overlapping avatars and a tab bar
//! pulled together by negative margins, a `wrap-reverse` tag cloud, right-to-left Arabic
//! text, reversed flex rows, a calendar's days and a heading's letter tiles in grid cells,
//! a badge at a `calc()` offset, a menu in `calc()` order, a label pulled in by margins; and the news and farming pages that speak of chickens ("giá gà",
//! "nuôi gà", "thịt gà", "dịch cúm gà") or report on cockfighting rings.

use crate::common;
use crate::spam_layout_structural::{MORE, NEWS, cases, page, run_matrix};

use common::rewrite::{clean, site};

/// Genuine text of an agency: it must come through untouched, however laid out.
const GENUINE: &[&str] = &[
    "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi",
    "Giá gà thịt hôm nay tăng nhẹ",
    "Lịch tiếp công dân định kỳ tháng 12",
    "Nuôi gà thả vườn theo hướng an toàn sinh học",
    "Bệnh viện triển khai đặt lịch khám trực tuyến",
    "Phòng chống dịch cúm gia cầm H5N1",
];

#[test]
fn genuine_text_laid_out_by_every_mechanism_is_unchanged() {
    run_matrix(&cases(GENUINE), "changed", |c, out, events| {
        out != c.html || !events.is_empty()
    });
}

/// (sheet, body) of pages portals have.
const BENIGN: &[(&str, &str)] = &[
    (
        "table.ds tr:nth-child(even){background:#f5f5f5}table.ds td:first-child{width:40px}.menu{display:flex}.menu li:first-child{order:9}",
        "<ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/tin-tuc\">Tin tức</a></li><li><a href=\"/van-ban\">Văn bản</a></li></ul><table class=\"ds\"><tr><td>1</td><td>Nguyễn Văn An</td><td>Trúng tuyển</td></tr><tr><td>2</td><td>Trần Thị Bình</td><td>Trúng tuyển</td></tr></table>",
    ),
    (
        ".gal{display:grid;grid-template-columns:repeat(3,1fr);grid-auto-flow:dense}.gal figure:nth-child(3n+1){grid-column:span 2}.gal figure:nth-child(4){grid-area:1/3}",
        "<div class=\"gal\"><figure><img src=\"/anh/1.jpg\" alt=\"Lễ hội đền Hùng\"><figcaption>Lễ hội đền Hùng</figcaption></figure><figure><img src=\"/anh/2.jpg\" alt=\"Chợ phiên Bắc Hà\"><figcaption>Chợ phiên Bắc Hà</figcaption></figure><figure><img src=\"/anh/3.jpg\" alt=\"Ruộng bậc thang\"><figcaption>Ruộng bậc thang Mù Cang Chải</figcaption></figure><figure><img src=\"/anh/4.jpg\" alt=\"Vịnh Hạ Long\"><figcaption>Vịnh Hạ Long</figcaption></figure></div>",
    ),
    (
        ".az{display:flex;gap:6px}",
        "<nav class=\"az\"><a href=\"/danh-ba/0\" style=\"order:calc(1*1)\">A</a><a href=\"/danh-ba/1\" style=\"order:calc(2*1)\">B</a><a href=\"/danh-ba/2\" style=\"order:calc(3*1)\">C</a><a href=\"/danh-ba/3\" style=\"order:calc(4*1)\">D</a><a href=\"/danh-ba/4\" style=\"order:calc(5*1)\">Đ</a><a href=\"/danh-ba/5\" style=\"order:calc(6*1)\">E</a><a href=\"/danh-ba/6\" style=\"order:calc(7*1)\">G</a><a href=\"/danh-ba/7\" style=\"order:calc(8*1)\">H</a><a href=\"/danh-ba/8\" style=\"order:calc(9*1)\">I</a><a href=\"/danh-ba/9\" style=\"order:calc(10*1)\">K</a><a href=\"/danh-ba/10\" style=\"order:calc(11*1)\">L</a><a href=\"/danh-ba/11\" style=\"order:calc(12*1)\">M</a><a href=\"/danh-ba/12\" style=\"order:calc(13*1)\">N</a><a href=\"/danh-ba/13\" style=\"order:calc(14*1)\">O</a><a href=\"/danh-ba/14\" style=\"order:calc(15*1)\">P</a><a href=\"/danh-ba/15\" style=\"order:calc(16*1)\">Q</a><a href=\"/danh-ba/16\" style=\"order:calc(17*1)\">R</a><a href=\"/danh-ba/17\" style=\"order:calc(18*1)\">S</a><a href=\"/danh-ba/18\" style=\"order:calc(19*1)\">T</a><a href=\"/danh-ba/19\" style=\"order:calc(20*1)\">U</a><a href=\"/danh-ba/20\" style=\"order:calc(21*1)\">V</a><a href=\"/danh-ba/21\" style=\"order:calc(22*1)\">X</a><a href=\"/danh-ba/22\" style=\"order:calc(23*1)\">Y</a></nav>",
    ),
    (
        ".av img{display:inline-block;width:32px;border-radius:50%}.av img+img{margin-left:-10px}.tabs a{display:inline-block;margin-right:-1px;border:1px solid #ccc}",
        "<div class=\"av\"><img src=\"/u/1.jpg\" alt=\"Ông Lê Văn Hùng\"><img src=\"/u/2.jpg\" alt=\"Bà Phạm Thị Lan\"></div><div class=\"tabs\"><a href=\"#tb\">Thông báo</a><a href=\"#lich\">Lịch công tác</a><a href=\"#vb\">Văn bản mới</a></div>",
    ),
    (
        "",
        "<p class=\"tags\"><span style=\"display:inline-block;margin-left:-4px\">Tin tức</span> <span style=\"display:inline-block;margin-left:-3px\">Sự kiện</span> <span style=\"display:inline-block;margin:0 -2px\">Văn hóa</span></p>",
    ),
    (
        ".cloud{display:flex;flex-wrap:wrap-reverse;gap:4px}",
        "<div class=\"cloud\"><a href=\"/tag/cai-cach\">Cải cách hành chính</a><a href=\"/tag/chuyen-doi-so\">Chuyển đổi số</a><a href=\"/tag/nong-thon-moi\">Nông thôn mới</a><a href=\"/tag/du-lich\">Du lịch</a></div>",
    ),
    (
        ".ar{direction:rtl}.ar span{display:inline-block}",
        "<p class=\"ar\" lang=\"ar\"><span>مرحبا</span> <span>بكم</span> <span>في</span> <span>فيتنام</span></p><p>Phát biểu chào mừng đoàn đại biểu.</p>",
    ),
    (
        ".hd{display:flex;flex-direction:row-reverse}.hd>:first-child{order:1}.hd>:nth-child(2){margin-right:-2px}",
        "<div class=\"hd\"><span>Thứ Sáu, 20/12/2024</span><span>Hôm nay:</span><a href=\"/rss\">RSS</a></div>",
    ),
    // A calendar's days in grid cells, the first placed by its weekday (joined: digits).
    (
        ".lich{display:grid;grid-template-columns:repeat(7,2em)}.lich span:first-child{grid-column:5}.lich span:nth-child(7n+4){color:red}",
        "<div class=\"lich\"><span>1</span><span>2</span><span>3</span><span>4</span><span>5</span><span>6</span><span>7</span><span>8</span><span>9</span><span>10</span></div>",
    ),
    // Letter tiles of a heading placed in grid cells, a badge at a `calc()` offset, a menu
    // in `calc()` order.
    (
        ".tiles{display:grid;grid-template-columns:repeat(4,2em)}.tiles b:nth-child(2){grid-area:1/1}.card{position:relative}.card .moi{position:absolute;left:calc(100% - 4ch);top:0}.mn{display:flex}.mn a:nth-child(3){order:calc(0 - 1)}",
        "<div class=\"tiles\"><b>Ă</b><b>Đ</b><b>N</b><b>G</b></div><div class=\"card\"><a href=\"/tin/1\">Khai mạc hội chợ nông sản</a><span class=\"moi\">Mới</span></div><nav class=\"mn\"><a href=\"/gioi-thieu\">Giới thiệu</a> <a href=\"/lien-he\">Liên hệ</a> <a href=\"/\">Trang chủ</a></nav>",
    ),
    // A label pulled in by margins, its pieces a character apart.
    (
        ".lb span{display:inline-block}.lb span:nth-child(2){margin-left:-9ch}.lb span:first-child{margin-right:10ch}",
        "<p class=\"lb\"><span>Hotline</span><span>Tổng đài:</span><span>1900 1234</span></p>",
    ),
    (
        ".kn li:nth-of-type(2n){float:right}.kn li:nth-last-child(1){order:-1}",
        "<ul class=\"kn\"><li>Kỹ thuật nuôi gà thả vườn</li><li>Giá gà công nghiệp giảm mạnh</li><li>Phòng chống dịch cúm gà</li><li>Món gà luộc lá chanh</li></ul>",
    ),
];

#[test]
fn layouts_portals_have_are_unchanged() {
    let site = site("");
    for (k, (sheet, body)) in BENIGN.iter().enumerate() {
        let html = page(sheet, body, k);
        let (out, events) = clean(&site, &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}

/// Chickens in farming, market and food news, and reports on cockfighting rings.
const CHICKEN_NEWS: &[&str] = &[
    "Giá gà thịt hôm nay tại các tỉnh phía Nam tăng 2.000 đồng/kg.",
    "Hộ ông Minh nuôi gà thả vườn, mỗi năm xuất bán hơn 5.000 con.",
    "Cách làm thịt gà luộc ngon, da vàng giòn cho mâm cỗ Tết.",
    "Tỉnh khống chế ổ dịch cúm gà H5N1 tại xã Tân Phú, tiêu hủy 3.000 con gà.",
    "Gà chọi là giống gà được nuôi nhiều ở Bắc Ninh để làm cảnh.",
    "Công an huyện triệt phá tụ điểm đá gà ăn tiền, bắt quả tang 15 đối tượng đang cá cược.",
    "Gà trống cựa to, mào đỏ là giống gà Đông Tảo quý.",
    "gia ga thit hom nay tang nhe, nguoi nuoi ga phan khoi",
];

#[test]
fn chicken_news_is_unchanged() {
    let site = site("");
    for (k, text) in CHICKEN_NEWS.iter().enumerate() {
        // Farming and food news also laid out right to left (a reversed source reads as
        // nonsense in order; the report on a ring is only read in order).
        let mut bodies = vec![format!("<p>{text}</p>")];
        if !text.contains("cá cược") {
            bodies.push(format!("<div dir=\"rtl\">{}</div>", flipped(text)));
        }
        for body in bodies {
            let html = page("", &body, k);
            let (out, events) = clean(&site, &html);
            assert_eq!(out, html);
            assert!(events.is_empty(), "{text}: {events:?}");
            assert!(out.contains(NEWS) && out.contains(MORE));
        }
    }
}

/// `text`'s words as inline blocks in reverse, drawn in order by `dir=rtl`.
fn flipped(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .iter()
        .rev()
        .map(|w| format!("<i style=\"display:inline-block\">{w}</i>"))
        .collect::<Vec<_>>()
        .join(" ")
}
