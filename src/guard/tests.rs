//! Guard unit tests on a fake clock: limits, bans and their escalation, reloads, modes.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::FakeRelativeClock;

use super::*;
use crate::audit::{Action, MemorySink};

const BASE: &str = r#"
[server]
listen = ["127.0.0.1:0"]

[guard]
allow = ["10.9.0.0/16"]
limit = { rate = "10/s", burst = 5 }
ban = { after = 3, window = "1m", duration = "10m", max = "30m" }

[[site]]
name = "portal"
hosts = ["portal.test"]
upstream = "http://127.0.0.1:9"
"#;

struct Fixture {
    guard: Guard<FakeRelativeClock>,
    clock: FakeRelativeClock,
    config: Config,
    sink: Arc<MemorySink>,
}

fn fixture(extra: &str) -> Fixture {
    let config = crate::config::parse(&format!("{BASE}{extra}"), Path::new("t.toml")).unwrap();
    let (audit, sink) = AuditLog::memory();
    let clock = FakeRelativeClock::default();
    let guard = Guard::with_clock(&config, audit, Arc::new(Metrics::new()), clock.clone());
    Fixture {
        guard,
        clock,
        config,
        sink,
    }
}

impl Fixture {
    fn get(&self, ip: &str, method: &str, uri: &str) -> Result<(), Refusal> {
        let req = http::Request::builder()
            .method(method)
            .uri(uri)
            .body(())
            .unwrap();
        let (parts, ()) = req.into_parts();
        let site = self.config.sites[0].clone();
        let info = RequestInfo {
            site: site.name.as_str().into(),
            client_ip: ip.parse().unwrap(),
            request_id: "t".into(),
            method: method.into(),
            url: uri.into(),
        };
        self.guard.check(&self.config, &site, &parts, &info)
    }

    fn rule(&self, ip: &str, uri: &str) -> Option<&'static str> {
        self.get(ip, "GET", uri).err().map(|r| r.rule)
    }

    fn actions(&self, rule: &str) -> Vec<Action> {
        let events = self.sink.events();
        events
            .iter()
            .filter(|e| e.rule == rule)
            .map(|e| e.action)
            .collect()
    }
}

#[test]
fn flood_gets_429_then_a_ban_while_others_are_served() {
    let f = fixture("");
    for _ in 0..5 {
        assert_eq!(f.rule("192.0.2.1", "/"), None);
    }
    let refusal = f.get("192.0.2.1", "GET", "/").unwrap_err();
    assert_eq!((refusal.status.as_u16(), refusal.rule), (429, "rate.limit"));
    assert_eq!(refusal.retry_after, Some(Duration::from_millis(100)));
    assert_eq!(f.rule("192.0.2.1", "/"), Some("rate.limit"));
    assert_eq!(f.rule("192.0.2.1", "/"), Some("rate.limit"));
    assert_eq!(f.actions("ban.start"), [Action::Banned]);
    let banned = f.get("192.0.2.1", "GET", "/").unwrap_err();
    assert_eq!((banned.status.as_u16(), banned.rule), (403, "ban.active"));
    assert_eq!(banned.retry_after, Some(Duration::from_secs(600)));
    assert_eq!(f.rule("192.0.2.2", "/"), None, "another client is served");
}

#[test]
fn bans_escalate_on_the_fake_clock_and_end() {
    let f = fixture("");
    let offend = |f: &Fixture| {
        for _ in 0..3 {
            f.rule("192.0.2.1", "/.env");
        }
    };
    offend(&f);
    assert_eq!(f.guard.bans()[0].remaining_secs, 600);
    f.clock.advance(Duration::from_secs(600));
    assert_eq!(f.rule("192.0.2.1", "/"), None, "first ban over");
    offend(&f);
    assert_eq!(f.guard.bans()[0].remaining_secs, 1200, "doubled");
    f.clock.advance(Duration::from_secs(1200));
    offend(&f);
    assert_eq!(f.guard.bans()[0].remaining_secs, 1800, "capped at max");
    assert!(f.guard.lift("192.0.2.1".parse().unwrap()));
    assert_eq!(f.rule("192.0.2.1", "/"), None);
}

#[test]
fn allow_listed_clients_are_never_limited_or_banned() {
    let f = fixture("");
    for _ in 0..50 {
        assert_ne!(f.rule("10.9.1.1", "/"), Some("rate.limit"));
        assert_eq!(f.rule("10.9.1.1", "/.git/HEAD"), Some("probe.git"));
    }
    assert!(f.guard.bans().is_empty());
}

#[test]
fn ipv6_clients_share_their_64() {
    let f = fixture("");
    for n in 0..5 {
        assert_eq!(f.rule(&format!("2001:db8:1:2::{n}"), "/"), None);
    }
    assert_eq!(f.rule("2001:db8:1:2:ffff::9", "/"), Some("rate.limit"));
    assert_eq!(f.rule("2001:db8:1:3::1", "/"), None);
}

