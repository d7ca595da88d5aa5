//! The `[cluster]` config section: where the shared Redis is, who this instance is, and how
//! long one Redis call may take before it counts as failed.
//!
//! Validated here into [`ClusterConfig`]; read once at start (a reload does not reconnect:
//! changing `[cluster]` takes a restart, which the docs say).

use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::settings::Errors;
use crate::settings::units::Dur;

/// `[cluster]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawCluster {
    pub(crate) redis: Option<Spanned<String>>,
    pub(crate) instance: Option<Spanned<String>>,
    pub(crate) timeout: Option<Spanned<Dur>>,
    pub(crate) prefix: Option<Spanned<String>>,
    pub(crate) heartbeat: Option<Spanned<Dur>>,
}

/// The validated `[cluster]` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterConfig {
    /// `redis://`, `rediss://` (TLS), `redis+unix://` or `unix://`.
    pub redis: String,
    /// This instance's name in Redis, in events and metrics (default: the host name).
    pub instance: String,
    /// Every Redis call runs under this; past it the call counts as failed.
    pub timeout: Duration,
    /// Namespace of every key and channel, so that clusters can share one Redis.
    pub prefix: String,
    /// How often an instance says it is alive; it counts as gone after three misses.
    pub heartbeat: Duration,
}

const SCHEMES: &[&str] = &["redis", "rediss", "redis+unix", "unix", "valkey", "valkeys"];

/// Validates `[cluster]`; `None` when the section is absent (a single instance).
impl crate::settings::Config {
    /// `[cluster]`: bans and limits shared through Redis; `None` for a lone instance.
    pub fn cluster(&self) -> Option<&ClusterConfig> {
        self.sections.get::<Option<ClusterConfig>>().as_ref()
    }
}

pub(crate) fn validate(raw: RawCluster, errs: &mut Errors) -> Option<ClusterConfig> {
    let present = raw.redis.is_some() || raw.instance.is_some() || raw.timeout.is_some();
    let Some(redis) = raw.redis else {
        if present {
            errs.at(
                0..0,
                "[cluster] needs `redis`, such as \"redis://127.0.0.1:6379/0\"",
            );
        }
        return None;
    };
    let scheme_ok = url::Url::parse(redis.get_ref()).is_ok_and(|u| SCHEMES.contains(&u.scheme()));
    if !scheme_ok {
        errs.at(
            redis.span(),
            "cluster.redis must be a redis://, rediss:// or redis+unix:// URL",
        );
    }
    let timeout = ranged(raw.timeout, Duration::from_millis(20), "timeout", errs);
    let heartbeat = ranged(raw.heartbeat, Duration::from_secs(1), "heartbeat", errs);
    let prefix = raw
        .prefix
        .map_or_else(|| "lachan".into(), Spanned::into_inner);
    let instance = raw
        .instance
        .map(Spanned::into_inner)
        .unwrap_or_else(host_name);
    if instance.is_empty() || instance.contains(char::is_whitespace) {
        errs.at(
            0..0,
            "cluster.instance must be a non-empty name without spaces",
        );
    }
    Some(ClusterConfig {
        redis: redis.into_inner(),
        instance,
        timeout,
        prefix,
        heartbeat,
    })
}

/// A duration between 1 ms and 10 s, or `default`.
fn ranged(v: Option<Spanned<Dur>>, default: Duration, key: &str, errs: &mut Errors) -> Duration {
    let Some(v) = v else { return default };
    let d = v.get_ref().0;
    if d < Duration::from_millis(1) || d > Duration::from_secs(10) {
        errs.at(
            v.span(),
            format!("cluster.{key} must be between 1ms and 10s"),
        );
        return default;
    }
    d
}

/// The kernel's host name (no libc call needed on Linux).
pub(crate) fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "lachan".into())
}

#[cfg(test)]
mod tests {
    fn parse(extra: &str) -> Result<crate::settings::Config, crate::settings::ConfigErrors> {
        let text = format!(
            "[server]\nlisten = [\"127.0.0.1:0\"]\n{extra}\n[[site]]\nname = \"p\"\n\
             hosts = [\"p.example.gov.vn\"]\nupstream = \"http://127.0.0.1:1\"\n"
        );
        crate::config::parse(&text, std::path::Path::new("t.toml"))
    }

    #[test]
    fn cluster_keys_parse_with_defaults() {
        let c =
            parse("[cluster]\nredis = \"redis://127.0.0.1:6379/0\"\ninstance = \"gw-a\"").unwrap();
        let cl = c.cluster().unwrap();
        assert_eq!(
            (cl.instance.as_str(), cl.prefix.as_str()),
            ("gw-a", "lachan")
        );
        assert_eq!(cl.timeout, std::time::Duration::from_millis(20));
        assert!(parse("").unwrap().cluster().is_none());
    }

    #[test]
    fn bad_cluster_values_are_located() {
        let errs = parse("[cluster]\nredis = \"http://x\"\ntimeout = \"30s\"")
            .unwrap_err()
            .0;
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!((errs[0].line, errs[1].line), (4, 5));
        let errs = parse("[cluster]\ntimeout = \"20ms\"").unwrap_err().0;
        assert!(errs[0].message.contains("needs `redis`"), "{errs:?}");
        assert!(parse("[cluster]\nredis = \"redis://x\"\nport = 1").is_err());
    }
}
