//! The cluster's link task: connect, subscribe, resync, then serve until the link fails;
//! back off and do it again. It is the only code that talks to Redis outside the rate
//! check.
//!
//! Order on every (re)connect matters: subscribe first (so no change published during the
//! resync is missed), then send the changes queued while away (so our own bans are in
//! Redis before we compare), then read every ban in Redis and make the local copy match.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client};
use tokio_util::sync::CancellationToken;

use super::State;
use super::wire::{self, Change};
use crate::guard::shared::BanBoard;

/// Connecting and the full resync are off the request path and may take longer than one
/// call's `timeout` (TLS handshakes, thousands of bans).
const SLOW_CALL: Duration = Duration::from_secs(2);
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(5);

type Result<T> = std::result::Result<T, String>;

pub(super) async fn run(
    client: Client,
    state: Arc<State>,
    board: BanBoard,
    stop: CancellationToken,
) {
    let mut backoff = BACKOFF_MIN;
    while board.alive() && !stop.is_cancelled() {
        let began = Instant::now();
        let ended = tokio::select! {
            () = stop.cancelled() => break,
            r = session(&client, &state, &board) => r,
        };
        if let Err(why) = ended {
            state.down(&why);
        }
        if began.elapsed() > BACKOFF_MAX {
            backoff = BACKOFF_MIN;
        }
        tokio::select! {
            () = stop.cancelled() => break,
            () = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(BACKOFF_MAX);
    }
    leave(&state).await;
}

/// Says goodbye, so that the others' fallback share grows at once (best effort).
async fn leave(state: &State) {
    let Some(conn) = state.conn.load_full() else {
        return;
    };
    let mut conn = (*conn).clone();
    let mut zrem = redis::cmd("ZREM");
    zrem.arg(state.keys.instances()).arg(&state.cfg.instance);
    let _ = tokio::time::timeout(state.cfg.timeout, zrem.exec_async(&mut conn)).await;
    state.conn.store(None);
}

async fn timed<T>(
    limit: Duration,
    what: &str,
    f: impl Future<Output = redis::RedisResult<T>>,
) -> Result<T> {
    match tokio::time::timeout(limit, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(format!("{what}: {e}")),
        Err(_) => Err(format!("{what}: timed out")),
    }
}

/// One connection's life; returns why it ended.
async fn session(client: &Client, state: &State, board: &BanBoard) -> Result<()> {
    let cfg = AsyncConnectionConfig::new()
        .set_connection_timeout(Some(SLOW_CALL))
        .set_response_timeout(Some(state.cfg.timeout));
    let mut conn = timed(
        SLOW_CALL,
        "connect",
        client.get_multiplexed_async_connection_with_config(&cfg),
    )
    .await?;
    let mut pubsub = timed(SLOW_CALL, "subscribe", client.get_async_pubsub()).await?;
    timed(
        SLOW_CALL,
        "subscribe",
        pubsub.subscribe(state.keys.channel()),
    )
    .await?;
    let mut changes = pubsub.into_on_message();
    let resync_from = board.now().unwrap_or_default();
    state
        .kicked
        .store(false, std::sync::atomic::Ordering::Release);
    send_outbox(state, &mut conn).await?;
    resync(state, board, &mut conn, resync_from).await?;
    heartbeat(state, &mut conn).await?;
    state.set_up(conn.clone());
    let mut beat = tokio::time::interval(state.cfg.heartbeat);
    beat.tick().await;
    loop {
        tokio::select! {
            msg = changes.next() => match msg {
                Some(msg) => apply(state, board, msg.get_payload_bytes()),
                None => return Err("subscription closed".into()),
            },
            _ = beat.tick() => heartbeat(state, &mut conn).await?,
            () = state.wake.notified() => send_outbox(state, &mut conn).await?,
            () = state.kick.notified() => {
                if state.kicked.swap(false, std::sync::atomic::Ordering::AcqRel) {
                    return Err("a call from the request path failed".into());
                }
            }
        }
        if !board.alive() {
            return Ok(());
        }
    }
}

/// A change published by another instance.
fn apply(state: &State, board: &BanBoard, payload: &[u8]) {
    let Some(change) = std::str::from_utf8(payload).ok().and_then(Change::decode) else {
        return;
    };
    if change.origin() == state.cfg.instance {
        return;
    }
    state.metrics.bans_received.inc();
    match change {
        Change::Ban {
            ip, left, offences, ..
        } => board.impose(ip, left, offences),
        Change::Lift { ip, .. } => board.lift(ip),
    }
}

/// Sends queued ban changes, oldest first; a change leaves the queue only once sent.
async fn send_outbox(state: &State, conn: &mut MultiplexedConnection) -> Result<()> {
    loop {
        let Some((at, change)) = state
            .outbox
            .lock()
            .expect("outbox poisoned")
            .front()
            .cloned()
        else {
            return Ok(());
        };
        if let Some(pipe) = ban_pipeline(state, at, &change) {
            timed(state.cfg.timeout, "send ban", pipe.exec_async(conn)).await?;
        }
        state.outbox.lock().expect("outbox poisoned").pop_front();
    }
}

/// `SET … PX` (or `DEL`) and `PUBLISH`, in one transaction; `None` for a ban that has
/// run out while it waited.
fn ban_pipeline(state: &State, at: Instant, change: &Change) -> Option<redis::Pipeline> {
    let mut pipe = redis::pipe();
    pipe.atomic();
    let change = match change {
        Change::Ban {
            ip,
            left,
            offences,
            origin,
        } => {
            let left = left.checked_sub(at.elapsed()).filter(|l| !l.is_zero())?;
            let ms = u64::try_from(left.as_millis()).unwrap_or(u64::MAX).max(1);
            pipe.cmd("SET")
                .arg(state.keys.ban(*ip))
                .arg(format!("{offences}|{origin}"))
                .arg("PX")
                .arg(ms)
                .ignore();
            Change::Ban {
                ip: *ip,
                left,
                offences: *offences,
                origin: origin.clone(),
            }
        }
        Change::Lift { ip, .. } => {
            pipe.cmd("DEL").arg(state.keys.ban(*ip)).ignore();
            change.clone()
        }
    };
    pipe.cmd("PUBLISH")
        .arg(state.keys.channel())
        .arg(change.encode())
        .ignore();
    Some(pipe)
}

/// Makes the local ban table match Redis. Every ban in Redis is imposed here. For a local
/// ban that Redis does not have, it depends on whether Redis kept its data since the last
/// sync (same epoch): then the ban was lifted or expired elsewhere and is lifted here;
/// otherwise (Redis restarted empty, or our first sync) it is sent to Redis, so that a
/// Redis that lost its data never lifts the cluster's bans (fail closed).
async fn resync(
    state: &State,
    board: &BanBoard,
    conn: &mut MultiplexedConnection,
    from: Duration,
) -> Result<()> {
    let dump = redis::Script::new(wire::DUMP_BANS);
    let mut call = dump.prepare_invoke();
    call.arg(state.keys.ban_pattern());
    let flat: Vec<String> = timed(SLOW_CALL, "resync", call.invoke_async(conn)).await?;
    let mut present: HashSet<IpAddr> = HashSet::new();
    for triple in flat.chunks_exact(3) {
        let Some(ip) = state.keys.ip_of_ban(&triple[0]) else {
            continue;
        };
        let left = Duration::from_millis(triple[1].parse().unwrap_or(0));
        let offences = triple[2]
            .split('|')
            .next()
            .and_then(|o| o.parse().ok())
            .unwrap_or(1);
        board.impose(ip, left, offences);
        present.insert(ip);
    }
    let fresh = format!(
        "{}-{}-{:?}",
        state.cfg.instance,
        std::process::id(),
        Instant::now()
    );
    let script = redis::Script::new(wire::EPOCH);
    let mut call = script.prepare_invoke();
    call.key(state.keys.epoch()).arg(fresh);
    let epoch: String = timed(SLOW_CALL, "resync", call.invoke_async(conn)).await?;
    let known = state
        .epoch
        .lock()
        .expect("epoch poisoned")
        .replace(epoch.clone());
    if known.as_deref() == Some(epoch.as_str()) {
        let lifted = board.keep_only(&|ip| present.contains(&ip), from);
        tracing::debug!(bans = present.len(), lifted, "cluster: bans resynced");
        return Ok(());
    }
    let ours: Vec<_> = board
        .active()
        .into_iter()
        .filter(|b| !present.contains(&b.0))
        .collect();
    tracing::info!(
        bans = present.len(),
        pushed = ours.len(),
        "cluster: new Redis data set; local bans sent"
    );
    for (ip, left, offences) in ours {
        state.queue(Change::Ban {
            ip,
            left,
            offences,
            origin: state.cfg.instance.clone(),
        });
    }
    send_outbox(state, conn).await
}

async fn heartbeat(state: &State, conn: &mut MultiplexedConnection) -> Result<()> {
    let live_ms = u64::try_from((state.cfg.heartbeat * 3).as_millis()).unwrap_or(u64::MAX);
    let script = redis::Script::new(wire::HEARTBEAT);
    let mut call = script.prepare_invoke();
    call.key(state.keys.instances())
        .arg(&state.cfg.instance)
        .arg(live_ms);
    let n: u32 = timed(state.cfg.timeout, "heartbeat", call.invoke_async(conn)).await?;
    state.set_instances(n);
    Ok(())
}
