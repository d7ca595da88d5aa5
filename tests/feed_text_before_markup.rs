//! Attack suite (issue 14, delivery: feed text before its markup): a feed reader renders
//! the whole of an RSS `description`, an Atom `summary`/`content` and a JSON Feed
//! `content_html`/`content_text`/`summary`, not only what follows the first `<`. Betting
//! text written before any markup, or in a text with no markup at all, is judged as the
//! same text in a page would be, whatever the chunking: it goes, with an event.
//!
//! Benign twins pass byte for byte: ordinary news text before markup, plain-text
//! descriptions with `&lt;`/`&amp;`, and a plain `content_text`.

use crate::common;
use crate::json_feed_payloads::{delivered, serve};

use common::gateway::Setup;

const WORDS: &[&str] = &["789bet", "nổ hũ", "tài xỉu", "Nhà cái", "kubet", "uy tín"];

const SPAM: [&str; 4] = [
    "Nhà cái uy tín 789bet, nổ hũ đổi thưởng, tài xỉu online",
    "Kubet nổ hũ tài xỉu nhà cái uy tín, đăng ký https://bet.test/dk nhận 100k",
    "Tai xiu online uy tin nhat Viet Nam, no hu doi thuong 789bet",
    "Nhà cái uy tín 789bet.\nNổ hũ đổi thưởng, tài xỉu online",
];

fn rss(description: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Tin</title>\
         <link>https://portal.example.gov.vn/</link><item><title>Thông báo</title>\
         <link>https://portal.example.gov.vn/tin/1</link><description>{description}</description></item></channel></rss>"
    )
}

fn atom(kind: &str, text: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tin</title>\
         <entry><title>Tin 1</title><{kind} type=\"html\">{text}</{kind}></entry></feed>"
    )
}

fn json_feed(key: &str, text: &str) -> String {
    let text = serde_json::to_string(text).unwrap_or_default();
    format!(
        "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Tin\", \"items\": \
         [{{\"id\": \"1\", \"url\": \"https://portal.example.gov.vn/tin/1\", \"{key}\": {text}}}]}}"
    )
}

/// Every carrier of `text` (XML-escaped where it is XML): feed type and body.
fn carriers(xml_text: &str, text: &str) -> Vec<(&'static str, String)> {
    vec![
        ("application/rss+xml", rss(xml_text)),
        ("application/atom+xml", atom("summary", xml_text)),
        ("application/atom+xml", atom("content", xml_text)),
        ("application/feed+json", json_feed("content_html", text)),
        ("application/feed+json", json_feed("content_text", text)),
        ("application/json", json_feed("summary", text)),
    ]
}

#[tokio::test]
async fn betting_text_before_or_without_markup_in_feed_text_is_removed() {
    let h = Setup::portal().start().await;
    for (i, spam) in SPAM.iter().enumerate() {
        for (j, (before, after)) in [("", ""), ("", " <br>"), ("", " <p>Tin</p>"), ("Tin ", "")]
            .iter()
            .enumerate()
        {
            let text = format!("{before}{spam}{after}");
            let xml_text = text.replace('<', "&lt;").replace('>', "&gt;");
            for (k, (ty, body)) in carriers(&xml_text, &text).into_iter().enumerate() {
                for step in [4096usize, 5, 1] {
                    let before = h.rules().len();
                    let path = format!("/pre{i}-{j}-{k}-{step}");
                    serve(&h, &path, ty, body.clone(), step);
                    let (out, clean) = delivered(&h, &path).await;
                    let low = out.to_lowercase();
                    for w in WORDS {
                        assert!(
                            clean && !low.contains(&w.to_lowercase()),
                            "{w:?} in {ty} by {step}: {body}\n=> {out}"
                        );
                    }
                    assert!(h.rules().len() > before, "{ty} by {step}: no event: {body}");
                }
            }
        }
    }
}

#[tokio::test]
async fn news_text_before_markup_in_feeds_passes_byte_for_byte() {
    let h = Setup::portal().start().await;
    let texts = [
        "Thông báo lịch tiếp công dân tháng 12 của Sở Tư pháp tỉnh <br>Xem chi tiết",
        "Giá xăng giảm 5 < 7 & còn nữa <p>Tin <b>mới</b></p>",
        "Sở Tư pháp tổ chức hội nghị tập huấn công tác hộ tịch năm 2026 cho cán bộ cấp xã.",
        "Xem văn bản tại https://chinhphu.vn/ và https://portal.example.gov.vn/tin/2",
    ];
    for (i, text) in texts.iter().enumerate() {
        let xml_text = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        for (k, (ty, body)) in carriers(&xml_text, text).into_iter().enumerate() {
            for step in [4096usize, 3, 1] {
                let path = format!("/news{i}-{k}-{step}");
                serve(&h, &path, ty, body.clone(), step);
                let (out, clean) = delivered(&h, &path).await;
                assert!(
                    clean && out == body,
                    "{ty} by {step}: {:?}\n=> {out}",
                    h.rules()
                );
            }
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}
