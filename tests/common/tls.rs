//! TLS for the suites: certificates from a dev CA written where the config expects them,
//! a client config that trusts that CA (with ALPN), connections with a chosen SNI, HTTP/1.1
//! and HTTP/2 over them, and hand-made ClientHellos for the handshakes rustls will not send.
//! The upstream side is [`super::upstream::Upstream::start_tls`].

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::tls::certs::provider;
use lachan::tls::dev::{DevCa, Issued};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// Handshakes and reloads on a busy shared machine.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A fresh dev CA.
pub fn ca(name: &str) -> DevCa {
    DevCa::new(name).unwrap()
}

/// Writes `DIR/NAME.pem` and `DIR/NAME.key`.
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

/// The certificate in the PEM file `path`.
pub fn file_der(path: &Path) -> CertificateDer<'static> {
    der(&std::fs::read_to_string(path).unwrap())
}

/// A server config presenting `issued`, for TLS upstreams.
pub fn server_config(issued: &Issued) -> rustls::ServerConfig {
    let key = PrivateKeyDer::from_pem_slice(issued.key_pem.as_bytes()).unwrap();
    rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![der(&issued.cert_pem)], key)
        .unwrap()
}

/// A client config that trusts only `ca_pem` and offers `alpn`.
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
    let connector = tokio_rustls::TlsConnector::from(Arc::new(cfg));
    connector.connect(name, tcp).await
}

/// The certificate the server presented.
pub fn peer_cert(tls: &TlsStream<TcpStream>) -> CertificateDer<'static> {
    tls.get_ref().1.peer_certificates().unwrap()[0].clone()
}

/// The protocol ALPN settled on.
pub fn alpn(tls: &TlsStream<TcpStream>) -> Option<&[u8]> {
    tls.get_ref().1.alpn_protocol()
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

pub type H1 = hyper::client::conn::http1::SendRequest<Empty<Bytes>>;

/// An HTTP/1.1 sender on any stream; keep it to send more requests on the same connection.
pub async fn h1<I>(io: I) -> H1
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .unwrap();
    tokio::spawn(conn);
    sender
}

/// A GET of `path` with `Host: host` on an HTTP/1.1 connection.
pub async fn send(sender: &mut H1, host: &str, path: &str) -> Got {
    let req = Request::get(path).header("host", host).body(Empty::new());
    collect(sender.send_request(req.unwrap()).await.unwrap()).await
}

/// One HTTP/2 request over an established TLS connection.
pub async fn h2_get(io: TlsStream<TcpStream>, host: &str, path: &str) -> Got {
    let (mut sender, conn) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(io))
            .await
            .unwrap();
    tokio::spawn(conn);
    let req = Request::get(format!("https://{host}{path}")).body(Empty::<Bytes>::new());
    collect(sender.send_request(req.unwrap()).await.unwrap()).await
}

/// Reads until the server closes the connection; true if it did before the deadline.
pub async fn closed_by_server(mut tcp: TcpStream) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buf = Vec::new();
    tokio::time::timeout(DEADLINE, tcp.read_to_end(&mut buf))
        .await
        .is_ok()
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
