//! False-positive guard (issue 14, delivery: JSON Feed): a JSON API answer is not a page
//! and no feed reader renders it, so whatever its fields hold (foreign `url`s, HTML in a
//! `title`, a `version` that is not jsonfeed.org's, a jsonfeed.org `version` nested below
//! the top level), it passes byte for byte and without an event: short or longer than the
//! look's 16 KiB window, whole or in 1- and 3-byte chunks, under every generic JSON type.

use crate::common;
use crate::json_feed_payloads::{delivered, serve};

use common::gateway::Setup;

/// `n` records of a typical portal API answer, with foreign links and HTML in them.
fn records(n: usize, nested_version: bool) -> String {
    let mut out = Vec::new();
    for i in 0..n {
        let version = match nested_version {
            true => r#", "meta": {"version": "https://jsonfeed.org/version/1.1"}"#,
            false => "",
        };
        out.push(format!(
            r#"{{"id": {i}, "url": "https://partner-{i}.example.com/p?x=1", "image": "https:\/\/cdn.example.net\/{i}.png", "title": "<b>Hồ sơ<\/b> <a href=\"https://bet.test/\">x</a>", "content_html": "\u003cscript\u003elocation='https://bet.test/'\u003c/script\u003e", "summary": "Tóm tắt {i}"{version}}}"#
        ));
    }
    out.join(",\n")
}

fn answers() -> Vec<(&'static str, String)> {
    let small = records(2, false);
    let big = records(80, false);
    let nested = records(80, true);
    assert!(big.len() > 16 * 1024 && nested.len() > 16 * 1024);
    vec![
        (
            "plain, small",
            format!(r#"{{"data": [{small}], "total": 2}}"#),
        ),
        (
            "plain, large",
            format!(r#"{{"data": [{big}], "total": 80}}"#),
        ),
        (
            "nested jsonfeed versions",
            format!(r#"{{"data": [{nested}], "total": 80}}"#),
        ),
        (
            "version 1.2 string first",
            format!(r#"{{"version": "1.2", "data": [{big}]}}"#),
        ),
        (
            "version 1.2 number last",
            format!(r#"{{"data": [{big}], "version": 1.2}}"#),
        ),
        (
            "version string last, not jsonfeed",
            format!(r#"{{"data": [{big}], "version": "https://api.example.gov.vn/version/2"}}"#),
        ),
        (
            "version in an array below the top",
            format!(
                r#"{{"data": [{big}], "list": [{{"version": "https://jsonfeed.org/version/1"}}]}}"#
            ),
        ),
        ("a top-level array", format!("[{big}]")),
        ("with a BOM", format!("\u{feff}{{\"data\": [{big}]}}")),
    ]
}

#[tokio::test]
async fn json_api_answers_with_foreign_urls_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    for (i, (name, body)) in answers().into_iter().enumerate() {
        let json = body.trim_start_matches('\u{feff}');
        assert!(
            serde_json::from_str::<serde_json::Value>(json).is_ok(),
            "{name}"
        );
        for (t, ty) in ["application/json", "text/json", "application/vnd.api+json"]
            .into_iter()
            .enumerate()
        {
            let steps: &[usize] = match (body.len() > 16 * 1024, t) {
                (false, _) => &[4096, 3, 1],
                (true, 0) => &[4096, 3],
                (true, _) => &[4096],
            };
            for &step in steps {
                let path = format!("/api{i}-{t}-{step}");
                serve(&h, &path, ty, body.clone(), step);
                let (text, clean) = delivered(&h, &path).await;
                assert!(clean && text == body, "{name} as {ty} by {step}");
            }
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}
