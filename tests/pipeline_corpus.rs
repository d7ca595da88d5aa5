//! The sanitizer's corpora through the whole gateway, in tiny chunks: benign pages come out
//! byte for byte, attack pages with no URL left on a foreign (`.test`) host; a plain SVG
//! passes unchanged and a planted one loses its script and links.

use crate::common;

use std::path::Path;

use bytes::Bytes;
use common::body::{chunked, full, resp, tiny_chunks};
use common::gateway::Setup;

#[tokio::test]
async fn corpus_pages_through_the_gateway() {
    let h = Setup::portal().start().await;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut seen = 0;
    for kind in ["benign", "attack"] {
        let mut pages: Vec<_> = std::fs::read_dir(root.join(kind))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        pages.sort();
        for path in pages {
            let page = Bytes::from(std::fs::read(&path).unwrap());
            let served = page.clone();
            h.upstream.route("/c", move || {
                resp(
                    200,
                    &[("content-type", "text/html")],
                    chunked(tiny_chunks(&served)),
                )
            });
            let (_, out) = h.body("/c", &[]).await;
            if kind == "benign" {
                assert_eq!(out, page, "benign page changed: {}", path.display());
            } else {
                let foreign = foreign_targets(&String::from_utf8_lossy(&out));
                assert!(foreign.is_empty(), "{}: {foreign:?}", path.display());
            }
            seen += 1;
        }
    }
    assert!(seen > 0, "no corpus pages found");
}

/// URL-carrying attribute values on `.test` hosts (the corpora's foreign hosts).
fn foreign_targets(html: &str) -> Vec<String> {
    let re =
        regex::Regex::new(r#"(?i)\b(?:href|src|action|formaction|data)\s*=\s*["']?([^"'\s>]+)"#)
            .unwrap();
    let base = url::Url::parse("http://portal.example.gov.vn/").unwrap();
    re.captures_iter(html)
        .filter_map(|c| base.join(&c[1]).ok())
        .filter(|u| {
            u.host_str()
                .is_some_and(|h| h.trim_end_matches('.').ends_with(".test"))
        })
        .map(|u| u.to_string())
        .collect()
}

/// Outside upload folders (where `tests/doorway_uploads.rs` has such files refused), an
/// SVG is sanitized like a page.
#[tokio::test]
async fn svg_doorway_scripts_and_links_are_stripped() {
    let h = Setup::portal().start().await;
    const BENIGN: &str = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"#c00\"/></svg>\n";
    const PLANTED: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"location='https://bet.test/'\">\
        <script>window.location.replace('https://bet.test/svg')</script>\
        <a xlink:href=\"https://casino.test/\"><text y=\"10\">tai xiu</text></a></svg>";
    for (path, body) in [("/logo.svg", BENIGN), ("/anh/2024/05/x.svg", PLANTED)] {
        h.upstream.route(path, move || {
            resp(200, &[("content-type", "image/svg+xml")], full(body))
        });
    }
    let (_, benign) = h.body("/logo.svg", &[]).await;
    assert_eq!(
        benign,
        BENIGN.as_bytes(),
        "a plain SVG comes through unchanged"
    );
    let (head, planted) = h.body("/anh/2024/05/x.svg", &[]).await;
    assert_eq!(head.status, 200, "sanitized, not refused");
    let planted = String::from_utf8(planted).unwrap();
    for foreign in ["bet.test", "casino.test"] {
        assert!(!planted.contains(foreign), "{foreign} left in {planted}");
    }
}
