//! A real gateway (`Running::start`, every listener on 127.0.0.1:0) built from config text
//! that a test states in a line or two:
//!
//! ```ignore
//! let gw = Setup::portal().mode("report").start().await;   // the attack suites' site
//! gw.upstream.route("/", || html(200, full(PAGE)));
//! let gw = Setup::new().site("a.gov.vn", &a).table("[limits]\nmax_request_body = \"1KiB\"");
//! ```
//!
//! The handle sends requests (a client with the site's `Host`, or raw bytes), and reads the
//! audit events, which go to memory unless the test asks for the real log.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Response};
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use lachan::audit::{Action, AuditLog, Event, MemorySink};
use lachan::body::GatewayBody;
use lachan::runtime::reload::Outcome;
use lachan::runtime::{Options, Running};

use super::upstream::Upstream;
use super::{ALLOW, HOST};

/// One `[[site]]` table.
struct SiteSpec {
    name: String,
    hosts: Vec<String>,
    upstream: Upstream,
    /// Started by [`Setup::start`] (a scripted upstream), or already listening.
    addr: Option<SocketAddr>,
    /// `http` unless [`Setup::https`].
    scheme: &'static str,
    mode: &'static str,
    lines: String,
}

/// The config of a test gateway, stated piece by piece.
pub struct Setup {
    server: String,
    guard: String,
    tables: String,
    sites: Vec<SiteSpec>,
}

impl Setup {
    /// `[server]` with its HTTP and admin listeners on 127.0.0.1:0; no site yet.
    pub fn new() -> Self {
        Setup {
            server: "listen = [\"127.0.0.1:0\"]\nadmin = \"127.0.0.1:0\"\n".into(),
            guard: String::new(),
            tables: String::new(),
            sites: Vec::new(),
        }
    }

    /// The attack suites' site `portal` ([`HOST`] and `www.` of it, the [`ALLOW`] list,
    /// enforcing) in front of a new scripted [`Upstream`]. Loopback is on the guard's allow
    /// list so that the suites' many requests are never rate-limited.
    pub fn portal() -> Self {
        let allow = ALLOW.map(|h| format!("\"{h}\"")).join(", ");
        let mut s = Self::new().guard("allow = [\"127.0.0.0/8\"]");
        s.sites.push(SiteSpec {
            name: "portal".into(),
            hosts: vec![HOST.into(), format!("www.{HOST}")],
            upstream: Upstream::new(),
            addr: None,
            scheme: "http",
            mode: "enforce",
            lines: format!("allow = [{allow}]\n"),
        });
        s
    }

    /// A site for `host` in front of `upstream` (started here if it is not yet).
    pub fn site(mut self, host: &str, upstream: &Upstream) -> Self {
        self.sites.push(SiteSpec {
            name: format!("s{}", self.sites.len()),
            hosts: vec![host.into()],
            upstream: upstream.clone(),
            addr: None,
            scheme: "http",
            mode: "enforce",
            lines: String::new(),
        });
        self
    }

    /// A site for `host` in front of whatever listens at `addr` (or nothing).
    pub fn site_at(mut self, host: &str, addr: SocketAddr) -> Self {
        self.sites.push(SiteSpec {
            name: format!("s{}", self.sites.len()),
            hosts: vec![host.into()],
            upstream: Upstream::new(),
            addr: Some(addr),
            scheme: "http",
            mode: "enforce",
            lines: String::new(),
        });
        self
    }

    /// Lines for the last site's table, including its subtables (`[site.headers]`, …).
    pub fn site_lines(mut self, lines: &str) -> Self {
        let site = self.sites.last_mut().expect("a site to add lines to");
        site.lines.push_str(lines);
        site.lines.push('\n');
        self
    }

    /// The last site's name (`s0`, `s1`, … unless said), which its events carry.
    pub fn name(mut self, name: &str) -> Self {
        self.sites.last_mut().expect("a site").name = name.into();
        self
    }

    /// The last site's upstream speaks TLS (`upstream = "https://…"`).
    pub fn https(mut self) -> Self {
        self.sites.last_mut().expect("a site").scheme = "https";
        self
    }

