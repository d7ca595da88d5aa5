//! The audit log: the chained writer, rotation, restart, coalescing under overload,
//! `verify` against every kind of tampering, and the report (text, JSON, HTML rendered in
//! headless Chromium).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lachan::audit::config::{AuditConfig, Fsync};
use lachan::audit::verify::{self, AnchorCheck};
use lachan::audit::{self, Action, Event, RequestInfo, files, html, report};
use lachan::metrics::Metrics;

const RULES: &[(&str, Action)] = &[
    ("link.foreign", Action::Unwrapped),
    ("rate.limit", Action::Blocked),
    ("script.redirect", Action::Removed),
];

fn event(i: usize) -> Event {
    let req = RequestInfo {
        site: if i.is_multiple_of(4) {
            "cong-an"
        } else {
            "thu-vien"
        }
        .into(),
        client_ip: format!("203.0.113.{}", i % 7).parse().unwrap(),
        request_id: format!("req-{i}").into(),
        method: "GET".into(),
        url: format!("/trang/{i}?q=\"x\"\n").into(),
    };
    let (rule, action) = RULES[i % RULES.len()];
    Event::new(&req, rule, action)
        .target(format!("https://bet{}.test/p{i}", i % 5))
        .detail("planted link")
}

fn config(dir: &Path) -> AuditConfig {
    AuditConfig {
        dir: dir.to_path_buf(),
        ..AuditConfig::default()
    }
}

/// Writes `events` through a fresh writer and waits until they are on disk.
fn write_log(cfg: &AuditConfig, events: impl IntoIterator<Item = Event>) -> Arc<Metrics> {
    let metrics = Arc::new(Metrics::new());
    let log = audit::open(cfg, metrics.clone()).unwrap();
    for e in events {
        log.emit(e);
    }
    assert!(log.flush(Duration::from_secs(30)), "flush timed out");
    metrics
}

/// A log of `n` events over several files (small rotation size).
fn rotated_log(n: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = AuditConfig {
        rotate_size: 4096,
        ..config(tmp.path())
    };
    write_log(&cfg, (0..n).map(event));
    let files = files::list(tmp.path()).unwrap();
    (tmp, files)
}

fn lines(p: &Path) -> Vec<Vec<u8>> {
    let data = std::fs::read(p).unwrap();
    let mut v: Vec<Vec<u8>> = data.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    assert!(v.pop().unwrap().is_empty());
    v
}

fn save(p: &Path, lines: &[Vec<u8>]) {
    let mut out = Vec::new();
    for l in lines {
        out.extend_from_slice(l);
        out.push(b'\n');
    }
    std::fs::write(p, out).unwrap();
}

/// Verifies `dir` and returns the failure's (file index, line) or `None` when clean.
fn first_bad(dir: &Path, files: &[PathBuf]) -> Option<(usize, u64, String)> {
    let out = verify::verify(dir, None).unwrap();
    out.failure.map(|f| {
        let idx = files
            .iter()
            .position(|p| files::name_of(p) == f.file)
            .unwrap();
        (idx, f.line, f.reason)
    })
}

#[test]
fn a_clean_rotated_log_verifies_and_counts_every_event() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = AuditConfig {
        rotate_size: 4096,
        ..config(tmp.path())
    };
    let metrics = write_log(&cfg, (0..200).map(event));
    let files = files::list(tmp.path()).unwrap();
    assert!(files.len() > 3, "rotation made {} files", files.len());
    let out = verify::verify(tmp.path(), None).unwrap();
    assert!(out.ok(), "{out}");
    assert_eq!(
        out.lines,
        200 + files.len() as u64,
        "events plus one header per file"
    );
    // Each header names the file before it.
    for pair in files.windows(2) {
        let header = String::from_utf8(lines(&pair[1])[0].clone()).unwrap();
        assert!(header.contains(&format!("\"prev_file\":\"{}\"", files::name_of(&pair[0]))));
    }
    let counted: u64 = metric_sum(&metrics, "lachan_events_total{");
    assert_eq!(counted, 200, "events in metrics = events in the log");
    let head = verify::head(tmp.path()).unwrap().unwrap();
    assert_eq!(Some(head), out.head);
}

fn metric_sum(metrics: &Metrics, prefix: &str) -> u64 {
    metrics
        .encode()
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(|l| l.rsplit(' ').next().unwrap().parse::<u64>().unwrap())
        .sum()
}

