//! `lachan scan`: the breadth-first crawl. Bounded in pages, depth, redirects per chain,
//! concurrency and overall time; the request rate is bounded by the fetcher.
//!
//! Each page is fetched twice, as a desktop browser and as Googlebot with a Google
//! referer, and both views are judged by the sanitizer in report mode (`super::analyze`).

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use tokio::task::JoinSet;

use super::analyze;
use super::fetch::{Agent, Fetcher};
use super::model::Page;
use super::page::{self, Next};
use crate::settings::Site;

/// Redirects followed in one chain before the page is recorded as a loop.
pub const MAX_REDIRECTS: u32 = 10;

/// The crawl's bounds.
#[derive(Debug, Clone)]
pub struct Bounds {
    pub max_pages: usize,
    pub max_depth: u32,
    pub concurrency: usize,
    pub max_time: Duration,
}

/// One URL waiting to be crawled.
#[derive(Debug, Clone)]
struct Item {
    url: url::Url,
    depth: u32,
    hops: u32,
}

/// What the crawl gives back: the pages, and why it stopped early (if it did).
#[derive(Debug, Default)]
pub struct Crawled {
    pub pages: Vec<Page>,
    pub stopped: Option<String>,
}

struct Ctx {
    site: Arc<Site>,
    fetcher: Fetcher,
}

/// The frontier: what is queued, and every URL ever queued.
struct Frontier {
    queue: VecDeque<Item>,
    seen: HashSet<String>,
    max_depth: u32,
}

impl Frontier {
    fn push(&mut self, mut url: url::Url, depth: u32, hops: u32) -> bool {
        url.set_fragment(None);
        if depth > self.max_depth || !self.seen.insert(url.to_string()) {
            return false;
        }
        self.queue.push_back(Item { url, depth, hops });
        true
    }

    /// Queues what `from` leads to; says whether it hit the redirect limit.
    fn follow(&mut self, from: &Item, next: Vec<Next>) -> bool {
        let mut looped = false;
        for n in next {
            if !n.redirect {
                self.push(n.url, from.depth + 1, 0);
            } else if from.hops < MAX_REDIRECTS {
                self.push(n.url, from.depth, from.hops + 1);
            } else {
                looped = true;
            }
        }
        looped
    }
}

/// Crawls from `seeds` (depth 0) within `bounds`.
pub async fn crawl(
    site: Arc<Site>,
    fetcher: Fetcher,
    seeds: Vec<url::Url>,
    bounds: &Bounds,
    progress: bool,
) -> Crawled {
    let ctx = Arc::new(Ctx { site, fetcher });
    let mut frontier = Frontier {
        queue: VecDeque::new(),
        seen: HashSet::new(),
        max_depth: bounds.max_depth,
    };
    for s in seeds {
        frontier.push(s, 0, 0);
    }
    let bar = progress_bar(progress, bounds.max_pages);
    let deadline = tokio::time::Instant::now() + bounds.max_time;
    let mut tasks = JoinSet::new();
    let (mut started, mut out) = (0usize, Crawled::default());
    loop {
        while tasks.len() < bounds.concurrency.max(1) && started < bounds.max_pages {
            let Some(item) = frontier.queue.pop_front() else {
                break;
            };
            started += 1;
            tasks.spawn(visit(ctx.clone(), item));
        }
        let joined = match tokio::time::timeout_at(deadline, tasks.join_next()).await {
            Err(_) => {
                out.stopped = Some("max_time".into());
                tasks.abort_all();
                break;
            }
            Ok(None) => break,
            Ok(Some(j)) => j,
        };
        let Ok((item, mut page, next)) = joined else {
            continue;
        };
        if frontier.follow(&item, next) {
            page.error = Some(format!("redirect limit ({MAX_REDIRECTS}) reached"));
        }
        bar.inc(1);
        bar.set_message(page.url.clone());
        out.pages.push(page);
    }
    if out.stopped.is_none() && started >= bounds.max_pages && !frontier.queue.is_empty() {
        out.stopped = Some("max_pages".into());
    }
    bar.finish_and_clear();
    out.pages
        .sort_by(|a, b| a.depth.cmp(&b.depth).then(a.url.cmp(&b.url)));
    out
}

/// Fetches and judges both views of one page.
async fn visit(ctx: Arc<Ctx>, item: Item) -> (Item, Page, Vec<Next>) {
    let path = &item.url[url::Position::BeforePath..];
    let mut views = Vec::with_capacity(2);
    for agent in [Agent::Browser, Agent::Googlebot] {
        let view = match ctx.fetcher.get(path, agent).await {
            Ok(f) => Ok(analyze::view(&ctx.site, &item.url, agent, f).await),
            Err(e) => Err(e),
        };
        views.push(view);
    }
    let googlebot = views.pop().expect("two views");
    let browser = views.pop().expect("two views");
    let (mut page, next) = page::merge(&ctx.site, &item.url, browser, googlebot);
    page.depth = item.depth;
    (item, page, next)
}

fn progress_bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} pages {wide_msg}") {
        bar.set_style(style);
    }
    bar
}
