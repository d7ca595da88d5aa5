//! Stage 5, response head, step 1 (redirect policy): the rules that change or refuse a head
//! because it points outside the site (`Location`, `Refresh`, `Link`).
//!
//! Security notes:
//! - A redirect (3xx) to an unapproved host is refused with a fixed 403 page that says the
//!   link led outside the site, never followed and never a 502: the visitor learns plainly
//!   what happened, and a compromised upstream that answers every path with the same
//!   redirect cannot make us loop. Same-site, `www.`/bare, http→https and allowed
//!   redirects pass untouched.
//! - A foreign `Refresh` header is dropped on its own and the page is served (sanitized
//!   as usual): the header is the attack, the page is the site's. So is a foreign
//!   `Location` on a response that is not a redirect (a 200 or 201: some clients and
//!   crawlers follow it) and a foreign `Content-Location` on any response (a crawler may
//!   index the page under it, a cache may store it there).
//! - A target is judged as the page's markup judges it: through an allowed redirector
//!   (`google.com/url?q=…`) by the URL it leads to, and "I'm Feeling Lucky" as foreign.
//! - A foreign link-value of `Link` is dropped on its own (see `sanitize::link_header`).
//!   So is one that reaches into an upload folder (of the site, or of an allowed sister
//!   host, see `sanitize::uploads::refs`): a script or worker preload from there
//!   (`upload.script`, as the rewriter removes `<link rel=modulepreload>`), and any value
//!   whose target is a doorway page there (`header.link`: `prefetch`/`prerender` of a
//!   planted page, a `canonical` or `alternate` handing it to crawlers).
//! - Foreign report endpoints (`Reporting-Endpoints`, `Report-To`, a CSP's `report-uri`)
//!   go too: see [`super::reporting`].
//! - Report mode logs the same findings (`reported`) and changes nothing.

use http::response::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, Response, header};

use crate::audit::{Action, Event};
use crate::body::GatewayBody;
use crate::sanitize::ResponseCtx;
use crate::sanitize::head::{foreign_location, foreign_refresh, leaves_site, outside_allow_list};
use crate::sanitize::link_header;
use crate::sanitize::policy::short;
use crate::sanitize::uploads::refs;
use crate::settings::Mode;

/// Checks the head; returns the response to send instead when it is refused.
pub(crate) fn apply(ctx: &ResponseCtx<'_>, parts: &mut Parts) -> Option<Response<GatewayBody>> {
    let enforce = ctx.site.mode == Mode::Enforce;
    let has = |name| parts.headers.contains_key(name);
    let checks_location = parts.status.is_redirection() && has(header::LOCATION);
    if !has(header::LOCATION)
        && !has(header::REFRESH)
        && !has(header::LINK)
        && !has(header::CONTENT_LOCATION)
    {
        return None;
    }
    let base = ctx.url.get();
    if checks_location
        && let Some(target) = foreign_location(ctx.site, base, parts.status, &parts.headers)
    {
        let action = if enforce {
            Action::Blocked
        } else {
            Action::Reported
        };
        emit(ctx, "header.location", action, vec![target]);
        if enforce {
            return Some(crate::pages::redirect_blocked_page());
        }
    }
    stray(ctx, &mut parts.headers, enforce, checks_location);
    let refresh = filter_values(&mut parts.headers, header::REFRESH, enforce, |v| {
        judge_refresh(ctx, v)
    });
    let refresh = refresh.into_iter().map(|(_, t)| t).collect();
    report(ctx, "header.refresh", enforce, refresh);
    let (mut loaders, mut link) = (Vec::new(), Vec::new());
    let found = filter_values(&mut parts.headers, header::LINK, enforce, |v| {
        judge_link(ctx, v)
    });
    for (rule, target) in found {
        match rule {
            LOADER_RULE => loaders.push(target),
            _ => link.push(target),
        }
    }
    report(ctx, LOADER_RULE, enforce, loaders);
    report(ctx, "header.link", enforce, link);
    None
}

/// What a browser or crawler may still follow on a response that is not a redirect: a
/// `Location` on a 200/201 (not judged here when the response is a redirect), and
/// `Content-Location` on any status. A foreign value is dropped.
fn stray(ctx: &ResponseCtx<'_>, headers: &mut HeaderMap, enforce: bool, redirect: bool) {
    for name in [header::LOCATION, header::CONTENT_LOCATION] {
        if name == header::LOCATION && redirect {
            continue;
        }
        let rule = match name == header::LOCATION {
            true => "header.location",
            false => "header.content_location",
        };
        let found = filter_values(headers, name, enforce, |v| judge_url_value(ctx, v, rule));
        report(
            ctx,
            rule,
            enforce,
            found.into_iter().map(|(_, t)| t).collect(),
        );
    }
}

/// A script preload from an upload folder: the rewriter's rule for the same element.
const LOADER_RULE: &str = "upload.script";