#[test]
fn retention_keeps_the_newest_files_and_the_rest_still_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = AuditConfig {
        rotate_size: 4096,
        retain_files: Some(2),
        ..config(tmp.path())
    };
    write_log(&cfg, (0..200).map(event));
    let files = files::list(tmp.path()).unwrap();
    assert_eq!(files.len(), 2);
    let out = verify::verify(tmp.path(), None).unwrap();
    assert!(out.ok(), "{out}");
    assert!(out.notes[0].contains("earlier files are absent"), "{out}");
    let head = out.head.unwrap();
    assert!(
        head.seq > out.lines,
        "older lines were removed by retention"
    );
}

#[test]
fn an_edited_line_is_named() {
    let (tmp, files) = rotated_log(120);
    let mut l = lines(&files[1]);
    let text = String::from_utf8(l[4].clone()).unwrap();
    l[4] = text.replacen("bet", "bot", 1).into_bytes();
    save(&files[1], &l);
    let (file, line, reason) = first_bad(tmp.path(), &files).unwrap();
    assert_eq!((file, line), (1, 5));
    assert!(reason.contains("edited"), "{reason}");
}

#[test]
fn a_removed_line_is_named() {
    let (tmp, files) = rotated_log(120);
    let mut l = lines(&files[1]);
    l.remove(4);
    save(&files[1], &l);
    let (file, line, reason) = first_bad(tmp.path(), &files).unwrap();
    assert_eq!((file, line), (1, 5));
    assert!(
        reason.contains("removed, inserted or reordered"),
        "{reason}"
    );
}

#[test]
fn an_inserted_line_is_named() {
    let (tmp, files) = rotated_log(120);
    let mut l = lines(&files[1]);
    let copy = l[2].clone();
    l.insert(5, copy);
    save(&files[1], &l);
    let (file, line, _) = first_bad(tmp.path(), &files).unwrap();
    assert_eq!((file, line), (1, 6));
}

#[test]
fn reordered_lines_are_named() {
    let (tmp, files) = rotated_log(120);
    let mut l = lines(&files[2]);
    l.swap(3, 4);
    save(&files[2], &l);
    let (file, line, _) = first_bad(tmp.path(), &files).unwrap();
    assert_eq!((file, line), (2, 4));
}

#[test]
fn a_truncated_or_removed_middle_file_is_named() {
    let (tmp, files) = rotated_log(120);
    let mut l = lines(&files[1]);
    l.truncate(l.len() - 2);
    save(&files[1], &l);
    let (file, line, reason) = first_bad(tmp.path(), &files).unwrap();
    assert_eq!((file, line), (2, 1), "{reason}");

    let (tmp, files) = rotated_log(120);
    std::fs::remove_file(&files[2]).unwrap();
    let (file, line, reason) = first_bad(tmp.path(), &files).unwrap();
    assert_eq!((file, line), (3, 1));
    assert!(reason.contains("file was removed"), "{reason}");
}

#[test]
fn a_cut_end_is_caught_by_the_anchor_and_a_torn_line_precisely() {
    let (tmp, files) = rotated_log(60);
    let anchor = verify::head(tmp.path()).unwrap().unwrap().hash;
    let last = files.last().unwrap();
    let mut l = lines(last);
    let n = l.len();
    l.truncate(n - 1);
    save(last, &l);
    let out = verify::verify(tmp.path(), Some(&anchor)).unwrap();
    assert!(out.failure.is_none());
    assert_eq!(out.anchor, Some(AnchorCheck::Missing));
    assert!(!out.ok());

    // A half-written line at the end: verify names it exactly.
    let mut data = std::fs::read(last).unwrap();
    data.extend_from_slice(b"{\"ts\":\"2026-");
    std::fs::write(last, &data).unwrap();
    let f = verify::verify(tmp.path(), None).unwrap().failure.unwrap();
    assert_eq!((f.file, f.line), (files::name_of(last), n as u64));
    assert!(f.reason.contains("torn"), "{}", f.reason);
}

#[test]
fn a_restart_continues_the_chain_and_seals_a_torn_line() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    write_log(&cfg, (0..10).map(event));
    let head = verify::head(tmp.path()).unwrap().unwrap();
    let first = files::list(tmp.path()).unwrap()[0].clone();
    let mut data = std::fs::read(&first).unwrap();
    data.extend_from_slice(b"{\"ts\":\"torn");
    std::fs::write(&first, &data).unwrap();

    write_log(&cfg, (10..20).map(event));
    let files = files::list(tmp.path()).unwrap();
    assert_eq!(files.len(), 2);
    let header = String::from_utf8(lines(&files[1])[0].clone()).unwrap();
    assert!(
        header.contains(&format!("\"prev\":\"{}\"", head.hash)),
        "{header}"
    );
    assert!(header.contains("\"torn\":{\"file\":"), "{header}");
    let out = verify::verify(tmp.path(), Some(&head.hash)).unwrap();
    assert!(out.ok(), "{out}");
    assert!(
        matches!(
            out.anchor,
            Some(AnchorCheck::Earlier {
                lines_after: 11,
                ..
            })
        ),
        "{out}"
    );
}

