//! A compromised sample portal on loopback, optionally with the gateway in front, for the
//! browser test (`tests/browser/run.sh`) and the load script (`benches/sanitize_load.sh`).
//!
//! Usage: `sanitize_e2e [--upstream ADDR] [--gateway ADDR] [--no-gateway]`
//! Prints `upstream http://ADDR` and (unless `--no-gateway`) `gateway http://ADDR`, then
//! serves until killed. The site answers to `portal.example.gov.vn` and `127.0.0.1`.
//!
//! Upstream routes:
//! - `/` the 100 KB portal page (`tests/corpus/e2e/portal.html`); `/demo` and any unknown
//!   path: the demo portal page and its redirecting 404 page;
//! - `/redirect`: a server-side `302` to a foreign host;
//! - `/big?mb=N`: an N MB HTML page generated on the fly (never held whole);
//! - `/big.gz?mb=N`: an N MB HTML page, gzip-compressed once at start-up (N ≤ 64);
//! - `/xml/…`: XML documents whose attack lives in an XML construct (`XML_PAGES`);
//! - `/lop-script/…`: pages whose script registers a service worker or runs code it
//!   fetched or was sent (`SCRIPT_PAGES`), with the worker and the JSON they use.

use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use http::{Request, Response, StatusCode, header};
use http_body_util::StreamBody;
use hyper::body::{Frame, Incoming};
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::body::{GatewayBody, boxed, full};
use tokio::net::TcpListener;

const PORTAL: &str = include_str!("../tests/corpus/e2e/portal.html");

/// XML documents whose attack Chromium's XML parser honours and an HTML reading misses
/// (`src/sanitize/html/xml.rs`): path, `Content-Type`, body.
const XML_PAGES: &[(&str, &str, &str)] = &[
    (
        "/xml/prefixed.xml",
        "text/xml",
        "<root xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:p>Tin</h:p><h:script>location.href='https://bet.test/xml'</h:script></root>",
    ),
    (
        "/xml/title.xhtml",
        "application/xhtml+xml",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Tin<script>location.replace('https://bet.test/t')</script></title></head><body><p>Tin</p></body></html>",
    ),
    (
        "/xml/encoded.xhtml",
        "application/xhtml+xml",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Tin</p><script>setTimeout(function(){ &#x6c;ocation.href = &quot;https://bet.test/e&quot; }, 500)</script></body></html>",
    ),
];
/// Script classes (docs/sanitizer-rules.md): a planted service worker that redirects the
/// next navigation, and code that arrives over `fetch` or `postMessage`.
const SCRIPT_PAGES: &[(&str, &str, &str)] = &[
    (
        "/lop-script/sw.html",
        "text/html; charset=utf-8",
        "<!doctype html><title>Tin</title><p>Tin tức</p><script>var n=navigator;if(n['service'+'Worker']&&!sessionStorage.getItem('r')){n['service'+'Worker']['reg'+'ister'](atob('L2xvcC1zY3JpcHQvc3cuanM='));n.serviceWorker.ready.then(function(){sessionStorage.setItem('r','1');location.reload()})}</script>",
    ),
    (
        "/lop-script/sw.js",
        "text/javascript",
        "self.addEventListener('install',function(){self.skipWaiting()});self.addEventListener('activate',function(e){e.waitUntil(self.clients.claim())});self.addEventListener('fetch',function(e){if(e.request.mode==='navigate'){e.respondWith(Response.redirect('https://bet.test/sw'))}})",
    ),
    (
        "/lop-script/fetch-code.html",
        "text/html; charset=utf-8",
        "<!doctype html><title>Tin</title><p>Tin tức</p><script>fetch('/lop-script/code.json').then(function(r){return r.json()}).then(function(d){eval(d.code)})</script>",
    ),
    (
        "/lop-script/code.json",
        "application/json",
        "{\"code\":\"location.replace('https://bet.test/json')\"}",
    ),
    (
        "/lop-script/message.html",
        "text/html; charset=utf-8",
        "<!doctype html><title>Tin</title><p>Tin tức</p><script>window.addEventListener('message',function(e){setTimeout(e.data,0)});postMessage(\"location.href='https://bet.test/msg'\",'*')</script>",
    ),
];
const GZ_MB: usize = 16;

struct Pages {
    big_gz: Bytes,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let up_addr: SocketAddr = arg("--upstream").unwrap_or("127.0.0.1:0".into()).parse()?;
    let pages = Arc::new(Pages {
        big_gz: Bytes::from(gzip(&big_prefix(GZ_MB << 20))),
    });
    let upstream = serve_upstream(up_addr, pages).await?;
    println!("upstream http://{upstream}");
    let _gateway = if args.iter().any(|a| a == "--no-gateway") {
        None
    } else {
        let gw_addr: SocketAddr = arg("--gateway").unwrap_or("127.0.0.1:0".into()).parse()?;
        Some(start_gateway(gw_addr, upstream).await?)
    };
    tokio::signal::ctrl_c().await?;
    Ok(())
}

async fn start_gateway(
    listen: SocketAddr,
    upstream: SocketAddr,
) -> Result<lachan::runtime::Running, Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("lachan-e2e-{}", std::process::id()));
    // Load generators run on loopback: keep them out of the guard's rate limits and bans.
    let text = lachan::demo::config_text(listen, upstream, &PathBuf::from(&dir))
        .replace(
            "hosts = [\"127.0.0.1\", \"localhost\"]",
            "hosts = [\"portal.example.gov.vn\", \"127.0.0.1\", \"localhost\"]",
        )
        .replacen(
            "[[site]]",
            "[guard]\nallow = [\"127.0.0.0/8\"]\n\n[[site]]",
            1,
        );
    let config = lachan::config::parse(&text, std::path::Path::new("<e2e>"))
        .map_err(|e| format!("{e:?}"))?;
    let opts = lachan::runtime::Options {
        audit: Some(lachan::audit::AuditLog::tracing()),
        ..Default::default()
    };
    let running = lachan::runtime::Running::start(config, opts).await?;
    println!("gateway http://{}", running.http_addrs[0]);
    Ok(running)
}

