//! `lachan scan` and planted site-ownership verification (the scan side of
//! `meta.verification`): every `*-verification`, `msvalidate.01` and `p:domain_verify` meta
//! on the crawled site is reported with its token and pages, tokens not in
//! `[site.sanitize] verification` are flagged (`listed: false`), in the JSON, the CSV, the
//! HTML page, the stdout summary and the `--propose-allow` snippet. The test origin
//! (tests/scan_support) carries the site's own Google token on `/` and three planted
//! tokens on `/tin-tuc/4` and `/tin-tuc/6`.

use crate::scan_support;

use scan_support::{config, config_with, origin, page, report, scan};

fn token<'a>(r: &'a serde_json::Value, t: &str) -> &'a serde_json::Value {
    r["verification"]
        .as_array()
        .expect("a verification list")
        .iter()
        .find(|v| v["token"] == t)
        .unwrap_or_else(|| panic!("token {t} not reported: {}", r["verification"]))
}

const OWN: &str = "[site.sanitize]\nverification = [\"OWN-gsv-token\"]\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_verification_token_is_reported_and_unlisted_ones_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_with(dir.path(), origin().await, "127.0.0.1:0", OWN);
    let json = dir.path().join("scan.json");
    let run = scan(&cfg, &["--json", json.to_str().unwrap()]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let r = report(&json);
    let own = token(&r, "OWN-gsv-token");
    assert_eq!(own["name"], "google-site-verification");
    assert_eq!(own["listed"], true);
    assert_eq!(own["pages"], serde_json::json!(["http://portal.test/"]));
    for (t, name) in [
        ("PLANTED-gsv", "google-site-verification"),
        ("PLANTED-BING", "msvalidate.01"),
        ("PLANTED-pin", "p:domain_verify"),
    ] {
        let v = token(&r, t);
        assert_eq!(
            (v["name"].as_str(), v["listed"].as_bool()),
            (Some(name), Some(false))
        );
        assert_eq!(
            v["pages"],
            serde_json::json!([
                "http://portal.test/tin-tuc/4",
                "http://portal.test/tin-tuc/6"
            ]),
            "{t}"
        );
    }
    assert_eq!(r["verification"].as_array().unwrap().len(), 4);
    let p4 = page(&r, "/tin-tuc/4").unwrap();
    assert_eq!(p4["verification"].as_array().unwrap().len(), 3, "{p4}");
    assert!(
        page(&r, "/tin-tuc/5")
            .unwrap()
            .get("verification")
            .is_none()
    );
    // The summary names the planted tokens.
    assert!(
        run.stdout.contains("3 not in [site.sanitize] verification"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("unlisted msvalidate.01 PLANTED-BING"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_list_every_token_is_flagged_and_proposed_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), origin().await, "127.0.0.1:0");
    let json = dir.path().join("scan.json");
    let run = scan(&cfg, &["--json", json.to_str().unwrap(), "--propose-allow"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let r = report(&json);
    assert_eq!(token(&r, "OWN-gsv-token")["listed"], false);
    let out = &run.stdout;
    let at = out
        .find("# verification = [")
        .expect("a verification snippet");
    let snippet = &out[at..];
    for t in [
        "OWN-gsv-token",
        "PLANTED-gsv",
        "PLANTED-BING",
        "PLANTED-pin",
    ] {
        assert!(snippet.contains(&format!("\"{t}\"")), "{t}: {snippet}");
    }
    assert!(
        snippet.contains("\"PLANTED-BING\", # msvalidate.01 on 2 page(s); NOT in"),
        "{snippet}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_and_html_carry_the_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_with(dir.path(), origin().await, "127.0.0.1:0", OWN);
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
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (tok, listed, rule) = (
        col("verification_token"),
        col("verification_listed"),
        col("rule"),
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let planted: Vec<_> = rows.iter().filter(|r| &r[tok] == "PLANTED-BING").collect();
    assert_eq!(planted.len(), 2, "one row per page");
    assert!(
        planted
            .iter()
            .all(|r| &r[listed] == "false" && &r[rule] == "meta.verification")
    );
    let own = rows.iter().find(|r| &r[tok] == "OWN-gsv-token").unwrap();
    assert_eq!((&own[0], &own[listed]), ("http://portal.test/", "true"));
    let page = std::fs::read_to_string(&html).unwrap();
    let table = page
        .find("id=\"verification\"")
        .expect("a verification table");
    let planted_at = page[table..].find("PLANTED-BING").unwrap();
    let own_at = page[table..].find("OWN-gsv-token").unwrap();
    assert!(planted_at < own_at, "flagged tokens come first");
}
