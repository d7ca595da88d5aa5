//! The floor under lachan's request path: a reverse proxy built from the same parts (hyper's
//! HTTP/1 server, hyper-util's pooled client, one current-thread tokio runtime per worker
//! on `SO_REUSEPORT` sockets, mimalloc) that does nothing else: no site lookup, guard,
//! header rules, sanitizer, metrics or logs. `benches/proxy_load.sh` runs it beside lachan
//! and nginx when `FLOOR=1` is set, so that a run shows how much of the gap to nginx is
//! lachan's own work and how much is the HTTP stack it is built on.
//!
//! `cargo run --release --example hyper_floor -- LISTEN_ADDR UPSTREAM_ADDR [WORKERS=2]`

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, Uri};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::server::reuseport;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Body = BoxBody<Bytes, hyper::Error>;

fn main() {
    let mut args = std::env::args().skip(1);
    let listen: SocketAddr = args.next().expect("LISTEN_ADDR").parse().expect("address");
    let upstream: String = args.next().expect("UPSTREAM_ADDR");
    let workers: usize = args.next().map_or(2, |w| w.parse().expect("WORKERS"));
    let first = reuseport::bind(listen).expect("bind");
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
        let client: Client<HttpConnector, Incoming> =
            Client::builder(TokioExecutor::new()).build_http();
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let client = client.clone();
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| forward(client.clone(), upstream.clone(), req));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
}

async fn forward(
    client: Client<HttpConnector, Incoming>,
    upstream: String,
    mut req: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let path = req.uri().path_and_query().map_or("/", |p| p.as_str());
    let uri: Uri = format!("http://{upstream}{path}").parse().expect("uri");
    *req.uri_mut() = uri;
    Ok(match client.request(req).await {
        Ok(resp) => resp.map(|b| b.boxed()),
        Err(_) => {
            let mut resp = Response::new(Full::new(Bytes::from_static(b"bad gateway\n")));
            *resp.status_mut() = StatusCode::BAD_GATEWAY;
            resp.map(|b| b.map_err(|never| match never {}).boxed())
        }
    })
}
