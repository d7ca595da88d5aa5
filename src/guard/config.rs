//! Guard config: the global `[guard]` table and each `[site.guard]`, parsed then validated.
//!
//! Every value that can be wrong is kept `Spanned` so that `lachan check` points at it.
//! Rates are typed (`"10/s"`, `"5/m"`, `"100/h"`), never bare numbers.

use std::time::Duration;

use http::{Method, StatusCode};
use ipnet::IpNet;
use serde::Deserialize;
use toml::Spanned;

use super::custom::{self, CustomRule, RawCustom};
use super::limits::{Rate, RateRule};
use crate::settings::units::{Dur, Size};
use crate::settings::{Errors, Mode, SiteCtx, cidrs};

/// `[guard]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawGuard {
    allow: Vec<Spanned<String>>,
    deny: Vec<Spanned<String>>,
    limit: Option<RawRate>,
    ban: RawBan,
}

/// `{ rate = "10/s", burst = 20 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRate {
    rate: Spanned<String>,
    burst: Option<Spanned<u32>>,
    /// Only in `[[site.guard.limits]]`: the path prefix the rule applies to.
    path: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawBan {
    enabled: Option<bool>,
    after: Option<Spanned<u32>>,
    window: Option<Dur>,
    duration: Option<Dur>,
    max: Option<Dur>,
    forget: Option<Dur>,
}

/// The validated `[guard]`.
#[derive(Debug, Clone)]
pub(crate) struct GuardConfig {
    /// Never limited, never banned.
    pub(crate) allow: Vec<IpNet>,
    pub(crate) deny: Vec<IpNet>,
    /// The default per-client limit, across all sites.
    pub(crate) limit: Option<RateRule>,
    pub(crate) ban: BanPolicy,
}

impl Default for GuardConfig {
    fn default() -> Self {
        let mut errs = Errors::new(std::path::Path::new(""), "");
        validate(RawGuard::default(), &mut errs)
    }
}

/// fail2ban-like escalation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BanPolicy {
    pub(crate) enabled: bool,
    /// Refusals within `window` that earn a ban.
    pub(crate) after: u32,
    pub(crate) window: Duration,
    /// The first ban's length; each repeat offence doubles it, up to `max`.
    pub(crate) duration: Duration,
    pub(crate) max: Duration,
    /// A client with no offence for this long starts again from `duration`.
    pub(crate) forget: Duration,
}

impl crate::settings::Config {
    /// The global `[guard]`.
    pub(crate) fn guard(&self) -> &GuardConfig {
        self.sections.get()
    }
}

pub(crate) fn validate(raw: RawGuard, errs: &mut Errors) -> GuardConfig {
    let limit = match &raw.limit {
        Some(r) => rate_rule(r, "global".into(), errs),
        None => Some(RateRule::new(
            "global".into(),
            Rate::per(30, Duration::from_secs(1)),
            120,
        )),
    };
    let b = raw.ban;
    let after = b.after.map_or(20, |a| {
        if *a.get_ref() == 0 {
            errs.at(a.span(), "ban.after must be at least 1");
        }
        *a.get_ref()
    });
    GuardConfig {
        allow: cidrs(&raw.allow, errs),
        deny: cidrs(&raw.deny, errs),
        limit,
        ban: BanPolicy {
            enabled: b.enabled.unwrap_or(true),
            after: after.max(1),
            window: b.window.map_or(Duration::from_secs(60), |d| d.0),
            duration: b.duration.map_or(Duration::from_secs(600), |d| d.0),
            max: b.max.map_or(Duration::from_secs(86_400), |d| d.0),
            forget: b.forget.map_or(Duration::from_secs(7 * 86_400), |d| d.0),
        },
    }
}

fn rate_rule(raw: &RawRate, id: String, errs: &mut Errors) -> Option<RateRule> {
    let rate = raw
        .rate
        .get_ref()
        .parse::<Rate>()
        .map_err(|e| errs.at(raw.rate.span(), e))
        .ok()?;
    let burst = match &raw.burst {
        Some(b) if *b.get_ref() == 0 => {
            errs.at(b.span(), "burst must be at least 1");
            return None;
        }
        Some(b) => *b.get_ref(),
        None => rate.count(),
    };
    Some(RateRule::new(id, rate, burst))
}

