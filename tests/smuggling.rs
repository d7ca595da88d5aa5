//! Request smuggling and malformed heads, one test per attack (in the way of sozu's
//! `h1_security_tests`): raw bytes over a TCP stream to a real gateway on 127.0.0.1:0,
//! in front of a recording upstream. Each refused case must get the fixed 400 and the
//! upstream must never see the request, whoever (hyper's parser or our guard) refuses it.

use crate::common;

use common::gateway::{Gateway, Setup};
use common::upstream::Upstream;

async fn gateway() -> Gateway {
    Setup::new()
        .site("portal.test", &Upstream::ok())
        .start()
        .await
}

trait Refuses {
    async fn assert_refused(&self, bytes: &[u8]);
}

impl Refuses for Gateway {
    /// Asserts the fixed 400 and that nothing reached the upstream.
    async fn assert_refused(&self, bytes: &[u8]) {
        let resp = self.raw(bytes).await;
        assert!(resp.starts_with("HTTP/1.1 400 "), "{resp}");
        assert!(!resp.contains("upstream ok"), "{resp}");
        assert_eq!(self.upstream.count(), 0, "upstream saw it");
    }
}

const HEAD: &str = "Host: portal.test\r\nConnection: close\r\n";

fn post(headers: &str, body: &str) -> Vec<u8> {
    format!("POST /form HTTP/1.1\r\n{HEAD}{headers}\r\n{body}").into_bytes()
}

#[tokio::test]
async fn content_length_with_transfer_encoding() {
    let gw = gateway().await;
    let smuggled = "GET /admin HTTP/1.1\r\nHost: portal.test\r\n\r\n";
    let body = format!("0\r\n\r\n{smuggled}");
    let req = post(
        &format!(
            "Content-Length: {}\r\nTransfer-Encoding: chunked\r\n",
            body.len()
        ),
        &body,
    );
    gw.assert_refused(&req).await;
    assert_eq!(gw.rules(), ["smuggling.cl_te"]);
}

#[tokio::test]
async fn transfer_encoding_then_content_length() {
    let gw = gateway().await;
    let req = post(
        "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
        "0\r\n\r\n",
    );
    gw.assert_refused(&req).await;
}

#[tokio::test]
async fn duplicate_content_length_conflicting() {
    let gw = gateway().await;
    let req = post("Content-Length: 3\r\nContent-Length: 30\r\n", "abc");
    gw.assert_refused(&req).await;
}

#[tokio::test]
async fn duplicate_content_length_equal() {
    let gw = gateway().await;
    let req = post("Content-Length: 3\r\nContent-Length: 3\r\n", "abc");
    gw.assert_refused(&req).await;
}

#[tokio::test]
async fn content_length_list() {
    let gw = gateway().await;
    gw.assert_refused(&post("Content-Length: 3, 3\r\n", "abc"))
        .await;
}

#[tokio::test]
async fn content_length_with_sign() {
    let gw = gateway().await;
    gw.assert_refused(&post("Content-Length: +3\r\n", "abc"))
        .await;
}

#[tokio::test]
async fn transfer_encoding_unknown() {
    let gw = gateway().await;
    gw.assert_refused(&post("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n"))
        .await;
}

#[tokio::test]
async fn transfer_encoding_not_only_chunked() {
    let gw = gateway().await;
    gw.assert_refused(&post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"))
        .await;
    assert_eq!(gw.rules(), ["smuggling.te_unknown"]);
}

#[tokio::test]
async fn transfer_encoding_twice() {
    let gw = gateway().await;
    let req = post(
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
        "0\r\n\r\n",
    );
    gw.assert_refused(&req).await;
}

#[tokio::test]
async fn transfer_encoding_in_http10() {
    let gw = gateway().await;
    let req =
        "POST /form HTTP/1.0\r\nHost: portal.test\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    gw.assert_refused(req.as_bytes()).await;
}

#[tokio::test]
async fn transfer_encoding_space_before_colon() {
    let gw = gateway().await;
    gw.assert_refused(&post("Transfer-Encoding : chunked\r\n", "0\r\n\r\n"))
        .await;
}

#[tokio::test]
async fn host_twice() {
    let gw = gateway().await;
    let req = "GET / HTTP/1.1\r\nHost: portal.test\r\nHost: evil.test\r\nConnection: close\r\n\r\n";
    gw.assert_refused(req.as_bytes()).await;
}

#[tokio::test]
async fn host_disagrees_with_absolute_uri() {
    let gw = gateway().await;
    let req = "GET http://evil.test/ HTTP/1.1\r\nHost: portal.test\r\nConnection: close\r\n\r\n";
    gw.assert_refused(req.as_bytes()).await;
}

#[tokio::test]
async fn obs_fold_header() {
    let gw = gateway().await;
    let req = format!("GET / HTTP/1.1\r\n{HEAD}X-Note: a\r\n b\r\n\r\n");
    gw.assert_refused(req.as_bytes()).await;
}

#[tokio::test]
async fn obs_fold_transfer_encoding() {
    let gw = gateway().await;
    gw.assert_refused(&post("Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n"))
        .await;
}

#[tokio::test]
async fn nul_in_header_value() {
    let gw = gateway().await;
    let req = format!("GET / HTTP/1.1\r\n{HEAD}X-Note: a\0b\r\n\r\n");
    gw.assert_refused(req.as_bytes()).await;
}

#[tokio::test]
async fn control_character_in_header_value() {
    let gw = gateway().await;
    for ctl in ['\x01', '\x0b', '\x1b', '\x7f'] {
        let req = format!("GET / HTTP/1.1\r\n{HEAD}X-Note: a{ctl}b\r\n\r\n");
        gw.assert_refused(req.as_bytes()).await;
    }
}

#[tokio::test]
async fn bare_cr_in_header_value() {
    let gw = gateway().await;
    let req = format!("GET / HTTP/1.1\r\n{HEAD}X-Note: a\rTransfer-Encoding: chunked\r\n\r\n");
    gw.assert_refused(req.as_bytes()).await;
}

#[tokio::test]
async fn benign_requests_pass_unchanged() {
    let gw = gateway().await;
    let resp = gw.raw(&post("Content-Length: 5\r\n", "a=b&c")).await;
    assert!(resp.starts_with("HTTP/1.1 200 "), "{resp}");
    let resp = gw
        .raw(&post(
            "Transfer-Encoding: chunked\r\n",
            "3\r\nabc\r\n0\r\n\r\n",
        ))
        .await;
    assert!(resp.starts_with("HTTP/1.1 200 "), "{resp}");
    let seen = gw.upstream.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body, b"a=b&c");
    assert_eq!(seen[0].line(), "POST /form");
    assert!(!seen[1].headers.contains_key("content-length"), "{seen:?}");
    assert_eq!(seen[1].body, b"abc");
    assert!(gw.rules().is_empty(), "{:?}", gw.rules());
}

#[tokio::test]
async fn smuggle_pipelined_behind_a_benign_request() {
    let gw = gateway().await;
    let first = "GET /ok HTTP/1.1\r\nHost: portal.test\r\n\r\n";
    let second = post(
        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
        "0\r\n\r\n",
    );
    let mut bytes = first.as_bytes().to_vec();
    bytes.extend_from_slice(&second);
    let resp = gw.raw(&bytes).await;
    assert!(resp.starts_with("HTTP/1.1 200 "), "{resp}");
    assert!(resp.contains("HTTP/1.1 400 "), "{resp}");
    let seen = gw.upstream.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].line(), "GET /ok");
}
