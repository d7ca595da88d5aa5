//! The floor under lachan's request path: a reverse proxy built from the same parts (hyper's
//! server with lachan's own builder settings and timers, lachan's upstream pool on hyper's
//! client connections, one current-thread tokio runtime per worker on `SO_REUSEPORT` sockets,
//! mimalloc) that does nothing else: no site lookup, guard, header rules, sanitizer, metrics
//! or logs. `benches/proxy_load.sh` runs it beside lachan
//! and nginx when `FLOOR=1` is set, so that a run shows how much of the gap to nginx is
//! lachan's own work and how much is the HTTP stack it is built on.
//!
//! `cargo run --release --example hyper_floor -- LISTEN_ADDR UPSTREAM_ADDR [WORKERS=2]`

use std::convert::Infallible;
use std::net::SocketAddr;

use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, Uri};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioIo;
use lachan::body::{GatewayBody, boxed, full};
use lachan::server::reuseport;
use lachan::upstream::pool::Pool;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let listen: SocketAddr = args.next().expect("LISTEN_ADDR").parse().expect("address");
    let upstream: String = args.next().expect("UPSTREAM_ADDR");
    let workers: usize = args.next().map_or(2, |w| w.parse().expect("WORKERS"));
    let first = reuseport::bind_first(listen).expect("bind");
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let socket = reuseport::sibling(&first).expect("bind a sibling");
            let upstream = upstream.clone();
            std::thread::spawn(move || worker(socket, upstream))
        })
        .collect();
    drop(first);
    for t in threads {
        t.join().expect("worker");
    }
}

fn worker(socket: std::net::TcpListener, upstream: String) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(socket).expect("listener");
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .expect("native roots")
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let target: Uri = format!("http://{upstream}/").parse().expect("upstream");
        let pool = Arc::new(Pool::new(connector, target, 256, Duration::from_secs(90)));
        let limits = lachan::config::parse(
            "[server]\nlisten = [\"127.0.0.1:0\"]\n[[site]]\nname = \"s\"\nhosts = [\"x\"]\nupstream = \"http://127.0.0.1:9\"\n",
            std::path::Path::new("x.toml"),
        ).expect("cfg").limits;
        let builder = Arc::new(lachan::server::http_builder(&limits));
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let pool = pool.clone();
            let builder = builder.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| forward(pool.clone(), req));
                let _ = builder.serve_connection_with_upgrades(TokioIo::new(stream), service).await;
            });
        }
    });
}

async fn forward(
    pool: Arc<Pool>,
    req: Request<Incoming>,
) -> Result<Response<GatewayBody>, Infallible> {
    let (mut parts, body) = req.into_parts();
    parts.uri = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .parse()
        .expect("path");
    Ok(
        match pool.request(Request::from_parts(parts, boxed(body))).await {
            Ok(resp) => resp.map(boxed),
            Err(_) => {
                let mut resp = Response::new(full("bad gateway\n"));
                *resp.status_mut() = StatusCode::BAD_GATEWAY;
                resp
            }
        },
    )
}
