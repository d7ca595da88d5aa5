//! TLS termination over real sockets on 127.0.0.1:0: SNI certificate choice, the SNI/Host
//! check, ALPN h2, refusal of TLS 1.1, hot reload of certificates, the HTTP→HTTPS
//! redirect with its ACME exception, verified HTTPS upstreams, and security headers.

use crate::common;

use std::io::{Read, Write};
use std::net::SocketAddr;

use common::body::{full, resp};
use common::gateway::{Gateway, Setup, outcome_where};
use common::tls::*;
use common::upstream::{Upstream, websocket_echo};
use lachan::runtime::reload::Outcome;
use lachan::tls::dev::DevCa;
use tempfile::TempDir;

/// A gateway with sites a.test and b.test (own certificates), c.test (HTTPS upstream with
/// the right private CA) and d.test (HTTPS upstream checked against the wrong CA).
struct Env {
    dir: TempDir,
    ca: DevCa,
    gw: Gateway,
}

const HTTPS_PORT: u16 = 8443;

/// An upstream that answers `upstream:PATH` with version-leaking headers.
fn leaky() -> Upstream {
    Upstream::handler(|req| async move {
        let headers = [
            ("server", "Apache/2.2.15 (CentOS)"),
            ("x-powered-by", "PHP/5.3.3"),
            ("x-aspnet-version", "4.0.30319"),
            ("content-type", "text/plain"),
        ];
        resp(
            200,
            &headers,
            full(format!("upstream:{}", req.uri().path())),
        )
    })
}

impl Env {
    async fn start(tls_extra: &str) -> Self {
        Self::start_with(tls_extra, leaky().start().await).await
    }

    /// Sites a and b in front of `plain_up`.
    async fn start_with(tls_extra: &str, plain_up: SocketAddr) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let ca = ca("test CA");
        std::fs::write(d.join("ca.pem"), &ca.cert_pem).unwrap();
        for host in ["a.test", "b.test"] {
            write(d, host, &ca.issue(&[host.to_string()]).unwrap());
        }
        write(d, "default", &ca.issue(&["127.0.0.1".into()]).unwrap());
        let up_ca = common::tls::ca("upstream CA");
        std::fs::write(d.join("upstream-ca.pem"), &up_ca.cert_pem).unwrap();
        let backend = up_ca.issue(&["backend.test".into()]).unwrap();
        let tls_up = leaky().start_tls(&backend).await;
        let gw = setup(plain_up, tls_up, tls_extra).start_from_file(d).await;
        Self { dir, ca, gw }
    }

    fn tls_addr(&self) -> SocketAddr {
        self.gw.https_addrs[0]
    }

    fn client(&self, alpn: &[&[u8]]) -> rustls::ClientConfig {
        client_config(&self.ca.cert_pem, alpn)
    }

    async fn get_tls(&self, sni: &str, host: &str, path: &str) -> Got {
        let tls = connect(self.tls_addr(), self.client(&[b"http/1.1"]), sni)
            .await
            .unwrap();
        send(&mut h1(tls).await, host, path).await
    }

    async fn get_plain(&self, host: &str, path: &str) -> Got {
        let tcp = tokio::net::TcpStream::connect(self.gw.addr())
            .await
            .unwrap();
        send(&mut h1(tcp).await, host, path).await
    }

    fn file_der(&self, name: &str) -> rustls::pki_types::CertificateDer<'static> {
        file_der(&self.dir.path().join(name))
    }
}

fn setup(plain_up: SocketAddr, tls_up: SocketAddr, tls_extra: &str) -> Setup {
    let own = |host: &str| format!("[site.tls]\ncert = \"{host}.pem\"\nkey = \"{host}.key\"");
    let backend =
        |ca: &str| format!("[site.tls]\nupstream_ca = \"{ca}\"\nupstream_sni = \"backend.test\"");
    Setup::new()
        .server("listen_tls = [\"127.0.0.1:0\"]")
        .table(&format!(
            "[tls]\ndefault_cert = \"default.pem\"\ndefault_key = \"default.key\"\n\
             {tls_extra}\nhttps_port = {HTTPS_PORT}"
        ))
        .site_at("a.test", plain_up)
        .site_lines(&format!("{}\nredirect_http = true", own("a.test")))
        .site_at("b.test", plain_up)
        .site_lines(&own("b.test"))
        .site_at("c.test", tls_up)
        .https()
        .site_lines(&backend("upstream-ca.pem"))
        .site_at("d.test", tls_up)
        .https()
        .site_lines(&backend("ca.pem"))
}

