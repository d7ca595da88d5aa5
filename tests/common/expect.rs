//! The checks the suites repeat, said once: a request refused with its audit event, a
//! file served byte for byte, a rule that never fired. Each failure names the path and
//! shows what came back.

use super::gateway::Gateway;

/// `path` is refused with 403 and one new `rule` event (`blocked`, saying why), and the
/// answer carries none of `leaks` (the attack page's words).
pub async fn refused(gw: &Gateway, path: &str, rule: &str, leaks: &[&str]) {
    let before = gw.events_of(rule).len();
    let (head, body) = gw.body(path, &[]).await;
    let text = String::from_utf8_lossy(&body);
    assert_eq!(head.status, 403, "{path}: {text}");
    let leaked: Vec<_> = leaks.iter().filter(|l| text.contains(*l)).collect();
    assert!(leaked.is_empty(), "{path}: {leaked:?} in {text}");
    let events = gw.events_of(rule);
    assert_eq!(events.len(), before + 1, "{path}: one {rule} event");
    let e = events.last().unwrap();
    assert_eq!(e.action.as_str(), "blocked", "{path}");
    assert!(e.detail.is_some(), "{path}: the event says why");
}

/// `path` (asked with `headers`) answers `status` with exactly `want` as its body.
pub async fn served(gw: &Gateway, path: &str, headers: &[(&str, &str)], status: u16, want: &[u8]) {
    let (head, body) = gw.body(path, headers).await;
    let shown = String::from_utf8_lossy(&body);
    assert_eq!(head.status, status, "{path}: {shown}");
    assert!(body == want, "{path} changed: {shown}");
}

/// `path` answers 200 with exactly `want`.
pub async fn unchanged(gw: &Gateway, path: &str, want: impl AsRef<[u8]>) {
    served(gw, path, &[], 200, want.as_ref()).await;
}

/// No `rule` event so far.
pub fn never(gw: &Gateway, rule: &str) {
    let events = gw.events_of(rule);
    assert!(events.is_empty(), "{rule} fired: {events:?}");
}

/// At least one `rule` event so far.
pub fn fired(gw: &Gateway, rule: &str) {
    let rules = gw.rules();
    assert!(rules.iter().any(|r| r == rule), "{rule} not in {rules:?}");
}
