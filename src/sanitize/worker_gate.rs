//! Between guard and forward (stage 3, request side): the browser's fetch of a service
//! worker's script. Whatever registered it (an inline script the classifier missed, a
//! same-site external file, `<link rel=serviceworker>`, a `Link` header), the browser then
//! fetches the worker with `Service-Worker: script`, and a worker installed from it would
//! answer the site's later navigations itself, after the pages were cleaned. So that fetch
//! is refused (403, `script.service_worker`, action `blocked`) unless the path is pinned
//! to a known-good SHA-256 (`[site.sanitize] pinned`), which is how a site that really uses
//! a worker declares it. Refusing the script also makes a `Service-Worker-Allowed` header
//! moot: browsers read it only on that response.
//!
//! May touch: the request head (read only), the audit log.

use http::request::Parts;

use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::sanitize::script::SERVICE_WORKER_RULE as RULE;
use crate::settings::{Mode, Site};

/// The header a browser sends on a service worker's script fetch (Service Workers §
/// "Update": `Service-Worker: script`).
const HEADER: &str = "service-worker";

/// Whether to refuse the request: `true` in enforce mode for an unpinned worker script.
/// Audits either way.
pub(crate) fn refuse(site: &Site, audit: &AuditLog, info: &RequestInfo, parts: &Parts) -> bool {
    let Some(v) = parts.headers.get(HEADER) else {
        return false;
    };
    if site.sanitize().pinned.get(parts.uri.path()).is_some() {
        return false;
    }
    let action = match site.mode {
        Mode::Report => Action::Reported,
        Mode::Enforce => Action::Blocked,
    };
    let detail = format!(
        "service-worker script fetch (Service-Worker: {}) for a path that is not pinned",
        String::from_utf8_lossy(v.as_bytes())
    );
    audit.emit(
        Event::new(info, RULE, action)
            .target(parts.uri.path().to_string())
            .detail(detail),
    );
    site.mode == Mode::Enforce
}
