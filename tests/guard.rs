//! The request guard against a real gateway on 127.0.0.1:0: floods and bans, spoofed
//! client IPs, protected admin paths, every built-in probe family, executable uploads,
//! the admin `/bans` API, and benign requests that only look like attacks.
//!
//! Distinct clients are simulated with `X-Forwarded-For` from 127.0.0.1, which these
//! configs list in `trusted_proxies`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use lachan::audit::Action;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common;

use common::gateway::{Gateway, Setup};
use common::raw::{exchange as raw, status};
use common::upstream::Upstream;

/// A gateway for `portal.test` in front of a recording upstream, with `global` in its
/// `[guard]` and `site` in the site's table; `trusted`: loopback is a trusted proxy.
async fn gateway(trusted: bool, global: &str, site: &str) -> Gateway {
    let setup = Setup::new().guard(global);
    let setup = if trusted {
        setup.trusting_loopback()
    } else {
        setup
    };
    let setup = setup.site("portal.test", &Upstream::ok()).site_lines(site);
    setup.start().await
}

/// "METHOD target" and the body length of each request the upstream received.
fn seen(gw: &Gateway) -> Vec<(String, usize)> {
    let seen = gw.upstream.requests();
    seen.iter().map(|s| (s.line(), s.body.len())).collect()
}

const FLOOD: &str = "limit = { rate = \"1/m\", burst = 10 }\n\
                     ban = { after = 5, window = \"1m\", duration = \"1m\" }";

#[tokio::test]
async fn flood_is_limited_then_banned_while_a_normal_client_is_served() {
    let gw = gateway(true, FLOOD, "").await;
    let mut attacker = Vec::new();
    let mut normal = Vec::new();
    for i in 0..30 {
        attacker.push(gw.get_as("198.51.100.1", "/", "").await);
        if i % 3 == 0 {
            normal.push(status(&gw.get_as("198.51.100.2", "/", "").await));
        }
    }
    let codes: Vec<u16> = attacker.iter().map(|r| status(r)).collect();
    assert_eq!(codes[..10], [200; 10]);
    assert_eq!(codes[10..15], [429; 5]);
    assert!(attacker[10].to_ascii_lowercase().contains("retry-after: "));
    assert_eq!(codes[15..], [403; 15]);
    assert_eq!(normal, [200; 10], "the normal client is always served");
    let events = gw.events.events();
    let banned: Vec<_> = events
        .iter()
        .filter(|e| e.action == Action::Banned)
        .collect();
    assert_eq!(banned.len(), 1);
    assert_eq!(banned[0].request.client_ip.to_string(), "198.51.100.1");
    // Every refusal is one audit event (the audit writer counts them in /metrics).
    let refused = events
        .iter()
        .filter(|e| e.rule == "ban.active" && e.action == Action::Blocked);
    assert_eq!(refused.count(), 15);
}

#[tokio::test]
async fn bans_are_listed_lifted_and_survive_a_reload() {
    let gw = gateway(true, FLOOD, "").await;
    for _ in 0..15 {
        gw.get_as("198.51.100.1", "/", "").await;
    }
    let config = lachan::config::parse(&gw.text, Path::new("guard.toml")).unwrap();
    let live = lachan::proxy::Live::new(Arc::new(config)).unwrap();
    gw.running.gateway.install(live);
    assert_eq!(status(&gw.get_as("198.51.100.1", "/", "").await), 403);
    let list = gw.admin("GET", "/bans").await;
    assert!(list.contains("\"client\":\"198.51.100.1\""), "{list}");
    assert_eq!(status(&gw.admin("DELETE", "/bans/198.51.100.1").await), 200);
    assert_eq!(status(&gw.admin("DELETE", "/bans/198.51.100.1").await), 404);
    assert_eq!(status(&gw.admin("DELETE", "/bans/not-an-ip").await), 400);
    assert!(!gw.admin("GET", "/bans").await.contains("198.51.100.1"));
    let after = gw.get_as("198.51.100.1", "/", "").await;
    assert_eq!(
        status(&after),
        429,
        "unbanned, but the limiter still remembers"
    );
}

