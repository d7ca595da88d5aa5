//! Attack suite for the text of removed links (issue 14, class 1): when a link to an
//! unapproved host is stripped, its text is judged with the lexicon and goes too when it is
//! spam, on every carrier (`a`, `area`, SVG `a`, raw-text containers, malformed markup), and
//! a container left holding nothing but that spam goes with it. Ordinary text of foreign
//! links stays, unwrapped. Every page is fed in every chunking of the harness.

use crate::common;

use common::rewrite::{clean, rule_ids as rules, site};
use lachan::audit::Action;

/// The page keeps `keep` and loses every phrase of `gone`.
fn assert_page(out: &str, keep: &[&str], gone: &[&str]) {
    for k in keep {
        assert!(out.contains(k), "{k:?} was lost: {out}");
    }
    for g in gone {
        assert!(!out.contains(g), "{g:?} survived: {out}");
    }
}

#[test]
fn spam_anchor_text_goes_with_its_foreign_link() {
    let page = "<p>Xem <a href=\"https://bet.test/\">nhà cái uy tín</a> tại đây.</p>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, "<p>Xem  tại đây.</p>");
    assert_eq!(rules(&events), ["link.spam_text"]);
    assert_eq!(events[0].action, Action::Removed);
    assert_eq!(events[0].target.as_deref(), Some("https://bet.test/"));
}

#[test]
fn ordinary_text_of_a_foreign_link_stays_unwrapped() {
    for (page, expect) in [
        (
            "<p>Theo <a href=\"https://vnexpress.net/a.html\">báo VnExpress</a>.</p>",
            "<p>Theo báo VnExpress.</p>",
        ),
        (
            "<p><a href=\"https://tuoitre.vn/x\">Công an triệt phá đường dây cá độ</a></p>",
            "<p>Công an triệt phá đường dây cá độ</p>",
        ),
        (
            "<li><a href=\"//news.test/\"><img src=\"/a.png\" alt=\"Ảnh\"> Tin mới</a></li>",
            "<li><img src=\"/a.png\" alt=\"Ảnh\"> Tin mới</li>",
        ),
    ] {
        let (out, events) = clean(&site(""), page);
        assert_eq!(out, expect);
        assert_eq!(rules(&events), ["link.foreign"]);
        assert_eq!(events[0].action, Action::Unwrapped);
    }
}

#[test]
fn spam_anchor_text_in_every_spelling_is_found() {
    for text in [
        "<b>nhà</b> <i>cái</i> uy tín",
        "nh&agrave; c&aacute;i",
        "nh&#224; c&#xe1;i",
        "n\u{200b}hà c\u{ad}ái",
        "nha\u{300} ca\u{301}i",
        "no\u{302}\u{309} hu\u{303}",
        "NHÀ CÁI",
        "nha cai uy tin",
        "Đăng ký 789bet",
        "<span><span>tài</span></span> <em>xỉu</em>",
        "game&nbsp;bài đổi&#8203;thưởng",
    ] {
        let page = format!("<p>A <a href=\"https://x.test/\">{text}</a> B</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>A  B</p>", "{text}");
        assert_eq!(rules(&events), ["link.spam_text"], "{text}");
    }
}

#[test]
fn image_link_alt_text_and_betting_host_count_as_spam() {
    for page in [
        "<p>A<a href=\"https://x.test/\"><img src=\"/b.png\" alt=\"nổ hũ đổi thưởng\"></a>B</p>",
        "<p>A<a href=\"https://x.test/\" title=\"y\"><img src=\"/b.png\" title=\"bắn cá\" alt=\"game bài\"></a>B</p>",
        "<p>A<a href=\"https://nha-cai-uy-tin.test/\">Xem thêm</a>B</p>",
        "<p>A<a href=\"https://sunwin.test/\">Tải về</a>B</p>",
    ] {
        let (out, events) = clean(&site(""), page);
        assert_eq!(out, "<p>AB</p>", "{page}");
        assert_eq!(rules(&events), ["link.spam_text"]);
    }
}

#[test]
fn container_left_holding_only_spam_links_goes_too() {
    let bet = |t: &str| format!("<a href=\"https://bet.test/{}\">{t}</a>", t.len());
    let pages = [
        format!(
            "<ul><li>{}</li>\n<li>{}</li></ul>",
            bet("nhà cái uy tín"),
            bet("nổ hũ")
        ),
        format!(
            "<p>{} | {} &middot; {}</p>",
            bet("tài xỉu"),
            bet("789bet"),
            bet("bắn cá")
        ),
        format!(
            "<div class=\"f\"><span>{}</span>&nbsp;·&nbsp;<span>{}</span><br></div>",
            bet("game bài"),
            bet("sunwin")
        ),
        format!("<ul><li>{}\n<li>{}\n</ul>", bet("nhà cái"), bet("go88")),
        format!(
            "<table><tr><td>{}</td><td><!-- x -->{}</td></tr></table>",
            bet("kubet"),
            bet("soi cầu")
        ),
    ];
    for p in pages {
        let page = format!("<main><h1>Tin</h1>{p}<p>Hết</p></main>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<main><h1>Tin</h1><p>Hết</p></main>", "{page}");
        assert!(rules(&events).contains(&"spam.container"), "{page}");
    }
}

#[test]
fn container_with_other_content_keeps_it() {
    let page = "<ul><li>Liên kết: <a href=\"https://bet.test/\">nhà cái</a></li><li><a href=\"/\">Trang chủ</a> <a href=\"https://bet.test/\">nổ hũ</a></li><li></li></ul>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(
        out,
        "<ul><li>Liên kết: </li><li><a href=\"/\">Trang chủ</a> </li><li></li></ul>"
    );
    assert_eq!(rules(&events), ["link.spam_text", "link.spam_text"]);
}