    /// The last site's `mode` (`enforce` unless said).
    pub fn mode(mut self, mode: &'static str) -> Self {
        self.sites.last_mut().expect("a site").mode = mode;
        self
    }

    /// More `[server]` keys (`trusted_proxies = […]`, …).
    pub fn server(mut self, lines: &str) -> Self {
        self.server.push_str(lines);
        self.server.push('\n');
        self
    }

    /// `[server] trusted_proxies` holds loopback, so a test can be any client through
    /// `X-Forwarded-For`.
    pub fn trusting_loopback(self) -> Self {
        self.server("trusted_proxies = [\"127.0.0.1/32\"]")
    }

    /// Lines of the `[guard]` table.
    pub fn guard(mut self, lines: &str) -> Self {
        self.guard.push_str(lines);
        self.guard.push('\n');
        self
    }

    /// Other top-level tables (`[limits]`, `[cache]`, `[audit]`, …).
    pub fn table(mut self, text: &str) -> Self {
        self.tables.push_str(text);
        self.tables.push_str("\n\n");
        self
    }

    /// The config text; sites are named `portal` (from [`Setup::portal`]) or `s0`, `s1`, ….
    pub fn text(&self) -> String {
        let mut t = format!("[server]\n{}\n", self.server);
        if !self.guard.is_empty() {
            t.push_str(&format!("[guard]\n{}\n", self.guard));
        }
        t.push_str(&self.tables);
        for s in &self.sites {
            let hosts = s.hosts.iter().map(|h| format!("\"{h}\"")).join(", ");
            let up = s.addr.expect("started");
            t.push_str(&format!(
                "[[site]]\nname = \"{}\"\nhosts = [{hosts}]\nupstream = \"{}://{up}\"\n\
                 mode = \"{}\"\n{}\n",
                s.name, s.scheme, s.mode, s.lines
            ));
        }
        t
    }

    /// Starts the upstreams and the gateway, its audit events in memory.
    pub async fn start(self) -> Gateway {
        let (audit, events) = AuditLog::memory();
        let opts = Options {
            audit: Some(audit),
            ..Options::default()
        };
        self.start_with(opts, events).await
    }

    /// Starts from a config file written to `dir`, which the gateway watches for reloads.
    pub async fn start_from_file(self, dir: &Path) -> Gateway {
        let (audit, events) = AuditLog::memory();
        let opts = Options {
            audit: Some(audit),
            reload_from: Some(dir.join("lachan.toml")),
        };
        self.start_with(opts, events).await
    }

    /// Starts with the audit log the config names (`[audit] dir`), for the suites about it.
    pub async fn start_with_real_audit(self) -> Gateway {
        let (_, events) = AuditLog::memory();
        self.start_with(Options::default(), events).await
    }

    async fn start_with(mut self, opts: Options, events: Arc<MemorySink>) -> Gateway {
        for s in &mut self.sites {
            if s.addr.is_none() {
                s.addr = Some(s.upstream.start().await);
            }
        }
        let text = self.text();
        let path = opts.reload_from.clone();
        let config = match &path {
            Some(p) => {
                std::fs::write(p, &text).unwrap();
                lachan::config::load(p).unwrap()
            }
            None => lachan::config::parse(&text, Path::new("test.toml")).unwrap(),
        };
        let running = Running::start(config, opts).await.unwrap();
        let site = self.sites.first();
        Gateway {
            host: site.map_or(HOST.into(), |s| s.hosts[0].clone()),
            upstream: site.map_or_else(Upstream::new, |s| s.upstream.clone()),
            running,
            events,
            text,
            file: path,
            client: pooled_client(),
        }
    }
}

trait Join {
    fn join(self, sep: &str) -> String;
}

impl<I: Iterator<Item = String>> Join for I {
    fn join(self, sep: &str) -> String {
        self.collect::<Vec<_>>().join(sep)
    }
}

