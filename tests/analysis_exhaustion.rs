//! Attack suite for scripts shaped to exhaust the script classifier (issue 14, class 3;
//! threats B3): long concatenation chains, deep nesting, assignment and alias chains,
//! expanding replacements run as code, thousands of sinks, an oversized navigating script.
//! Each must finish quickly, and those that navigate or run decoded code must be judged
//! malicious: the analysis is limited to a work budget linear in the script's size and
//! fails closed when it runs out.

use crate::common;

use common::rewrite;
use lachan::audit::AuditLog;
use lachan::sanitize::html::{PageContext, PageRewriter};
use lachan::sanitize::script::{Verdict, judge};

fn is_foreign(u: &str) -> bool {
    let base = url::Url::parse("https://portal.example.gov.vn/tin-tuc/bai-1.html").unwrap();
    match base.join(u.trim()) {
        Ok(url) => url.host_str() != Some("portal.example.gov.vn"),
        Err(_) => true,
    }
}

fn verdict(src: &str) -> Verdict {
    judge(src, &is_foreign)
}

/// Hostile shapes: (name, source, must be judged malicious). Each must finish quickly
/// (the bound is for an unoptimised test build on a shared machine; the analysis itself
/// is limited to a work budget linear in the script's size).
fn hostile_cases() -> Vec<(&'static str, String, bool)> {
    let aliases: String = (0..20_000)
        .map(|i| format!("var w{i}=w{};", i.max(1) - 1))
        .collect();
    let bomb = format!(
        "var s='{}'.replaceAll('a','{}').replaceAll('a','{}').replaceAll('a','{}');eval(s)",
        "a".repeat(1000),
        "a".repeat(1000),
        "a".repeat(1000),
        "a".repeat(1000)
    );
    vec![
        (
            "long concatenation chain",
            "'a'+".repeat(200_000) + "'a'",
            false,
        ),
        (
            "deep nesting",
            "(".repeat(50_000) + "location" + &")".repeat(50_000) + "=z",
            false,
        ),
        (
            "assignment chain",
            "a=".repeat(50_000) + "location.href;location=a",
            true,
        ),
        (
            "alias chain",
            format!("var w0=window;{aliases}w19999.location=z"),
            true,
        ),
        ("expanding replaceAll run as code", bomb, true),
        (
            "many sinks",
            "location.href=location.href;".repeat(20_000),
            false,
        ),
        (
            "oversized navigating script",
            format!("var x=1;{}location.href=z", "x=x+1;".repeat(300_000)),
            true,
        ),
    ]
}

#[test]
fn hostile_scripts_stay_bounded_and_fail_closed() {
    use std::time::{Duration, Instant};
    for (name, src, must_catch) in hostile_cases() {
        let started = Instant::now();
        let v = verdict(&src);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(10), "{name} took {took:?}");
        if must_catch {
            assert!(v.is_malicious(), "{name} passed: {v:?}");
        }
    }
}

/// An enforced `<style>` is held in place until its verdict; one that never ends within
/// `max_inline_script` must stop being held at once, or a long style would hold the
/// response in memory whole (and it goes whole, fail closed).
#[test]
fn an_oversized_held_style_stays_bounded() {
    let site = rewrite::site("[site.sanitize]\nmax_inline_script = \"16KiB\"\n");
    let (audit, sink) = AuditLog::memory();
    let ctx = PageContext {
        site,
        base: rewrite::base(),
        encoding: None,
        request: rewrite::request(),
        audit,
    };
    let mut rw = PageRewriter::new(ctx).unwrap();
    let mut out = rw.write(b"<p>a</p><style>").unwrap().to_vec();
    let rule = ".c{color:red}".repeat(300);
    let mut most = 0;
    for _ in 0..500 {
        out.extend_from_slice(&rw.write(rule.as_bytes()).unwrap());
        most = most.max(rw.held_bytes());
    }
    out.extend_from_slice(&rw.write(b"</style><p>b</p>").unwrap());
    out.extend_from_slice(&rw.end().unwrap());
    assert!(most <= 16 * 1024 + rule.len(), "held {most} bytes");
    assert_eq!(String::from_utf8(out).unwrap(), "<p>a</p><p>b</p>");
    let events = sink.events();
    assert_eq!(rewrite::rule_ids(&events), ["css.oversize"]);
}

#[test]
fn a_member_write_at_the_very_start_of_a_script_is_judged_without_panicking() {
    // `.href=…` with no object before it once indexed the token stream at -1 and took
    // the worker down; whatever such a fragment is judged, it must be judged.
    for src in [
        ".href=1",
        ".href='https://bet.test/'",
        "?.src=x",
        ".action=y;.submit()",
    ] {
        let _ = verdict(src);
    }
}