#[tokio::test]
async fn sni_picks_the_certificate_of_each_site() {
    let env = Env::start("").await;
    for host in ["a.test", "b.test"] {
        let tls = connect(env.tls_addr(), env.client(&[]), host)
            .await
            .unwrap();
        assert_eq!(
            peer_cert(&tls),
            env.file_der(&format!("{host}.pem")),
            "{host}"
        );
        let got = send(&mut h1(tls).await, host, "/x").await;
        assert_eq!((got.status, got.body.as_str()), (200, "upstream:/x"));
    }
    // No SNI (an IP address as the name): the default certificate.
    let tls = connect(env.tls_addr(), env.client(&[]), "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(peer_cert(&tls), env.file_der("default.pem"));
}

#[tokio::test]
async fn unknown_sni_is_refused_when_configured() {
    let env = Env::start("unknown_sni = \"refuse\"").await;
    assert!(
        connect(env.tls_addr(), env.client(&[]), "other.test")
            .await
            .is_err()
    );
    assert!(
        connect(env.tls_addr(), env.client(&[]), "127.0.0.1")
            .await
            .is_err()
    );
    // A known name still works on the same listener.
    assert!(
        connect(env.tls_addr(), env.client(&[]), "a.test")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn host_that_does_not_match_sni_gets_421() {
    let env = Env::start("").await;
    let got = env.get_tls("a.test", "b.test", "/").await;
    assert_eq!(got.status, 421);
    assert!(!got.body.contains("upstream"));
    assert_eq!(env.get_tls("a.test", "a.test", "/").await.status, 200);
}

#[tokio::test]
async fn h2_is_negotiated_through_alpn() {
    let env = Env::start("").await;
    let tls = connect(env.tls_addr(), env.client(&[b"h2", b"http/1.1"]), "a.test")
        .await
        .unwrap();
    assert_eq!(alpn(&tls), Some(&b"h2"[..]));
    let got = h2_get(tls, "a.test", "/h2").await;
    assert_eq!(got.version, http::Version::HTTP_2);
    assert_eq!((got.status, got.body.as_str()), (200, "upstream:/h2"));
    // A client that offers only http/1.1 gets it.
    let tls = connect(env.tls_addr(), env.client(&[b"http/1.1"]), "a.test")
        .await
        .unwrap();
    assert_eq!(alpn(&tls), Some(&b"http/1.1"[..]));
}

#[tokio::test]
async fn a_tls11_client_is_refused_with_an_alert() {
    let env = Env::start("").await;
    let addr = env.tls_addr();
    let reply = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(DEADLINE)).unwrap();
        s.write_all(&tls11_client_hello("a.test")).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        buf
    })
    .await
    .unwrap();
    assert!(reply.len() >= 7, "no alert: {reply:?}");
    assert_eq!(reply[0], 0x15, "expected an alert record, got {reply:?}");
    assert_eq!(
        reply[6], 70,
        "expected protocol_version (70), got {reply:?}"
    );
    // The same listener still serves a modern client.
    assert_eq!(env.get_tls("a.test", "a.test", "/").await.status, 200);
}

#[tokio::test]
async fn a_swapped_certificate_is_served_and_old_connections_survive() {
    let env = Env::start("").await;
    let mut outcomes = env.gw.reloader.as_ref().unwrap().subscribe();
    let old_tls = connect(env.tls_addr(), env.client(&[]), "a.test")
        .await
        .unwrap();
    let old_der = peer_cert(&old_tls);
    let mut old_conn = h1(old_tls).await;
    assert_eq!(send(&mut old_conn, "a.test", "/1").await.status, 200);

    let new = env.ca.issue(&["a.test".into()]).unwrap();
    replace(env.dir.path(), "a.test", &new.cert_pem, &new.key_pem);
    outcome_where(&mut outcomes, |o| matches!(o, Outcome::Applied { .. })).await;

    let tls = connect(env.tls_addr(), env.client(&[]), "a.test")
        .await
        .unwrap();
    assert_eq!(peer_cert(&tls), der(&new.cert_pem));
    assert_ne!(peer_cert(&tls), old_der);
    let got = send(&mut old_conn, "a.test", "/2").await;
    assert_eq!((got.status, got.body.as_str()), (200, "upstream:/2"));
}

