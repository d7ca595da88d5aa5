//! Attack suite (issue 14, delivery: size limits): spam text, foreign links and redirect
//! scripts placed right after an element too big to hold: a 400 KB `<textarea>`, `<title>`,
//! `<style>` or attribute, an inline SVG `path` of 400 KB, a `<select>` of 6,000 options, a
//! 500 KB JSON-LD block. Whatever the size of what comes before, what comes after is still
//! judged; fed in large frames and in tiny ones.
//!
//! Benign twin: the same huge elements followed by the portal's own content pass byte for
//! byte.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, resp};
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;

/// What follows the huge element in the attack pages.
const TAILS: &[&str] = &[
    "<p>Nhà cái uy tín 789bet: nổ hũ đổi thưởng, tài xỉu online, tặng 100k khi đăng ký.</p>",
    "<a href=\"https://bet.test/\">nhà cái uy tín</a>",
    "<script>setTimeout(function(){window.location.replace('https://bet.test/r')},10)</script>",
    "<div style=\"display:none\"><a href=\"https://casino.test/\">xem</a> nổ hũ đổi thưởng</div>",
];

const BENIGN_TAIL: &str = "<p>Sở Tư pháp thông báo lịch tiếp công dân.</p>\
    <a href=\"/lien-he\">Liên hệ</a><script>document.title='Sở Tư pháp';</script>";

fn filler(kb: usize) -> String {
    let unit = "Thông báo của Sở Tư pháp về lịch tiếp công dân năm 2024. ";
    unit.repeat(kb * 1000 / unit.len() + 1)
}

fn path_data(kb: usize) -> String {
    let mut d = String::from("M0 0");
    let mut i = 0u32;
    while d.len() < kb * 1000 {
        d.push_str(&format!(" L{} {}", i % 997, (i * 7) % 991));
        i += 1;
    }
    d
}

fn options(n: usize) -> String {
    (0..n)
        .map(|i| format!("<option value=\"{i}\">Xã Phường số {i}</option>"))
        .collect()
}

fn json_ld(kb: usize) -> String {
    let mut s = String::from(
        "{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"itemListElement\":[",
    );
    let mut i = 0;
    while s.len() < kb * 1000 {
        s.push_str(&format!(
            "{{\"@type\":\"ListItem\",\"position\":{i},\"url\":\"https://portal.example.gov.vn/vb/{i}\"}},"
        ));
        i += 1;
    }
    s.push_str("{\"@type\":\"ListItem\",\"position\":0}]}");
    format!("<script type=\"application/ld+json\">{s}</script>")
}

/// The huge elements.
fn huge() -> Vec<(&'static str, String)> {
    let f = filler(400);
    vec![
        ("textarea", format!("<textarea name=t>{f}</textarea>")),
        ("title", format!("<title>{f}</title>")),
        ("style", format!("<style>/* {f} */ p{{color:red}}</style>")),
        ("attribute", format!("<div title=\"{f}\">x</div>")),
        (
            "svg_path",
            format!(
                "<svg viewBox=\"0 0 1000 1000\"><path d=\"{}\"/></svg>",
                path_data(400)
            ),
        ),
        (
            "select",
            format!("<select name=xa>{}</select>", options(6000)),
        ),
        ("json_ld", json_ld(500)),
    ]
}

fn page(big: &str, tail: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=utf-8></head><body><p>Tin</p>{big}{tail}<p>Hết</p></body></html>"
    )
}

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

fn serve_in(h: &Gateway, path: &str, body: String, step: usize) {
    let body = Bytes::from(body);
    h.upstream.route(path, move || {
        resp(
            200,
            &[("content-type", "text/html; charset=utf-8")],
            chunked(chunks_of(&body, step)),
        )
    });
}

#[tokio::test]
async fn spam_links_and_redirects_after_a_huge_element_are_removed() {
    let h = Setup::portal().start().await;
    // Each huge element with two of the tails, each in one framing (debug builds are slow).
    for (i, (name, big)) in huge().into_iter().enumerate() {
        for k in 0..2 {
            let t = (i + k * 2) % TAILS.len();
            let tail = TAILS[t];
            {
                let step = [65536usize, 509][(i + k) % 2];
                let path = format!("/{name}-{t}-{step}");
                serve_in(&h, &path, page(&big, tail), step);
                let text = delivered(&h, &path).await;
                for bad in ["bet.test", "casino.test", "789bet", "nổ hũ"] {
                    assert!(!text.contains(bad), "{path}: {bad} passed");
                }
            }
        }
    }
}

#[tokio::test]
async fn huge_elements_followed_by_the_portals_content_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    for (i, (name, big)) in huge().into_iter().enumerate() {
        {
            let step = [65536usize, 509][i % 2];
            let path = format!("/{name}-{step}");
            let p = page(&big, BENIGN_TAIL);
            serve_in(&h, &path, p.clone(), step);
            let text = delivered(&h, &path).await;
            assert!(text == p, "{path}: changed ({} bytes)", text.len());
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}