#[test]
fn bans_and_limiter_state_survive_a_reload() {
    let mut f = fixture("");
    for _ in 0..3 {
        f.rule("192.0.2.1", "/phpinfo.php");
    }
    let text = format!("{BASE}\n[site.guard]\ndeny = [\"198.51.100.0/24\"]\n");
    f.config = crate::config::parse(&text, Path::new("t.toml")).unwrap();
    f.guard.reload(&f.config);
    assert_eq!(f.rule("192.0.2.1", "/"), Some("ban.active"));
    assert_eq!(f.rule("198.51.100.7", "/"), Some("acl.deny"));
}

#[test]
fn report_mode_only_reports() {
    let f = fixture("mode = \"report\"\n");
    assert_eq!(f.rule("192.0.2.1", "/.env"), None);
    assert_eq!(f.actions("probe.env"), [Action::Reported]);
    for _ in 0..20 {
        assert_eq!(f.rule("192.0.2.1", "/x?id=1+union+select+1"), None);
    }
    assert!(f.guard.bans().is_empty());
    assert_eq!(f.rule("192.0.2.1", "/"), None);
}

#[test]
fn protected_paths_need_an_allowed_address() {
    let f = fixture("[site.guard.protected]\nallow = [\"192.0.2.0/28\"]\nstatus = 404\n");
    let r = f.get("203.0.113.5", "GET", "/WP-Admin").unwrap_err();
    assert_eq!((r.status.as_u16(), r.rule), (404, "acl.protected"));
    assert_eq!(
        f.rule("203.0.113.5", "//wp-login.php"),
        Some("acl.protected")
    );
    assert_eq!(
        f.rule("203.0.113.5", "/%75ser/login"),
        Some("acl.protected")
    );
    assert_eq!(f.rule("192.0.2.3", "/wp-admin/"), None);
    assert_eq!(f.rule("203.0.113.6", "/wp-adminer"), None);
    assert_eq!(
        f.rule("203.0.113.5", "/"),
        Some("ban.active"),
        "three refusals"
    );
}

#[test]
fn switches_and_custom_rules_apply() {
    let f = fixture(concat!(
        "[site.guard.rules]\ndisable = [\"probe.env\"]\nlog = [\"xss\"]\n",
        "[[site.guard.custom]]\nid = \"xmlrpc\"\nmethod = \"post\"\npath = { equals = \"/xmlrpc.php\" }\n",
        "[[site.guard.custom]]\nid = \"curl\"\naction = \"log\"\nheader = { name = \"User-Agent\", contains = \"curl\" }\n",
    ));
    assert_eq!(f.rule("192.0.2.1", "/.env"), None);
    assert_eq!(f.rule("192.0.2.1", "/?q=%3Cscript%3E"), None);
    assert_eq!(f.actions("xss.query"), [Action::Logged]);
    assert_eq!(
        f.get("192.0.2.1", "POST", "/xmlrpc.php").unwrap_err().rule,
        "custom"
    );
    assert_eq!(f.actions("custom.xmlrpc"), [Action::Blocked]);
    assert_eq!(f.rule("192.0.2.1", "/xmlrpc.php"), None, "GET is fine");
}

#[test]
fn housekeeping_drops_stale_keys() {
    let f = fixture("");
    for n in 0..20 {
        f.rule(&format!("192.0.2.{n}"), "/");
    }
    f.guard.housekeeping();
    assert_eq!(f.guard.inner.metrics.limiter_keys.get(), 20);
    f.clock.advance(Duration::from_secs(5));
    f.guard.housekeeping();
    assert_eq!(f.guard.inner.metrics.limiter_keys.get(), 0);
}

#[test]
fn config_errors_are_located() {
    let text = format!(
        "{BASE}\n[site.guard]\nlimit = {{ rate = \"10/d\" }}\n[site.guard.rules]\ndisable = [\"nope\"]\n"
    );
    let errs = crate::config::parse(&text, Path::new("t.toml"))
        .unwrap_err()
        .0;
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].message.contains("invalid rate"), "{errs:?}");
    assert_eq!(lines[1], lines[0] + 2);
}

#[test]
fn custom_rule_errors_are_located() {
    let text = format!(
        "{BASE}\n[[site.guard.custom]]\nid = \"x\"\naction = \"drop\"\npath = {{ regex = \"(\" }}\n"
    );
    let errs = crate::config::parse(&text, Path::new("t.toml"))
        .unwrap_err()
        .0;
    let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("\"block\" or \"log\"")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("invalid regex")),
        "{messages:?}"
    );
    assert!(errs.iter().all(|e| e.line > 10), "{errs:?}");
}