#[tokio::test]
async fn spoofed_forwarded_for_from_an_untrusted_peer_keeps_the_key() {
    let gw = gateway(false, FLOOD, "").await;
    let mut codes = Vec::new();
    for i in 0..12 {
        let resp = gw.get_as(&format!("203.0.113.{i}"), "/", "").await;
        codes.push(status(&resp));
    }
    assert_eq!(codes[..10], [200; 10]);
    assert_eq!(
        codes[10..],
        [429; 2],
        "a new X-Forwarded-For is not a new client"
    );
    let events = gw.events.events();
    assert!(events.iter().all(|e| e.request.client_ip.is_loopback()));
}

#[tokio::test]
async fn protected_paths_are_refused_outside_and_served_inside() {
    let site = "[site.guard.protected]\nallow = [\"10.0.0.0/8\"]";
    let gw = gateway(true, "", site).await;
    let paths = [
        "/wp-admin/",
        "/wp-login.php",
        "/administrator/index.php",
        "/user/login",
        "//WP-Admin/options.php",
        "/%77p-login.php",
    ];
    for path in paths {
        let resp = gw.get_as("203.0.113.9", path, "").await;
        assert_eq!(status(&resp), 403, "{path}");
    }
    assert!(seen(&gw).is_empty());
    for path in &paths[..4] {
        let resp = gw.get_as("10.1.2.3", path, "").await;
        assert_eq!(status(&resp), 200, "{path}");
    }
    assert_eq!(seen(&gw).len(), 4);
    assert_eq!(gw.blocked(), ["acl.protected"; 6]);
}

#[tokio::test]
async fn every_builtin_probe_family_is_refused() {
    let gw = gateway(true, "ban = { enabled = false }", "").await;
    let long_query = format!("/?q={}", "a".repeat(3000));
    let probes: &[(&str, &str, &str)] = &[
        ("/static/..%2f..%2fetc/passwd", "", "traversal.dotdot"),
        ("/a/../../etc/passwd", "", "traversal.dotdot"),
        (
            "/a/%252e%252e/%252e%252e/etc/passwd",
            "",
            "traversal.dotdot",
        ),
        ("/a\\..\\..\\windows\\win.ini", "", "traversal.dotdot"),
        ("/download?file=../../etc/passwd", "", "traversal.query"),
        ("/.env", "", "probe.env"),
        ("/.git/config", "", "probe.git"),
        ("/backup/site.sql", "", "probe.backup"),
        ("/wp-config.php~", "", "probe.backup"),
        ("/phpinfo.php", "", "probe.phpinfo"),
        ("/phpmyadmin/", "", "probe.phpmyadmin"),
        ("/wp-content/uploads/2024/05/shell.php", "", "upload.exec"),
        ("/uploads/x.phar", "", "upload.exec"),
        ("/tin-tuc?id=1%27%20or%201%3D1--", "", "sqli.query"),
        (
            "/tin-tuc?id=-1+UNION+SELECT+user,pass+FROM+users",
            "",
            "sqli.query",
        ),
        ("/tin-tuc?id=1/**/union/**/select/**/1,2", "", "sqli.query"),
        (
            "/tin-tuc?id=1%27+union+select+committee+members--",
            "",
            "sqli.query",
        ),
        (
            "/tim-kiem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "",
            "xss.query",
        ),
        ("/", "User-Agent: sqlmap/1.8\r\n", "scanner.ua"),
        (&long_query, "", "query.too_long"),
    ];
    for (i, (target, extra, rule)) in probes.iter().enumerate() {
        let resp = gw.get_as(&format!("198.51.100.{i}"), target, extra).await;
        assert_eq!(status(&resp), 403, "{target}");
        assert_eq!(
            gw.blocked().last().map(String::as_str),
            Some(*rule),
            "{target}"
        );
    }
    let trace = "TRACE / HTTP/1.1\r\nHost: portal.test\r\nConnection: close\r\n\r\n";
    assert_eq!(status(&raw(gw.addr(), trace.as_bytes()).await), 403);
    assert_eq!(gw.blocked().last().unwrap(), "method.not_allowed");
    assert!(seen(&gw).is_empty(), "{:?}", seen(&gw));
}

