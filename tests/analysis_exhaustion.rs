//! Attack suite for scripts shaped to exhaust the script classifier (issue 14, class 3;
//! threats B3): long concatenation chains, deep nesting, assignment and alias chains,
//! expanding replacements run as code, thousands of sinks, an oversized navigating script.
//! Each must finish quickly, and those that navigate or run decoded code must be judged
//! malicious: the analysis is limited to a work budget linear in the script's size and
//! fails closed when it runs out.

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
