//! One chained audit line → one RFC 5424 syslog message whose MSG is a JSON object with
//! Elastic Common Schema (ECS) field names, and the RFC 6587 / RFC 5425 octet-counting
//! frame (`LEN SP MSG`) it travels in over TCP and TLS.
//!
//! The chain's `hash` and `prev` travel with every event, so the SIEM can match each event
//! to its line on disk (and drop the duplicates that at-least-once delivery allows).

use serde_json::{Value, json};

/// RFC 5424 facility 13, "log audit".
const FACILITY: u8 = 13;

/// Builds the syslog message for `line` (a stored line without its `\n`); `None` for file
/// headers and anything that is not an event.
pub fn message(line: &[u8], host: &str, pid: u32) -> Option<Vec<u8>> {
    let v: Value = serde_json::from_slice(line).ok()?;
    if v.get("type").is_some() {
        return None;
    }
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
    let (rule, action, ts) = (s("rule"), s("action"), s("ts"));
    let body = ecs(&v, host);
    let pri = FACILITY * 8 + severity(action);
    let head = format!(
        "<{pri}>1 {} {} lachan {pid} {} - ",
        token(ts, 64),
        token(host, 255),
        token(rule, 32)
    );
    let mut out = head.into_bytes();
    out.extend_from_slice(body.to_string().as_bytes());
    Some(out)
}

/// The event with ECS names, plus lachan's own fields under `lachan`.
fn ecs(v: &Value, host: &str) -> Value {
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    let target = s("target");
    let domain = target.map(|t| {
        url::Url::parse(t)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| t.to_string())
    });
    json!({
        "@timestamp": s("ts"),
        "event": {
            "action": s("action"),
            "category": ["intrusion_detection", "web"],
            "kind": "event",
            "dataset": "lachan.audit",
            "sequence": v.get("seq"),
        },
        "rule": { "id": s("rule") },
        "source": { "ip": s("client_ip") },
        "url": { "original": s("url"), "domain": domain },
        "http": { "request": { "method": s("method"), "id": s("request_id") } },
        "host": { "name": host },
        "observer": { "name": host, "product": "lachan", "type": "proxy" },
        "site": s("site"),
        "hash": s("hash"),
        "prev": s("prev"),
        "lachan": {
            "target": target,
            "detail": s("detail"),
            "count": v.get("count"),
        },
    })
}

/// Refusals and bans are warnings, changes to a page notices, the rest informational.
fn severity(action: &str) -> u8 {
    match action {
        "blocked" | "banned" => 4,
        "removed" | "unwrapped" | "replaced" => 5,
        _ => 6,
    }
}

/// A header field: printable US-ASCII without spaces, at most `max` bytes, `-` if empty.
fn token(s: &str, max: usize) -> String {
    let t: String = s
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(max)
        .collect();
    if t.is_empty() { "-".into() } else { t }
}

/// `LEN SP MSG` (RFC 6587 section 3.4.1, RFC 5425 section 4.3).
pub fn octet_frame(msg: &[u8]) -> Vec<u8> {
    let mut out = format!("{} ", msg.len()).into_bytes();
    out.extend_from_slice(msg);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"ts":"2026-01-01T00:00:00.000Z","seq":7,"site":"portal","client_ip":"203.0.113.9","request_id":"r-1","method":"GET","url":"/x?a=1","rule":"link.foreign","action":"removed","target":"https://bet.test/a","prev":"00","hash":"ab"}"#;

    #[test]
    fn an_event_becomes_rfc5424_with_ecs_json() {
        let msg = message(LINE.as_bytes(), "gw a", 42).unwrap();
        let text = String::from_utf8(msg.clone()).unwrap();
        assert!(
            text.starts_with("<109>1 2026-01-01T00:00:00.000Z gwa lachan 42 link.foreign - {"),
            "{text}"
        );
        let json: Value = serde_json::from_str(&text[text.find('{').unwrap()..]).unwrap();
        assert_eq!(json["rule"]["id"], "link.foreign");
        assert_eq!(json["url"]["domain"], "bet.test");
        assert_eq!(json["source"]["ip"], "203.0.113.9");
        assert_eq!(
            (json["hash"].as_str(), json["prev"].as_str()),
            (Some("ab"), Some("00"))
        );
        let frame = octet_frame(&msg);
        assert!(frame.starts_with(format!("{} <109>", msg.len()).as_bytes()));
        let header = r#"{"ts":"t","seq":1,"type":"header","prev":"00","hash":"ab"}"#;
        assert!(message(header.as_bytes(), "h", 1).is_none());
    }
}
