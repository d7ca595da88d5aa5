//! Audit config: the global `[audit]` table, each `[site.alerts]` and each `[site.csp]`.
//!
//! Every size and duration is typed (`"64MiB"`, `"100ms"`); counts are plain integers.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::settings::SiteCtx;
use crate::settings::units::{Dur, Size};
use crate::settings::{Errors, Mode};

/// `[audit]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawAudit {
    pub dir: Option<String>,
    pub fsync: Option<Spanned<String>>,
    pub fsync_interval: Option<Dur>,
    pub rotate_size: Option<Size>,
    pub rotate_daily: Option<bool>,
    pub retain_files: Option<u32>,
    pub retain_age: Option<Dur>,
    pub queue: Option<Spanned<u32>>,
    pub on_error: Option<Spanned<String>>,
    pub max_field: Option<Size>,
    pub ship: Option<super::ship::config::RawShip>,
}

/// When the writer calls `fsync`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fsync {
    /// After every line: slowest, loses nothing on power loss.
    Every,
    /// At most every `fsync_interval` (default 100 ms): loses at most that window on power loss.
    Batch(Duration),
    /// Never: the OS decides. A process crash still loses nothing already written.
    None,
}

/// What the gateway does while the audit log cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Keep serving; the failure shows in `/healthz` and `lachan_audit_write_errors`.
    #[default]
    KeepServing,
    /// Answer 503 to every proxied request until a write succeeds again.
    FailClosed,
}

#[derive(Debug, Clone)]
pub struct AuditConfig {
    /// Where the chained JSON-lines files go; a relative `dir` is taken from the config
    /// file's folder.
    pub dir: PathBuf,
    pub fsync: Fsync,
    /// Start a new file when the current one would pass this size.
    pub rotate_size: u64,
    /// Start a new file when the UTC day changes.
    pub rotate_daily: bool,
    /// Keep at most this many files (oldest deleted first).
    pub retain_files: Option<usize>,
    /// Delete files last written longer ago than this.
    pub retain_age: Option<Duration>,
    /// Capacity of the channel to the writer (events); beyond it events are coalesced.
    pub queue: usize,
    pub on_error: OnError,
    /// Client-controlled strings (URL, target, detail) are cut to this many bytes.
    pub max_field: usize,
    /// `[audit.ship]`: events shipped from the files to a SIEM.
    pub ship: Option<super::ship::config::ShipConfig>,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("logs"),
            fsync: Fsync::Batch(Duration::from_millis(100)),
            rotate_size: 64 * 1024 * 1024,
            rotate_daily: true,
            retain_files: None,
            retain_age: None,
            queue: 65_536,
            on_error: OnError::KeepServing,
            max_field: 2048,
            ship: None,
        }
    }
}

impl crate::settings::Config {
    /// The global `[audit]`.
    pub fn audit(&self) -> &AuditConfig {
        self.sections.get()
    }

    /// The global `[audit]`, to change before the config goes live.
    pub fn audit_mut(&mut self) -> &mut AuditConfig {
        self.sections.get_mut()
    }
}

pub fn validate(raw: RawAudit, errs: &mut Errors) -> AuditConfig {
    let d = AuditConfig::default();
    let interval = raw
        .fsync_interval
        .map_or(Duration::from_millis(100), |i| i.0);
    let fsync = match choice(&raw.fsync, &["batch", "every", "none"], "audit.fsync", errs) {
        Some("every") => Fsync::Every,
        Some("none") => Fsync::None,
        _ => Fsync::Batch(interval),
    };
    let on_error = match choice(
        &raw.on_error,
        &["keep_serving", "fail_closed"],
        "audit.on_error",
        errs,
    ) {
        Some("fail_closed") => OnError::FailClosed,
        _ => OnError::KeepServing,
    };
    let queue = match raw.queue {
        Some(q) if *q.get_ref() < 16 => {
            errs.at(q.span(), "audit.queue must be at least 16");
            d.queue
        }
        Some(q) => *q.get_ref() as usize,
        None => d.queue,
    };
    AuditConfig {
        dir: errs.resolve(raw.dir.as_deref().unwrap_or("logs")),
        fsync,
        rotate_size: raw
            .rotate_size
            .map_or(d.rotate_size, |s| s.bytes().max(4096)),
        rotate_daily: raw.rotate_daily.unwrap_or(true),
        retain_files: raw.retain_files.map(|n| (n as usize).max(1)),
        retain_age: raw.retain_age.map(|a| a.0),
        queue,
        on_error,
        max_field: raw
            .max_field
            .map_or(d.max_field, |s| s.as_usize().clamp(64, 65_536)),
        ship: super::ship::config::validate(raw.ship, errs),
    }
}