/// What stays of one header value, and the targets it held that must go (with the rule
/// of each).
pub(super) struct Judged {
    pub(super) keep: Option<HeaderValue>,
    pub(super) foreign: Vec<(&'static str, String)>,
}

/// Runs `judge` over every value of `name`; in enforce mode what it found foreign is
/// dropped. Returns the foreign targets.
pub(super) fn filter_values(
    headers: &mut HeaderMap,
    name: HeaderName,
    enforce: bool,
    judge: impl Fn(&HeaderValue) -> Judged,
) -> Vec<(&'static str, String)> {
    let (mut found, mut kept) = (Vec::new(), Vec::new());
    for v in headers.get_all(&name) {
        let j = judge(v);
        found.extend(j.foreign);
        kept.extend(j.keep);
    }
    if enforce && !found.is_empty() {
        headers.remove(&name);
        for v in kept {
            headers.append(&name, v);
        }
    }
    found
}

fn judge_refresh(ctx: &ResponseCtx<'_>, v: &HeaderValue) -> Judged {
    match foreign_refresh(ctx.site, ctx.url.get(), v) {
        Some(t) => Judged {
            keep: None,
            foreign: vec![("header.refresh", t)],
        },
        None => Judged {
            keep: Some(v.clone()),
            foreign: Vec::new(),
        },
    }
}

/// A header holding one URL (`Location`, `Content-Location`): dropped when it leaves the site
/// (also through an allowed redirector, see `head::is_foreign`).
fn judge_url_value(ctx: &ResponseCtx<'_>, v: &HeaderValue, rule: &'static str) -> Judged {
    let text = String::from_utf8_lossy(v.as_bytes());
    match leaves_site(ctx.site, ctx.url.get(), &text) {
        true => Judged {
            keep: None,
            foreign: vec![(rule, short(&text))],
        },
        false => Judged {
            keep: Some(v.clone()),
            foreign: Vec::new(),
        },
    }
}

/// Keeps the link-values whose every URL stays on the site and out of upload folders; a
/// value without a `<…>` reference counts as foreign (by its text). An untouched line is
/// kept byte for byte.
fn judge_link(ctx: &ResponseCtx<'_>, v: &HeaderValue) -> Judged {
    let text = String::from_utf8_lossy(v.as_bytes());
    let (mut foreign, mut kept) = (Vec::new(), Vec::new());
    for lv in link_header::parse(&text) {
        let bad = judge_link_value(ctx, &lv);
        if bad.is_empty() {
            kept.push(lv.text);
        }
        foreign.extend(bad);
    }
    let keep = if foreign.is_empty() {
        Some(v.clone())
    } else {
        HeaderValue::from_str(&kept.join(", "))
            .ok()
            .filter(|_| !kept.is_empty())
    };
    Judged { keep, foreign }
}

/// What must go of one link-value: its foreign URLs, or a script fetched from an upload
/// folder, or a doorway page there.
fn judge_link_value(
    ctx: &ResponseCtx<'_>,
    lv: &link_header::LinkValue<'_>,
) -> Vec<(&'static str, String)> {
    let base = ctx.url.get();
    let Some(urls) = &lv.urls else {
        return vec![("header.link", short(lv.text))];
    };
    // A script preload from an admitted host's upload folder is a planted loader: its own
    // rule, as the rewriter's for `<link rel=modulepreload>`, before the sister-site check.
    let script = lv.fetches_script();
    let loaders: Vec<_> = urls
        .iter()
        .filter_map(|u| base.join(u.trim()).ok())
        .filter(|u| script && !outside_allow_list(ctx.site, base, u))
        .filter(|u| refs::refused_script(ctx.site, u))
        .map(|u| (LOADER_RULE, short(u.as_str())))
        .collect();
    if !loaders.is_empty() {
        return loaders;
    }
    let foreign: Vec<_> = urls
        .iter()
        .filter(|u| leaves_site(ctx.site, base, u))
        .map(|u| ("header.link", short(u)))
        .collect();
    if !foreign.is_empty() {
        return foreign;
    }
    urls.iter()
        .filter_map(|u| base.join(u.trim()).ok())
        .filter(|u| refs::doorway_page(ctx.site, u))
        .map(|u| ("header.link", short(u.as_str())))
        .collect()
}

/// Logs the findings of one header rule as one event (first target, and how many).
pub(super) fn report(
    ctx: &ResponseCtx<'_>,
    rule: &'static str,
    enforce: bool,
    targets: Vec<String>,
) {
    if targets.is_empty() {
        return;
    }
    let action = if enforce {
        Action::Removed
    } else {
        Action::Reported
    };
    emit(ctx, rule, action, targets);
}

fn emit(ctx: &ResponseCtx<'_>, rule: &'static str, action: Action, targets: Vec<String>) {
    let mut event = Event::new(ctx.request, rule, action);
    if targets.len() > 1 {
        let first = targets[..targets.len().min(5)].join(" ");
        event.detail = Some(format!("{} values; first: {first}", targets.len()));
    }
    event.target = targets.into_iter().next();
    ctx.audit.emit(event);
}
