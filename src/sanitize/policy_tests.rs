use super::*;

fn set() -> HostSet {
    let pats: Vec<HostPattern> = [
        "portal.example.gov.vn",
        "*.gov.vn",
        "chinhphu.vn",
        "*.edu.vn",
    ]
    .iter()
    .map(|p| HostPattern::parse(p).unwrap())
    .collect();
    HostSet::new(&pats)
}

fn base() -> url::Url {
    url::Url::parse("https://portal.example.gov.vn/tin-tuc/bai-1.html").unwrap()
}

fn verdict(raw: &str) -> UrlVerdict {
    judge_url(raw, &base(), &set(), Carrier::Active)
}

#[test]
fn host_patterns_match_at_label_boundaries() {
    let s = set();
    assert!(s.allows("chinhphu.vn"));
    assert!(s.allows("chinhphu.vn."));
    assert!(s.allows("moj.gov.vn"));
    assert!(s.allows("a.b.gov.vn"));
    assert!(!s.allows("gov.vn"));
    assert!(!s.allows("fakegov.vn"));
    assert!(!s.allows("gov.vn.bet.test"));
    assert!(!s.allows("www.chinhphu.vn"));
    assert!(!s.allows("chinhphu.vn.bet.test"));
    assert_eq!(HostPattern::parse("bad host"), None);
    assert_eq!(
        HostPattern::parse("*.GOV.VN."),
        Some(HostPattern::Subdomains(".gov.vn".into()))
    );
}

#[test]
fn encoded_and_malformed_foreign_urls_are_foreign() {
    for raw in [
        "https://bet.test/",
        "//bet.test/",
        "/\\bet.test/",
        "\\\\bet.test",
        "https:\\\\bet.test",
        "https&#58;//bet&#46;test/",
        "&sol;&sol;bet.test",
        "&#x2F;&#x2f;bet.test",
        "/\t/bet.test",
        "/\n/bet.test",
        "  //bet.test",
        "HTTPS://BET.TEST/",
        "https://bet.test./",
        "https://portal.example.gov.vn@bet.test/",
        "https://portal.example.gov.vn.bet.test/",
        "https://fakegov.vn/",
        "http://xn--ci-9ja.test/",
        "https://cá.test/",
        "ftp://bet.test/x",
        "data:text/html,<script>1</script>",
        "https://[::1]/",
        "http://127.0.0.1/",
        "http://bet test/",
    ] {
        assert!(
            matches!(verdict(raw), UrlVerdict::Foreign(_)),
            "{raw:?} passed"
        );
    }
}

#[test]
fn local_and_allowed_urls_pass() {
    for raw in [
        "",
        "#top",
        "?page=2",
        "/tin-tuc",
        "bai-2.html",
        "../lien-he",
        "./a:b",
        "mailto:ban@portal.example.gov.vn",
        "tel:+84241234567",
        "https://chinhphu.vn/",
        "https://CHINHPHU.VN./x",
        "//moj.gov.vn/",
        "https://portal.example.gov.vn/",
        "http://thpt.hanoi.edu.vn/",
        "https&#58;//chinhphu&#46;vn/",
    ] {
        assert_eq!(verdict(raw), UrlVerdict::Allowed, "{raw:?}");
    }
}

#[test]
fn javascript_urls_go_to_the_script_judge() {
    for raw in [
        "javascript:go()",
        "java\tscript:go()",
        "JAVASCRIPT&colon;go()",
        " javascript:go%28%29",
    ] {
        assert_eq!(verdict(raw), UrlVerdict::Script("go()".into()), "{raw:?}");
    }
}

#[test]
fn data_urls_are_fine_for_media_only() {
    let v = judge_url(
        "data:image/png;base64,AA==",
        &base(),
        &set(),
        Carrier::Media,
    );
    assert_eq!(v, UrlVerdict::Allowed);
    assert!(is_foreign("https://bet.test", &base(), &set()));
    assert!(!is_foreign("/tim-kiem?q=", &base(), &set()));
}
