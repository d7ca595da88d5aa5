//! Helpers for `tests/tls.rs`: certificates in a tempdir, a small upstream (plain or TLS),
//! a gateway started from a config file, and HTTP/1.1 and HTTP/2 clients over TLS.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::audit::AuditLog;
use lachan::runtime::reload::Outcome;
use lachan::runtime::{Options, Running};
use lachan::tls::certs::provider;
use lachan::tls::dev::{DevCa, Issued};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::client::TlsStream;

pub const DEADLINE: Duration = Duration::from_secs(20);

pub fn write(dir: &Path, name: &str, issued: &Issued) {
    std::fs::write(dir.join(format!("{name}.pem")), &issued.cert_pem).unwrap();
    std::fs::write(dir.join(format!("{name}.key")), &issued.key_pem).unwrap();
}

/// Writes a pair atomically, the way certbot and Kubernetes do (write aside, rename in).
pub fn replace(dir: &Path, name: &str, cert_pem: &str, key_pem: &str) {
    for (ext, text) in [("key", key_pem), ("pem", cert_pem)] {
        let tmp = dir.join(format!(".{name}.{ext}.tmp"));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, dir.join(format!("{name}.{ext}"))).unwrap();
    }
}

pub fn der(pem: &str) -> CertificateDer<'static> {
    CertificateDer::from_pem_slice(pem.as_bytes()).unwrap()
}

/// An upstream that answers `upstream:PATH` with version-leaking headers.
pub async fn upstream(tls: Option<Issued>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let acceptor = tls.map(|i| {
        let cfg = rustls::ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![der(&i.cert_pem)],
                PrivateKeyDer::from_pem_slice(i.key_pem.as_bytes()).unwrap(),
            )
            .unwrap();
        tokio_rustls::TlsAcceptor::from(Arc::new(cfg))
    });
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                match acceptor {
                    Some(a) => {
                        if let Ok(s) = a.accept(stream).await {
                            serve_upstream(s).await;
                        }
                    }
                    None => serve_upstream(stream).await,
                }
            });
        }
    });
    addr
}

async fn serve_upstream<I>(io: I)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let svc = hyper::service::service_fn(|req: Request<hyper::body::Incoming>| async move {
        let body = format!("upstream:{}", req.uri().path());
        let resp = Response::builder()
            .header("server", "Apache/2.2.15 (CentOS)")
            .header("x-powered-by", "PHP/5.3.3")
            .header("x-aspnet-version", "4.0.30319")
            .header("content-type", "text/plain")
            .body(Full::new(Bytes::from(body)))
            .unwrap();
        Ok::<_, Infallible>(resp)
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(io), svc)
        .await;
}

/// Writes `text` as `DIR/lachan.toml` and starts a gateway that reloads from it.
pub async fn gateway(dir: &Path, text: &str) -> Running {
    let path = dir.join("lachan.toml");
    std::fs::write(&path, text).unwrap();
    let config = lachan::config::load(&path).unwrap();
    let opts = Options {
        reload_from: Some(path),
        audit: Some(AuditLog::memory().0),
    };
    Running::start(config, opts).await.unwrap()
}

/// Waits (with a deadline) for a reload outcome that `want` accepts.
pub async fn reload_outcome(
    rx: &mut tokio::sync::watch::Receiver<Outcome>,
    want: impl Fn(&Outcome) -> bool,
) -> Outcome {
    tokio::time::timeout(DEADLINE, async {
        loop {
            rx.changed().await.unwrap();
            let o = rx.borrow_and_update().clone();
            if want(&o) {
                return o;
            }
        }
    })
    .await
    .expect("no reload outcome before the deadline")
}

pub fn client_config(ca_pem: &str, alpn: &[&[u8]]) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(der(ca_pem)).unwrap();
    let mut cfg = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    cfg.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    cfg
}

/// A TLS connection to `addr` with SNI `sni` (an IP address sends no SNI).
pub async fn connect(
    addr: SocketAddr,
    cfg: rustls::ClientConfig,
    sni: &str,
) -> std::io::Result<TlsStream<TcpStream>> {
    let tcp = TcpStream::connect(addr).await?;
    let name = ServerName::try_from(sni.to_string()).unwrap();
    tokio_rustls::TlsConnector::from(Arc::new(cfg))
        .connect(name, tcp)
        .await
}