/// One of `allowed`, or an error at the value; `None` when absent or invalid.
fn choice<'a>(
    raw: &Option<Spanned<String>>,
    allowed: &[&'a str],
    key: &str,
    errs: &mut Errors,
) -> Option<&'a str> {
    let v = raw.as_ref()?;
    let found = allowed
        .iter()
        .find(|a| **a == v.get_ref().as_str())
        .copied();
    if found.is_none() {
        let list: Vec<String> = allowed.iter().map(|a| format!("{a:?}")).collect();
        errs.at(
            v.span(),
            format!("{key} must be one of {}", list.join(", ")),
        );
    }
    found
}

/// `[site.alerts]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteAlerts {
    pub webhook: Option<Spanned<String>>,
    pub rules: Vec<String>,
    pub min_interval: Option<Dur>,
    pub retries: Option<u32>,
    pub new_hosts: Option<bool>,
}

#[derive(Debug, Default, Clone)]
pub struct SiteAlerts {
    /// Where alerts are POSTed; `None` turns alerts off for the site.
    pub webhook: Option<url::Url>,
    /// Rule ids that alert; `prefix.*` matches a family.
    pub rules: Vec<String>,
    /// At most one alert per rule in this window; the others are counted in the next.
    pub min_interval: Duration,
    pub retries: u32,
    /// The first sighting of a foreign host always alerts.
    pub new_hosts: bool,
}

impl SiteAlerts {
    pub fn matches(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| match r.strip_suffix(".*") {
            Some(prefix) => rule
                .strip_prefix(prefix)
                .is_some_and(|s| s.starts_with('.')),
            None => r == rule,
        })
    }
}

impl crate::settings::Site {
    /// This site's `[site.alerts]`.
    pub fn alerts(&self) -> &SiteAlerts {
        self.sections.get()
    }

    /// This site's `[site.csp]`.
    pub fn csp(&self) -> &SiteCsp {
        self.sections.get()
    }
}

pub fn validate_site(raw: RawSiteAlerts, _ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteAlerts {
    let webhook = raw
        .webhook
        .as_ref()
        .and_then(|w| match url::Url::parse(w.get_ref()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Some(u),
            _ => {
                errs.at(
                    w.span(),
                    "alerts.webhook must be an http:// or https:// URL",
                );
                None
            }
        });
    SiteAlerts {
        webhook,
        rules: raw.rules,
        min_interval: raw.min_interval.map_or(Duration::from_secs(60), |d| d.0),
        retries: raw.retries.unwrap_or(4).min(10),
        new_hosts: raw.new_hosts.unwrap_or(true),
    }
}

/// `[site.csp]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteCsp {
    pub mode: Option<Spanned<String>>,
    pub reports_per_minute: Option<u32>,
}

/// Whether and how the gateway adds a Content-Security-Policy to a site's responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CspMode {
    #[default]
    Off,
    Enforce,
    ReportOnly,
}

#[derive(Debug, Clone, Default)]
pub struct SiteCsp {
    pub mode: CspMode,
    /// The header value, built once from the site's hosts and allow list.
    pub policy: String,
    pub reports_per_minute: u32,
}

