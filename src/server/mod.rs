//! Stage 1, accept: listeners, the HTTP/1.1 + HTTP/2 connection builder, connection caps,
//! timeouts and graceful shutdown.
//!
//! Security notes: the header-read timeout (slowloris) needs hyper's timer, which is set
//! here; without a timer hyper silently ignores the timeout. Connections over the caps
//! are closed before a single byte is read.

pub(crate) mod conn_limit;
pub(crate) mod first_head;
pub(crate) mod idle;
mod listeners;
pub mod reuseport;
pub(crate) mod tls;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

use crate::proxy::{ConnInfo, Gateway, stages};
use crate::settings::Limits;
use conn_limit::ConnLimiter;
use idle::Tracked;
pub use listeners::BindError;
pub(crate) use listeners::Listeners;

/// Serves until `shutdown` resolves, then drains in-flight requests for at most the
/// configured `server.shutdown_timeout`. Connections are served by the [`workers`]; the admin
/// listener and the drain run on the caller's runtime.
pub(crate) async fn serve(
    gw: Arc<Gateway>,
    listeners: Listeners,
    shutdown: impl Future<Output = ()>,
) {
    let life = Lifecycle::default();
    let sockets = gateway_sockets(&gw, listeners.http, listeners.tls);
    let (done_tx, done_rx) = tokio::sync::mpsc::channel::<()>(1);
    let threads = start_workers(&gw, &life, &sockets, done_tx);
    drop(sockets);
    let admin = listeners
        .admin
        .map(|l| tokio::spawn(crate::admin::serve(gw.clone(), l, life.stop.clone())));
    shutdown.await;
    tracing::info!("shutting down: no new connections; draining in-flight requests");
    stop_and_drain(&gw, life, done_rx, admin, threads).await;
}

/// What every worker shares: the stop and drained signals, hyper's graceful shutdown, the
/// connection caps.
#[derive(Default)]
struct Lifecycle {
    /// No new connections.
    stop: CancellationToken,
    /// In-flight connections are done (or the drain deadline passed).
    drained: CancellationToken,
    graceful: Arc<GracefulShutdown>,
    limiter: Arc<ConnLimiter>,
}

/// A gateway listener as a std socket, with its TLS handshaker (none for plain HTTP).
type Socket = (std::net::TcpListener, Option<Arc<tls::Handshaker>>);

/// The plain-HTTP and TLS listeners, ready to be handed to the workers.
fn gateway_sockets(
    gw: &Arc<Gateway>,
    http: Vec<TcpListener>,
    tls: Vec<TcpListener>,
) -> Vec<Socket> {
    let handshaker = tls::Handshaker::for_listeners(gw, &tls);
    let tls = tls
        .into_iter()
        .filter_map(|l| Some((l, Some(handshaker.clone()?))));
    let http = http.into_iter().map(|l| (l, None));
    http.chain(tls).filter_map(to_std).collect()
}

/// One worker thread per core, each accepting on its own copies of the sockets.
fn start_workers(
    gw: &Arc<Gateway>,
    life: &Lifecycle,
    sockets: &[Socket],
    done: tokio::sync::mpsc::Sender<()>,
) -> Vec<std::thread::JoinHandle<()>> {
    let mut threads = Vec::new();
    for index in 0..crate::workers::count() {
        let acceptors = worker_sockets(index, sockets)
            .map(|(l, tls)| (l, Acceptor::new(gw, life, tls)))
            .collect();
        let (stop, drained, done) = (life.stop.clone(), life.drained.clone(), done.clone());
        let work = move || worker(acceptors, stop, drained, done);
        match crate::workers::spawn(index, work) {
            Ok(t) => threads.push(t),
            Err(e) => tracing::error!(error = %e, index, "cannot start a worker"),
        }
    }
    threads
}

/// Worker `index`'s copies of the sockets: the first worker clones them, every other one
/// opens an `SO_REUSEPORT` sibling, so the kernel spreads connections over the workers.
fn worker_sockets(index: usize, sockets: &[Socket]) -> impl Iterator<Item = Socket> + '_ {
    sockets.iter().filter_map(move |(l, hs)| {
        let copy = if index == 0 {
            l.try_clone()
        } else {
            reuseport::sibling(l)
        };
        copy.map_err(|e| tracing::error!(error = %e, "cannot share a listener"))
            .ok()
            .map(|l| (l, hs.clone()))
    })
}

