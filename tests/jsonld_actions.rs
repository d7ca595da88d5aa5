//! Attack suite for JSON-LD (class 6): planted betting links hidden in structured data that
//! search engines follow (`potentialAction.target`, `EntryPoint.urlTemplate`, `@graph`,
//! nested logos, arrays), plain or with JSON escapes. Every foreign value must go, one
//! `jsonld.foreign` event per value; allowed JSON-LD must come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};
use lachan::audit::Event;

fn ld(json: &str) -> String {
    format!(
        "<html><head><script type=\"application/ld+json\">{json}</script></head><body>x</body></html>"
    )
}

/// The rewritten JSON-LD text, parsed, and the targets of its `jsonld.foreign` events.
fn run(json: &str) -> (serde_json::Value, Vec<String>) {
    let (out, events) = clean(&site(""), &ld(json));
    let body = out
        .split_once("application/ld+json\">")
        .and_then(|(_, r)| r.split_once("</script>"))
        .map(|(b, _)| b)
        .expect("the script survives");
    let value = serde_json::from_str(body).expect("still JSON");
    (value, targets(&events))
}

fn targets(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.rule == "jsonld.foreign")
        .map(|e| e.target.clone().unwrap_or_default())
        .collect()
}

fn text(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn search_action_target_to_a_betting_host_is_removed() {
    let (v, t) = run(
        r#"{"@context":"https://schema.org","@type":"WebSite","url":"https://portal.example.gov.vn/","potentialAction":{"@type":"SearchAction","target":"https://bet.test/search?q={search_term_string}","query-input":"required name=search_term_string"}}"#,
    );
    assert!(!text(&v).contains("bet.test"), "{v}");
    assert_eq!(v["potentialAction"]["target"], serde_json::Value::Null);
    assert_eq!(v["url"], "https://portal.example.gov.vn/");
    assert_eq!(t.len(), 1, "{t:?}");
    assert!(t[0].contains("bet.test"), "{t:?}");
}

#[test]
fn entry_point_url_template_to_a_betting_host_is_removed() {
    let (v, t) = run(
        r#"{"@type":"WebSite","potentialAction":[{"@type":"SearchAction","target":{"@type":"EntryPoint","urlTemplate":"https://bet.test/s?q={q}"}}]}"#,
    );
    assert!(!text(&v).contains("bet.test"), "{v}");
    let entry = &v["potentialAction"][0]["target"];
    assert_eq!(entry["@type"], "EntryPoint");
    assert_eq!(t.len(), 1, "{t:?}");
}

#[test]
fn target_array_of_strings_and_entry_points_keeps_only_allowed_entries() {
    let (v, t) = run(
        r#"{"@type":"WebSite","potentialAction":{"@type":"SearchAction","target":["https://portal.example.gov.vn/tim-kiem?q={q}","//bet.test/q={q}",{"@type":"EntryPoint","urlTemplate":"http://casino.test/{q}"}]}}"#,
    );
    let s = text(&v);
    assert!(!s.contains("bet.test") && !s.contains("casino.test"), "{v}");
    assert_eq!(
        v["potentialAction"]["target"][0],
        "https://portal.example.gov.vn/tim-kiem?q={q}"
    );
    assert_eq!(t.len(), 2, "{t:?}");
}

#[test]
fn escaped_slashes_and_dots_in_a_target_are_decoded_and_caught() {
    let (v, t) = run(
        r#"{"@type":"WebSite","potentialAction":{"@type":"SearchAction","target":"https:\/\/bet\u002etest\/?q={q}"}}"#,
    );
    assert!(!text(&v).contains("bet.test"), "{v}");
    assert_eq!(t.len(), 1, "{t:?}");
    assert!(t[0].contains("bet.test"), "{t:?}");
}

#[test]
fn graph_and_nested_logo_and_unknown_keys_are_checked() {
    let (v, t) = run(
        r#"{"@graph":[{"@type":"NewsArticle","publisher":{"@type":"Organization","logo":{"@type":"ImageObject","url":"https://bet.test/logo.png"}},"mainEntityOfPage":"https:\/\/bet\u002etest\/","sponsor":{"homepage":"https://casino.test/"}},{"@type":"Organization","url":"https://chinhphu.vn/"}]}"#,
    );
    let s = text(&v);
    assert!(!s.contains("bet.test") && !s.contains("casino.test"), "{v}");
    assert_eq!(v["@graph"][1]["url"], "https://chinhphu.vn/");
    assert_eq!(v["@graph"][0]["publisher"]["logo"]["@type"], "ImageObject");
    assert_eq!(t.len(), 3, "{t:?}");
}

#[test]
fn top_level_array_with_same_as_and_url_keys_is_checked() {
    let (v, t) = run(
        r#"[{"@type":"Organization","sameAs":["https://chinhphu.vn/","https://bet.test/"],"image":"bet.test.png"},{"@type":"Thing","downloadUrl":"//casino.test/app.apk","name":"https://nhacai.test/ in text"}]"#,
    );
    let s = text(&v);
    assert!(
        !s.contains("bet.test/") && !s.contains("casino.test") && !s.contains("nhacai"),
        "{v}"
    );
    assert_eq!(v[0]["sameAs"], serde_json::json!(["https://chinhphu.vn/"]));
    // A relative image name resolves on the portal and stays.
    assert_eq!(v[0]["image"], "bet.test.png");
    assert_eq!(t.len(), 3, "{t:?}");
}

#[test]
fn allowed_json_ld_is_byte_identical() {
    let json = r##"{ "@context": "https://schema.org",
  "@graph": [ {"@type":"WebSite","url":"https:\/\/portal.example.gov.vn\/","potentialAction":{"@type":"SearchAction","target":{"@type":"EntryPoint","urlTemplate":"https://portal.example.gov.vn/tim-kiem?q={q}"},"query-input":"required name=q"}},
  {"@type":"GovernmentOrganization","@id":"#org","sameAs":["https://chinhphu.vn/"],"logo":"/images/logo.png","name":"Cổng thông tin <b>"} ] }"##;
    let page = ld(json);
    let (out, events) = clean(&site(""), &page);
    assert_eq!(out, page);
    assert!(targets(&events).is_empty(), "{events:?}");
}

#[test]
fn schema_org_terms_stay_beside_a_removed_betting_offer_url() {
    // The sanitizer keeps vocabulary IRIs (`availability`, `actionPlatform`) and the
    // crawler-view oracle in `clean` must agree that they are not links left behind.
    let (v, found) = run(
        r#"{"@context":"https://schema.org","@type":"Product","name":"Tài liệu",
        "offers":{"@type":"Offer","url":"https://bet.test/mua","availability":"https://schema.org/InStock",
        "itemCondition":"http://www.schema.org/NewCondition"},
        "potentialAction":{"@type":"ViewAction","target":{"@type":"EntryPoint",
        "urlTemplate":"/xem","actionPlatform":["https://schema.org/DesktopWebPlatform"]}}}"#,
    );
    assert_eq!(found, ["https://bet.test/mua"]);
    let t = text(&v);
    for term in [
        "schema.org/InStock",
        "schema.org/NewCondition",
        "DesktopWebPlatform",
    ] {
        assert!(t.contains(term), "{term} lost: {t}");
    }
}
