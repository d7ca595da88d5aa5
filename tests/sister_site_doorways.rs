//! Attack suite: doorways on sister sites (issues 37 and 38). The allow list admits other
//! agencies by name (`chinhphu.vn`) or by wildcard (`*.gov.vn`, `*.edu.vn`), and attackers
//! who compromised one of them point the portal at what they planted there: a page in that
//! host's upload folder (`.html`, `.htm`, `.php`, `.aspx`), a betting advert as the text of
//! a link to the sister's home page, or a loader script in its uploads. Each is removed
//! with an audit event although the host is allowed. Links to the sister sites' ordinary
//! pages, documents and images, and their CMS scripts, stay byte for byte.
//!
//! The rule is the URL policy's (`policy::sister_doorway`), so every carrier that can reach
//! such a document asks the same question: frames, forms, objects and embeds, `<base>`,
//! meta and header refreshes, redirects, style sheets and `@import`, image maps, JSON-LD,
//! `Link` hints and the navigations that scripts build. Each carrier's test takes every
//! spelling of [`DOORWAYS`] (case, `%2F`, `.`/`..` segments, queries, fragments,
//! backslashes, character references, a planted folder's trailing slash, no extension).

use crate::common;

use common::body::{full, resp};
use common::gateway::Setup;
use common::rewrite::{clean, rule_ids as rules, site};
use http::StatusCode;

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

/// Documents planted in a sister's upload folder, in the spellings that must not matter.
const DOORWAYS: &[&str] = &[
    "https://so-tuphap.hanoi.gov.vn/wp-content/uploads/2024/05/tai-xiu.html",
    "https://UBND.QUANGNINH.GOV.VN/UPLOADS/2024/NHA-CAI.PHP",
    "https://so-yte.danang.gov.vn/wp-content%2Fuploads%2F2024%2Fx.htm",
    "https://so-yte.danang.gov.vn/tin-tuc/../uploads/./a/../x.phtml",
    "https://thpt-a.edu.vn/uploads/x.shtml?p=1&amp;utm=2#top",
    "https://chinhphu.vn\\images\\stories\\x.svg",
    "//so-yte.danang.gov.vn/sites/default/files/x.XHTML",
    "https://so-yte.danang.gov.vn/wp-content/uploads/2024/05/casino/",
    "https://so-yte.danang.gov.vn/userfiles/file/tai-xiu",
    "https://so-yte.danang.gov.vn/uploads/x&#46;html",
    "https://so-yte.danang.gov.vn/Portals/0/x.js?v=2",
];

/// Style sheets and pages planted there, for carriers that load a style sheet.
const SHEETS: &[&str] = &[
    "https://so-tuphap.hanoi.gov.vn/wp-content/uploads/2024/05/x.css",
    "https://UBND.QUANGNINH.GOV.VN/UPLOADS/X.CSS?ver=1",
    "https://so-yte.danang.gov.vn/userfiles%2Fx.css",
    "//thpt-a.edu.vn/a/../images/./x.php",
    "https://chinhphu.vn\\uploads\\x.css#a",
    "https://so-yte.danang.gov.vn/sites/default/files/x.html",
];

/// Runs `page` (with `{u}` replaced by each URL) and expects `want` and one event of `rule`.
fn each_removed(urls: &[&str], page: &str, want: &str, rule: &str) {
    each_removed_with(urls, page, want, &[rule]);
}

/// [`each_removed`] with the rules of several events (the last one names the target).
fn each_removed_with(urls: &[&str], page: &str, want: &str, rule_list: &[&str]) {
    for u in urls {
        let page = page.replace("{u}", u);
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, want, "{u}");
        assert_eq!(rules(&events), rule_list, "{u}");
        assert!(events.last().is_some_and(|e| e.target.is_some()), "{u}");
    }
}

#[test]
fn sister_upload_doorway_in_iframe_or_frame_is_removed() {
    let want = "<p>Tin</p>";
    each_removed(
        DOORWAYS,
        "<p>Tin</p><iframe src=\"{u}\" width=\"0\" height=\"0\"></iframe>",
        want,
        "frame.foreign",
    );
    // Hidden, it is a hidden block holding a foreign URL: it goes whole.
    each_removed(
        DOORWAYS,
        "<p>Tin</p><IFRAME SRC='{u}' style=\"display:none\">x</IFRAME>",
        want,
        "link.hidden_block",
    );
    // A `<frame>` goes as a foreign host's does.
    let frameset = "<frameset><frame src=\"{u}\"></frameset>";
    let (foreign, _) = clean(&site(""), &frameset.replace("{u}", "https://bet.test/"));
    each_removed(DOORWAYS, frameset, &foreign, "frame.foreign");
}

