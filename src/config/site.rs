//! `[[site]]` validation: names, hosts, upstream and mode, then each part validates its own
//! section.

use std::collections::HashMap;
use std::sync::Arc;

use toml::Spanned;

use super::raw::RawSite;
use crate::settings::sections::Sections;
use crate::settings::{Errors, HostTable, Mode, Site, SiteCtx, Upstream, normalize_host};

pub(super) fn validate_all(raw: Vec<RawSite>, errs: &mut Errors) -> (Vec<Arc<Site>>, HostTable) {
    let mut sites = Vec::new();
    let mut by_host = HostTable::default();
    let mut names: HashMap<String, ()> = HashMap::new();
    for r in raw {
        if names.insert(r.name.get_ref().clone(), ()).is_some() {
            errs.at(
                r.name.span(),
                format!("duplicate site name {:?}", r.name.get_ref()),
            );
        }
        for h in r.hosts.get_ref() {
            let host = normalize_host(h.get_ref()).into_owned();
            if by_host.insert(host.clone(), sites.len()).is_some() {
                errs.at(
                    h.span(),
                    format!("host {host:?} is already served by another site"),
                );
            }
        }
        if let Some(site) = validate(r, errs) {
            sites.push(Arc::new(site));
        }
    }
    (sites, by_host)
}

fn validate(mut r: RawSite, errs: &mut Errors) -> Option<Site> {
    let name = r.name.get_ref().trim().to_string();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        errs.at(
            r.name.span(),
            "site name must be non-empty ASCII letters, digits, '-' or '_'",
        );
    }
    let hosts = validate_hosts(&r.hosts, errs);
    let upstream = validate_upstream(&r.upstream, errs);
    let mode = match r.mode.as_ref().map(|m| m.get_ref().as_str()) {
        None | Some("enforce") => Mode::Enforce,
        Some("report") => Mode::Report,
        Some(other) => {
            let span = r.mode.as_ref().map(|m| m.span()).unwrap_or_default();
            errs.at(
                span,
                format!("mode {other:?} is not \"enforce\" or \"report\""),
            );
            Mode::Enforce
        }
    };
    let allow = std::mem::take(&mut r.allow);
    let ctx = SiteCtx {
        name: &name,
        hosts: &hosts,
        mode,
        allow: &allow,
    };
    let sections = sections(r, &ctx, errs);
    Some(Site {
        label: name.as_str().into(),
        name,
        hosts,
        upstream: upstream?,
        mode,
        sections,
    })
}

/// Each part validates its own `[site.*]` table; every one is stored, so that each part's
/// accessor (`site.sanitize()`, …) finds its section.
fn sections(r: RawSite, ctx: &SiteCtx<'_>, errs: &mut Errors) -> Sections {
    let mut s = Sections::default();
    s.insert(crate::sanitize::config::validate(r.sanitize, ctx, errs));
    s.insert(crate::proxy::head::security::validate(r.headers, ctx, errs));
    s.insert(crate::guard::config::validate_site(r.guard, ctx, errs));
    let tls = r
        .tls
        .map(|t| crate::tls::config::validate_site(t, ctx, errs));
    s.insert(tls);
    s.insert(crate::audit::config::validate_site(r.alerts, ctx, errs));
    s.insert(crate::audit::config::validate_csp(r.csp, ctx, errs));
    s.insert(crate::cache::config::validate_site(r.cache, ctx, errs));
    s.insert(crate::sanitize::uploads::config::validate(
        r.uploads, ctx, errs,
    ));
    s
}

fn validate_hosts(raw: &Spanned<Vec<Spanned<String>>>, errs: &mut Errors) -> Vec<String> {
    if raw.get_ref().is_empty() {
        errs.at(
            raw.span(),
            "`hosts` is empty: a site needs at least one host name",
        );
    }
    let mut out = Vec::new();
    for h in raw.get_ref() {
        let host = normalize_host(h.get_ref().trim()).into_owned();
        let valid = !host.is_empty()
            && host.len() <= 253
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._[]:".contains(&b));
        if valid {
            out.push(host);
        } else {
            errs.at(h.span(), format!("invalid host name {:?}", h.get_ref()));
        }
    }
    out
}

fn validate_upstream(raw: &Spanned<String>, errs: &mut Errors) -> Option<Upstream> {
    let text = raw.get_ref().trim();
    let url = match url::Url::parse(text) {
        Ok(u) => u,
        Err(e) => {
            errs.at(raw.span(), format!("upstream {text:?} is not a URL: {e}"));
            return None;
        }
    };
    let scheme = match url.scheme() {
        "http" => http::uri::Scheme::HTTP,
        "https" => http::uri::Scheme::HTTPS,
        other => {
            errs.at(
                raw.span(),
                format!("upstream scheme {other:?} is not http or https"),
            );
            return None;
        }
    };
    if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
        errs.at(
            raw.span(),
            "upstream must be an origin only (scheme://host[:port]), without path, query or user",
        );
    }
    let host = url.host_str().unwrap_or_default().to_string();
    let port = url.port_or_known_default().unwrap_or(80);
    match format!("{host}:{port}").parse::<http::uri::Authority>() {
        Ok(authority) => Some(Upstream { scheme, authority }),
        Err(e) => {
            errs.at(raw.span(), format!("upstream authority is invalid: {e}"));
            None
        }
    }
}