pub fn peer_cert(tls: &TlsStream<TcpStream>) -> CertificateDer<'static> {
    tls.get_ref().1.peer_certificates().unwrap()[0].clone()
}

/// A response, its body read whole (test pages are tiny).
#[derive(Debug)]
pub struct Got {
    pub status: u16,
    pub version: http::Version,
    pub headers: http::HeaderMap,
    pub body: String,
}

async fn collect(resp: Response<hyper::body::Incoming>) -> Got {
    let (parts, body) = resp.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    Got {
        status: parts.status.as_u16(),
        version: parts.version,
        headers: parts.headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// An HTTP/1.1 sender on any stream; keep it to send more requests on the same connection.
pub async fn h1<I>(io: I) -> hyper::client::conn::http1::SendRequest<Empty<Bytes>>
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .unwrap();
    tokio::spawn(conn);
    sender
}

pub async fn send(
    sender: &mut hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
    host: &str,
    path: &str,
) -> Got {
    let req = Request::get(path)
        .header("host", host)
        .body(Empty::new())
        .unwrap();
    collect(sender.send_request(req).await.unwrap()).await
}

/// One HTTP/2 request over an established TLS connection.
pub async fn h2_get(io: TlsStream<TcpStream>, host: &str, path: &str) -> Got {
    let (mut sender, conn) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(io))
            .await
            .unwrap();
    tokio::spawn(conn);
    let uri = format!("https://{host}{path}");
    let req = Request::get(uri).body(Empty::<Bytes>::new()).unwrap();
    collect(sender.send_request(req).await.unwrap()).await
}

/// A fresh dev CA.
pub fn ca(name: &str) -> DevCa {
    DevCa::new(name).unwrap()
}

fn extension(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut e = kind.to_be_bytes().to_vec();
    e.extend_from_slice(&(data.len() as u16).to_be_bytes());
    e.extend_from_slice(data);
    e
}

/// A ClientHello that offers TLS 1.1 only (legacy_version 0x0302, no supported_versions),
/// but otherwise suites, groups and signature schemes the server accepts at TLS 1.2: the
/// only reason left to refuse it is the version.
pub fn tls11_client_hello(sni: &str) -> Vec<u8> {
    let name = sni.as_bytes();
    let mut sni_list = ((name.len() + 3) as u16).to_be_bytes().to_vec();
    sni_list.push(0);
    sni_list.extend_from_slice(&(name.len() as u16).to_be_bytes());
    sni_list.extend_from_slice(name);
    let mut ext = extension(0x0000, &sni_list);
    ext.extend(extension(0x000a, &[0x00, 0x04, 0x00, 0x1d, 0x00, 0x17])); // x25519, P-256
    ext.extend(extension(0x000b, &[0x01, 0x00])); // uncompressed points
    ext.extend(extension(0x000d, &[0x00, 0x04, 0x04, 0x03, 0x08, 0x04])); // ecdsa-p256, rsa-pss
    let mut body = vec![0x03, 0x02];
    body.extend_from_slice(&[0x42; 32]);
    body.push(0); // session id
    // ECDHE-ECDSA-AES128-GCM, ECDHE-RSA-AES128-GCM, ECDHE-ECDSA-AES128-SHA, AES128-SHA
    body.extend_from_slice(&[0x00, 0x08, 0xc0, 0x2b, 0xc0, 0x2f, 0xc0, 0x09, 0x00, 0x2f]);
    body.extend_from_slice(&[0x01, 0x00]); // null compression
    body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    body.extend_from_slice(&ext);
    let mut hs = vec![0x01];
    hs.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    hs.extend_from_slice(&body);
    let mut rec = vec![0x16, 0x03, 0x01];
    rec.extend_from_slice(&(hs.len() as u16).to_be_bytes());
    rec.extend_from_slice(&hs);
    rec
}

/// Reads until the server closes the connection; true if it did before the deadline.
pub async fn closed_by_server(mut tcp: tokio::net::TcpStream) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buf = Vec::new();
    tokio::time::timeout(DEADLINE, tcp.read_to_end(&mut buf))
        .await
        .is_ok()
}

/// A WebSocket upstream that echoes every message back.
pub async fn ws_echo_upstream() -> SocketAddr {
    use futures_util::{SinkExt, StreamExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
                    return;
                };
                while let Some(Ok(msg)) = ws.next().await {
                    if msg.is_text() && ws.send(msg).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    addr
}