#[test]
fn sister_upload_doorway_as_form_action_or_formaction_is_removed() {
    each_removed(
        DOORWAYS,
        "<p>Tin</p><form action=\"{u}\" method=\"post\"><input name=\"q\"></form>",
        "<p>Tin</p>",
        "form.foreign",
    );
    each_removed(
        DOORWAYS,
        "<form action=\"/tim-kiem\"><button formaction=\"{u}\">Gửi</button></form>",
        "<form action=\"/tim-kiem\"><button>Gửi</button></form>",
        "form.foreign",
    );
}

#[test]
fn sister_upload_doorway_in_object_or_embed_is_removed() {
    each_removed(
        DOORWAYS,
        "<p>Tin</p><object data=\"{u}\" type=\"text/html\"></object>",
        "<p>Tin</p>",
        "object.foreign",
    );
    each_removed(
        DOORWAYS,
        "<p>Tin</p><embed src=\"{u}\" type=\"image/svg+xml\">",
        "<p>Tin</p>",
        "object.foreign",
    );
}

#[test]
fn base_into_a_sister_upload_folder_is_removed() {
    each_removed(
        DOORWAYS,
        "<head><base href=\"{u}\"></head><body><a href=\"tin-tuc.html\">Tin</a></body>",
        "<head></head><body><a href=\"tin-tuc.html\">Tin</a></body>",
        "base.foreign",
    );
}