/// A started gateway. Derefs to [`Running`] (`http_addrs`, `admin_addr`, `reloader`, …).
pub struct Gateway {
    pub running: Running,
    /// The first site's upstream.
    pub upstream: Upstream,
    pub events: Arc<MemorySink>,
    /// The config text it started from.
    pub text: String,
    /// The config file, for [`Setup::start_from_file`].
    pub file: Option<PathBuf>,
    host: String,
    client: Client<HttpConnector, Empty<Bytes>>,
}

impl std::ops::Deref for Gateway {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.running
    }
}

impl Gateway {
    /// The first plain-HTTP listener.
    pub fn addr(&self) -> SocketAddr {
        self.running.http_addrs[0]
    }

    /// Any method to the first site (or to the `host` among `headers`); `Err` when the
    /// gateway gave no answer (a transfer broken off early).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Result<Response<Incoming>, hyper_util::client::legacy::Error> {
        let uri = format!("http://{}{path}", self.addr());
        let mut req = Request::builder().method(method).uri(uri);
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req = req.header("host", &self.host);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.client.request(req.body(Empty::new()).unwrap()).await
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response<Incoming> {
        self.send(Method::GET, path, headers).await.unwrap()
    }

    /// A GET with `Host: host`, to any site (or none).
    pub async fn get_host(&self, host: &str, path: &str) -> Response<Incoming> {
        get(self.addr(), host, path).await
    }

    /// The response head and its whole body; panics if the body was cut.
    pub async fn body(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (http::response::Parts, Vec<u8>) {
        let (parts, body) = self.get(path, headers).await.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (parts, bytes.to_vec())
    }

    /// A request with a body to the first site; the head and the whole body.
    pub async fn post(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (http::response::Parts, Vec<u8>) {
        let mut req = Request::post(format!("http://{}{path}", self.addr()));
        req = req.header("host", &self.host);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(lachan::body::full(body.to_string())).unwrap();
        let (parts, body) = client().request(req).await.unwrap().into_parts();
        (parts, body.collect().await.unwrap().to_bytes().to_vec())
    }

    /// The response head and the body, or `None` when the transfer was cut off.
    pub async fn try_body(&self, path: &str) -> (http::response::Parts, Option<Vec<u8>>) {
        let (parts, body) = self.get(path, &[]).await.into_parts();
        let bytes = body.collect().await.ok().map(|b| b.to_bytes().to_vec());
        (parts, bytes)
    }

    /// Raw bytes to the first listener, read until it closes (see `raw`).
    pub async fn raw(&self, bytes: &[u8]) -> String {
        super::raw::exchange(self.addr(), bytes).await
    }

    /// A raw GET from `client` (a trusted proxy's `X-Forwarded-For`; see
    /// [`Setup::trusting_loopback`]), `extra` header lines included; the whole answer.
    pub async fn get_as(&self, client: &str, target: &str, extra: &str) -> String {
        let req = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nX-Forwarded-For: {client}\r\n\
             User-Agent: Mozilla/5.0\r\n{extra}Connection: close\r\n\r\n",
            self.host
        );
        self.raw(req.as_bytes()).await
    }

    /// A raw request to the admin listener; the whole answer.
    pub async fn admin(&self, method: &str, path: &str) -> String {
        let req = format!("{method} {path} HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n");
        let admin = self.running.admin_addr.expect("an admin listener");
        super::raw::exchange(admin, req.as_bytes()).await
    }

    /// The rule ids of the requests refused so far (`blocked` events), in order.
    pub fn blocked(&self) -> Vec<String> {
        let events = self.events.events();
        let blocked = events.iter().filter(|e| e.action == Action::Blocked);
        blocked.map(|e| e.rule.to_string()).collect()
    }

    /// The rule ids of every event so far, in order.
    pub fn rules(&self) -> Vec<String> {
        let events = self.events.events();
        events.iter().map(|e| e.rule.to_string()).collect()
    }

    /// The rules of the response stages' own events (`body.*`, `header.*`), in order; the
    /// HTML rewriter's events are the attack suites' business.
    pub fn stage_rules(&self) -> Vec<String> {
        let rules = self.rules();
        let stage = |r: &String| r.starts_with("body.") || r.starts_with("header.");
        rules.into_iter().filter(stage).collect()
    }

    /// The events of one rule.
    pub fn events_of(&self, rule: &str) -> Vec<Event> {
        let events = self.events.events();
        events.into_iter().filter(|e| e.rule == rule).collect()
    }

    /// Replaces the watched config file the way editors and Kubernetes do: by rename.
    pub fn rewrite_config(&self, text: &str) {
        let path = self.file.as_ref().expect("started from a file");
        let name = path.file_name().unwrap().to_string_lossy();
        let tmp = path.with_file_name(format!(".{name}.new"));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, path).unwrap();
    }
}

