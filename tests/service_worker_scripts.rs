//! Attack suite for planted service workers, request side (issue 14 follow-up; threats C4):
//! however a worker was registered (an external same-site script the rewriter never sees,
//! `<link rel=serviceworker>`, a `Link` header), the browser fetches its script with
//! `Service-Worker: script`. That fetch is refused with 403 before the upstream is asked
//! (`script.service_worker`, `blocked`), unless the path is pinned to a known-good
//! SHA-256. A pinned worker passes; the same file fetched as an ordinary script is judged
//! as any first-party script (`script.tampered`, see tampered_first_party_scripts).

use crate::common;

use base64::Engine;
use common::body::{full, resp};
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;
use sha2::Digest;

const WORKER: &str =
    "self.addEventListener('fetch',e=>e.respondWith(Response.redirect('https://bet.test/')))";

fn serve_worker(h: &Gateway) {
    h.upstream.route("*", || {
        resp(
            200,
            &[
                ("content-type", "text/javascript"),
                ("service-worker-allowed", "/"),
            ],
            full(WORKER),
        )
    });
}

#[tokio::test]
async fn a_planted_service_worker_script_is_refused_before_the_upstream() {
    let h = Setup::portal().start().await;
    serve_worker(&h);
    // Paths outside upload folders: there the upload check refuses scripts first (upload.doorway).
    for path in ["/sw.js", "/static/js/w.js?v=2", "/assets/sw.js"] {
        let before = h.upstream.count();
        let (head, body) = h.body(path, &[("service-worker", "script")]).await;
        assert_eq!(head.status, 403, "{path}");
        assert!(!String::from_utf8_lossy(&body).contains("bet.test"));
        assert!(head.headers.get("service-worker-allowed").is_none());
        assert_eq!(h.upstream.count(), before, "{path}: the upstream was asked");
    }
    let events = h.events_of("script.service_worker");
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!(events[0].action.as_str(), "blocked");
    assert_eq!(events[0].target.as_deref(), Some("/sw.js"));
}

#[tokio::test]
async fn the_same_file_fetched_as_an_ordinary_script_is_judged_as_one() {
    // Not refused as a worker; judged as any first-party script (sanitize::reviewed), and
    // this one redirects to a foreign host, so its transfer never completes.
    let h = Setup::portal().start().await;
    serve_worker(&h);
    let failed = match h.send(http::Method::GET, "/sw.js", &[]).await {
        Err(_) => true,
        Ok(resp) => resp.into_body().collect().await.is_err(),
    };
    assert!(failed, "a redirecting script completed");
    assert!(h.events_of("script.service_worker").is_empty());
    assert_eq!(h.events_of("script.tampered").len(), 1, "{:?}", h.rules());
}

#[tokio::test]
async fn a_pinned_service_worker_is_served() {
    let digest = sha2::Sha256::digest(WORKER.as_bytes());
    let pin = base64::engine::general_purpose::STANDARD.encode(digest);
    let extra =
        format!("[site.sanitize]\npinned = [{{ path = \"/sw.js\", sha256 = \"sha256-{pin}\" }}]");
    let h = Setup::portal().site_lines(&extra).start().await;
    serve_worker(&h);
    let (head, body) = h.body("/sw.js", &[("service-worker", "script")]).await;
    assert_eq!(head.status, 200);
    assert_eq!(body, WORKER.as_bytes());
    assert!(h.events_of("script.service_worker").is_empty());
}

#[tokio::test]
async fn report_mode_reports_and_serves() {
    let h = Setup::portal().mode("report").start().await;
    serve_worker(&h);
    let (head, _) = h.body("/sw.js", &[("service-worker", "script")]).await;
    assert_eq!(head.status, 200);
    let events = h.events_of("script.service_worker");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action.as_str(), "reported");
}
