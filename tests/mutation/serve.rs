//! The compromised upstream that serves the variants (each under its own path, with its
//! status, headers, charset, coding and chunking), and the gateway in front of it.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, Request, Response, StatusCode, header};
use http_body_util::StreamBody;
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use lachan::audit::AuditLog;
use lachan::body::{GatewayBody, boxed, full};
use lachan::runtime::{Options, Running};
use tokio::net::TcpListener;

use super::{ALLOW, Charset, Context, HOST, Variant, encode};

pub type Variants = Arc<HashMap<u64, Variant>>;

pub fn by_index(list: &[Variant]) -> Variants {
    Arc::new(list.iter().map(|v| (v.index, v.clone())).collect())
}

/// The variant index in a path: the digits after the last `/v` and before a `-`.
pub fn index_of(path: &str) -> Option<u64> {
    let name = path.rsplit('/').next()?;
    name.strip_prefix('v')?.split('-').next()?.parse().ok()
}

/// The compromised upstream: every variant with its own coding, asked for or not.
pub async fn upstream(variants: Variants) -> std::io::Result<SocketAddr> {
    listen(variants, false).await
}

/// The same pages without content coding: the browser's reference copy of a benign page
/// (Chromium refuses `br` and `zstd` over plain HTTP).
pub async fn reference(variants: Variants) -> std::io::Result<SocketAddr> {
    listen(variants, true).await
}

async fn listen(variants: Variants, identity: bool) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let variants = variants.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let v = index_of(req.uri().path())
                        .and_then(|i| variants.get(&i).cloned())
                        .map(|mut v| {
                            if identity {
                                v.codec = super::Codec::Identity;
                            }
                            v
                        });
                    async move { Ok::<_, Infallible>(answer(v.as_ref(), req.headers())) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    Ok(addr)
}

/// Whether a cloaking upstream would show its payload to this client (C1).
fn cloak_target(req: &HeaderMap) -> bool {
    let get = |h| {
        req.get(h)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let ua = get(header::USER_AGENT);
    let referer = get(header::REFERER);
    ua.contains("googlebot")
        || ua.contains("android")
        || referer.contains("google.")
        || referer.contains("coccoc")
}

pub fn answer(v: Option<&Variant>, req: &HeaderMap) -> Response<GatewayBody> {
    let Some(v) = v else {
        let mut r = Response::new(full("khong co"));
        *r.status_mut() = StatusCode::NOT_FOUND;
        r.headers_mut()
            .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        return r;
    };
    if v.context == Context::Cloaked && !cloak_target(req) {
        let mut r = Response::new(full(
            "<!DOCTYPE html><html><body><p>Trang chủ</p></body></html>",
        ));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            "text/html; charset=utf-8".parse().unwrap(),
        );
        return r;
    }
    let body = v.body();
    let mut r = Response::new(frames(v, body.clone()));
    *r.status_mut() = StatusCode::from_u16(v.status).unwrap_or(StatusCode::OK);
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, content_type(v).parse().unwrap());
    for (k, val) in &v.headers {
        let name = http::HeaderName::from_bytes(k.as_bytes()).unwrap();
        if let Ok(val) = val.parse() {
            h.insert(name, val);
        }
    }
    if let Some(c) = encode::header(v.codec) {
        h.insert(header::CONTENT_ENCODING, c.parse().unwrap());
    }
    if v.context == Context::Range && req.contains_key(header::RANGE) {
        *r.status_mut() = StatusCode::PARTIAL_CONTENT;
        let range = format!("bytes 0-{}/{}", body.len().saturating_sub(1), body.len());
        r.headers_mut()
            .insert(header::CONTENT_RANGE, range.parse().unwrap());
    }
    r
}

/// The `Content-Type` the upstream sends (a variant's own header replaces it).
pub fn content_type(v: &Variant) -> &'static str {
    match v.charset {
        Charset::Utf8 | Charset::Nfd => "text/html; charset=utf-8",
        Charset::W1258Header | Charset::Utf8Bom => "text/html; charset=windows-1258",
        Charset::W1258Meta => "text/html",
        Charset::Utf16Label => "text/html; charset=utf-16le",
    }
}

/// The body in one frame, or in 1–7 byte frames that split tags, entities and multi-byte
/// characters (the `Chunked` context).
fn frames(v: &Variant, body: Vec<u8>) -> GatewayBody {
    if v.context != Context::Chunked {
        return full(body);
    }
    let mut chunks = Vec::new();
    let (mut i, mut n) = (0, v.index as usize);
    while i < body.len() {
        let len = (n % 7 + 1).min(body.len() - i);
        chunks.push(Ok::<_, Infallible>(Frame::data(Bytes::copy_from_slice(
            &body[i..i + len],
        ))));
        i += len;
        n += 3;
    }
    boxed(StreamBody::new(futures_util::stream::iter(chunks)))
}

/// The gateway config of the mutation runs: `HOST` in enforce mode with the allow list
/// of the issue-14 evaluation; loopback exempt from the guard's rate limits.
pub fn config_text(listen: &str, upstream: SocketAddr, audit_dir: &Path) -> String {
    let allow: Vec<String> = ALLOW.iter().map(|a| format!("\"{a}\"")).collect();
    format!(
        "[server]\nlisten = [\"{listen}\"]\n[audit]\ndir = \"{}\"\n[guard]\nallow = [\"127.0.0.0/8\"]\n\
         [[site]]\nname = \"portal\"\nhosts = [\"{HOST}\", \"www.{HOST}\", \"127.0.0.1\"]\n\
         upstream = \"http://{upstream}\"\nmode = \"enforce\"\nallow = [{}]\n\
         [site.sanitize]\nverification = [\"{}\"]\n",
        audit_dir.display().to_string().replace('\\', "/"),
        allow.join(", "),
        super::metas::OWN_TOKEN
    )
}

/// A gateway in front of `upstream`, its audit events kept in memory.
pub async fn gateway(
    listen: &str,
    upstream: SocketAddr,
    audit: AuditLog,
) -> Result<Running, Box<dyn std::error::Error>> {
    let text = config_text(listen, upstream, &std::env::temp_dir());
    let config =
        lachan::config::parse(&text, Path::new("<mutation>")).map_err(|e| format!("{e:?}"))?;
    let opts = Options {
        audit: Some(audit),
        ..Default::default()
    };
    Ok(Running::start(config, opts).await?)
}
