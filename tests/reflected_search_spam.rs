//! Attack suite: reflected search spam. Spammers submit search URLs of the site
//! (`/tim-kiem?q=nhà cái uy tín kubet…`) to be indexed; the results page echoes the query
//! in a heading and a "nothing found" line, publishing the spam under the site's name. A
//! block that echoes a spam query of the page's own URL goes (`spam.block`); an ordinary
//! or editorial query ("phòng chống cá độ") is echoed unchanged.

use crate::common;

use common::body::{full, html};
use common::expect::fired;
use common::gateway::Setup;

const PAGE: &str = "<html><body><main><p>Tin tức</p><h2>Kết quả tìm kiếm cho: “QUERY”</h2><p>Không tìm thấy kết quả nào phù hợp với từ khóa QUERY.</p></main></body></html>";

fn page(q: &str) -> &'static str {
    PAGE.replace("QUERY", q).leak()
}

#[tokio::test]
async fn search_page_echoing_a_spam_query_loses_the_echo() {
    let h = Setup::portal().start().await;
    let q = "nhà cái uy tín kubet.ac đăng ký nhận 100k";
    let body = page(q);
    h.upstream.route("/tim-kiem", move || html(200, full(body)));
    let (_, out) = h
        .body("/tim-kiem?q=nh%C3%A0+c%C3%A1i+uy+t%C3%ADn+kubet.ac+%C4%91%C4%83ng+k%C3%BD+nh%E1%BA%ADn+100k", &[])
        .await;
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("kubet") && !out.contains("nhà cái"), "{out}");
    assert!(out.contains("<p>Tin tức</p>"), "{out}");
    fired(&h, "spam.block");
}

#[tokio::test]
async fn ordinary_and_editorial_queries_are_echoed_unchanged() {
    let h = Setup::portal().start().await;
    for (path, q) in [
        (
            "/tim-kiem?q=ph%C3%B2ng+ch%E1%BB%91ng+c%C3%A1+%C4%91%E1%BB%99",
            "phòng chống cá độ",
        ),
        (
            "/tim-kiem?q=l%E1%BB%8Bch+ti%E1%BA%BFp+d%C3%A2n",
            "lịch tiếp dân",
        ),
    ] {
        let body = page(q);
        h.upstream.route("/tim-kiem", move || html(200, full(body)));
        let (_, out) = h.body(path, &[]).await;
        assert_eq!(out, body.as_bytes(), "{q}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}
