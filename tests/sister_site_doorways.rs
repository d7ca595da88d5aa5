//! Attack suite: doorways on sister sites (issues 37 and 38). The allow list admits other
//! agencies by name (`chinhphu.vn`) or by wildcard (`*.gov.vn`, `*.edu.vn`), and attackers
//! who compromised one of them point the portal at what they planted there: a page in that
//! host's upload folder (`.html`, `.htm`, `.php`, `.aspx`), a betting advert as the text of
//! a link to the sister's home page, or a loader script in its uploads. Each is removed
//! with an audit event although the host is allowed. Links to the sister sites' ordinary
//! pages, documents and images, and their CMS scripts, stay byte for byte.

mod common;

use common::rewrite::{clean, rule_ids as rules, site};

#[test]
fn links_into_a_sister_sites_upload_folder_are_unwrapped() {
    for href in [
        "https://so-tuphap.hanoi.gov.vn/wp-content/uploads/2024/05/tai-xiu.html",
        "https://ubnd.quangninh.gov.vn/UserFiles/File/x.htm",
        "https://thpt-a.edu.vn/uploads/nha-cai.php",
        "https://chinhphu.vn/Portals/0/x.aspx",
        "//so-yte.danang.gov.vn/images/a.php.jpg",
        "https://so-yte.danang.gov.vn/%55serfiles/x.html",
        "https://so-yte.danang.gov.vn/documents/20143/0/x.html/6a1b",
        "https://SO-YTE.DANANG.GOV.VN./sites/default/files/x.shtml",
        "https://so-yte.danang.gov.vn/uploads//./x.html.",
        "https://so-yte.danang.gov.vn/wp-content/plugins/x/readme.html",
    ] {
        let page = format!("<p>Xem <a href=\"{href}\">thông báo</a> mới.</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>Xem thông báo mới.</p>", "{href}");
        assert_eq!(rules(&events), ["link.foreign"], "{href}");
        assert!(events[0].target.is_some(), "{href}");
    }
}

#[test]
fn sister_doorway_links_with_spam_text_go_whole() {
    let page = "<p>Tin <a href=\"https://so-tuphap.hanoi.gov.vn/uploads/x.html\">nhà cái uy tín \
tài xỉu</a> hôm nay.</p>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, "<p>Tin  hôm nay.</p>");
    assert_eq!(rules(&events), ["link.spam_text"]);
}

#[test]
fn spam_text_on_a_link_to_an_allowed_host_goes_with_the_link() {
    for (href, text) in [
        (
            "https://so-tuphap.hanoi.gov.vn/",
            "nhà cái uy tín tài xỉu online",
        ),
        ("https://chinhphu.vn/tin-tuc", "789bet"),
        ("https://thpt-a.edu.vn/?p=12", "game bài đổi thưởng nổ hũ"),
        (
            "//ubnd.hue.gov.vn/",
            "<b>Nha cai</b> uy tin, ca cuoc bong da",
        ),
    ] {
        let page = format!("<ul><li><a href=\"{href}\">{text}</a></li><li>Tin</li></ul>");
        let (out, events) = clean(&site(""), &page);
        // The list item left holding nothing goes too (`spam.container`).
        assert_eq!(out, "<ul><li>Tin</li></ul>", "{href}");
        assert_eq!(
            rules(&events),
            ["link.spam_text", "spam.container"],
            "{href}"
        );
        assert!(
            events[0]
                .detail
                .as_deref()
                .unwrap_or("")
                .contains("allowed host"),
            "{href}"
        );
    }
}

#[test]
fn scripts_from_a_sister_sites_upload_folder_are_removed() {
    for tag in [
        "<script src=\"https://so-tuphap.hanoi.gov.vn/wp-content/uploads/2024/05/x.js\"></script>",
        "<script src=\"https://chinhphu.vn/uploads/widget.js\"></script>",
        "<script src=\"//thpt-a.edu.vn/UserFiles/File/a.js\" defer></script>",
        "<script type=\"module\" src=\"https://ubnd.hue.gov.vn/Portals/0/m.mjs\"></script>",
        "<link rel=\"modulepreload\" href=\"https://ubnd.hue.gov.vn/images/y.js\">",
    ] {
        let page = format!("<head>{tag}</head><body><p>Tin</p></body>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<head></head><body><p>Tin</p></body>", "{tag}");
        assert_eq!(rules(&events), ["upload.script"], "{tag}");
    }
}

#[test]
fn links_to_sister_sites_ordinary_pages_and_files_are_byte_identical() {
    let page = "<div class=\"lien-ket\"><ul>\
<li><a href=\"https://chinhphu.vn/\">Cổng Thông tin điện tử Chính phủ</a></li>\
<li><a href=\"https://so-tuphap.hanoi.gov.vn/tin-tuc/thong-bao.html\">Thông báo</a></li>\
<li><a href=\"https://ubnd.hue.gov.vn/Default.aspx?tabid=1\">UBND tỉnh</a></li>\
<li><a href=\"https://so-tuphap.hanoi.gov.vn/wp-content/uploads/2024/05/bao-cao.pdf\">Báo cáo</a></li>\
<li><a href=\"https://thpt-a.edu.vn/UserFiles/Image/anh.jpg\"><img src=\"https://thpt-a.edu.vn/UserFiles/Image/anh-nho.jpg\" alt=\"Ảnh\"></a></li>\
<li><a href=\"https://xosokienthiet.gov.vn/\">Xổ số kiến thiết</a></li>\
<li><a href=\"https://congan.gov.vn/\">Phòng chống cá cược bóng đá trái phép</a></li>\
<li><a href=\"https://chinhphu.vn/phong-chong-danh-bac\">Chính phủ: tăng cường phòng chống cờ bạc, nhà cái bất hợp pháp</a></li>\
<li><a href=\"https://bocongan.gov.vn/tin-tuc/tai-xiu\">Bộ Công an cảnh báo chiêu lừa tài xỉu, xóc đĩa online</a></li>\
<li><a href=\"https://xosokienthiet.gov.vn/ket-qua\">Xổ số</a></li>\
<li><a href=\"https://so-yte.danang.gov.vn/uploads/\">Thư mục</a></li>\
<li><a href=\"https://www.youtube.com/watch?v=abc\">Video</a></li></ul></div>\
<script src=\"https://chinhphu.vn/media/system/js/core.js\"></script>\
<script src=\"https://www.googletagmanager.com/gtag/js?id=G-X\"></script>\
<svg><a href=\"https://chinhphu.vn/\"><text>Chính phủ</text></a></svg>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}
