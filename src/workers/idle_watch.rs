//! Stages 1 and 4: runs a connection's future until it ends or an idle check on a timer says
//! to drop it (client connections, `server::idle`; upstream connections, `upstream::pool`).
//!
//! Why not `tokio::select!` over the future and an `Interval`: `select!` polls the interval
//! on every wake of the task, that is several times per request, and each poll re-registers
//! the timer (about 350 instructions). Here the timer gets a waker of its own that raises a
//! flag, and the interval is polled only after it has fired.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use futures_util::task::AtomicWaker;
use tokio::time::{Instant, Interval};

/// The shared "last activity" clock of one connection.
#[derive(Debug, Clone)]
pub(crate) struct Activity {
    start: Instant,
    last_ms: Arc<AtomicU64>,
}

impl Activity {
    pub(crate) fn new() -> Self {
        Self {
            start: Instant::now(),
            last_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Something moved now.
    pub(crate) fn touch(&self) {
        let ms = self.start.elapsed().as_millis() as u64;
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    /// How long the connection has been quiet.
    pub(crate) fn idle_for(&self) -> Duration {
        let now = self.start.elapsed().as_millis() as u64;
        Duration::from_millis(now.saturating_sub(self.last_ms.load(Ordering::Relaxed)))
    }
}

impl Default for Activity {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `fut` to its end (`Some(output)`), or until `idle()` is true at one of the ticks
/// every `period` (`None`; `fut` is dropped then).
pub(crate) async fn until_idle<F: Future>(
    fut: F,
    period: Duration,
    idle: impl Fn() -> bool + Unpin,
) -> Option<F::Output> {
    let flag = Arc::new(TimerFlag::default());
    let watch = Watch {
        fut: Box::pin(fut),
        ticker: tokio::time::interval(period),
        timer_waker: Waker::from(flag.clone()),
        flag,
        idle,
    };
    watch.await
}

/// Raised by the timer; wakes the task that runs the watch.
#[derive(Debug)]
struct TimerFlag {
    fired: AtomicBool,
    task: AtomicWaker,
}

impl Default for TimerFlag {
    fn default() -> Self {
        Self {
            // The interval has never been polled: poll it on the first poll.
            fired: AtomicBool::new(true),
            task: AtomicWaker::new(),
        }
    }
}

impl Wake for TimerFlag {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.fired.store(true, Ordering::Release);
        self.task.wake();
    }
}

struct Watch<F: Future, I> {
    fut: Pin<Box<F>>,
    ticker: Interval,
    timer_waker: Waker,
    flag: Arc<TimerFlag>,
    idle: I,
}

impl<F: Future, I: Fn() -> bool + Unpin> Future for Watch<F, I> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.flag.task.register(cx.waker());
        if let Poll::Ready(out) = self.fut.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        if !self.flag.fired.swap(false, Ordering::AcqRel) {
            return Poll::Pending;
        }
        let this = &mut *self;
        let mut timer_cx = Context::from_waker(&this.timer_waker);
        // Each ready tick is checked; polling again arms the timer for the next one.
        while this.ticker.poll_tick(&mut timer_cx).is_ready() {
            if (this.idle)() {
                return Poll::Ready(None);
            }
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[tokio::test(start_paused = true)]
    async fn a_finished_future_wins() {
        let out = until_idle(async { 7 }, Duration::from_secs(1), || true).await;
        assert_eq!(out, Some(7));
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_future_is_dropped_at_the_first_idle_tick() {
        let checks = AtomicUsize::new(0);
        // Idle from the third check on: the first tick is immediate, then one per second.
        let idle = || checks.fetch_add(1, Ordering::Relaxed) >= 2;
        let started = tokio::time::Instant::now();
        let out = until_idle(std::future::pending::<()>(), Duration::from_secs(1), idle).await;
        assert_eq!(out, None);
        assert_eq!(checks.load(Ordering::Relaxed), 3);
        assert_eq!(started.elapsed(), Duration::from_secs(2));
    }
}