#[tokio::test]
async fn a_broken_certificate_keeps_the_old_one() {
    let env = Env::start("").await;
    let reloader = env.gw.reloader.clone().unwrap();
    let mut outcomes = reloader.subscribe();
    let before = env.file_der("b.test.pem");
    // A key from another certificate: parses, but does not match.
    let other = env.ca.issue(&["b.test".into()]).unwrap();
    let cert = std::fs::read_to_string(env.dir.path().join("b.test.pem")).unwrap();
    replace(env.dir.path(), "b.test", &cert, &other.key_pem);
    let refused = outcome_where(&mut outcomes, |o| matches!(o, Outcome::Refused { .. })).await;
    let Outcome::Refused { errors, .. } = refused else {
        unreachable!()
    };
    assert!(
        errors.iter().any(|e| e.contains("does not match")),
        "{errors:?}"
    );
    // Garbage in the certificate file, then a SIGHUP-style reload: refused again.
    replace(
        env.dir.path(),
        "b.test",
        "not a certificate",
        &other.key_pem,
    );
    let out = reloader.reload();
    assert!(matches!(out, Outcome::Refused { .. }), "{out:?}");
    let tls = connect(env.tls_addr(), env.client(&[]), "b.test")
        .await
        .unwrap();
    assert_eq!(peer_cert(&tls), before);
    assert_eq!(send(&mut h1(tls).await, "b.test", "/").await.status, 200);
}

#[tokio::test]
async fn plain_http_is_redirected_except_the_acme_challenge() {
    let env = Env::start("").await;
    let got = env.get_plain("a.test", "/tin-tuc?id=7").await;
    assert_eq!(got.status, 308);
    assert_eq!(
        got.headers["location"],
        format!("https://a.test:{HTTPS_PORT}/tin-tuc?id=7")
    );
    let got = env
        .get_plain("a.test", "/.well-known/acme-challenge/tok3n")
        .await;
    assert_eq!(
        (got.status, got.body.as_str()),
        (200, "upstream:/.well-known/acme-challenge/tok3n")
    );
    // A site without redirect_http is served over plain HTTP.
    assert_eq!(env.get_plain("b.test", "/").await.status, 200);
    // Over TLS there is no redirect.
    assert_eq!(
        env.get_tls("a.test", "a.test", "/tin-tuc").await.status,
        200
    );
}

#[tokio::test]
async fn https_upstream_is_verified_against_the_configured_ca() {
    let env = Env::start("").await;
    let got = env.get_plain("c.test", "/secure").await;
    assert_eq!((got.status, got.body.as_str()), (200, "upstream:/secure"));
    let got = env.get_plain("d.test", "/secure").await;
    assert_eq!(got.status, 502);
    assert!(!got.body.contains("upstream:"));
}