#[test]
fn overload_is_coalesced_into_counted_summaries() {
    let tmp = tempfile::tempdir().unwrap();
    // A tiny queue and an fsync per line: the writer cannot keep up with a tight loop.
    let cfg = AuditConfig {
        queue: 16,
        fsync: Fsync::Every,
        ..config(tmp.path())
    };
    let emitted = 20_000;
    let metrics = write_log(&cfg, (0..emitted).map(event));
    let r = report::build(tmp.path(), &report::Filter::default()).unwrap();
    assert!(r.coalesced > 0, "no overload happened");
    assert_eq!(
        r.events, emitted as u64,
        "every event is a line or counted in a summary"
    );
    let summaries = r.by_rule.get("audit.summary").copied().unwrap_or(0);
    assert_eq!(
        summaries, 0,
        "summaries count under the rule they stand for"
    );
    let lines: u64 = files::list(tmp.path())
        .unwrap()
        .iter()
        .map(|p| lines(p).len() as u64 - 1)
        .sum();
    assert_eq!(metric_sum(&metrics, "lachan_events_total{"), lines);
    assert!(verify::verify(tmp.path(), None).unwrap().ok());
}

fn report_log() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write_log(&config(tmp.path()), (0..30).map(event));
    tmp
}

#[test]
fn the_report_counts_by_site_rule_action_and_host() {
    let tmp = report_log();
    let r = report::build(tmp.path(), &report::Filter::default()).unwrap();
    assert_eq!(r.events, 30);
    assert_eq!(r.by_rule["rate.limit"], 10);
    assert_eq!(r.by_site["cong-an"], 8);
    assert_eq!(r.by_action["blocked"], 10);
    // rate.limit is not a foreign-host rule: 20 sightings over 5 hosts.
    assert_eq!(r.foreign_hosts.iter().map(|s| s.count).sum::<u64>(), 20);
    assert_eq!(r.foreign_hosts.len(), 5);
    assert!(r.foreign_hosts.iter().all(|s| s.first <= s.last));
    assert_eq!(r.top_blocked_clients.iter().map(|c| c.1).sum::<u64>(), 10);
    let only = report::Filter {
        site: Some("cong-an".into()),
        since: Some("2000-01-01".into()),
    };
    assert_eq!(report::build(tmp.path(), &only).unwrap().events, 8);
    let future = report::Filter {
        since: Some("2999-01-01".into()),
        ..report::Filter::default()
    };
    assert_eq!(report::build(tmp.path(), &future).unwrap().events, 0);
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(json["by_rule"]["link.foreign"], 10);
}

/// Renders the HTML report in headless Chromium and checks the figures in the DOM.
/// Chromium is required (CI installs the Debian `chromium` package).
#[test]
fn the_html_report_renders_in_headless_chromium() {
    let tmp = report_log();
    let mut r = report::build(tmp.path(), &report::Filter::default()).unwrap();
    r.foreign_hosts[0].host = "<script>alert(1)</script>.test".into();
    let page = tmp.path().join("report.html");
    std::fs::write(&page, html::render(&r)).unwrap();
    let dom = chromium(&["--dump-dom"], &page);
    assert!(dom.contains("<svg id=\"chart-days\""), "no day chart");
    assert!(dom.contains("<b id=\"events\">30</b>"));
    assert!(dom.contains("data-site=\"cong-an\" data-count=\"8\""));
    assert!(dom.contains("data-label=\"rate.limit\" data-count=\"10\""));
    assert!(dom.contains("id=\"chart-hosts\""));
    assert!(
        !dom.contains("<script>alert(1)"),
        "log content must be escaped"
    );
    let shot = tmp.path().join("shot.png");
    let arg = format!("--screenshot={}", shot.display());
    chromium(&[&arg, "--window-size=1000,1400"], &page);
    let png = std::fs::read(&shot).expect("chromium wrote no screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "blank screenshot"
    );
}

fn chromium(args: &[&str], page: &Path) -> String {
    let bin = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok()
        })
        .expect("headless Chromium is required: apt-get install -y chromium");
    let out = std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
        ])
        .args(["--disable-background-networking", "--no-first-run"])
        .args(["--disable-component-update", "--disable-sync"])
        .arg(format!(
            "--user-data-dir={}",
            page.with_extension("profile").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
