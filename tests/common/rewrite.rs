//! The rewriter alone, for the sanitizer's attack suites: the test site, the page's base
//! URL, a rewrite that feeds a page in a given chunking, the check that every chunking
//! agrees, and the corpus folders. No sockets: what the gateway adds around the rewriter is
//! the `gateway` module's business.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lachan::audit::{AuditLog, Event, RequestInfo};
use lachan::config::Site;
use lachan::sanitize::html::{PageContext, PageRewriter, RewriteError, oracle};

use super::{ALLOW, HOST};

/// Rewrites `page` (UTF-8) in every chunking of [`PLANS`]; they must agree, in output and
/// in the rules of the events. Also asserts that no foreign URL is left.
pub fn clean(site: &Arc<Site>, page: &str) -> (String, Vec<Event>) {
    clean_in(site, page, PLANS)
}

/// [`clean`] for the large matrices of a suite: the whole page and one other chunking of
/// [`PLANS`], the `n`th case the `n`th in turn, so that the matrix meets every chunking at
/// a third of the cost.
pub fn clean_turn(site: &Arc<Site>, page: &str, n: usize) -> (String, Vec<Event>) {
    clean_in(site, page, &[PLANS[0], PLANS[1 + n % (PLANS.len() - 1)]])
}

fn clean_in(site: &Arc<Site>, page: &str, plans: &[&[usize]]) -> (String, Vec<Event>) {
    let (out, events) = rewrite(site, page.as_bytes(), plans[0], None);
    for plan in &plans[1..] {
        let (o, e) = rewrite(site, page.as_bytes(), plan, None);
        assert_eq!(o, out, "output differs with chunks {plan:?} for {page}");
        assert_eq!(
            rule_ids(&e),
            rule_ids(&events),
            "events differ with chunks {plan:?}"
        );
    }
    let out = String::from_utf8(out).expect("UTF-8 output");
    let left = oracle::foreign_urls(&out, &base(), &site.sanitize().hosts);
    assert!(left.is_empty(), "foreign URLs left: {left:?} in {out}");
    (out, events)
}

/// The output of every chunking of [`PLANS`] (they must agree) and the events of the first,
/// for pages whose output the caller judges itself.
pub fn agreed(
    site: &Arc<Site>,
    input: &[u8],
    enc: Option<&'static encoding_rs::Encoding>,
) -> (Vec<u8>, Vec<Event>) {
    let (first, events) = rewrite(site, input, PLANS[0], enc);
    for plan in &PLANS[1..] {
        let (out, _) = rewrite(site, input, plan, enc);
        assert_eq!(out, first, "plan {plan:?}");
    }
    (first, events)
}

/// A UTF-8 page through [`agreed`] on the default site: the output and the rule ids.
pub fn run(html: &str) -> (String, Vec<String>) {
    let (out, events) = agreed(&site(""), html.as_bytes(), None);
    let rules = rule_ids(&events).into_iter().map(String::from).collect();
    (String::from_utf8(out).expect("UTF-8 output"), rules)
}

/// `host` is gone from the page, and `rule` was audited.
pub fn assert_gone(html: &str, host: &str, rule: &str) {
    let (out, rules) = run(html);
    assert!(!out.contains(host), "{host} survived: {out}");
    assert!(rules.iter().any(|r| r == rule), "{rule} not in {rules:?}");
}

/// The rule ids of `events`, in order.
pub fn rule_ids(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.rule.as_ref()).collect()
}

/// The suites' site config; `extra` is appended to its `[[site]]` table.
pub fn site_text(mode: &str, extra: &str) -> String {
    let allow = ALLOW.map(|h| format!("\"{h}\"")).join(", ");
    format!(
        "[server]\nlisten = [\"127.0.0.1:8080\"]\n\n[[site]]\nname = \"portal\"\n\
         hosts = [\"{HOST}\"]\nupstream = \"http://127.0.0.1:9000\"\nmode = \"{mode}\"\n\
         allow = [{allow}]\n{extra}\n"
    )
}

/// The enforcing test site; `extra` is appended to its `[[site]]` table.
pub fn site(extra: &str) -> Arc<Site> {
    parse_site(&site_text("enforce", extra))
}

/// The test site in report mode.
pub fn report_site() -> Arc<Site> {
    parse_site(&site_text("report", ""))
}

fn parse_site(text: &str) -> Arc<Site> {
    let config = lachan::config::parse(text, Path::new("t.toml")).expect("test config is valid");
    Arc::clone(&config.sites[0])
}

pub fn base() -> url::Url {
    url::Url::parse(&format!("https://{HOST}/tin-tuc/bai-viet.html")).unwrap()
}

/// `input` through a fresh rewriter, fed in chunks of the sizes of `plan` (cycled).
pub fn rewrite(
    site: &Arc<Site>,
    input: &[u8],
    plan: &[usize],
    enc: Option<&'static encoding_rs::Encoding>,
) -> (Vec<u8>, Vec<Event>) {
    try_rewrite(site, input, plan, enc).expect("rewrite")
}

/// How the rewriter refuses `input` (a limit, a parse problem); panics if it does not.
pub fn refused(site: &Arc<Site>, input: &[u8], plan: &[usize]) -> RewriteError {
    match try_rewrite(site, input, plan, None) {
        Ok((out, _)) => panic!("not refused: {}", String::from_utf8_lossy(&out)),
        Err(e) => e,
    }
}

fn try_rewrite(
    site: &Arc<Site>,
    input: &[u8],
    plan: &[usize],
    enc: Option<&'static encoding_rs::Encoding>,
) -> Result<(Vec<u8>, Vec<Event>), RewriteError> {
    let (audit, sink) = AuditLog::memory();
    let ctx = PageContext {
        site: Arc::clone(site),
        base: base(),
        encoding: enc,
        request: request(),
        audit,
    };
    let mut rw = PageRewriter::new(ctx)?;
    let mut out = Vec::new();
    let mut rest = input;
    let mut sizes = plan.iter().cycle();
    while !rest.is_empty() {
        let n = sizes.next().copied().unwrap_or(rest.len()).min(rest.len());
        out.extend_from_slice(&rw.write(&rest[..n])?);
        rest = &rest[n..];
    }
    out.extend_from_slice(&rw.end()?);
    Ok((out, sink.events()))
}

/// The request the rewriter's events are about.
pub fn request() -> RequestInfo {
    RequestInfo {
        site: "portal".into(),
        client_ip: "127.0.0.1".parse().unwrap(),
        request_id: "t-1".into(),
        method: "GET".into(),
        url: base().as_str().into(),
    }
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

/// The files of `tests/corpus/DIR`, sorted.
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
