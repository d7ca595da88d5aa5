//! `lachan scan` against a test origin of about 20 pages (tests/scan_support): the hosts it
//! finds, each host's verdict and reasons, the proposed allow list, the baseline diff and
//! the exit codes, through the real binary.

use crate::scan_support;

use scan_support::{config, config_with, host, origin, page, report, scan, webhook};

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
    // The ids an operator would list in `[site.sanitize] tag_ids`.
    assert_eq!(r["tag_ids"], serde_json::json!(["G-SCAN123456"]));
    assert_eq!(
        page(&r, "/").unwrap()["tag_ids"],
        serde_json::json!(["G-SCAN123456"])
    );
    assert_eq!(page(&r, "/tin-tuc/7").unwrap()["cloaked"], true);
    assert_eq!(page(&r, "/tin-tuc/6").unwrap()["cloaked"], false);
    // Reached only through robots.txt's sitemap and sitemap.xml.
    assert!(page(&r, "/an/1").is_some() && page(&r, "/an/2").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proposes_the_partner_and_says_why_the_others_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), origin().await, "127.0.0.1:0");
    let run = scan(&cfg, &["--propose-allow"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let snippet: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("allow = ["))
        .collect();
    assert_eq!(snippet[0], "allow = [");
    assert!(
        snippet[1].starts_with("  \"partner.test\", # linked from 5 pages (a@href)"),
        "{snippet:?}"
    );
    assert_eq!(snippet[2], "]");
    let left_out = run.stdout.split("# Left out:").nth(1).unwrap();
    assert!(left_out.contains("#   nhacai.bet.test: suspicious: hidden, spam"));
    assert!(left_out.contains("#   once.example.org: linked from 1 page only"));
    assert!(
        !left_out.contains("chinhphu.gov.vn"),
        "allowed hosts are not listed"
    );
    // The snippet is valid TOML.
    let toml_text: String = snippet.join("\n");
    let parsed: toml::Table = toml::from_str(&toml_text).unwrap();
    assert_eq!(parsed["allow"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_suspicious_host_against_the_baseline_exits_3_and_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let (hook, mut posts) = webhook().await;
    let alerts = format!("[site.alerts]\nwebhook = \"http://{hook}/hook\"\nretries = 0\n");
    let cfg = config_with(dir.path(), origin().await, "127.0.0.1:0", &alerts);
    let base = dir.path().join("base.json");
    let now = dir.path().join("now.json");
    let run = scan(&cfg, &["--json", base.to_str().unwrap()]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    // The same site again: nothing new, exit 0.
    let same = scan(&cfg, &["--baseline", base.to_str().unwrap(), "--alert"]).await;
    assert_eq!(same.code, Some(0), "{same:?}");
    assert!(
        same.stdout.contains("new foreign hosts: 0"),
        "{}",
        same.stdout
    );
    // An older baseline that did not know the cloaked host.
    let mut old = report(&base);
    let hosts = old["hosts"].as_array_mut().unwrap();
    hosts.retain(|h| h["host"] != "cloak.bet.test");
    let p7 = old["pages"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["url"] == "http://portal.test/tin-tuc/7")
        .unwrap();
    p7["links"] = serde_json::json!([]);
    std::fs::write(&base, serde_json::to_string(&old).unwrap()).unwrap();
    let run = scan(
        &cfg,
        &[
            "--baseline",
            base.to_str().unwrap(),
            "--json",
            now.to_str().unwrap(),
            "--alert",
        ],
    )
    .await;
    assert_eq!(run.code, Some(3), "{run:?}");
    let diff = run.stdout.split("Against the baseline:").nth(1).unwrap();
    assert!(
        diff.contains("new foreign hosts: 1\n    cloak.bet.test"),
        "{diff}"
    );
    assert!(
        diff.contains("newly suspicious hosts: 1\n    cloak.bet.test"),
        "{diff}"
    );
    assert!(
        diff.contains(
            "pages whose outbound links changed: 1\n    http://portal.test/tin-tuc/7 (+1 -0)"
        ),
        "{diff}"
    );
    // The runs have ended, so every POST they made has arrived: one, for the new host.
    let mut sent = Vec::new();
    while let Ok(body) = posts.try_recv() {
        sent.push(serde_json::from_str::<serde_json::Value>(&body).unwrap());
    }
    assert_eq!(sent.len(), 1, "{sent:?} {}", run.stderr);
    assert_eq!(sent[0]["reason"], "scan_new_suspicious_host");
    assert_eq!(sent[0]["rule"], "scan.new_host");
    assert_eq!(sent[0]["target"], "cloak.bet.test");
    assert_eq!(sent[0]["url"], "http://portal.test/tin-tuc/7");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_and_html_carry_every_link_and_escape_the_site_s_text() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), origin().await, "127.0.0.1:0");
    let (csv, html) = (dir.path().join("s.csv"), dir.path().join("s.html"));
    let run = scan(
        &cfg,
        &[
            "--csv",
            csv.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(&headers[0], "page");
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let hidden = rows
        .iter()
        .find(|r| &r[4] == "casino.bet.test")
        .expect("a row for the hidden casino link");
    assert_eq!(
        (&hidden[0], &hidden[5], &hidden[6], &hidden[8]),
        (
            "http://portal.test/tin-tuc/3",
            "a@href",
            "true",
            "suspicious"
        )
    );
    let page = std::fs::read_to_string(&html).unwrap();
    let suspicious = page.find("id=\"hosts-suspicious\"").unwrap();
    let unlisted = page.find("id=\"hosts-unlisted\"").unwrap();
    assert!(suspicious < unlisted, "suspicious hosts come first");
    assert!(page.contains("default-src 'none'"));
    assert!(!page.contains("<script") && !page.contains("href=\"http"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_gateway_nothing_foreign_gets_through() {
    let dir = tempfile::tempdir().unwrap();
    let origin = origin().await;
    let gw_cfg = config(dir.path(), origin, "127.0.0.1:0");
    let mut cfg = lachan::config::load(&gw_cfg).unwrap();
    cfg.audit_mut().dir = dir.path().join("gw-audit");
    let gw = lachan::runtime::Running::start(cfg, lachan::runtime::Options::default())
        .await
        .unwrap();
    let listen = gw.http_addrs[0].to_string();
    let scan_dir = dir.path().join("via");
    std::fs::create_dir_all(&scan_dir).unwrap();
    let cfg = config(&scan_dir, origin, &listen);
    let json = scan_dir.join("via.json");
    let run = scan(&cfg, &["--via-gateway", "--json", json.to_str().unwrap()]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let r = report(&json);
    assert_eq!(r["via"], "gateway");
    assert_eq!(r["target"], listen);
    let left: Vec<&str> = r["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["host"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["chinhphu.gov.vn"], "only the allowed host remains");
    assert!(page(&r, "/tin-tuc/20").is_none() && page(&r, "/tin-tuc/18").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_nightly_script_keeps_the_baseline_and_exits_3_on_a_new_host() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), origin().await, "127.0.0.1:0");
    let state = dir.path().join("state");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/lachan-scan.sh");
    let night = || {
        tokio::process::Command::new("sh")
            .arg(script)
            .args(["portal", cfg.to_str().unwrap(), state.to_str().unwrap()])
            .env("LACHAN", env!("CARGO_BIN_EXE_lachan"))
            .env("LACHAN_SCAN_OPTS", "--rate 1000")
            .output()
    };
    let first = night().await.unwrap();
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let last = state.join("portal/last.json");
    assert!(state.join("portal/report.html").exists());
    // Make the baseline older: it did not know the cloaked host yet.
    let mut old = report(&last);
    old["hosts"]
        .as_array_mut()
        .unwrap()
        .retain(|h| h["host"] != "cloak.bet.test");
    std::fs::write(&last, serde_json::to_string(&old).unwrap()).unwrap();
    let second = night().await.unwrap();
    assert_eq!(second.status.code(), Some(3), "{second:?}");
    // The new scan is the next baseline: the same host does not count as new twice.
    assert!(host(&report(&last), "cloak.bet.test").is_some());
    assert!(
        host(
            &report(&state.join("portal/previous.json")),
            "cloak.bet.test"
        )
        .is_none()
    );
    let third = night().await.unwrap();
    assert_eq!(third.status.code(), Some(0), "{third:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_report_suggests_the_partner_from_report_mode_traffic() {
    let dir = tempfile::tempdir().unwrap();
    let origin = origin().await;
    let gw_cfg = config_with(dir.path(), origin, "127.0.0.1:0", "mode = \"report\"");
    let cfg = lachan::config::load(&gw_cfg).unwrap();
    let metrics = std::sync::Arc::new(lachan::admin::metrics::Metrics::new());
    let log = lachan::audit::open(cfg.audit(), metrics).unwrap();
    let opts = lachan::runtime::Options {
        audit: Some(log.clone()),
        ..lachan::runtime::Options::default()
    };
    let gw = lachan::runtime::Running::start(cfg, opts).await.unwrap();
    // Visitors' traffic through the report-mode gateway: here, a crawl of every page.
    let via = dir.path().join("via");
    std::fs::create_dir_all(&via).unwrap();
    let scan_cfg = config(&via, origin, &gw.http_addrs[0].to_string());
    let run = scan(&scan_cfg, &["--via-gateway"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(log.flush(std::time::Duration::from_secs(10)));
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_lachan"))
        .args(["audit", "report"])
        .arg(dir.path().join("audit"))
        .args(["--site", "portal", "--allow-suggest"])
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let allow: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("allow = ["))
        .take_while(|l| !l.starts_with(']'))
        .skip(1)
        .collect();
    assert_eq!(allow.len(), 1, "{text}");
    assert!(allow[0].starts_with("  \"partner.test\", # reported on 5 pages (link.foreign)"));
    assert!(
        text.contains("#   nhacai.bet.test: suspicious: hidden"),
        "{text}"
    );
    assert!(
        text.contains("#   js.bet.test: suspicious: redirect"),
        "{text}"
    );
    assert!(
        text.contains("#   once.example.org: reported on 1 page only"),
        "{text}"
    );
}
