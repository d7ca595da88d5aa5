use super::*;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.append(
            HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    h
}

#[test]
fn defaults_are_added_and_leaks_removed() {
    let mut h = headers(&[
        ("server", "Apache/2.2.15 (CentOS)"),
        ("x-powered-by", "PHP/5.3.3"),
        ("x-aspnet-version", "4.0.30319"),
        ("x-aspnetmvc-version", "5.2"),
        ("x-generator", "Drupal 7"),
        ("content-type", "text/html"),
    ]);
    apply(&SiteHeaders::default(), true, &mut h);
    for leaky in LEAKY {
        assert!(!h.contains_key(*leaky), "{leaky} still present");
    }
    assert_eq!(h["strict-transport-security"], DEFAULT_HSTS);
    assert!(
        SiteHeaders::default().nosniff(),
        "nosniff is on by default (step 6)"
    );
    assert_eq!(h["referrer-policy"], DEFAULT_REFERRER);
    assert_eq!(h["x-frame-options"], "SAMEORIGIN");
    assert_eq!(h["content-security-policy"], "frame-ancestors 'self'");
    assert!(
        h["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("camera=()")
    );
    assert_eq!(h["content-type"], "text/html");
}

#[test]
fn no_hsts_on_plain_http() {
    let mut h = HeaderMap::new();
    apply(&SiteHeaders::default(), false, &mut h);
    assert!(!h.contains_key("strict-transport-security"));
    assert_eq!(h["referrer-policy"], DEFAULT_REFERRER);
}

#[test]
fn stricter_upstream_values_are_kept() {
    let mut h = headers(&[
        (
            "strict-transport-security",
            "max-age=63072000; includeSubDomains; preload",
        ),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        ("permissions-policy", "camera=(), fullscreen=(self)"),
    ]);
    apply(&SiteHeaders::default(), true, &mut h);
    assert_eq!(
        h["strict-transport-security"],
        "max-age=63072000; includeSubDomains; preload"
    );
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["x-frame-options"], "DENY");
    let pp = h["permissions-policy"].to_str().unwrap();
    assert!(
        pp.contains("fullscreen=(self)") && pp.contains("microphone=()"),
        "{pp}"
    );
}

#[test]
fn weaker_upstream_values_are_replaced() {
    let mut h = headers(&[
        ("strict-transport-security", "max-age=0"),
        ("referrer-policy", "unsafe-url"),
        ("x-frame-options", "ALLOW-FROM https://bet.test/"),
        ("permissions-policy", "camera=*"),
        ("content-security-policy", "frame-ancestors *"),
    ]);
    apply(&SiteHeaders::default(), true, &mut h);
    assert_eq!(h["strict-transport-security"], DEFAULT_HSTS);
    assert_eq!(h["referrer-policy"], DEFAULT_REFERRER);
    assert_eq!(h["x-frame-options"], "SAMEORIGIN");
    assert!(
        h["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("camera=()")
    );
    let csp: Vec<_> = h.get_all("content-security-policy").iter().collect();
    assert_eq!(
        csp.len(),
        2,
        "ours is added beside the upstream's, both are enforced"
    );
}

#[test]
fn empty_values_turn_headers_off_and_bad_ones_are_errors() {
    let src = r#"hsts = ""
frame_options = "ALLOWALL"
remove = ["X-Drupal-Cache"]
"#;
    let raw: RawSiteHeaders = toml::from_str(src).unwrap();
    let ctx = SiteCtx {
        name: "s",
        hosts: &[],
        mode: crate::settings::Mode::Enforce,
        allow: &[],
    };
    let mut errs = Errors::new(std::path::Path::new("t.toml"), src);
    let h = validate(raw, &ctx, &mut errs);
    let errors = errs.into_result(()).unwrap_err().0;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 2);
    let mut hm = headers(&[("x-drupal-cache", "HIT")]);
    apply(&h, true, &mut hm);
    assert!(!hm.contains_key("strict-transport-security"));
    assert!(!hm.contains_key("x-drupal-cache"));
}
