//! A test origin for `lachan scan` (portal.test, about 20 linked pages) and helpers to run
//! the real binary against it. Everything binds 127.0.0.1:0.
//!
//! What the origin holds, and what the scan must make of it:
//! - `/` links to `/tin-tuc/1` … `/tin-tuc/18`, `/cu` and `/khuyen-mai`; every news page
//!   links back home and to the next one.
//! - `partner.test` (visible, plain text) on `/tin-tuc/1` … `/tin-tuc/5`: unlisted, proposed.
//! - `chinhphu.gov.vn` on `/`: allowed by `*.gov.vn`; `/` also configures analytics id
//!   `G-SCAN123456` inline (the scan's `tag_ids`).
//! - `/tin-tuc/3`: a hidden block with two betting links (`nhacai.bet.test`,
//!   `casino.bet.test`): suspicious, hidden and spam.
//! - `/tin-tuc/7`: cloaked, a betting link only for Googlebot (`cloak.bet.test`).
//! - `/tin-tuc/9`: one visible link to `once.example.org`: unlisted, left out (one page).
//! - `/tin-tuc/11`: a redirect script to `js.bet.test` and a foreign script from
//!   `cdn.evil.test`: suspicious (redirect; removed_script).
//! - `/cu`: 301 to `/tin-tuc/1`; `/khuyen-mai`: 302 to `redir.bet.test` (redirect).
//! - `robots.txt` names `/sitemap-news.xml` (lists `/an/2`); `/sitemap.xml` lists `/an/1`.
//!   Neither is linked from any page.
//! - Bounds: `/n/K` links to `/n/K+1` … (an endless chain), `/slow` never answers, `/huge`
//!   is 3 MiB with a foreign link at its end, `/loop/K` redirects to `/loop/K+1` forever,
//!   `/ping` and `/pong` redirect to each other.

#![allow(dead_code)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use http::{Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

pub const NEWS: usize = 18;

type Resp = Response<String>;

/// Starts the origin; returns its address.
pub async fn origin() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(|req| async move { serve(req).await });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    addr
}

async fn serve(req: Request<Incoming>) -> Result<Resp, Infallible> {
    let bot = req
        .headers()
        .get(header::USER_AGENT)
        .is_some_and(|v| v.to_str().unwrap_or("").contains("Googlebot"));
    let path = req.uri().path().to_string();
    if path == "/slow" {
        // Never answers: the scan's page timeout must end the wait.
        std::future::pending::<()>().await;
    }
    Ok(route(&path, bot))
}

fn html(body: String) -> Resp {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(format!("<!doctype html><html><head><title>Cổng thông tin</title></head><body>{body}</body></html>"))
        .unwrap()
}

fn redirect(status: StatusCode, to: &str) -> Resp {
    Response::builder()
        .status(status)
        .header(header::LOCATION, to)
        .body(String::new())
        .unwrap()
}

fn text(ct: &str, body: &str) -> Resp {
    Response::builder()
        .header(header::CONTENT_TYPE, ct)
        .body(body.to_string())
        .unwrap()
}

fn route(path: &str, bot: bool) -> Resp {
    let seg: Vec<&str> = path.trim_matches('/').split('/').collect();
    match seg.as_slice() {
        [""] => html(index()),
        ["robots.txt"] => text("text/plain", "User-agent: *\nSitemap: /sitemap-news.xml\n"),
        ["sitemap.xml"] => text("application/xml", &sitemap("/an/1")),
        ["sitemap-news.xml"] => text("application/xml", &sitemap("/an/2")),
        ["an", _] => html("<p>Thông báo</p><a href=\"/\">Trang chủ</a>".into()),
        ["tin-tuc", n] => match n.parse::<usize>() {
            Ok(n) if (1..=NEWS).contains(&n) => html(news(n, bot)),
            _ => not_found(),
        },
        ["cu"] => redirect(StatusCode::MOVED_PERMANENTLY, "/tin-tuc/1"),
        ["khuyen-mai"] => redirect(StatusCode::FOUND, "https://redir.bet.test/"),
        ["n", k] => {
            let k: usize = k.parse().unwrap_or(0);
            html(format!(
                "<a href=\"/n/{}\">tiếp</a><a href=\"/n/{}\">sau</a>",
                k + 1,
                k + 2
            ))
        }
        ["huge"] => html(huge()),
        ["loop", k] => {
            let k: usize = k.parse().unwrap_or(0);
            redirect(StatusCode::FOUND, &format!("/loop/{}", k + 1))
        }
        ["ping"] => redirect(StatusCode::FOUND, "/pong"),
        ["pong"] => redirect(StatusCode::FOUND, "/ping"),
        _ => not_found(),
    }
}

fn not_found() -> Resp {
    let mut r = html("<p>Không tìm thấy</p>".into());
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

fn sitemap(loc: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
         <url><loc>http://portal.test{loc}</loc></url></urlset>"
    )
}

