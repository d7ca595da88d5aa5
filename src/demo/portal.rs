//! The sample "compromised" agency portal that `lachan demo` puts behind the gateway.
//!
//! It serves, from memory, a provincial library page carrying the planted content seen in
//! the 2024 incidents: hidden betting links, a redirect script, an obfuscated loader, a
//! meta refresh, a foreign frame, and a 404 page that redirects. A server-side foreign
//! redirect is served at `/khuyen-mai`.

use std::convert::Infallible;
use std::net::SocketAddr;

use http::{Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;

use crate::body::{GatewayBody, full};

pub const INDEX: &str = include_str!("pages/index.html");
pub const NOT_FOUND: &str = include_str!("pages/not_found.html");

/// Binds the portal on `addr` and serves it in the background; returns the bound address.
pub async fn start(addr: SocketAddr) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                let svc =
                    hyper::service::service_fn(
                        |req| async move { Ok::<_, Infallible>(page(&req)) },
                    );
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    Ok(local)
}

fn page(req: &Request<Incoming>) -> Response<GatewayBody> {
    let (status, body) = match req.uri().path() {
        "/" | "/index.html" => (StatusCode::OK, INDEX),
        "/khuyen-mai" => return redirect("https://bet.test/khuyen-mai"),
        "/static/site.css" => return css(),
        _ => (StatusCode::NOT_FOUND, NOT_FOUND),
    };
    let mut resp = Response::new(full(body));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        "text/html; charset=utf-8".parse().expect("static"),
    );
    resp.headers_mut().insert(
        header::SERVER,
        "Apache/2.2.15 (CentOS) PHP/5.3.3".parse().expect("static"),
    );
    resp
}

fn redirect(to: &'static str) -> Response<GatewayBody> {
    let mut resp = Response::new(full(""));
    *resp.status_mut() = StatusCode::FOUND;
    resp.headers_mut()
        .insert(header::LOCATION, to.parse().expect("static"));
    resp
}

fn css() -> Response<GatewayBody> {
    let mut resp = Response::new(full(
        "body{font-family:sans-serif;max-width:60em;margin:auto}",
    ));
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, "text/css".parse().expect("static"));
    resp
}
