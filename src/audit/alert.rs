//! Alerts (stage 7, audit): per-site webhooks for chosen rules and for the first sighting
//! of each foreign host.
//!
//! Security and liveness notes: [`Alerts::offer`] runs on the request path, so it only
//! takes a short lock and a `try_send` into a bounded queue; the HTTP POSTs, retries and
//! back-off happen on their own task. A full queue drops the *alert* (counted), never
//! the audit event, which the log has anyway. The set of seen hosts is bounded and kept
//! in memory: after a restart a host alerts once more.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use bytes::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::sync::mpsc;

use super::config::SiteAlerts;
use super::event::Event;
use super::rules;

const QUEUE: usize = 1024;
const MAX_SEEN_HOSTS: usize = 100_000;

/// One POST to make.
#[derive(Debug)]
struct Job {
    url: url::Url,
    body: String,
    retries: u32,
}

#[derive(Debug, Default)]
struct State {
    /// Per (site, rule): when the last alert went out, and how many were held back since.
    last: HashMap<(String, String), (Instant, u64)>,
    seen: HashSet<(String, String)>,
}

/// Alert counters, for `/healthz`-style inspection and tests.
#[derive(Debug, Default)]
pub struct AlertStats {
    pub delivered: AtomicU64,
    pub failed: AtomicU64,
    pub dropped: AtomicU64,
    pub attempts: AtomicU64,
}

#[derive(Debug, Default)]
pub struct Alerts {
    sites: ArcSwap<HashMap<String, SiteAlerts>>,
    state: Mutex<State>,
    tx: OnceLock<mpsc::Sender<Job>>,
    pub stats: Arc<AlertStats>,
}

impl Alerts {
    /// Installs the alert settings of every site (at start and on each reload).
    pub fn configure(&self, sites: HashMap<String, SiteAlerts>) {
        let any = sites.values().any(|s| s.webhook.is_some());
        self.sites.store(Arc::new(sites));
        if any && self.tx.get().is_none() && tokio::runtime::Handle::try_current().is_ok() {
            let (tx, rx) = mpsc::channel(QUEUE);
            if self.tx.set(tx).is_ok() {
                tokio::spawn(deliver(rx, self.stats.clone()));
            }
        }
    }

    /// Decides whether `e` alerts and queues the POST. Never blocks.
    pub fn offer(&self, e: &Event) {
        let sites = self.sites.load();
        let Some(cfg) = sites.get(&*e.request.site) else {
            return;
        };
        let Some(url) = cfg.webhook.clone() else {
            return;
        };
        let Some((reason, held_back)) = self.decide(cfg, e) else {
            return;
        };
        let job = Job {
            url,
            body: payload(e, reason, held_back),
            retries: cfg.retries,
        };
        let sent = self.tx.get().is_some_and(|tx| tx.try_send(job).is_ok());
        if !sent {
            self.stats.dropped.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(site = %e.request.site, rule = %e.rule, "alert queue full: alert dropped (event is logged)");
        }
    }

    /// `Some((reason, held back since the last alert))` if `e` should alert now.
    fn decide(&self, cfg: &SiteAlerts, e: &Event) -> Option<(&'static str, u64)> {
        let mut st = self.state.lock().expect("alert state poisoned");
        let site = e.request.site.to_string();
        // The rule's window is kept even when a new host alerts, so that the same rule
        // right after is still held back.
        let by_rule = cfg
            .matches(&e.rule)
            .then(|| {
                rate(
                    &mut st,
                    (site.clone(), e.rule.to_string()),
                    cfg.min_interval,
                )
            })
            .flatten();
        let new_host = cfg.new_hosts
            && st.seen.len() < MAX_SEEN_HOSTS
            && rules::foreign_host(&e.rule, e.target.as_deref())
                .is_some_and(|h| st.seen.insert((site, h)));
        match (new_host, by_rule) {
            (true, held) => Some(("new_foreign_host", held.unwrap_or(0))),
            (false, Some(held)) => Some(("rule", held)),
            (false, None) => None,
        }
    }
}

