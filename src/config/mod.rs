//! The config file: raw TOML types, parsing, and validation into the [`Config`] that every
//! part reads (defined in `crate::settings`, a leaf).
//!
//! The flow is parse → validate → swap. [`parse`] reads each top-level section and each
//! `[[site]]` on its own, so that one bad section does not hide the errors of the others,
//! then has each part validate its own section into the typed [`Config`]. That is why this
//! module sits above the parts (`docs/architecture.md`). A reload (`runtime::reload`) swaps
//! the whole `Config` or changes nothing.

pub(crate) mod raw;
pub(crate) mod site;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::settings::Sections;
use raw::{RawLimits, RawLog, RawServer};

// The validated types, where callers of `parse` and `load` expect them.
pub use crate::settings::{
    Config, ConfigError, ConfigErrors, Errors, Limits, Log, LogFormat, Mode, Server, Site, SiteCtx,
    Upstream, cidrs, errors, normalize_host, summary, units,
};

/// Reads and validates the config file at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
    let src = std::fs::read_to_string(path).map_err(|e| {
        ConfigErrors(vec![ConfigError {
            file: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read the config file: {e}"),
        }])
    })?;
    parse(&src, path)
}

const SECTIONS: &[&str] = &[
    "server", "limits", "log", "audit", "guard", "tls", "cluster", "cache", "site",
];

/// Parses and validates `src` (the text of `file`), reporting every error it finds.
pub fn parse(src: &str, file: &Path) -> Result<Config, ConfigErrors> {
    let mut errs = Errors::new(file, src);
    let (doc, syntax) = DeTable::parse_recoverable(src);
    if !syntax.is_empty() {
        for e in &syntax {
            errs.toml(e, 0..0);
        }
        return Err(errs.into_errors());
    }
    let mut doc = doc.into_inner();
    for (key, _) in doc.iter() {
        if !SECTIONS.contains(&key.get_ref().as_ref()) {
            let msg = format!(
                "unknown section `{}`, expected one of {}",
                key.get_ref(),
                SECTIONS.join(", ")
            );
            errs.at(key.span(), msg);
        }
    }
    let (server, server_complete): (RawServer, _) = section_checked(&mut doc, "server", &mut errs);
    let limits: RawLimits = section(&mut doc, "limits", &mut errs);
    let log: RawLog = section(&mut doc, "log", &mut errs);
    let audit = section(&mut doc, "audit", &mut errs);
    let guard = section(&mut doc, "guard", &mut errs);
    let tls = section(&mut doc, "tls", &mut errs);
    let cluster = section(&mut doc, "cluster", &mut errs);
    let cache = section(&mut doc, "cache", &mut errs);
    let raw_sites = sites(&mut doc, &mut errs);

    let server = validate_server(server, server_complete, &mut errs);
    let limits = validate_limits(limits);
    let log = validate_log(log, &mut errs);
    let mut sections = Sections::default();
    sections.insert(crate::audit::config::validate(audit, &mut errs));
    sections.insert(crate::guard::config::validate(guard, &mut errs));
    sections.insert(crate::tls::config::validate(tls, &mut errs));
    sections.insert(crate::cluster::config::validate(cluster, &mut errs));
    sections.insert(crate::cache::config::validate(cache, &mut errs));
    let (sites, by_host) = site::validate_all(raw_sites, &mut errs);
    if sites.is_empty() && errs.is_empty() {
        errs.at(
            0..0,
            "no [[site]] configured: the gateway would serve nothing",
        );
    }
    let config = Config {
        source: file.to_path_buf(),
        server,
        limits,
        log,
        sections,
        sites,
        by_host,
    };
    errs.into_result(config)
}

/// Deserializes one top-level table, or its default when absent; errors are recorded.
fn section<T: DeserializeOwned + Default>(
    doc: &mut DeTable<'_>,
    key: &str,
    errs: &mut Errors,
) -> T {
    section_checked(doc, key, errs).0
}

/// [`section`], also saying whether every key of the table was valid (`false` means some
/// were set aside, so checks about what is missing would give false errors).
fn section_checked<T: DeserializeOwned + Default>(
    doc: &mut DeTable<'_>,
    key: &str,
    errs: &mut Errors,
) -> (T, bool) {
    match doc.remove(key) {
        None => (T::default(), true),
        Some(value) => {
            let before = errs.len();
            let value = deserialize(value, errs).unwrap_or_default();
            (value, errs.len() == before)
        }
    }
}

/// Deserializes a table, reporting every bad entry, not just the first: serde stops at the
/// first error, so the entry it names is set aside and the rest is tried again. What is
/// left builds the value, so later checks still see the good keys.
fn deserialize<T: DeserializeOwned>(
    mut value: Spanned<DeValue<'_>>,
    errs: &mut Errors,
) -> Option<T> {
    let mut dropped: Vec<String> = Vec::new();
    loop {
        let span = value.span();
        let err = match T::deserialize(value.clone().into_deserializer()) {
            Ok(v) => return Some(v),
            Err(e) => e,
        };
        // A key set aside for a bad value is not also "missing".
        let echo = dropped
            .iter()
            .any(|k| err.message().trim() == format!("missing field `{k}`"));
        if !echo {
            errs.toml(&err, span.clone());
        }
        let at = err.span().unwrap_or(span);
        match drop_entry_in(value.get_mut(), &at) {
            Some(key) => dropped.push(key),
            None => return None,
        }
    }
}