async fn serve_upstream(addr: SocketAddr, pages: Arc<Pages>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let pages = pages.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let pages = pages.clone();
                    async move { Ok::<_, Infallible>(route(&req, &pages)) }
                });
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    Ok(local)
}

fn route(req: &Request<Incoming>, pages: &Pages) -> Response<GatewayBody> {
    let mb = req
        .uri()
        .query()
        .and_then(|q| q.strip_prefix("mb="))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1);
    match req.uri().path() {
        "/" => html(StatusCode::OK, full(PORTAL)),
        "/demo" => html(StatusCode::OK, full(lachan::demo::portal::INDEX)),
        "/redirect" => {
            let mut r = html(StatusCode::FOUND, full(""));
            r.headers_mut().insert(
                header::LOCATION,
                "https://bet.test/khuyen-mai".parse().unwrap(),
            );
            r
        }
        "/big" => html(StatusCode::OK, generated(mb << 20)),
        "/big.gz" => {
            let mut r = html(StatusCode::OK, full(pages.big_gz.clone()));
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, "gzip".parse().unwrap());
            r
        }
        p if p.starts_with("/xml/") || p.starts_with("/lop-script/") => match XML_PAGES
            .iter()
            .chain(SCRIPT_PAGES)
            .find(|(path, _, _)| *path == p)
        {
            Some((_, ct, body)) => {
                let mut r = Response::new(full(*body));
                r.headers_mut()
                    .insert(header::CONTENT_TYPE, ct.parse().unwrap());
                r
            }
            None => html(StatusCode::NOT_FOUND, full(lachan::demo::portal::NOT_FOUND)),
        },
        p if p.ends_with(".css") || p.ends_with(".js") || p.ends_with(".jpg") => {
            let mut r = Response::new(full(""));
            r.headers_mut()
                .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
            r
        }
        _ => html(StatusCode::NOT_FOUND, full(lachan::demo::portal::NOT_FOUND)),
    }
}

fn html(status: StatusCode, body: GatewayBody) -> Response<GatewayBody> {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        "text/html; charset=utf-8".parse().unwrap(),
    );
    r
}

const CHUNK: &str = "<p class=\"entry\">Thông báo về việc tổ chức hội nghị tổng kết công tác năm. \
<a href=\"/tin-tuc/bai.html\">Xem thêm</a></p>\n";

/// The first `len` bytes of a generated page.
fn big_prefix(len: usize) -> Vec<u8> {
    let mut out = b"<!doctype html><html><head><title>big</title></head><body>\n".to_vec();
    while out.len() < len {
        out.extend_from_slice(CHUNK.as_bytes());
    }
    out
}

/// A `len`-byte page streamed in 64 KiB frames, generated as the client reads.
fn generated(len: usize) -> GatewayBody {
    let block = Bytes::from(CHUNK.repeat((64 << 10) / CHUNK.len()));
    let frames = len / block.len() + 1;
    let head = Bytes::from_static(b"<!doctype html><html><head><title>big</title></head><body>\n");
    let stream = futures_util::stream::iter(
        std::iter::once(head)
            .chain(std::iter::repeat_n(block, frames))
            .map(|b| Ok::<_, Infallible>(Frame::data(b))),
    );
    boxed(StreamBody::new(stream))
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}