fn index() -> String {
    // The site's own analytics id: `lachan scan` lists it under `tag_ids`.
    // The site's own verification token (tests/scan_verification_tokens.rs).
    let mut s = String::from(
        "<meta name=\"google-site-verification\" content=\"OWN-gsv-token\">\
         <h1>Trang chủ</h1><script>gtag('config','G-SCAN123456')</script><ul>",
    );
    for n in 1..=NEWS {
        s.push_str(&format!("<li><a href=\"/tin-tuc/{n}\">Tin {n}</a></li>"));
    }
    s.push_str("</ul><a href=\"/cu\">Cũ</a> <a href=\"/khuyen-mai\">Khuyến mãi</a>");
    s.push_str("<a href=\"https://chinhphu.gov.vn/\">Chính phủ</a>");
    s
}

fn news(n: usize, bot: bool) -> String {
    let mut s = format!("<h1>Tin {n}</h1><p>Nội dung.</p><a href=\"/\">Trang chủ</a>");
    if n < NEWS {
        s.push_str(&format!("<a href=\"/tin-tuc/{}\">Tin sau</a>", n + 1));
    }
    if n <= 5 {
        s.push_str("<a href=\"https://partner.test/thu-vien\">Thư viện tỉnh</a>");
    }
    if n == 4 || n == 6 {
        // Planted by the attacker: Search Console and Bing Webmaster control of the site.
        s.push_str(
            "<meta name=\"google-site-verification\" content=\"PLANTED-gsv\">\
             <meta name=\"msvalidate.01\" content=\"PLANTED-BING\">\
             <meta property=\"p:domain_verify\" content=\"PLANTED-pin\">",
        );
    }
    match n {
        3 => s.push_str(
            "<div style=\"display:none\"><a href=\"https://nhacai.bet.test/\">nhà cái uy tín</a>\
             <a href=\"https://casino.bet.test/\">casino online</a></div>",
        ),
        7 if bot => s.push_str("<a href=\"https://cloak.bet.test/\">kèo nhà cái hôm nay</a>"),
        9 => s.push_str("<a href=\"https://once.example.org/\">Một lần</a>"),
        11 => s.push_str(
            "<script>window.location.href = \"https://js.bet.test/\";</script>\
             <script src=\"https://cdn.evil.test/x.js\"></script>",
        ),
        _ => {}
    }
    s
}

fn huge() -> String {
    let filler = "<p>Văn bản dài.</p>".repeat(3 * 1024 * 1024 / 24);
    format!("{filler}<a href=\"https://late.bet.test/\">late</a>")
}

/// Writes a config for a site `portal` on `portal.test` in front of `origin`.
pub fn config(dir: &Path, origin: SocketAddr, listen: &str) -> PathBuf {
    config_with(dir, origin, listen, "")
}

/// The same, with `extra` appended to the site (`[site.alerts]` …).
pub fn config_with(dir: &Path, origin: SocketAddr, listen: &str, extra: &str) -> PathBuf {
    let path = dir.join("lachan.toml");
    let text = format!(
        "[server]\nlisten = [\"{listen}\"]\n[audit]\ndir = \"{}\"\n\n[[site]]\nname = \"portal\"\n\
         hosts = [\"portal.test\"]\nupstream = \"http://{origin}\"\nallow = [\"*.gov.vn\"]\n{extra}\n",
        dir.join("audit").display()
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// A webhook receiver on 127.0.0.1:0; every POST body arrives on the channel.
pub async fn webhook() -> (SocketAddr, tokio::sync::mpsc::UnboundedReceiver<String>) {
    use http_body_util::BodyExt;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let tx = tx.clone();
                    async move {
                        let body = req.into_body().collect().await?.to_bytes();
                        let _ = tx.send(String::from_utf8_lossy(&body).into_owned());
                        Ok::<_, hyper::Error>(Response::new(String::new()))
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    (addr, rx)
}

/// The outcome of one run of the real binary.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `lachan scan -c CONFIG --site portal --rate 1000 ARGS…`.
pub async fn scan(config: &Path, args: &[&str]) -> Run {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_lachan"))
        .args(["scan", "-c"])
        .arg(config)
        .args(["--site", "portal", "--rate", "1000"])
        .args(args)
        .output()
        .await
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Reads a JSON report back.
pub fn report(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The host entry named `host`.
pub fn host<'a>(r: &'a serde_json::Value, host: &str) -> Option<&'a serde_json::Value> {
    r["hosts"].as_array()?.iter().find(|h| h["host"] == host)
}

/// The page whose URL ends with `path`.
pub fn page<'a>(r: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let url = format!("http://portal.test{path}");
    r["pages"].as_array()?.iter().find(|p| p["url"] == url)
}