/// Removes the innermost entry of a table (or of a table in an array) that covers `at`,
/// returning its key; `None` when no entry covers it.
fn drop_entry_in(value: &mut DeValue<'_>, at: &std::ops::Range<usize>) -> Option<String> {
    match value {
        DeValue::Table(table) => drop_entry(table, at),
        DeValue::Array(items) => items
            .iter_mut()
            .find_map(|v| drop_entry_in(v.get_mut(), at)),
        _ => None,
    }
}

fn drop_entry(table: &mut DeTable<'_>, at: &std::ops::Range<usize>) -> Option<String> {
    let key = table
        .iter()
        .find(|(k, v)| k.span().start <= at.start && at.end <= v.span().end)
        .map(|(k, _)| k.get_ref().to_string())?;
    let inner = table.get_mut(key.as_str())?;
    drop_entry_in(inner.get_mut(), at).or_else(|| {
        table.remove(key.as_str());
        Some(key)
    })
}

use serde::de::IntoDeserializer;

fn sites(doc: &mut DeTable<'_>, errs: &mut Errors) -> Vec<raw::RawSite> {
    let Some(value) = doc.remove("site") else {
        return Vec::new();
    };
    let span = value.span();
    match value.into_inner() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|v| deserialize(v.clone(), errs))
            .collect(),
        _ => {
            errs.at(
                span,
                "`site` must be an array of tables: write each site as [[site]]",
            );
            Vec::new()
        }
    }
}

fn socket_addrs(list: &[Spanned<String>], errs: &mut Errors) -> Vec<SocketAddr> {
    let mut out = Vec::new();
    for s in list {
        match s.get_ref().parse() {
            Ok(a) => out.push(a),
            Err(_) => errs.at(
                s.span(),
                format!("invalid listen address {:?}: expected IP:PORT", s.get_ref()),
            ),
        }
    }
    out
}

/// `complete` is false when some `[server]` keys were bad: then the listeners may be among
/// them, and "needs an address" would be a false second error.
fn validate_server(raw: RawServer, complete: bool, errs: &mut Errors) -> Server {
    let listen = socket_addrs(&raw.listen, errs);
    let listen_tls = socket_addrs(&raw.listen_tls, errs);
    let admin = raw
        .admin
        .as_ref()
        .and_then(|a| socket_addrs(std::slice::from_ref(a), errs).pop());
    let unknown_host_status = match raw.unknown_host_status {
        None => http::StatusCode::MISDIRECTED_REQUEST,
        Some(s) if *s.get_ref() == 421 || *s.get_ref() == 404 => {
            http::StatusCode::from_u16(*s.get_ref()).expect("valid status")
        }
        Some(s) => {
            errs.at(s.span(), "unknown_host_status must be 421 or 404");
            http::StatusCode::MISDIRECTED_REQUEST
        }
    };
    if complete && raw.listen.is_empty() && raw.listen_tls.is_empty() {
        errs.at(
            0..0,
            "[server] needs at least one address in `listen` or `listen_tls`",
        );
    }
    Server {
        listen,
        listen_tls,
        admin,
        trusted_proxies: cidrs(&raw.trusted_proxies, errs),
        unknown_host_status,
        shutdown_timeout: raw
            .shutdown_timeout
            .map_or(Duration::from_secs(30), |d| d.0),
    }
}

fn validate_limits(raw: RawLimits) -> Limits {
    let secs =
        |d: Option<units::Dur>, default: u64| d.map_or(Duration::from_secs(default), |d| d.0);
    let count =
        |n: Option<Spanned<u32>>, default: u32| n.map_or(default, |n| *n.get_ref()) as usize;
    Limits {
        header_read_timeout: secs(raw.header_read_timeout, 10),
        request_body_timeout: secs(raw.request_body_timeout, 60),
        idle_timeout: secs(raw.idle_timeout, 60),
        upstream_connect_timeout: secs(raw.upstream_connect_timeout, 5),
        upstream_response_timeout: secs(raw.upstream_response_timeout, 30),
        upstream_idle_timeout: secs(raw.upstream_idle_timeout, 90),
        max_header_size: raw.max_header_size.map_or(16 * 1024, |s| s.as_usize()),
        max_headers: count(raw.max_headers, 100),
        max_request_body: raw.max_request_body.map_or(10 * 1024 * 1024, |s| s.bytes()),
        max_connections: count(raw.max_connections, 10_000),
        max_connections_per_ip: count(raw.max_connections_per_ip, 256),
    }
}

fn validate_log(raw: RawLog, errs: &mut Errors) -> Log {
    let format = match raw
        .format
        .as_ref()
        .map(|f| (f.get_ref().as_str(), f.span()))
    {
        None | Some(("text", _)) => LogFormat::Text,
        Some(("json", _)) => LogFormat::Json,
        Some((_, span)) => {
            errs.at(span, "log.format must be \"text\" or \"json\"");
            LogFormat::Text
        }
    };
    let level = raw
        .level
        .map_or_else(|| "info".to_string(), |l| l.into_inner());
    if tracing_subscriber::EnvFilter::try_new(&level).is_err() {
        errs.at(0..0, format!("log.level {level:?} is not a valid filter"));
    }
    Log { format, level }
}

#[cfg(test)]
mod tests;
