//! `lachan scan` stays bounded against a hostile or broken origin: a page-count limit on an
//! endless site, a page that never answers, a page larger than the byte cap, and redirect
//! loops (tests/scan_support serves all of them).

use crate::scan_support;

use scan_support::{config, origin, page, report, scan};

async fn run_json(args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), origin().await, "127.0.0.1:0");
    let json = dir.path().join("scan.json");
    let mut all = vec!["--json", json.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = scan(&cfg, &all).await;
    let r = if run.code == Some(0) {
        report(&json)
    } else {
        serde_json::Value::Null
    };
    (run.code, r, run.stderr)
}

fn pages(r: &serde_json::Value) -> usize {
    r["pages"].as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_site_stops_at_the_page_limit() {
    let (code, r, err) = run_json(&["--seed", "/n/0", "--max-pages", "7"]).await;
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(pages(&r), 7);
    assert_eq!(r["stopped"], "max_pages");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_depth_limit_keeps_the_crawl_near_its_seeds() {
    // Depth 1: `/` and what it links to, and not the pages behind those.
    let (code, r, err) = run_json(&["--depth", "1", "--max-pages", "100"]).await;
    assert_eq!(code, Some(0), "{err}");
    assert!(page(&r, "/tin-tuc/18").is_some());
    let deep = r["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["depth"].as_u64().unwrap() > 1)
        .count();
    assert_eq!(deep, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_never_answers_times_out_and_the_scan_goes_on() {
    let (code, r, err) = run_json(&["--seed", "/slow", "--page-timeout", "300ms"]).await;
    assert_eq!(code, Some(0), "{err}");
    let slow = page(&r, "/slow").unwrap();
    assert_eq!(slow["status"], 0);
    assert!(
        slow["error"].as_str().unwrap().contains("timed out"),
        "{slow}"
    );
    assert!(
        page(&r, "/tin-tuc/18").is_some(),
        "the rest was still crawled"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_page_is_cut_at_the_byte_cap() {
    let (code, r, err) = run_json(&["--seed", "/huge", "--max-bytes", "64KiB"]).await;
    assert_eq!(code, Some(0), "{err}");
    let huge = page(&r, "/huge").unwrap();
    assert_eq!(huge["truncated"], true);
    assert_eq!(
        huge["links"],
        serde_json::json!([]),
        "the link after the cap is not read"
    );
    // With room for the whole page, the late link is found: the cap is what hid it.
    let (_, r, _) = run_json(&["--seed", "/huge", "--max-bytes", "8MiB"]).await;
    let huge = page(&r, "/huge").unwrap();
    assert_eq!(huge["truncated"], false);
    assert_eq!(huge["links"][0]["host"], "late.bet.test");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirect_loops_end() {
    let (code, r, err) =
        run_json(&["--seed", "/loop/0", "--seed", "/ping", "--max-pages", "100"]).await;
    assert_eq!(code, Some(0), "{err}");
    let loops: Vec<&serde_json::Value> = r["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["url"].as_str().unwrap().contains("/loop/"))
        .collect();
    // The chain is followed MAX_REDIRECTS (10) times after its start, then recorded.
    assert_eq!(loops.len(), 11);
    let last = page(&r, "/loop/10").unwrap();
    assert!(
        last["error"].as_str().unwrap().contains("redirect limit"),
        "{last}"
    );
    // A two-page loop ends because each URL is crawled once.
    assert!(page(&r, "/ping").is_some() && page(&r, "/pong").is_some());
    assert!(
        r.get("stopped").is_none(),
        "it ended by itself, not at a limit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_flags_and_unknown_sites_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), origin().await, "127.0.0.1:0");
    let run = scan(&cfg, &["--page-timeout", "20"]).await;
    assert_eq!(
        run.code,
        Some(2),
        "clap refuses a duration without a unit: {run:?}"
    );
    let run = tokio::process::Command::new(env!("CARGO_BIN_EXE_lachan"))
        .args(["scan", "-c"])
        .arg(&cfg)
        .args(["--site", "nope"])
        .output()
        .await
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no site named \"nope\""));
}