/// `[site.guard]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawSiteGuard {
    allow: Vec<Spanned<String>>,
    deny: Vec<Spanned<String>>,
    limit: Option<RawRate>,
    limits: Option<Vec<RawRate>>,
    protected: Option<RawProtected>,
    rules: RawRules,
    custom: Vec<RawCustom>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawProtected {
    paths: Option<Vec<Spanned<String>>>,
    allow: Vec<Spanned<String>>,
    status: Option<Spanned<u16>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawRules {
    disable: Vec<Spanned<String>>,
    log: Vec<Spanned<String>>,
    methods: Option<Vec<Spanned<String>>>,
    max_query: Option<Size>,
}

/// The validated `[site.guard]`.
#[derive(Debug, Default)]
pub(crate) struct SiteGuard {
    pub(crate) mode: Mode,
    pub(crate) allow: Vec<IpNet>,
    pub(crate) deny: Vec<IpNet>,
    /// Per client, for this site.
    pub(crate) limit: Option<RateRule>,
    /// Per client and path prefix (lower-case), checked in order; the first match applies.
    pub(crate) limits: Vec<(String, RateRule)>,
    pub(crate) protected: Option<Protected>,
    pub(crate) rules: RuleSwitches,
    pub(crate) custom: Vec<CustomRule>,
}

/// Admin areas reachable only from `allow`.
#[derive(Debug, Clone)]
pub(crate) struct Protected {
    pub(crate) paths: Vec<String>,
    pub(crate) allow: Vec<IpNet>,
    pub(crate) status: StatusCode,
}

/// Which built-in rules run, and how.
#[derive(Debug, Clone)]
pub(crate) struct RuleSwitches {
    /// Rule ids or set names that do not run.
    pub(crate) disable: Vec<String>,
    /// Rule ids or set names that only log.
    pub(crate) log: Vec<String>,
    pub(crate) limits: super::rules::Limits,
}

impl RuleSwitches {
    /// Whether rule `id` (of set `set`) is switched off.
    pub(crate) fn disabled(&self, id: &str, set: &str) -> bool {
        self.disable.iter().any(|n| n == id || n == set)
    }

    /// Whether rule `id` (of set `set`) only logs.
    pub(crate) fn logs(&self, id: &str, set: &str) -> bool {
        self.log.iter().any(|n| n == id || n == set)
    }
}

impl Default for RuleSwitches {
    fn default() -> Self {
        Self {
            disable: Vec::new(),
            log: Vec::new(),
            limits: super::rules::Limits {
                methods: default_methods(),
                max_query: 2048,
            },
        }
    }
}

fn default_methods() -> Vec<Method> {
    ["GET", "HEAD", "POST", "OPTIONS"]
        .iter()
        .map(|m| m.parse().expect("static method"))
        .collect()
}

pub(crate) const DEFAULT_PROTECTED: &[&str] = &[
    "/wp-admin/",
    "/wp-login.php",
    "/administrator/",
    "/user/login",
];
const DEFAULT_LOGIN_PATHS: &[&str] = &[
    "/wp-login.php",
    "/xmlrpc.php",
    "/administrator/",
    "/user/login",
];

impl crate::settings::Site {
    /// This site's `[site.guard]`.
    pub(crate) fn guard(&self) -> &SiteGuard {
        self.sections.get()
    }
}

pub(crate) fn validate_site(raw: RawSiteGuard, ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteGuard {
    let name = ctx.name;
    let limits = match &raw.limits {
        Some(list) => path_limits(list, name, errs),
        None => DEFAULT_LOGIN_PATHS
            .iter()
            .map(|p| {
                let id = format!("{name}:{p}");
                let rule = RateRule::new(id, Rate::per(20, Duration::from_secs(60)), 10);
                (p.to_string(), rule)
            })
            .collect(),
    };
    SiteGuard {
        mode: ctx.mode,
        allow: cidrs(&raw.allow, errs),
        deny: cidrs(&raw.deny, errs),
        limit: raw
            .limit
            .as_ref()
            .and_then(|r| rate_rule(r, format!("{name}:*"), errs)),
        limits,
        protected: raw.protected.map(|p| protected(p, errs)),
        rules: switches(raw.rules, errs),
        custom: raw
            .custom
            .into_iter()
            .filter_map(|c| custom::validate(c, errs))
            .collect(),
    }
}

fn path_limits(list: &[RawRate], site: &str, errs: &mut Errors) -> Vec<(String, RateRule)> {
    let mut out = Vec::new();
    for r in list {
        let Some(path) = &r.path else {
            errs.at(
                r.rate.span(),
                "a [[site.guard.limits]] entry needs a `path`",
            );
            continue;
        };
        let p = path.get_ref().to_lowercase();
        if !p.starts_with('/') {
            errs.at(path.span(), "a limit path must start with `/`");
        }
        if let Some(rule) = rate_rule(r, format!("{site}:{p}"), errs) {
            out.push((p, rule));
        }
    }
    out
}

fn protected(raw: RawProtected, errs: &mut Errors) -> Protected {
    let paths = match raw.paths {
        Some(list) => list
            .iter()
            .map(|p| {
                if !p.get_ref().starts_with('/') {
                    errs.at(p.span(), "a protected path must start with `/`");
                }
                p.get_ref().to_lowercase()
            })
            .collect(),
        None => DEFAULT_PROTECTED.iter().map(|p| p.to_string()).collect(),
    };
    let status = match raw.status {
        None => StatusCode::FORBIDDEN,
        Some(s) if matches!(*s.get_ref(), 403 | 404) => {
            StatusCode::from_u16(*s.get_ref()).expect("403 or 404")
        }
        Some(s) => {
            errs.at(s.span(), "protected.status must be 403 or 404");
            StatusCode::FORBIDDEN
        }
    };
    Protected {
        paths,
        allow: cidrs(&raw.allow, errs),
        status,
    }
}

fn switches(raw: RawRules, errs: &mut Errors) -> RuleSwitches {
    let mut names = |list: &[Spanned<String>]| -> Vec<String> {
        list.iter()
            .map(|n| {
                if !super::rules::known(n.get_ref()) {
                    errs.at(
                        n.span(),
                        format!("unknown rule or rule set {:?}", n.get_ref()),
                    );
                }
                n.get_ref().clone()
            })
            .collect()
    };
    let disable = names(&raw.disable);
    let log = names(&raw.log);
    let methods = match raw.methods {
        None => default_methods(),
        Some(list) => list
            .iter()
            .filter_map(|m| {
                Method::from_bytes(m.get_ref().to_ascii_uppercase().as_bytes())
                    .map_err(|_| errs.at(m.span(), format!("invalid method {:?}", m.get_ref())))
                    .ok()
            })
            .collect(),
    };
    let max_query = raw.max_query.map_or(2048, Size::as_usize);
    RuleSwitches {
        disable,
        log,
        limits: super::rules::Limits { methods, max_query },
    }
}
