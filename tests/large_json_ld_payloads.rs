//! Attack suite (issue 14, delivery: size limits): a schema.org `ItemList` of 500-600 KB in
//! `<script type="application/ld+json">` whose thousands of benign items hide spam names,
//! foreign `url`s or HTML payloads in the middle or at the end. Search engines index
//! JSON-LD, so every string of it is judged, whatever the block's size and whether or not
//! it parses as JSON; what cannot be judged is removed (fail closed). Fed whole, in 1500-byte
//! frames and (one page per test) in 7-byte frames: the verdict does not depend on the cuts.
//!
//! Benign twin: a genuine 600 KB `ItemList` of the portal's documents passes byte for byte.

use crate::common;

use common::rewrite::{base, rewrite, rule_ids, site};
use lachan::sanitize::html::oracle;

/// Whole and in 1500-byte frames; [`TINY`] for one page per test (debug builds are slow).
const PLANS: &[&[usize]] = &[&[usize::MAX], &[1500]];
const TINY: &[usize] = &[7, 4096, 13];

/// A JSON-LD `ItemList` of about `kb` KB of the portal's documents; `planted` goes in at
/// `at` (0.0 = start, 1.0 = end) as extra items.
fn item_list(kb: usize, planted: &str, at: f64) -> String {
    let mut items = Vec::new();
    let mut len = 0;
    let mut i = 0;
    while len < kb * 1000 {
        let item = format!(
            "{{\"@type\":\"ListItem\",\"position\":{i},\"name\":\"Văn bản pháp luật số {i}/2024/NĐ-CP\",\
             \"url\":\"https://portal.example.gov.vn/van-ban/{i}\"}}"
        );
        len += item.len() + 1;
        items.push(item);
        i += 1;
    }
    if !planted.is_empty() {
        let n = ((items.len() as f64) * at) as usize;
        items.insert(n.min(items.len()), planted.to_string());
    }
    format!(
        "{{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"itemListElement\":[{}]}}",
        items.join(",")
    )
}

fn ld(json: &str) -> String {
    format!("<script type=\"application/ld+json\">{json}</script>")
}

fn page_with(block: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=utf-8><title>Văn bản</title></head>\
         <body><div class=\"content\"><p>Văn bản</p>{block}</div><p>Hết</p></body></html>"
    )
}

/// The spam and foreign items planted in the list.
fn planted() -> Vec<(&'static str, String)> {
    vec![
        (
            "spam_name",
            "{\"@type\":\"ListItem\",\"position\":9,\"name\":\"nhà cái uy tín 789bet tặng 100k\"}".into(),
        ),
        (
            "foreign_url",
            "{\"@type\":\"ListItem\",\"position\":9,\"name\":\"Văn bản\",\"url\":\"https://bet.test/\"}".into(),
        ),
        (
            "escaped_url",
            "{\"@type\":\"ListItem\",\"position\":9,\"item\":\"https:\\/\\/bet\\u002etest\\/x\"}".into(),
        ),
        (
            "html_payload",
            "{\"@type\":\"ListItem\",\"position\":9,\"description\":\"<a href=https://bet.test/>xem</a>\"}".into(),
        ),
        (
            "spam_keywords",
            "{\"@type\":\"ListItem\",\"position\":9,\"name\":\"Văn bản\",\"keywords\":\"tài xỉu online, nổ hũ đổi thưởng, game bài\"}".into(),
        ),
    ]
}

fn judged(page: &str, tiny: bool) -> Vec<(Vec<u8>, Vec<String>)> {
    let s = site("");
    let tiny = tiny.then_some(TINY);
    PLANS
        .iter()
        .copied()
        .chain(tiny)
        .map(|plan| {
            let (out, ev) = rewrite(&s, page.as_bytes(), plan, None);
            let rules = rule_ids(&ev).into_iter().map(String::from).collect();
            (out, rules)
        })
        .collect()
}

fn assert_neutralized(name: &str, page: &str, tiny: bool) {
    for (i, (out, rules)) in judged(page, tiny).into_iter().enumerate() {
        let out = String::from_utf8_lossy(&out);
        let left = oracle::foreign_urls(&out, &base(), &site("").sanitize().hosts);
        assert!(left.is_empty(), "{name} plan {i}: foreign left {left:?}");
        for bad in ["bet.test", "bet\\u002etest", "789bet", "tài xỉu", "nổ hũ"] {
            assert!(!out.contains(bad), "{name} plan {i}: {bad} kept");
        }
        assert!(!rules.is_empty(), "{name} plan {i}: no audit event");
        assert!(out.contains("<p>Hết</p>"), "{name} plan {i}: page cut");
    }
}

#[test]
fn planted_items_in_a_600kb_item_list_are_removed() {
    for (i, (name, item)) in planted().into_iter().enumerate() {
        let at = [0.5, 1.0][i % 2];
        let page = page_with(&ld(&item_list(580, &item, at)));
        assert_neutralized(&format!("{name}@{at}"), &page, i == 0);
    }
}

#[test]
fn planted_items_in_a_600kb_item_list_that_is_not_valid_json_are_removed() {
    // A comment, a trailing comma, a cut-off end: lenient readers still take the strings.
    let broken: [fn(&str) -> String; 3] = [
        |j| j.replacen("\"itemListElement\":[", "\"itemListElement\":[/* x */", 1),
        |j| format!("{},", &j[..j.len() - 2]),
        |j| j[..j.len() - 2].to_string(),
    ];
    for (i, (name, item)) in planted().into_iter().enumerate() {
        let json = item_list(540, &item, 0.5);
        let page = page_with(&ld(&broken[i % 3](&json)));
        assert_neutralized(name, &page, i == 1);
    }
}

#[test]
fn planted_items_in_an_item_list_past_the_inline_cap_are_removed() {
    let item = &planted()[0].1;
    assert_neutralized(
        "past_cap",
        &page_with(&ld(&item_list(1200, item, 0.5))),
        false,
    );
}

#[test]
fn planted_items_in_a_600kb_item_list_with_a_type_parameter_are_removed() {
    let types = [
        "application/ld+json; charset=utf-8",
        "APPLICATION/LD+JSON ",
        " application/ld+json;profile=x",
    ];
    for (i, (name, item)) in planted().into_iter().enumerate() {
        let ty = types[i % types.len()];
        let json = item_list(520, &item, 1.0);
        let block = format!("<script type=\"{ty}\">{json}</script>");
        assert_neutralized(&format!("{name} {ty}"), &page_with(&block), false);
    }
}

#[test]
fn a_genuine_600kb_item_list_passes_byte_for_byte() {
    for (i, page) in [
        page_with(&ld(&item_list(600, "", 0.0))),
        page_with(&format!(
            "<div style=\"display:none\">{}</div>",
            ld(&item_list(560, "", 0.0))
        )),
    ]
    .iter()
    .enumerate()
    {
        for (out, rules) in judged(page, i == 0) {
            assert!(rules.is_empty(), "{i}: {rules:?}");
            assert!(out == page.as_bytes(), "{i}: changed");
        }
    }
}
