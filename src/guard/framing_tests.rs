//! Tests for [`super`]: pairing heads with requests across any split of the stream.

use super::*;

fn verdicts(stream: &str, chunk: usize) -> Vec<Option<&'static str>> {
    let heads = Heads::default();
    let mut f = Follower::new(heads.clone());
    stream.as_bytes().chunks(chunk).for_each(|c| f.feed(c));
    let q = heads.0.lock().unwrap();
    q.iter().map(|v| v.0).collect()
}

const PIPELINE: &str = concat!(
    "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
    "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
    "5;ext=1\r\nGET /\r\n0\r\nX-T: 1\r\n\r\n",
    "\r\nPOST /c HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
    "POST /d HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
);

#[test]
fn heads_are_paired_with_requests_across_any_split() {
    for chunk in [1, 2, 3, 5, 17, 1000] {
        assert_eq!(
            verdicts(PIPELINE, chunk),
            [
                None,
                None,
                Some("smuggling.cl_duplicate"),
                Some("smuggling.cl_te")
            ],
            "chunk {chunk}"
        );
    }
}

#[test]
fn blank_lines_before_a_head_are_skipped_across_any_split() {
    let stream = "\r\n\n\r\nGET / HTTP/1.1\nContent-Length: 1\nContent-Length: 1\n\nx\r\n";
    for chunk in [1, 2, 3, 4, 100] {
        assert_eq!(
            verdicts(stream, chunk),
            [Some("smuggling.cl_duplicate")],
            "chunk {chunk}"
        );
    }
}

#[test]
fn an_oversized_head_switches_the_sniffer_off() {
    let dup = "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx";
    let big = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n{dup}", "a".repeat(MAX_HEAD));
    let within = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n{dup}", "a".repeat(1000));
    for chunk in [4096, MAX_HEAD * 2] {
        assert!(verdicts(&big, chunk).is_empty(), "chunk {chunk}");
        assert_eq!(verdicts(&within, chunk).len(), 2, "chunk {chunk}");
    }
}

#[test]
fn http2_and_upgrades_switch_the_sniffer_off() {
    assert!(verdicts("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 4).is_empty());
    let ws = "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\nGET / HTTP/1.1\r\n\r\n";
    assert_eq!(verdicts(ws, 7), [None]);
}