#[test]
fn area_and_svg_anchor_carry_no_spam() {
    let page = concat!(
        "<map name=m><area href=\"https://bet.test/\" alt=\"nhà cái uy tín\" shape=rect coords=\"0,0,1,1\"></map>",
        "<svg><a href=\"https://bet.test/\"><text>nổ hũ đổi thưởng</text></a>",
        "<a xlink:href=\"//bet.test/\"><text>tài xỉu online</text></a>",
        "<a><set attributeName=\"href\" to=\"https://bet.test/\"/><text>game bài đổi thưởng</text></a>",
        "<a href=\"/\"><animate attributeName=\"xlink:href\" values=\"/;//bet.test/\"/><text>bắn cá</text></a>",
        "<a href=\"/gioi-thieu\"><text>Giới thiệu</text></a></svg><p>x</p>",
    );
    let (out, _) = clean(&site(""), page);
    assert_page(
        &out,
        &[
            "<p>x</p>",
            "<a href=\"/gioi-thieu\"><text>Giới thiệu</text></a>",
        ],
        &["nhà cái", "nổ hũ", "tài xỉu", "game bài", "bắn cá"],
    );
}

#[test]
fn raw_text_containers_and_fallback_bodies_carry_no_spam() {
    for page in [
        "<noembed><p><a href=\"https://bet.test/\">nhà cái uy tín</a></p></noembed>",
        "<noframes><a href=\"//bet.test/\">nổ hũ đổi thưởng</a></noframes>",
        "<xmp><a href=\"https://bet.test/\">tài xỉu online</a></xmp>",
        // RCDATA (redteam r07): text to the browser, a link to a crawler's regex.
        "<textarea><a href=\"https://bet.test/\">kèo nhà cái, tài xỉu</a></textarea>",
        "<noscript><ul><li><a href=\"https://bet.test/\">game bài</a></li></ul></noscript>",
        "<iframe src=\"/khung.html\"><a href=\"https://bet.test/\">bắn cá đổi thưởng</a></iframe>",
        "<frameset><frame src=\"/a.html\"><noframes><body><a href=\"https://bet.test/\">sunwin</a></body></noframes></frameset>",
    ] {
        let (out, events) = clean(&site(""), page);
        assert_page(
            &out,
            &[],
            &[
                "nhà cái",
                "nổ hũ",
                "tài xỉu",
                "game bài",
                "bắn cá",
                "sunwin",
            ],
        );
        assert!(rules(&events).contains(&"link.spam_text"), "{page}: {out}");
    }
}

#[test]
fn malformed_markup_carries_no_spam() {
    for page in [
        "<P>A<A HREF=\"https://bet.test/\">NHÀ CÁI UY TÍN</A>B</P>",
        "<p>A<a/href=\"https://bet.test/\">nhà cái uy tín</a>B</p>",
        "<p>A<a href=\"https://bet.test/\" href=\"/\">nhà cái uy tín</a>B</p>",
        "<p>A<!--><a href=\"https://bet.test/\">nhà cái uy tín</a>B</p>",
        "<p>A<!---><a href=https://bet.test/>nhà cái uy tín</a >B</p>",
        "<p>A<a href=\"https://bet.test/\"\n>nhà cái uy tín</A\n>B</p>",
        "<p>A<a href=\"https://bet.test/\">nhà cái uy tín",
    ] {
        let (out, events) = clean(&site(""), page);
        assert_page(&out, &["A"], &["NHÀ CÁI", "nhà cái"]);
        assert!(rules(&events).contains(&"link.spam_text"), "{page}: {out}");
    }
}

#[test]
fn link_action_remove_removes_every_foreign_link_and_spam_containers() {
    let remove = site("[site.sanitize]\nlink_action = \"remove\"");
    let page = "<p>Theo <a href=\"https://news.test/\">báo</a>.</p><ul><li><a href=\"https://bet.test/\">nhà cái</a></li></ul><p>Hết</p>";
    let (out, events) = clean(&remove, page);
    assert_eq!(out, "<p>Theo .</p><p>Hết</p>");
    assert_eq!(
        rules(&events),
        [
            "link.foreign",
            "link.spam_text",
            "spam.container",
            "spam.container"
        ]
    );
    assert!(events.iter().all(|e| e.action == Action::Removed));
}

#[test]
fn overlong_spam_anchor_is_dropped_past_the_hold_bound() {
    let filler = "nổ hũ đổi thưởng ".repeat(6000);
    let page = format!("<p>A<a href=\"https://bet.test/\">{filler}</a>B</p>");
    let (out, events) = clean(&site(""), &page);
    assert_eq!(out, "<p>AB</p>");
    assert_eq!(rules(&events), ["link.spam_text"]);
}

#[test]
fn report_mode_reports_spam_text_and_changes_nothing() {
    let report = common::rewrite::report_site();
    let page = "<ul><li><a href=\"https://bet.test/\">nhà cái</a></li></ul><p>x</p>";
    let (out, events) = common::rewrite::rewrite(&report, page.as_bytes(), &[3], None);
    assert_eq!(out, page.as_bytes());
    // The `<li>`, then the `<ul>` left holding only it.
    assert_eq!(
        rules(&events),
        ["link.spam_text", "spam.container", "spam.container"]
    );
    assert!(events.iter().all(|e| e.action == Action::Reported));
}
