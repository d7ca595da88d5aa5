//! Worker threads: one single-threaded tokio runtime per core, each accepting on its own
//! copy of every listener (thread per core, as nginx runs one process per core).
//!
//! Why: with one work-stealing runtime, a request's tasks (client connection, upstream
//! connection, body) wake each other across threads, and on a small machine the context
//! switches cost more than the proxying. Measured with `benches/proxy_load.sh`: one
//! current-thread runtime spent about a quarter less CPU per request than the multi-thread
//! runtime. A connection and everything it does stay on the worker that accepted it.
//!
//! A leaf: the accept loops (`server`) spawn the workers, and the upstream pools pick the
//! calling worker's pool; [`idle_watch`] drives both kinds of connection.

pub(crate) mod idle_watch;

use std::cell::Cell;
use std::sync::OnceLock;

thread_local! {
    static CURRENT: Cell<usize> = const { Cell::new(0) };
}

static COUNT: OnceLock<usize> = OnceLock::new();

/// How many workers serve connections: `LACHAN_WORKERS` if set, else one per core.
pub(crate) fn count() -> usize {
    *COUNT.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::env::var("LACHAN_WORKERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&n| n > 0)
            .unwrap_or(cores)
    })
}

/// The index of the worker running the calling thread (0 outside the workers).
pub(crate) fn current() -> usize {
    CURRENT.with(Cell::get)
}

/// Starts worker `index` on a new thread: a current-thread runtime that runs `work` to its
/// end, with [`current`] returning `index` there.
pub(crate) fn spawn<F, Fut>(index: usize, work: F) -> std::io::Result<std::thread::JoinHandle<()>>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name(format!("lachan-w{index}"))
        .spawn(move || {
            CURRENT.with(|c| c.set(index));
            runtime.block_on(work());
        })
}