/// Stops accepting, waits for every worker's acceptors and the admin listener to end,
/// drains in-flight connections, then joins the worker threads.
async fn stop_and_drain(
    gw: &Gateway,
    life: Lifecycle,
    mut done: tokio::sync::mpsc::Receiver<()>,
    admin: Option<tokio::task::JoinHandle<()>>,
    threads: Vec<std::thread::JoinHandle<()>>,
) {
    life.stop.cancel();
    // Every worker's acceptors have ended (and dropped their handles) once all senders are gone.
    while done.recv().await.is_some() {}
    if let Some(admin) = admin {
        let _ = admin.await;
    }
    drain(gw, life.graceful).await;
    life.drained.cancel();
    let _ =
        tokio::task::spawn_blocking(move || threads.into_iter().for_each(|t| drop(t.join()))).await;
}

/// One worker: accepts on its copies of the listeners until `stop`, then keeps serving its
/// connections until `drained`.
async fn worker(
    acceptors: Vec<(std::net::TcpListener, Acceptor)>,
    stop: CancellationToken,
    drained: CancellationToken,
    done: tokio::sync::mpsc::Sender<()>,
) {
    let mut tasks = tokio::task::JoinSet::new();
    for (listener, acceptor) in acceptors {
        match TcpListener::from_std(listener) {
            Ok(l) => drop(tasks.spawn(acceptor.run(l, stop.clone()))),
            Err(e) => tracing::error!(error = %e, "cannot register a listener"),
        }
    }
    while tasks.join_next().await.is_some() {}
    drop(done);
    drained.cancelled().await;
}

/// Tokio listeners are tied to the runtime that made them; the workers each register a copy.
fn to_std(pair: (TcpListener, Option<Arc<tls::Handshaker>>)) -> Option<Socket> {
    let (listener, tls) = pair;
    match listener.into_std() {
        Ok(l) => Some((l, tls)),
        Err(e) => {
            tracing::error!(error = %e, "cannot hand a listener to the workers");
            None
        }
    }
}

/// Waits for in-flight connections to finish, at most `server.shutdown_timeout`.
async fn drain(gw: &Gateway, graceful: Arc<GracefulShutdown>) {
    let deadline = gw.config().server.shutdown_timeout;
    let graceful =
        Arc::try_unwrap(graceful).unwrap_or_else(|_| unreachable!("acceptors have stopped"));
    match tokio::time::timeout(deadline, graceful.shutdown()).await {
        Ok(()) => tracing::info!("all connections drained"),
        Err(_) => tracing::warn!(
            ?deadline,
            "drain deadline passed; closing remaining connections"
        ),
    }
}

/// Accepts connections on one listener.
struct Acceptor {
    gw: Arc<Gateway>,
    limiter: Arc<ConnLimiter>,
    graceful: Arc<GracefulShutdown>,
    /// Set on `listen_tls` listeners.
    tls: Option<Arc<tls::Handshaker>>,
}

impl Acceptor {
    fn new(gw: &Arc<Gateway>, life: &Lifecycle, tls: Option<Arc<tls::Handshaker>>) -> Self {
        Acceptor {
            gw: gw.clone(),
            limiter: life.limiter.clone(),
            graceful: life.graceful.clone(),
            tls,
        }
    }

