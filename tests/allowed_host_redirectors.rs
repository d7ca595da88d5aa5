//! Attack suite for redirectors on allowed hosts (issue 14; threats A4, B1, B5): a link,
//! frame, form, refresh or script that goes to an allowed host (`www.youtube.com/redirect`,
//! a sister portal's `out.php`) which forwards the visitor to a betting site named in its
//! query. The inner URL is judged in the outer one's place, in every spelling of its
//! parameter. Benign look-alikes (a share button naming the page, a redirect to another
//! allowed site, a search for a URL-looking word) must pass unchanged.

use crate::common;

use common::rewrite::{clean, rule_ids as rules, site};

const REDIRECTORS: [&str; 6] = [
    "https://www.youtube.com/redirect?event=video_description&amp;q=https%3A%2F%2Fbet.test%2F",
    "https://www.youtube.com/redirect?q=https://bet.test/&amp;v=1",
    "https://moj.gov.vn/out.php?url=https%253A%252F%252Fbet.test",
    "https://moj.gov.vn/chuyen-huong?Redirect_URI=%2F%2Fbet.test%2Fa",
    "//sothongtin.gov.vn/link?goto=HTTPS://BET.TEST/",
    "https://moj.gov.vn/out.php?url=https://www.youtube.com/redirect?q=https://bet.test/",
];

#[test]
fn links_through_a_redirector_to_a_foreign_host_are_unwrapped() {
    for r in REDIRECTORS {
        let page = format!("<p>Xem <a href=\"{r}\">tài liệu</a>.</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>Xem tài liệu.</p>", "{r}");
        assert_eq!(rules(&events), ["link.foreign"], "{r}");
    }
}

#[test]
fn frames_forms_refreshes_and_scripts_through_a_redirector_are_removed() {
    for r in REDIRECTORS {
        for (page, rule) in [
            (format!("<iframe src=\"{r}\"></iframe>"), "frame.foreign"),
            (
                format!("<meta http-equiv=\"refresh\" content=\"0;url={r}\">"),
                "meta.refresh",
            ),
            (
                format!(
                    "<script>location.replace(\"{}\")</script>",
                    r.replace("&amp;", "&")
                ),
                "script.redirect",
            ),
        ] {
            let (out, events) = clean(&site(""), &page);
            assert_eq!(out, "", "{page}");
            assert_eq!(rules(&events), [rule], "{page}");
        }
    }
}

#[test]
fn benign_redirector_lookalikes_pass_unchanged() {
    let page = "<a href=\"https://www.youtube.com/redirect?q=https%3A%2F%2Fchinhphu.vn%2F\">Cổng Chính phủ</a>\
        <a href=\"https://moj.gov.vn/out.php?url=https://portal.example.gov.vn/tin-tuc\">Tin</a>\
        <a href=\"https://moj.gov.vn/tim-kiem?q=bet.test&amp;page=2\">Tìm</a>\
        <a href=\"https://moj.gov.vn/a?ref=https://news.test/&amp;next=/trang-2\">Trang 2</a>\
        <iframe src=\"https://www.youtube.com/embed/x?rel=0\"></iframe>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}
