//! Attack suite (issue 14, where spam sits): a link to the site itself, or to a URL that
//! the WHATWG parser resolves to the site's own host (userinfo, percent-encoded slashes),
//! whose text is a betting advert: a same-site search link that publishes the spammer's
//! query ("Đá gà trực tiếp Thomo hôm nay"), a tag link, a link with
//! `https://bet.test%2F@portal.example.gov.vn/`. The host check passes them; their text is
//! the payload a crawler indexes. The link goes with its text (`spam.inline`); own links
//! with ordinary text, or with a topic word in a report, stay byte for byte.

use crate::common;

use common::HOST;
use common::rewrite::{clean, rule_ids, site};

const NEWS: &str = "Sở Tư pháp tổ chức hội nghị tập huấn nghiệp vụ hộ tịch cho công chức tư pháp cấp xã, hướng dẫn đăng ký khai sinh, kết hôn trực tuyến trên Cổng dịch vụ công và trả lời các câu hỏi của người dân về thủ tục hành chính trong lĩnh vực tư pháp.";

fn page(body: &str) -> String {
    format!("<html><body><main><p>Tin tức</p>{body}<p>Liên hệ</p></main></body></html>")
}

fn hrefs() -> Vec<String> {
    vec![
        "/tim-kiem?q=da+ga+truc+tiep".into(),
        "/tim-kiem?q=%C4%91%C3%A1+g%C3%A0".into(),
        "/tag/nha-cai-uy-tin".into(),
        format!("https://{HOST}/tim-kiem?q=tai+xiu"),
        format!("https://bet.test%2F@{HOST}/"),
        format!("https://bet.test%2F%2F@{HOST}/x"),
        format!("//bet.test%2F@{HOST}/"),
        "?q=no+hu".into(),
    ]
}

const TEXTS: &[&str] = &[
    "Đá gà trực tiếp Thomo hôm nay",
    "Nhà cái uy tín nổ hũ",
    "Tai xiu online uy tin nhat",
    "Link vào 789bet mới nhất",
];

#[test]
fn own_site_link_with_advert_text_goes_with_its_text() {
    for href in hrefs() {
        for text in TEXTS {
            for (before, after) in [(NEWS, NEWS), ("", ""), (NEWS, "")] {
                let link = format!("<a href=\"{href}\">{text}</a>");
                let body = format!("<p>{before} {link} {after}</p>");
                let (out, events) = clean(&site(""), &page(&body));
                assert!(!out.contains(text), "{text} survived: {out}");
                assert!(out.contains(before) && out.contains(after), "{out}");
                let rules = rule_ids(&events);
                assert!(
                    rules.iter().any(|r| r.starts_with("spam.")),
                    "{body}: {rules:?}"
                );
            }
        }
    }
}

#[test]
fn own_site_advert_links_in_a_list_or_the_body_go() {
    for body in [
        "<ul><li><a href=\"/tim-kiem?q=da+ga\">Đá gà trực tiếp Thomo hôm nay</a></li><li><a href=\"/\">Trang chủ</a></li></ul>".to_string(),
        format!("<a href=\"https://bet.test%2F@{HOST}/\">Nhà cái uy tín nổ hũ</a>"),
        "<div class=\"tags\"><a href=\"/tag/1\">Tai xiu online uy tin nhat</a> <a href=\"/tag/2\">Thủ tục hành chính</a></div>".to_string(),
    ] {
        let (out, events) = clean(&site(""), &page(&body));
        for t in TEXTS {
            assert!(!out.contains(t), "{t} survived: {out}");
        }
        assert!(!events.is_empty());
    }
}

#[test]
fn own_links_with_ordinary_or_report_text_are_unchanged() {
    for body in [
        format!(
            "<p>{NEWS} <a href=\"/tim-kiem?q=ho+tich\">Tra cứu hộ tịch trực tuyến hôm nay</a></p>"
        ),
        format!(
            "<p>{NEWS} <a href=\"/tin/phong-chong-ca-do\">Phòng chống cá độ bóng đá trực tiếp</a></p>"
        ),
        format!(
            "<ul><li><a href=\"https://{HOST}/tin/1\">Công an triệt phá ổ đá gà hôm nay</a></li><li><a href=\"/\">Trang chủ</a></li></ul>"
        ),
        format!("<p><a href=\"https://user@{HOST}/van-ban\">Văn bản mới nhất</a> {NEWS}</p>"),
        format!(
            "<p>{NEWS} Xem <a href=\"/tag/da-ga\">đá gà</a>, <a href=\"/tag/ca-do\">cá độ</a>.</p>"
        ),
    ] {
        let html = page(&body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}
