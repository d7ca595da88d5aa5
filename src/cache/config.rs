//! `[cache]` and `[site.cache]`: the sanitized-response cache's config, parsed and validated.
//!
//! Caching is off unless a site sets `enabled = true`. `[cache] max_memory` sizes the one
//! shared store at start; a reload keeps the running store's size (like the listeners).

use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::settings::units::{Dur, Size};
use crate::settings::{Errors, SiteCtx};

/// `[cache]`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawCache {
    pub(crate) max_memory: Option<Size>,
}

/// `[site.cache]`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawSiteCache {
    pub(crate) enabled: Option<bool>,
    pub(crate) max_stale: Option<Dur>,
    pub(crate) cookies: Option<Spanned<String>>,
}

/// `[cache]`, validated.
#[derive(Debug, Clone)]
pub(crate) struct CacheConfig {
    /// The store's bound: the bytes of every entry's body and head together.
    pub(crate) max_memory: u64,
}

impl Default for CacheConfig {
    fn default() -> Self {
        Self {
            max_memory: DEFAULT_MAX_MEMORY,
        }
    }
}

const DEFAULT_MAX_MEMORY: u64 = 256 * 1024 * 1024;

/// What to do with requests that carry a `Cookie` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CookiePolicy {
    /// They neither use nor fill the cache, and go to the origin with their cookies.
    #[default]
    Bypass,
    /// The `Cookie` header is removed from cacheable requests (GET and HEAD) before the
    /// lookup and before forwarding, so every visitor gets the one anonymous page. For
    /// public hosts that have no logged-in visitors.
    Strip,
}

/// `[site.cache]`, validated.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteCache {
    pub(crate) enabled: bool,
    /// How long past its freshness a page may still be served when the origin fails
    /// (`stale-if-error`) or while one request revalidates it (`stale-while-revalidate`).
    pub(crate) max_stale: Duration,
    pub(crate) cookies: CookiePolicy,
}

impl crate::settings::Config {
    /// The global `[cache]`.
    pub(crate) fn cache(&self) -> &CacheConfig {
        self.sections.get()
    }
}

impl crate::settings::Site {
    /// This site's `[site.cache]`.
    pub(crate) fn cache(&self) -> &SiteCache {
        self.sections.get()
    }
}

pub(crate) fn validate(raw: RawCache, errs: &mut Errors) -> CacheConfig {
    let _ = errs;
    CacheConfig {
        max_memory: raw.max_memory.map_or(DEFAULT_MAX_MEMORY, Size::bytes),
    }
}

pub(crate) fn validate_site(raw: RawSiteCache, _ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteCache {
    let cookies = match raw
        .cookies
        .as_ref()
        .map(|c| (c.get_ref().as_str(), c.span()))
    {
        None | Some(("bypass", _)) => CookiePolicy::Bypass,
        Some(("strip", _)) => CookiePolicy::Strip,
        Some((other, span)) => {
            errs.at(
                span,
                format!("cache.cookies {other:?} is not \"bypass\" or \"strip\""),
            );
            CookiePolicy::Bypass
        }
    };
    SiteCache {
        enabled: raw.enabled.unwrap_or(false),
        max_stale: raw.max_stale.map_or(Duration::from_secs(3600), |d| d.0),
        cookies,
    }
}