    async fn run(self, listener: TcpListener, stop: CancellationToken) {
        let local = listener.local_addr().ok();
        loop {
            let accepted = tokio::select! {
                () = stop.cancelled() => return,
                a = listener.accept() => a,
            };
            match accepted {
                Ok((stream, peer)) => self.accept(stream, peer, &stop),
                Err(e) => {
                    // EMFILE and friends: back off briefly instead of spinning.
                    tracing::warn!(error = %e, ?local, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }

    fn accept(&self, stream: TcpStream, peer: SocketAddr, stop: &CancellationToken) {
        let config = self.gw.config();
        let limits = &config.limits;
        let permit = match self.limiter.try_acquire(
            peer.ip(),
            limits.max_connections,
            limits.max_connections_per_ip,
        ) {
            Ok(p) => p,
            Err(why) => {
                tracing::info!(%peer, ?why, "connection refused: over the connection cap");
                return;
            }
        };
        let _ = stream.set_nodelay(true);
        let info = Arc::new(ConnInfo::new(peer));
        let gw = self.gw.clone();
        let shutdown = Shutdown {
            watcher: self.graceful.watcher(),
            stop: stop.clone(),
        };
        let limits = limits.clone();
        let tls = self.tls.clone();
        tokio::spawn(async move {
            let _permit = permit;
            gw.metrics.open_connections.inc();
            match tls {
                None => serve_connection(stream, info, gw.clone(), &limits, shutdown).await,
                // Boxed: the handshake's state would otherwise enlarge every plain task.
                Some(hs) => Box::pin(hs.serve(stream, info, gw.clone(), &limits, shutdown)).await,
            }
            gw.metrics.open_connections.dec();
        });
    }
}

/// The HTTP/1.1 + HTTP/2 connection builder with the configured limits and timers.
pub fn http_builder(limits: &Limits) -> auto::Builder<TokioExecutor> {
    let mut b = auto::Builder::new(TokioExecutor::new());
    b.http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_buf_size(limits.max_header_size.max(8192))
        .max_headers(limits.max_headers)
        .keep_alive(true);
    b.http2()
        .timer(TokioTimer::new())
        .max_header_list_size(u32::try_from(limits.max_header_size).unwrap_or(u32::MAX))
        .max_concurrent_streams(128)
        .keep_alive_interval(Some(Duration::from_secs(30)))
        .keep_alive_timeout(Duration::from_secs(20));
    b
}

/// How a connection learns of a shutdown: hyper's graceful watcher once it serves HTTP,
/// the stop token while it still waits for its first head (nothing in flight to drain).
pub(crate) struct Shutdown {
    pub(crate) watcher: Watcher,
    pub(crate) stop: CancellationToken,
}

/// Serves HTTP on one accepted (and, for TLS, handshaken) connection, once its first
/// request head has arrived ([`first_head`]).
pub(crate) async fn serve_connection<I>(
    io: I,
    info: Arc<ConnInfo>,
    gw: Arc<Gateway>,
    limits: &Limits,
    shutdown: Shutdown,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut io = io;
    let (wait, max) = (limits.header_read_timeout, limits.max_header_size);
    let head = tokio::select! {
        head = first_head::collect(&mut io, wait, max) => head,
        () = shutdown.stop.cancelled() => None,
    };
    let Some(head) = head else { return };
    let io = first_head::Prefixed::new(head, io);
    // hyper's connection state is several KB; boxed, a connection only pays for it once a
    // head has arrived, not while a slowloris client trickles one.
    Box::pin(serve_http(io, info, gw, limits, shutdown.watcher)).await;
}

async fn serve_http<I>(
    io: I,
    info: Arc<ConnInfo>,
    gw: Arc<Gateway>,
    limits: &Limits,
    watcher: Watcher,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity = info.activity.clone();
    let (io, heads) = crate::guard::framing::Sniff::new(Tracked::new(io, activity.clone()));
    let io = TokioIo::new(io);
    let service = hyper::service::service_fn(move |mut req| {
        heads.tag(&mut req);
        stages::serve(gw.clone(), info.clone(), req)
    });
    let builder = http_builder(limits);
    let conn = builder.serve_connection_with_upgrades(io, service);
    let conn = watcher.watch(conn.into_owned());
    let idle = limits.idle_timeout;
    let period = idle.max(Duration::from_millis(100)) / 4;
    // Nothing has moved for a whole idle period: nothing is in flight worth keeping, so
    // the connection is dropped.
    match crate::workers::idle_watch::until_idle(conn, period, || activity.idle_for() >= idle).await
    {
        Some(Err(e)) => tracing::debug!(error = %e, "connection ended with an error"),
        Some(Ok(())) => {}
        None => tracing::debug!("closing idle connection"),
    }
}
