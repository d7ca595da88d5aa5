//! `lachan scan` against a test origin of about 20 pages (tests/scan_support): the hosts it
//! finds, each host's verdict and reasons, the proposed allow list, the baseline diff and
//! the exit codes, through the real binary.

mod scan_support;

use scan_support::{config, host, origin, page, report, scan};

fn reasons(r: &serde_json::Value, h: &str) -> Vec<String> {
    host(r, h).unwrap_or_else(|| panic!("host {h} not found"))["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn verdict(r: &serde_json::Value, h: &str) -> String {
    host(r, h).unwrap_or_else(|| panic!("host {h} not found"))["verdict"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_every_foreign_host_with_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), origin().await, "127.0.0.1:0");
    let json = dir.path().join("scan.json");
    let run = scan(&cfg, &["--json", json.to_str().unwrap()]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let r = report(&json);
    assert_eq!(r["site"], "portal");
    assert_eq!(verdict(&r, "chinhphu.gov.vn"), "allowed");
    assert_eq!(verdict(&r, "partner.test"), "unlisted");
    assert_eq!(host(&r, "partner.test").unwrap()["pages"], 5);
    assert_eq!(verdict(&r, "once.example.org"), "unlisted");
    for h in ["nhacai.bet.test", "casino.bet.test"] {
        assert_eq!(verdict(&r, h), "suspicious");
        assert_eq!(reasons(&r, h), ["hidden", "spam"], "{h}");
    }
    assert_eq!(reasons(&r, "cloak.bet.test"), ["spam", "cloaked"]);
    assert_eq!(reasons(&r, "redir.bet.test"), ["redirect"]);
    assert_eq!(reasons(&r, "js.bet.test"), ["redirect"]);
    assert_eq!(reasons(&r, "cdn.evil.test"), ["removed_script"]);
    let hosts: Vec<&str> = r["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["host"].as_str().unwrap())
        .collect();
    assert_eq!(hosts.len(), 9, "{hosts:?}");
    assert_eq!(r["proposed_allow"], serde_json::json!(["partner.test"]));
    assert_eq!(page(&r, "/tin-tuc/7").unwrap()["cloaked"], true);
    assert_eq!(page(&r, "/tin-tuc/6").unwrap()["cloaked"], false);
    // Reached only through robots.txt's sitemap and sitemap.xml.
    assert!(page(&r, "/an/1").is_some() && page(&r, "/an/2").is_some());
}
