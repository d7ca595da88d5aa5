//! The rewriter harness shared by the sanitizer's attack suites: one test site, the page's
//! base URL, a rewrite that feeds a page in a given chunking, and the corpus folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lachan::audit::{AuditLog, Event, RequestInfo};
use lachan::config::Site;
use lachan::sanitize::html::{PageContext, PageRewriter, oracle};

/// Rewrites `page` (UTF-8) in every chunking of [`PLANS`]; they must agree, in output and
/// in the rules of the events. Also asserts that no foreign URL is left.
pub fn clean(site: &Arc<Site>, page: &str) -> (String, Vec<Event>) {
    let (out, events) = rewrite(site, page.as_bytes(), PLANS[0], None);
    let rules = |e: &[Event]| e.iter().map(|e| e.rule.to_string()).collect::<Vec<_>>();
    for plan in &PLANS[1..] {
        let (o, e) = rewrite(site, page.as_bytes(), plan, None);
        assert_eq!(o, out, "output differs with chunks {plan:?} for {page}");
        assert_eq!(
            rules(&e),
            rules(&events),
            "events differ with chunks {plan:?}"
        );
    }
    let out = String::from_utf8(out).expect("UTF-8 output");
    let left = oracle::foreign_urls(&out, &base(), &site.sanitize().hosts);
    assert!(left.is_empty(), "foreign URLs left: {left:?} in {out}");
    (out, events)
}

pub const CONFIG: &str = r#"
[server]
listen = ["127.0.0.1:8080"]

[[site]]
name = "portal"
hosts = ["portal.example.gov.vn"]
upstream = "http://127.0.0.1:9000"
allow = ["*.gov.vn", "chinhphu.vn", "*.edu.vn", "www.googletagmanager.com", "www.google-analytics.com", "www.youtube.com"]
#EXTRA
"#;

pub fn site(extra: &str) -> Arc<Site> {
    let src = CONFIG.replace("#EXTRA", extra);
    let config = lachan::config::parse(&src, Path::new("t.toml")).expect("test config is valid");
    Arc::clone(&config.sites[0])
}

pub fn base() -> url::Url {
    url::Url::parse("https://portal.example.gov.vn/tin-tuc/bai-viet.html").unwrap()
}

pub fn rewrite(
    site: &Arc<Site>,
    input: &[u8],
    plan: &[usize],
    enc: Option<&'static encoding_rs::Encoding>,
) -> (Vec<u8>, Vec<Event>) {
    let (audit, sink) = AuditLog::memory();
    let request = RequestInfo {
        site: "portal".into(),
        client_ip: "127.0.0.1".parse().unwrap(),
        request_id: "t-1".into(),
        method: "GET".into(),
        url: base().as_str().into(),
    };
    let ctx = PageContext {
        site: Arc::clone(site),
        base: base(),
        encoding: enc,
        request,
        audit,
    };
    let mut rw = PageRewriter::new(ctx).expect("rewriter");
    let mut out = Vec::new();
    let mut rest = input;
    let mut sizes = plan.iter().cycle();
    while !rest.is_empty() {
        let n = sizes.next().copied().unwrap_or(rest.len()).min(rest.len());
        out.extend_from_slice(&rw.write(&rest[..n]).expect("write"));
        rest = &rest[n..];
    }
    out.extend_from_slice(&rw.end().expect("end"));
    (out, sink.events())
}

/// Chunkings: whole, every size 1..=7, and a 1..7 cycle.
pub const PLANS: &[&[usize]] = &[
    &[usize::MAX],
    &[1],
    &[2],
    &[3],
    &[5],
    &[7],
    &[1, 2, 3, 4, 5, 6, 7],
];

pub fn corpus(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}
