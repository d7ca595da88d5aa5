//! Attack suite (issue 14, delivery: size limits): a planted carrier placed after an
//! element too big for the sanitizer's caps (a 400 KB `textarea`, `title`, `style`, data
//! `script`, `noscript`, comment or attribute), or spam names at the end of a JSON-LD
//! block past the inline-script cap. Whatever the size of what comes before, everything
//! after it is still sanitized; an element too big to judge is removed (fail closed),
//! never passed raw. Streamed in small frames too: nothing is buffered whole.
//!
//! Benign twins pass byte for byte: a 480 KB data script, a 550 KB JSON-LD block and a
//! 420 KB `application/json` block on an ordinary page.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, resp};
use common::expect::unchanged;
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;

const TAIL: &str = "<iframe src=\"https://bet.test/\"></iframe>\
    <a href=\"https://casino.test/\">xem</a>\
    <script>location.replace('https://bet.test/r')</script><p>Hết</p>";

/// `n` KB of filler that has no markup and no betting words.
fn filler(kb: usize) -> String {
    let unit = "Thông báo của Sở Tư pháp về lịch tiếp công dân năm 2024. ";
    unit.repeat(kb * 1000 / unit.len() + 1)
}

fn page(big: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=utf-8></head><body><p>Tin</p>{big}{TAIL}</body></html>"
    )
}

/// The attack pages: something large, then the carriers.
fn oversized(kb: usize) -> Vec<(&'static str, String)> {
    let f = filler(kb);
    vec![
        ("textarea", format!("<textarea name=t>{f}</textarea>")),
        ("title", format!("<title>{f}</title>")),
        ("style", format!("<style>/* {f} */ p{{color:red}}</style>")),
        ("script", format!("<script>var s=\"{f}\";</script>")),
        ("noscript", format!("<noscript>{f}</noscript>")),
        ("comment", format!("<!-- {f} -->")),
        ("attribute", format!("<div title=\"{f}\">x</div>")),
        (
            "unquoted",
            format!("<div data-x={}>x</div>", f.replace(' ', "_")),
        ),
        ("xmp", format!("<xmp>{f}</xmp>")),
        ("unclosed_textarea", format!("<textarea>{f}")),
    ]
}

/// What reached the client: a cut transfer delivers what came before the cut.
async fn delivered(h: &Gateway, path: &str) -> String {
    let Ok(resp) = h.send(http::Method::GET, path, &[]).await else {
        return String::new();
    };
    let mut body = resp.into_body();
    let mut got = Vec::new();
    while let Some(Ok(frame)) = body.frame().await {
        got.extend_from_slice(frame.data_ref().map_or(&[][..], |d| &d[..]));
    }
    String::from_utf8_lossy(&got).into_owned()
}

fn serve_in(h: &Gateway, path: &str, ty: &'static str, body: String, step: usize) {
    let body = Bytes::from(body);
    h.upstream.route(path, move || {
        resp(
            200,
            &[("content-type", ty)],
            chunked(chunks_of(&body, step)),
        )
    });
}

fn assert_no_carrier(path: &str, text: &str) {
    for host in ["bet.test", "casino.test"] {
        assert!(
            !text.contains(host),
            "{path}: {host} passed ({} bytes)",
            text.len()
        );
    }
}

#[tokio::test]
async fn carriers_after_a_400kb_element_are_sanitized() {
    let h = Setup::portal().start().await;
    for (name, big) in oversized(400) {
        for step in [65536usize, 1500] {
            let path = format!("/{name}-{step}");
            serve_in(&h, &path, "text/html; charset=utf-8", page(&big), step);
            let text = delivered(&h, &path).await;
            assert_no_carrier(&path, &text);
        }
    }
}

#[tokio::test]
async fn carriers_after_a_400kb_element_in_a_held_block_are_sanitized() {
    let h = Setup::portal().start().await;
    let wraps = [
        ("<div style=\"display:none\">", "</div>"),
        ("<p>", "</p>"),
        ("<ul><li>", "</li></ul>"),
        ("<a href=\"https://casino.test/\">", "</a>"),
        (
            "<div class=\"content\"><table><tr><td>",
            "</td></tr></table></div>",
        ),
    ];
    for (i, (open, close)) in wraps.iter().enumerate() {
        let kinds = ["textarea", "comment", "attribute"];
        for (name, big) in oversized(400)
            .into_iter()
            .filter(|(n, _)| kinds.contains(n))
        {
            let path = format!("/w{i}-{name}");
            let p = page(&format!("{open}{big}{TAIL}{close}"));
            serve_in(&h, &path, "text/html; charset=utf-8", p, 1 << 20);
            let text = delivered(&h, &path).await;
            assert_no_carrier(&path, &text);
        }
    }
}

