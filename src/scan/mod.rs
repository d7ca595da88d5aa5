//! `lachan scan`: the link review. Crawls one site's origin (or a running lachan) and
//! inventories every outbound URL with its carrier, whether it is hidden or spam, and
//! what lachan's policy would do with it; gives each foreign host one verdict; proposes an
//! `allow` list; and compares with an earlier scan. `docs/scan.md` is the user's page.
//!
//! Not a stage of the request path: it is a client of the upstream pool
//! (`upstream::client`, `upstream::pool`, the same TLS settings) and of the sanitizer, which it
//! runs in report mode (`analyze`) so that scan and proxy never disagree. It may read the
//! config and call `proxy` and `sanitize`; nothing on the request path calls it.
//!
//! Security notes:
//! - A scan must never flood a fragile CMS: requests are paced by a rate limiter (burst 1)
//!   and bounded in concurrency, pages, depth, bytes per page, redirects and time.
//! - Everything in the report comes from a possibly compromised site: the HTML and CSV
//!   writers escape it, and the TOML proposal is written with quoted strings only.

pub mod analyze;
pub mod baseline;
pub mod crawl;
pub mod extract;
pub mod fetch;
pub mod hosts;
pub mod html;
pub mod model;
pub mod notify;
pub mod output;
pub mod page;
pub mod seeds;
pub mod tokens;

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use crate::settings::{Config, Mode, Upstream};

pub use model::Report;

/// What `lachan scan` was asked to do (besides the outputs, which the CLI writes).
#[derive(Debug, Clone)]
pub struct Options {
    pub site: String,
    /// Extra start paths (`/tin-tuc/`).
    pub seeds: Vec<String>,
    pub bounds: crawl::Bounds,
    /// Requests per second to the origin.
    pub rate: NonZeroU32,
    /// One fetch's deadline, head and body.
    pub page_timeout: Duration,
    pub max_bytes: usize,
    /// Crawl through the first `listen` address of a running lachan.
    pub via_gateway: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// Why a scan could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("no site named {0:?} in the config")]
    NoSite(String),
    #[error("--via-gateway needs a plain-HTTP `listen` address in [server]")]
    NoListener,
    #[error("the site is shared and cannot be put in report mode")]
    Shared,
    #[error(transparent)]
    Client(#[from] crate::upstream::client::ClientError),
    #[error(transparent)]
    Fetch(#[from] fetch::FetchError),
}

/// Runs the scan of `opts.site` in `config`.
pub async fn scan(mut config: Config, opts: &Options) -> Result<Report, ScanError> {
    let started = crate::audit::line::now_ts();
    let listen = config.server.listen.first().copied();
    let index = config
        .sites
        .iter()
        .position(|s| s.name == opts.site)
        .ok_or_else(|| ScanError::NoSite(opts.site.clone()))?;
    let site = Arc::get_mut(&mut config.sites[index]).ok_or(ScanError::Shared)?;
    // Report mode: the sanitizer then says what it would do and changes nothing.
    site.mode = Mode::Report;
    if opts.via_gateway {
        let addr = listen.ok_or(ScanError::NoListener)?;
        site.upstream = gateway_upstream(addr);
    }
    let target = site.upstream.authority.to_string();
    let site = Arc::clone(&config.sites[index]);
    let upstreams = crate::upstream::client::Upstreams::build(&config)?;
    let pool = upstreams
        .get(&site.name)
        .cloned()
        .ok_or_else(|| ScanError::NoSite(opts.site.clone()))?;
    let fetcher = fetch::Fetcher::new(
        pool,
        site.clone(),
        opts.page_timeout,
        opts.max_bytes,
        opts.rate,
    )?;
    let base = base_url(&site);
    let own = |u: &url::Url| u.host_str().is_some_and(|h| page::is_own(&site, h));
    let mut start = vec![base.clone()];
    start.extend(opts.seeds.iter().filter_map(|s| base.join(s).ok()));
    start.extend(seeds::discover(&fetcher, &base, own).await);
    let crawled = crawl::crawl(site.clone(), fetcher, start, &opts.bounds, opts.progress).await;
    let mut pages = crawled.pages;
    let hosts = hosts::judge(&site, &mut pages);
    let tag_ids = pages.iter().flat_map(|p| p.tag_ids.clone()).collect();
    let verification = tokens::collect(&pages);
    Ok(Report {
        site: site.name.clone(),
        started,
        finished: crate::audit::line::now_ts(),
        via: if opts.via_gateway {
            "gateway"
        } else {
            "direct"
        }
        .into(),
        target,
        stopped: crawled.stopped,
        proposed_allow: hosts::proposed(&hosts),
        pages,
        hosts,
        tag_ids,
        verification,
    })
}

/// The public base URL of the site: its first host, over HTTPS when it serves TLS.
fn base_url(site: &crate::settings::Site) -> url::Url {
    let scheme = if site.tls().is_some() {
        "https"
    } else {
        "http"
    };
    let host = site.hosts.first().map_or("localhost", String::as_str);
    url::Url::parse(&format!("{scheme}://{host}/"))
        .unwrap_or_else(|_| url::Url::parse("http://localhost/").expect("static URL"))
}

fn gateway_upstream(addr: std::net::SocketAddr) -> Upstream {
    Upstream {
        scheme: http::uri::Scheme::HTTP,
        authority: addr
            .to_string()
            .parse()
            .expect("a socket address is an authority"),
    }
}