fn multipart(filename: &str, padding: usize) -> Vec<u8> {
    let mut body = String::from("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n");
    body.push_str(&"a".repeat(padding));
    body.push_str("\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; ");
    body.push_str(&format!(
        "filename=\"{filename}\"\r\nContent-Type: image/jpeg\r\n\r\n"
    ));
    body.push_str("\u{FF}\u{D8}JFIF fake image bytes\r\n--XyZ--\r\n");
    let head = format!(
        "POST /upload HTTP/1.1\r\nHost: portal.test\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    [head.into_bytes(), body.into_bytes()].concat()
}

#[tokio::test]
async fn executable_uploads_are_refused_as_they_stream() {
    let gw = gateway(true, "", "").await;
    let resp = raw(gw.addr(), &multipart("shell.php", 256 * 1024)).await;
    assert_eq!(status(&resp), 403, "{resp}");
    assert!(
        seen(&gw).is_empty(),
        "the upstream never got a complete upload"
    );
    assert_eq!(gw.blocked(), ["upload.multipart_exec"]);
}

#[tokio::test]
async fn benign_lookalikes_are_served() {
    let gw = gateway(true, "", "").await;
    for target in [
        "/tim-kiem?q=select+the+best+union+of+schools",
        "/tim-kiem?q=select+union+members+2024",
        "/tim-kiem?q=union+select+committee+members",
        "/tim-kiem?q=%22union+select%22+ban+chap+hanh",
        "/tim-kiem?q=trade+union+select+members+for+the+board",
        "/tim-kiem?q=credit+union,+select+a+branch",
        "/files/report..2024.pdf",
        "/uploads/2024/05/anh-le-hoi.jpg",
        "/tin-tuc/huong-dan-cai-dat-php-va-env",
    ] {
        let resp = gw.get_as("198.51.100.7", target, "").await;
        assert_eq!(status(&resp), 200, "{target}");
    }
    let upload = multipart("anh-dai-dien.jpg", 256 * 1024);
    assert_eq!(status(&raw(gw.addr(), &upload).await), 200);
    let seen = seen(&gw);
    assert_eq!(seen.len(), 10);
    assert!(seen[9].1 > 256 * 1024, "the whole image upload arrived");
    assert!(gw.events.events().is_empty(), "{:?}", gw.events.events());
}

/// Slowloris: a head that trickles in is served once it is complete, and one that never
/// completes holds no request, so a shutdown closes it at once rather than draining it
/// until the (here 60 s) header timeout.
#[tokio::test]
async fn trickled_heads_are_served_and_never_hold_up_a_shutdown() {
    let gw = Setup::new().server("shutdown_timeout = \"120s\"");
    let gw = gw.table("[limits]\nheader_read_timeout = \"60s\"");
    let gw = gw.site("portal.test", &Upstream::ok()).start().await;
    let addr = gw.addr();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /a HTTP/1.1\r\nHost: portal.test\r\nConnection: close\r\n")
        .await
        .unwrap();
    let mut never = TcpStream::connect(addr).await.unwrap();
    never
        .write_all(b"GET /b HTTP/1.1\r\nX-Slow: ")
        .await
        .unwrap();
    slow.write_all(b"X-Late: 1\r\n\r\n").await.unwrap();
    let mut answer = Vec::new();
    slow.read_to_end(&mut answer).await.unwrap();
    assert_eq!(status(&String::from_utf8_lossy(&answer)), 200);
    assert_eq!(gw.upstream.count(), 1);
    gw.running.shutdown();
    let stopped = tokio::time::timeout(Duration::from_secs(20), gw.running.wait()).await;
    assert!(stopped.is_ok(), "shutdown waited for the unfinished head");
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), never.read_to_end(&mut rest)).await;
    assert!(matches!(closed, Ok(Ok(0)) | Ok(Err(_))), "{closed:?}");
}