/// `Some(held back since the last alert)` if the key may alert now, else counts it.
fn rate(st: &mut State, key: (String, String), min_interval: Duration) -> Option<u64> {
    let now = Instant::now();
    match st.last.get_mut(&key) {
        Some((at, held)) if now.duration_since(*at) < min_interval => {
            *held += 1;
            None
        }
        Some((at, held)) => {
            *at = now;
            Some(std::mem::take(held))
        }
        None => {
            st.last.insert(key, (now, 0));
            Some(0)
        }
    }
}

fn payload(e: &Event, reason: &str, held_back: u64) -> String {
    serde_json::json!({
        "source": "lachan",
        "reason": reason,
        "ts": super::line::now_ts(),
        "site": &*e.request.site,
        "rule": &*e.rule,
        "action": e.action.as_str(),
        "target": e.target.as_deref().map(|t| super::line::cap(t, 2048)),
        "detail": e.detail.as_deref().map(|d| super::line::cap(d, 2048)),
        "client_ip": e.request.client_ip.to_string(),
        "request_id": &*e.request.request_id,
        "url": super::line::cap(&e.request.url, 2048),
        "held_back": held_back,
    })
    .to_string()
}

type AlertClient = Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    Full<Bytes>,
>;

fn client() -> Option<AlertClient> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .ok()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .build();
    Some(Client::builder(TokioExecutor::new()).build(https))
}

/// The delivery task: one POST at a time, each retried with exponential back-off.
async fn deliver(mut rx: mpsc::Receiver<Job>, stats: Arc<AlertStats>) {
    let Some(client) = client() else {
        tracing::error!("alerts: cannot build the HTTPS client; alerts are off");
        return;
    };
    while let Some(job) = rx.recv().await {
        let counter = match with_retries(&client, &job, &stats).await {
            Ok(()) => &stats.delivered,
            Err(_) => &stats.failed,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// One job: the POST, retried `job.retries` times with exponential back-off.
async fn with_retries(client: &AlertClient, job: &Job, stats: &AlertStats) -> Result<(), String> {
    let mut backoff = Duration::from_millis(200);
    let mut last = String::new();
    for attempt in 0..=job.retries {
        stats.attempts.fetch_add(1, Ordering::Relaxed);
        match post(client, job).await {
            Ok(()) => return Ok(()),
            Err(e) => {
                tracing::warn!(url = %job.url, attempt, error = %e, "alert delivery failed");
                last = e;
            }
        }
        if attempt < job.retries {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(30));
        }
    }
    Err(last)
}

/// Posts one alert built outside the request path (`lachan scan --alert`) and waits for
/// it: the same client, body shape, retries and back-off as the gateway's alerts.
pub async fn send_now(cfg: &SiteAlerts, body: serde_json::Value) -> Result<(), String> {
    let url = cfg
        .webhook
        .clone()
        .ok_or("the site has no [site.alerts] webhook")?;
    let client = client().ok_or("cannot build the HTTPS client")?;
    let job = Job {
        url,
        body: body.to_string(),
        retries: cfg.retries,
    };
    with_retries(&client, &job, &AlertStats::default()).await
}

async fn post(client: &AlertClient, job: &Job) -> Result<(), String> {
    let req = http::Request::post(job.url.as_str())
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::USER_AGENT, "lachan-alerts")
        .body(Full::new(Bytes::from(job.body.clone())))
        .map_err(|e| e.to_string())?;
    let resp = tokio::time::timeout(Duration::from_secs(10), client.request(req))
        .await
        .map_err(|_| "timed out".to_string())?
        .map_err(|e| e.to_string())?;
    if resp.status().is_success() {
        Ok(())
    } else {
        Err(format!("status {}", resp.status()))
    }
}