#[tokio::test]
async fn carriers_after_an_element_past_every_cap_are_sanitized() {
    let h = Setup::portal().start().await;
    for (name, big) in oversized(1300) {
        let path = format!("/{name}");
        serve_in(&h, &path, "text/html; charset=utf-8", page(&big), 16384);
        let text = delivered(&h, &path).await;
        assert_no_carrier(&path, &text);
    }
}

/// A JSON-LD `ItemList` of `kb` KB whose last items name betting sites.
fn item_list(kb: usize, spam: bool) -> String {
    let mut s = String::from(
        "{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"itemListElement\":[",
    );
    let mut i = 0;
    while s.len() < kb * 1000 {
        s.push_str(&format!(
            "{{\"@type\":\"ListItem\",\"position\":{i},\"name\":\"Văn bản pháp luật số {i}/2024\",\
             \"url\":\"https://portal.example.gov.vn/van-ban/{i}\"}},"
        ));
        i += 1;
    }
    if spam {
        for (j, name) in [
            "nhà cái uy tín 789bet",
            "nổ hũ đổi thưởng",
            "tài xỉu online",
        ]
        .iter()
        .enumerate()
        {
            s.push_str(&format!(
                "{{\"@type\":\"ListItem\",\"position\":{},\"name\":\"{name}\",\
                 \"url\":\"/tin/{j}\"}},",
                i + j
            ));
        }
    }
    s.push_str("{\"@type\":\"ListItem\",\"position\":0,\"name\":\"Trang chủ\"}]}");
    s
}

fn ld_page(json: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Văn bản</title>\
         <script type=\"application/ld+json\">{json}</script></head><body><p>Văn bản</p></body></html>"
    )
}

#[tokio::test]
async fn spam_at_the_end_of_a_large_json_ld_block_is_removed() {
    let h = Setup::portal().start().await;
    for kb in [600usize, 1100] {
        let path = format!("/ld{kb}");
        serve_in(
            &h,
            &path,
            "text/html; charset=utf-8",
            ld_page(&item_list(kb, true)),
            32768,
        );
        let text = delivered(&h, &path).await;
        assert!(!text.contains("bet.test"), "{path}");
        assert!(!text.contains("789bet"), "{path}: spam names kept");
        assert!(!text.contains("tài xỉu"), "{path}: spam names kept");
    }
}

/// A data script of about `kb` KB: JSON-like records only.
fn data(kb: usize) -> String {
    let mut s = String::from("[");
    let mut i = 0;
    while s.len() < kb * 1000 {
        s.push_str(&format!(
            "{{\"id\":{i},\"ten\":\"Hồ sơ {i}\",\"url\":\"/ho-so/{i}\",\"xong\":true}},"
        ));
        i += 1;
    }
    s.push_str("{}]");
    s
}

#[tokio::test]
async fn large_data_blocks_on_a_normal_page_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let pages = [
        (
            "/state",
            format!(
                "<!doctype html><html><body><p>Tin</p><script>window.__STATE__={};</script><p>Hết</p></body></html>",
                data(480)
            ),
        ),
        ("/ld", ld_page(&item_list(550, false))),
        (
            "/json",
            format!(
                "<!doctype html><html><body><p>Tin</p><script type=\"application/json\" id=\"d\">{}</script><p>Hết</p></body></html>",
                data(420)
            ),
        ),
        (
            "/area",
            format!(
                "<!doctype html><html><body><form><textarea name=t>{}</textarea></form><a href=\"/lien-he\">Liên hệ</a></body></html>",
                filler(400)
            ),
        ),
    ];
    for (path, p) in pages {
        h.upstream
            .serve(path, "text/html; charset=utf-8", p.clone());
        unchanged(&h, path, p).await;
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}