/// A GET to `addr` with `Host: host`.
pub async fn get(addr: SocketAddr, host: &str, path: &str) -> Response<Incoming> {
    request(addr, Method::GET, host, path).await
}

/// A bodiless request to `addr` with `Host: host` (the admin listener, say).
pub async fn request(
    addr: SocketAddr,
    method: Method,
    host: &str,
    path: &str,
) -> Response<Incoming> {
    let req = Request::builder()
        .method(method)
        .uri(format!("http://{addr}{path}"));
    let req = req
        .header("host", host)
        .body(lachan::body::full(""))
        .unwrap();
    client().request(req).await.unwrap()
}

/// The keep-alive client of a [`Gateway`]. A pooled connection idle for a second is not
/// reused: the gateway closes an HTTP/1 connection that waits for its next request head
/// longer than `limits.header_read_timeout` (10 s by default, at least 300 ms in these
/// tests), and a request sent just as that close happens fails with `IncompleteMessage`
/// (seen on a loaded CI machine in `codec_parity`).
fn pooled_client() -> Client<HttpConnector, Empty<Bytes>> {
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(1))
        .pool_timer(TokioTimer::new())
        .build_http()
}

/// A client for requests with a body.
pub fn client() -> Client<HttpConnector, GatewayBody> {
    Client::builder(TokioExecutor::new()).build_http()
}

/// The whole body as text.
pub async fn text(resp: Response<Incoming>) -> String {
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(body.to_vec()).unwrap()
}

/// The next reload outcome, within a deadline.
pub async fn next_outcome(rx: &mut tokio::sync::watch::Receiver<Outcome>) -> Outcome {
    tokio::time::timeout(Duration::from_secs(10), rx.changed())
        .await
        .expect("no reload happened")
        .unwrap();
    rx.borrow_and_update().clone()
}

/// The next reload outcome that `want` accepts, within a deadline.
pub async fn outcome_where(
    rx: &mut tokio::sync::watch::Receiver<Outcome>,
    want: impl Fn(&Outcome) -> bool,
) -> Outcome {
    loop {
        let outcome = next_outcome(rx).await;
        if want(&outcome) {
            return outcome;
        }
    }
}

/// A channel's receiving end as a stream (a request or response body fed by the test).
pub fn stream_of<T: Send + 'static>(
    mut rx: tokio::sync::mpsc::Receiver<T>,
) -> impl futures_util::Stream<Item = T> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

/// `page` sanitized by the rewriter alone, in one piece, for the portal site: what every
/// way through the gateway (any status, coding or chunking) must reproduce byte for byte.
pub fn rewritten(page: &[u8]) -> Vec<u8> {
    use lachan::sanitize::html::{PageContext, PageRewriter};
    let mut setup = Setup::portal();
    setup.sites[0].addr = Some("127.0.0.1:9".parse().unwrap());
    let config = lachan::config::parse(&setup.text(), Path::new("test.toml")).unwrap();
    let request = lachan::audit::RequestInfo {
        url: "/".into(),
        ..super::rewrite::request()
    };
    let ctx = PageContext {
        site: config.sites[0].clone(),
        base: url::Url::parse(&format!("http://{HOST}/")).unwrap(),
        encoding: Some(encoding_rs::UTF_8),
        request,
        audit: AuditLog::memory().0,
    };
    let mut rw = PageRewriter::new(ctx).unwrap();
    let mut out = rw.write(page).unwrap().to_vec();
    out.extend_from_slice(&rw.end().unwrap());
    out
}
