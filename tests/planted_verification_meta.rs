//! Attack suite for planted site-ownership verification (issue 14, doorway follow-up): a
//! `google-site-verification`, `msvalidate.01`, `yandex-verification`, … `<meta>` whose
//! token is not one of the site's own (`[site.sanitize] verification`) is removed with a
//! `meta.verification` event; the site's own tokens stay byte for byte, and with the list
//! unset every token is kept (the operator fills it from `lachan scan`).

use crate::common;

use common::rewrite::{clean, rule_ids, site};

const OWN: &str = "[site.sanitize]\nverification = [\"g00gleOwnT0ken\", \"BING0WN\"]\n";

#[test]
fn planted_search_console_verification_metas_are_removed() {
    for meta in [
        "<meta name=\"google-site-verification\" content=\"AtTacKeR-t0ken_123\">",
        "<META NAME=\"Google-Site-Verification\" CONTENT=\" other \">",
        "<meta name=\"msvalidate.01\" content=\"7A2B9C\">",
        "<meta name=\"yandex-verification\" content=\"4f2e1d\">",
        "<meta name=\"baidu-site-verification\" content=\"code-AbC\">",
        "<meta name=\"facebook-domain-verification\" content=\"fbplanted\">",
        "<meta name=\"p:domain_verify\" content=\"pinplanted\">",
        "<meta property=\"norton-safeweb-site-verification\" content=\"n0rt\">",
        "<meta name=\"google-site-verification\" content=\"g00gleOwnT0ken&#32;x\">",
    ] {
        let page = format!("<head>{meta}<title>Cổng thông tin</title></head>");
        let (out, events) = clean(&site(OWN), &page);
        assert_eq!(out, "<head><title>Cổng thông tin</title></head>", "{meta}");
        assert_eq!(rule_ids(&events), ["meta.verification"], "{meta}");
    }
}

#[test]
fn the_sites_own_verification_tokens_and_other_metas_are_kept() {
    let page = "<head><meta name=\"google-site-verification\" content=\"g00gleOwnT0ken\">\
<meta name=\"msvalidate.01\" content=\"BING0WN\"><meta name=\"viewport\" content=\"width=device-width\">\
<meta name=\"description\" content=\"Cổng thông tin điện tử\"></head>";
    let (out, events) = clean(&site(OWN), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rule_ids(&events));
}

#[test]
fn without_a_token_list_verification_metas_are_kept() {
    let page = "<head><meta name=\"google-site-verification\" content=\"anyToken\"></head>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty());
}