#[tokio::test]
async fn security_headers_are_added_and_leaking_headers_removed() {
    let env = Env::start("").await;
    let got = env.get_tls("b.test", "b.test", "/").await;
    assert_eq!(got.status, 200);
    let h = &got.headers;
    assert!(
        h["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "SAMEORIGIN");
    assert!(h.contains_key("referrer-policy"));
    assert!(h.contains_key("permissions-policy"));
    for leaky in ["server", "x-powered-by", "x-aspnet-version"] {
        assert!(!h.contains_key(leaky), "{leaky} leaked");
    }
    assert_eq!(got.body, "upstream:/", "the body is untouched");
    let plain = env.get_plain("b.test", "/").await;
    assert!(!plain.headers.contains_key("strict-transport-security"));
    assert!(!plain.headers.contains_key("server"));
}

#[tokio::test]
async fn check_reports_bad_certificates_and_warns_on_uncovered_names() {
    use lachan::tls::check::{Severity, check};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca = common::tls::ca("check CA");
    let now = time::OffsetDateTime::now_utc();
    let day = time::Duration::days(1);
    write(
        d,
        "expired",
        &ca.issue_valid(&["e.test".into()], now - day * 30, now - day)
            .unwrap(),
    );
    write(
        d,
        "other-name",
        &ca.issue(&["elsewhere.test".into()]).unwrap(),
    );
    let good = ca.issue(&["m.test".into()]).unwrap();
    let stray = ca.issue(&["m.test".into()]).unwrap();
    std::fs::write(d.join("mismatch.pem"), &good.cert_pem).unwrap();
    std::fs::write(d.join("mismatch.key"), &stray.key_pem).unwrap();
    let site = |name: &str, file: &str| {
        format!(
            "[[site]]\nname = \"{name}\"\nhosts = [\"{name}.test\"]\nupstream = \"http://127.0.0.1:1\"\n\
             [site.tls]\ncert = \"{file}.pem\"\nkey = \"{file}.key\"\n"
        )
    };
    let text = format!(
        "[server]\nlisten_tls = [\"127.0.0.1:0\"]\n{}{}{}",
        site("e", "expired"),
        site("n", "other-name"),
        site("m", "mismatch")
    );
    let path = d.join("lachan.toml");
    std::fs::write(&path, text).unwrap();
    let config = lachan::config::load(&path).unwrap();
    let findings = check(&config);
    let has = |sev: Severity, needle: &str| {
        findings
            .iter()
            .any(|f| f.severity == sev && f.message.contains(needle))
    };
    assert!(has(Severity::Error, "expired"), "{findings:#?}");
    assert!(has(Severity::Error, "does not match"), "{findings:#?}");
    assert!(
        has(Severity::Warning, "does not cover host \"n.test\""),
        "{findings:#?}"
    );
    assert_eq!(findings.len(), 3, "{findings:#?}");
    // The same config cannot start: the gateway refuses bad certificates.
    assert!(lachan::proxy::Live::new(std::sync::Arc::new(config)).is_err());
}

#[tokio::test]
async fn stalled_handshakes_time_out_and_are_capped() {
    let env = Env::start("handshake_timeout = \"300ms\"\nmax_handshakes = 1").await;
    // A client that connects and never says hello is dropped at the deadline.
    let stalled = tokio::net::TcpStream::connect(env.tls_addr())
        .await
        .unwrap();
    assert!(
        closed_by_server(stalled).await,
        "stalled handshake not closed"
    );

    // While one handshake is in flight, another is shed. The stalled one takes its slot
    // asynchronously, so poll (bounded) until a second client is refused.
    let env = Env::start("handshake_timeout = \"30s\"\nmax_handshakes = 1").await;
    let stalled = tokio::net::TcpStream::connect(env.tls_addr())
        .await
        .unwrap();
    let refused = tokio::time::timeout(DEADLINE, async {
        while connect(env.tls_addr(), env.client(&[]), "a.test")
            .await
            .is_ok()
        {
            tokio::task::yield_now().await;
        }
    })
    .await;
    assert!(refused.is_ok(), "a second handshake was never refused");
    drop(stalled);
    let served = tokio::time::timeout(DEADLINE, async {
        while connect(env.tls_addr(), env.client(&[]), "a.test")
            .await
            .is_err()
        {
            tokio::task::yield_now().await;
        }
    })
    .await;
    assert!(served.is_ok(), "the slot was not released");
}

#[tokio::test]
async fn websocket_upgrade_works_over_tls() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let env = Env::start_with("", websocket_echo().await).await;
    let tls = connect(env.tls_addr(), env.client(&[b"http/1.1"]), "b.test")
        .await
        .unwrap();
    let (mut ws, resp) = tokio_tungstenite::client_async("wss://b.test/ws", tls)
        .await
        .unwrap();
    assert_eq!(resp.status(), 101);
    ws.send(Message::text("xin chào")).await.unwrap();
    let echoed = tokio::time::timeout(DEADLINE, ws.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(echoed, Message::text("xin chào"));
}