pub fn validate_csp(raw: RawSiteCsp, ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteCsp {
    let mode = match raw.mode.as_ref().map(|m| (m.get_ref().as_str(), m.span())) {
        None | Some(("off", _)) => CspMode::Off,
        Some(("enforce", _)) => CspMode::Enforce,
        Some(("report-only", _)) => CspMode::ReportOnly,
        Some((_, span)) => {
            errs.at(
                span,
                "csp.mode must be \"enforce\", \"report-only\" or \"off\"",
            );
            CspMode::Off
        }
    };
    // A site in report mode must not start blocking through its CSP either.
    let mode = match (mode, ctx.mode) {
        (CspMode::Enforce, Mode::Report) => CspMode::ReportOnly,
        (m, _) => m,
    };
    let allow: Vec<String> = ctx.allow.iter().map(|a| a.get_ref().clone()).collect();
    SiteCsp {
        mode,
        policy: super::csp::policy(ctx.hosts, &allow),
        reports_per_minute: raw.reports_per_minute.unwrap_or(30).max(1),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn parse(extra: &str) -> Result<crate::settings::Config, crate::settings::ConfigErrors> {
        let text = format!(
            "[server]\nlisten = [\"127.0.0.1:0\"]\n{extra}\n[[site]]\nname = \"p\"\n\
             hosts = [\"p.example.gov.vn\"]\nupstream = \"http://127.0.0.1:1\"\n\
             allow = [\"*.gov.vn\"]\n[site.csp]\nmode = \"enforce\"\n\
             [site.alerts]\nwebhook = \"http://127.0.0.1:9/h\"\nrules = [\"script.*\"]\n"
        );
        crate::config::parse(&text, std::path::Path::new("t.toml"))
    }

    #[test]
    fn typed_audit_keys_parse_and_bad_values_are_located() {
        let c = parse(
            "[audit]\ndir = \"a\"\nfsync = \"every\"\nrotate_size = \"1MiB\"\n\
             retain_files = 3\nretain_age = \"30d\"\non_error = \"fail_closed\"",
        )
        .unwrap();
        assert_eq!(c.audit().fsync, Fsync::Every);
        assert_eq!(c.audit().rotate_size, 1024 * 1024);
        assert_eq!(c.audit().retain_age, Some(Duration::from_secs(30 * 86400)));
        assert_eq!(c.audit().on_error, OnError::FailClosed);
        assert_eq!(c.sites[0].csp().mode, CspMode::Enforce);
        assert!(c.sites[0].alerts().webhook.is_some());
        let errs = parse("[audit]\nqueue = 20\nfsync = \"sometimes\"")
            .unwrap_err()
            .0;
        assert_eq!((errs.len(), errs[0].line), (1, 5), "{errs:?}");
        assert!(errs[0].message.contains("audit.fsync must be one of"));
        // A bare number is not a size: the unit is required.
        let errs = parse("[audit]\nrotate_size = 10").unwrap_err().0;
        assert_eq!(errs[0].line, 4, "{errs:?}");
    }

    #[test]
    fn a_relative_audit_dir_is_taken_from_the_config_folder() {
        let text = |dir: &str| {
            format!(
                "[server]\nlisten = [\"127.0.0.1:0\"]\n{dir}\n[[site]]\nname = \"p\"\n\
                 hosts = [\"p.gov.vn\"]\nupstream = \"http://127.0.0.1:1\"\n"
            )
        };
        let file = std::path::Path::new("/etc/lachan/lachan.toml");
        let dir_of = |line: &str| {
            crate::config::parse(&text(line), file)
                .unwrap()
                .audit()
                .dir
                .clone()
        };
        assert_eq!(
            dir_of("[audit]\ndir = \"audit\""),
            Path::new("/etc/lachan/audit")
        );
        assert_eq!(
            dir_of("[audit]\ndir = \"/var/lib/lachan\""),
            Path::new("/var/lib/lachan")
        );
        assert_eq!(dir_of(""), Path::new("/etc/lachan/logs"));
    }

    #[test]
    fn rule_patterns_match_families_only() {
        let a = SiteAlerts {
            rules: vec!["script.*".into(), "header.location".into()],
            ..SiteAlerts::default()
        };
        assert!(a.matches("script.redirect"));
        assert!(a.matches("header.location"));
        assert!(!a.matches("scripts.x"));
        assert!(!a.matches("header.refresh"));
    }
}