#[test]
fn relative_links_under_a_sister_base_are_judged_there() {
    // The folder itself is no document, so the base stays; what it re-targets is judged.
    let base = "<head><base href=\"https://so-yte.danang.gov.vn/uploads/\"></head>";
    for href in ["tai-xiu.html", "2024/casino/", "x.PHP?a=1", "./a/../b.svg"] {
        let page = format!("{base}<body><p><a href=\"{href}\">Tin</a></p></body>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, format!("{base}<body><p>Tin</p></body>"), "{href}");
        assert_eq!(rules(&events), ["link.foreign"], "{href}");
    }
}

#[test]
fn meta_refresh_to_a_sister_upload_doorway_is_removed() {
    each_removed(
        DOORWAYS,
        "<head><meta http-equiv=\"refresh\" content=\"0;url={u}\"></head>",
        "<head></head>",
        "meta.refresh",
    );
    each_removed(
        DOORWAYS,
        "<head><META HTTP-EQUIV=Refresh CONTENT=\"3; URL='{u}'\"></head>",
        "<head></head>",
        "meta.refresh",
    );
}

#[test]
fn style_sheet_from_a_sister_upload_folder_is_removed() {
    each_removed(
        SHEETS,
        "<head><link rel=\"stylesheet\" href=\"{u}\"></head>",
        "<head></head>",
        "link.foreign",
    );
    each_removed(
        DOORWAYS,
        "<head><link rel=\"stylesheet\" href=\"{u}\"></head>",
        "<head></head>",
        "link.foreign",
    );
    each_removed(
        SHEETS,
        "<style>@import url(\"{u}\");p{color:red}</style>",
        "<style>p{color:red}</style>",
        "css.foreign",
    );
    each_removed(
        SHEETS,
        "<style>@import '{u}';p{color:red}</style>",
        "<style>p{color:red}</style>",
        "css.foreign",
    );
    each_removed(
        SHEETS,
        "<p style=\"background:url('{u}')\">Tin</p>",
        "<p>Tin</p>",
        "css.foreign",
    );
}

#[test]
fn image_map_area_to_a_sister_upload_doorway_goes_with_its_spam_alt() {
    each_removed_with(
        DOORWAYS,
        "<p>Tin</p><map name=\"m\"><area shape=\"rect\" coords=\"0,0,9,9\" href=\"{u}\" alt=\"nhà cái uy tín\"><area href=\"/a\" alt=\"A\"></map>",
        "<p>Tin</p><map name=\"m\"><area href=\"/a\" alt=\"A\"></map>",
        &["spam.keyword", "link.foreign"],
    );
    each_removed(
        DOORWAYS,
        "<p>Tin</p><map name=\"m\"><AREA HREF=\"{u}\" ALT=\"Xem\"></map>",
        "<p>Tin</p><map name=\"m\"></map>",
        "link.foreign",
    );
}

#[test]
fn json_ld_urls_to_a_sister_upload_doorway_are_removed() {
    for u in DOORWAYS.iter().filter(|u| !u.contains(['&', '\\'])) {
        for key in ["url", "sameAs", "target"] {
            let page = format!(
                "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"WebSite\",\"{key}\":\"{}\"}}</script>",
                u.replace('/', "\\/")
            );
            let (out, events) = clean(&site(""), &page);
            assert!(
                !out.contains("so-") && !out.contains("quangninh"),
                "{u}: {out}"
            );
            assert_eq!(rules(&events), ["jsonld.foreign"], "{u}");
        }
    }
}

#[test]
fn script_navigation_to_a_sister_upload_doorway_is_removed() {
    for u in DOORWAYS.iter().filter(|u| !u.contains(['&', '\\'])) {
        for script in [
            format!("location.href = \"{u}\";"),
            format!("window.location.replace('{u}')"),
            format!("setTimeout(function(){{top.location='{u}'}}, 3000)"),
            format!("window.open(\"{u}\", \"_self\")"),
            format!("var d = \"{u}\"; if (/google/.test(document.referrer)) location = d;"),
        ] {
            let page = format!("<p>Tin</p><script>{script}</script>");
            let (out, events) = clean(&site(""), &page);
            assert_eq!(out, "<p>Tin</p>", "{script}");
            assert_eq!(events.len(), 1, "{script}: {:?}", rules(&events));
        }
    }
    // A constant prefix into the folder, the planted file's name computed.
    for script in [
        "var d='https://so-yte.danang.gov.vn/wp-content/uploads/'; location.href = d + n + '.html';",
        "location = 'https://chinhphu.vn/uploads/' + ['tai','xiu'].join('-') + '.php'",
        "window.open('//thpt-a.edu.vn/UserFiles/' + f, '_top')",
    ] {
        let page = format!("<p>Tin</p><script>{script}</script>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>Tin</p>", "{script}");
        assert_eq!(events.len(), 1, "{script}: {:?}", rules(&events));
    }
}

#[test]
fn links_to_sister_upload_folders_without_a_file_type_are_unwrapped() {
    for href in [
        "https://so-yte.danang.gov.vn/wp-content/uploads/2024/05/casino/",
        "https://so-yte.danang.gov.vn/UserFiles/tai-xiu",
        "https://so-yte.danang.gov.vn/uploads/x.svg",
        "https://so-yte.danang.gov.vn/uploads/a/b/..\\c/",
        "https://so-yte.danang.gov.vn/uploads/x.SVGZ#top",
        "https://so-yte.danang.gov.vn/images/x.css",
    ] {
        let page = format!("<p>Xem <a href=\"{href}\">thông báo</a> mới.</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>Xem thông báo mới.</p>", "{href}");
        assert_eq!(rules(&events), ["link.foreign"], "{href}");
    }
}

/// A redirect or `Refresh` header to a sister's upload doorway: the same rule as a foreign
/// host's, through the gateway.
#[tokio::test]
async fn location_and_refresh_headers_to_a_sister_upload_doorway_are_refused() {
    let h = Setup::portal().start().await;
    let urls: Vec<&'static str> = DOORWAYS
        .iter()
        .copied()
        .filter(|u| !u.contains('&'))
        .collect();
    for (i, u) in urls.iter().enumerate() {
        let to: &'static str = u;
        h.upstream.route(&format!("/go{i}"), move || {
            resp(302, &[("location", to)], full(""))
        });
        let (parts, _) = h.body(&format!("/go{i}"), &[]).await;
        assert_eq!(parts.status, StatusCode::FORBIDDEN, "{u}");
        assert!(parts.headers.get("location").is_none(), "{u}");
        let refresh: &'static str = Box::leak(format!("0;url={u}").into_boxed_str());
        let link: &'static str = Box::leak(format!("<{u}>; rel=prefetch").into_boxed_str());
        h.upstream.route(&format!("/r{i}"), move || {
            resp(
                200,
                &[
                    ("content-type", "text/html"),
                    ("refresh", refresh),
                    ("link", link),
                ],
                full("<p>Tin</p>"),
            )
        });
        let (parts, body) = h.body(&format!("/r{i}"), &[]).await;
        assert_eq!(parts.status, StatusCode::OK, "{u}");
        assert!(parts.headers.get("refresh").is_none(), "{u}");
        assert!(parts.headers.get("link").is_none(), "{u}");
        assert_eq!(body, b"<p>Tin</p>", "{u}");
    }
    assert_eq!(h.events_of("header.location").len(), urls.len());
    assert_eq!(h.events_of("header.refresh").len(), urls.len());
    assert_eq!(h.events_of("header.link").len(), urls.len());
}

#[tokio::test]
async fn redirects_and_hints_to_sister_files_and_pages_pass_untouched() {
    let h = Setup::portal().start().await;
    for (i, u) in [
        "https://so-tuphap.hanoi.gov.vn/wp-content/uploads/2024/05/bao-cao.pdf",
        "https://chinhphu.vn/uploads/",
        "https://so-yte.danang.gov.vn/tin-tuc/thong-bao.html",
        "https://so-yte.danang.gov.vn/images/anh.jpg",
    ]
    .iter()
    .enumerate()
    {
        let to: &'static str = u;
        h.upstream.route(&format!("/go{i}"), move || {
            resp(302, &[("location", to)], full(""))
        });
        let (parts, _) = h.body(&format!("/go{i}"), &[]).await;
        assert_eq!(parts.status.as_u16(), 302, "{u}");
        assert_eq!(parts.headers["location"], to, "{u}");
        let refresh: &'static str = Box::leak(format!("5;url={u}").into_boxed_str());
        h.upstream.route(&format!("/r{i}"), move || {
            resp(
                200,
                &[("content-type", "text/html"), ("refresh", refresh)],
                full("<p>Tin</p>"),
            )
        });
        let (parts, _) = h.body(&format!("/r{i}"), &[]).await;
        assert_eq!(parts.headers["refresh"], refresh, "{u}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

#[test]
fn sister_images_documents_and_media_in_every_carrier_are_byte_identical() {
    let page = "<html><head>\
<link rel=\"stylesheet\" href=\"https://chinhphu.vn/wp-content/themes/portal/style.css\">\
<link rel=\"icon\" href=\"https://chinhphu.vn/images/favicon.png\">\
<link rel=\"preload\" as=\"image\" href=\"https://so-yte.danang.gov.vn/uploads/banner.webp\">\
<meta http-equiv=\"refresh\" content=\"600;url=https://chinhphu.vn/\">\
<style>.b{background:url(https://so-yte.danang.gov.vn/uploads/nen.png)} @import url(\"https://chinhphu.vn/media/system/css/core.css\");</style>\
<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"GovernmentOrganization\",\"url\":\"https://portal.example.gov.vn/\",\"logo\":\"https://so-yte.danang.gov.vn/uploads/logo.png\",\"sameAs\":[\"https://chinhphu.vn/\",\"https://so-yte.danang.gov.vn/uploads/gioi-thieu.pdf\"]}</script>\
</head><body>\
<img src=\"https://thpt-a.edu.vn/wp-content/uploads/2024/05/anh.jpg\" alt=\"Ảnh\">\
<img src=\"https://so-yte.danang.gov.vn/uploads/logo.svg\" alt=\"Logo\">\
<img src=\"https://so-yte.danang.gov.vn/image/journal/article?img_id=12\" alt=\"\">\
<img srcset=\"https://so-yte.danang.gov.vn/images/a.png 1x, https://so-yte.danang.gov.vn/images/a@2x.PNG 2x\" alt=\"\">\
<p style=\"background:url('https://so-yte.danang.gov.vn/images/nen.jpg')\">Tin</p>\
<a href=\"https://so-tuphap.hanoi.gov.vn/wp-content/uploads/2024/05/bao-cao.pdf\">Báo cáo</a>\
<a href=\"https://so-yte.danang.gov.vn/documents/20143/0/bao-cao.pdf/6a1b2c3d?t=1\">Văn bản</a>\
<a href=\"https://so-yte.danang.gov.vn/uploads/\">Thư mục</a>\
<a href=\"/uploads/2024/\">Tệp của cổng</a>\
<iframe src=\"https://so-tuphap.hanoi.gov.vn/uploads/van-ban.pdf\"></iframe>\
<iframe src=\"https://so-yte.danang.gov.vn/tin-tuc/thong-bao.html\"></iframe>\
<object data=\"https://chinhphu.vn/uploads/bieu-mau.pdf\" type=\"application/pdf\"></object>\
<embed src=\"https://chinhphu.vn/files/video.mp4\">\
<video src=\"https://chinhphu.vn/media/video.mp4\" poster=\"https://chinhphu.vn/uploads/poster.jpg\"></video>\
<form action=\"https://dichvucong.gov.vn/p/home/dvc-tim-kiem.html\" method=\"get\"><input name=\"q\"><button formaction=\"https://dichvucong.gov.vn/tra-cuu\">Tra cứu</button></form>\
<img src=\"/anh/so-do.png\" usemap=\"#m\" alt=\"\"><map name=\"m\"><area shape=\"rect\" coords=\"0,0,9,9\" href=\"https://chinhphu.vn/uploads/so-do.pdf\" alt=\"Sơ đồ\"></map>\
<script>document.getElementById('lang').onchange=function(){location.href='https://chinhphu.vn/tin-tuc?id='+this.value}</script>\
<script>function mo(){window.open('https://so-yte.danang.gov.vn/uploads/bao-cao.pdf','_blank')}</script>\
</body></html>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}
