//! Codec parity: every attack and benign fixture, sent under every content coding the
//! gateway decodes (identity, gzip, deflate as zlib and as raw deflate, br, zstd) and in
//! several chunkings, must come out byte for byte as the identity, one-chunk answer, with
//! the same audit verdicts. A matrix, so that a coding or a chunk boundary that changes a
//! verdict shows up whatever the attack. Every fixture is sent whole and in 61-byte frames
//! under every coding; in 1–7-byte frames under one coding, each fixture the next.

use crate::common;

use std::path::Path;

use bytes::Bytes;
use common::body::{chunked, chunks_of, compress, decompress, resp, tiny_chunks};
use common::gateway::{Gateway, Setup};
use futures_util::StreamExt;

const CODINGS: &[(&str, &str)] = &[
    ("identity", "identity"),
    ("gzip", "gzip"),
    ("deflate", "deflate"),
    ("deflate-raw", "deflate"),
    ("br", "br"),
    ("zstd", "zstd"),
];

/// The fixtures: the attack and benign corpora, and large pages whose planted parts sit
/// across the decoder's 64 KiB output steps.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for dir in ["attack", "benign"] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        entries.sort();
        for p in entries {
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    for at in [65_530usize, 65_536, 131_070] {
        out.push((format!("large@{at}"), large_page(at)));
    }
    for size in [60_000usize, 70_000, 140_000] {
        out.push((format!("hidden-block-{size}"), big_hidden_block(size)));
    }
    out
}

fn large_page(at: usize) -> Vec<u8> {
    let mut page =
        b"<!doctype html><html><head><meta charset=utf-8><title>Tin tuc</title></head><body>"
            .to_vec();
    let para = "<p>Thông báo của Sở Tư pháp về lịch tiếp công dân tháng này.</p>\n";
    while page.len() < at - 20 {
        page.extend_from_slice(para.as_bytes());
    }
    page.truncate(at - 20);
    page.extend_from_slice(b"--><p>x</p>");
    page.extend_from_slice(
        "<div style=\"display:none\"><a href=\"https://bet.test/\">nhà cái uy tín</a></div>\
         <a href=\"https://casino.test/x\" ping=\"https://track.test/\">link</a>\
         <script>window.location.replace('https://bet.test/r')</script>"
            .as_bytes(),
    );
    for _ in 0..1500 {
        page.extend_from_slice(para.as_bytes());
    }
    page.extend_from_slice(b"</body></html>");
    page
}

/// A hidden spam block of about `size` bytes: around the hold limit (64 KiB), where the
/// verdict used to depend on where the decoder's output pieces ended.
fn big_hidden_block(size: usize) -> Vec<u8> {
    let mut page = b"<html><body><p>ok</p><div style=\"display:none\">".to_vec();
    while page.len() < size {
        page.extend_from_slice("<p>nhà cái uy tín, nổ hũ, tài xỉu đổi thưởng</p>\n".as_bytes());
    }
    page.extend_from_slice(b"</div><p>end</p></body></html>");
    page
}

type Chunking = (&'static str, fn(&[u8]) -> Vec<Bytes>);

/// The index of the 1–7-byte chunking in [`CHUNKINGS`].
const TINY: usize = 1;

const CHUNKINGS: &[Chunking] = &[
    ("whole", |d| vec![Bytes::copy_from_slice(d)]),
    ("tiny", tiny_chunks),
    ("61", |d| chunks_of(d, 61)),
];

/// What the gateway sent for `page` under `coding` in `chunking`, asked for at `path`:
/// the decoded body and the rules of the events of that request.
async fn run(
    h: &Gateway,
    path: String,
    page: &[u8],
    (coding, header): (&str, &'static str),
    chunking: &Chunking,
) -> (Vec<u8>, Vec<String>) {
    let frames = (chunking.1)(&compress(coding, page));
    h.upstream.route(&path, move || {
        let mut headers = vec![("content-type", "text/html")];
        if header != "identity" {
            headers.push(("content-encoding", header));
        }
        resp(200, &headers, chunked(frames.clone()))
    });
    let (parts, body) = h.body(&path, &[("accept-encoding", "identity")]).await;
    let got = parts
        .headers
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_string());
    let body = decompress(got.as_deref(), &body);
    let mut rules: Vec<String> = h
        .events
        .events()
        .iter()
        .filter(|e| *e.request.url == *path)
        .map(|e| format!("{} {:?}", e.rule, e.action))
        .collect();
    rules.sort();
    (body, rules)
}

/// Every coding and chunking of one fixture; the differences from the reference.
async fn fixture(h: &Gateway, i: usize, name: String, page: Vec<u8>) -> Vec<String> {
    let reference = run(
        h,
        format!("/f{i}"),
        &page,
        ("identity", "identity"),
        &CHUNKINGS[0],
    )
    .await;
    if name.starts_with("hidden-block") {
        let text = String::from_utf8_lossy(&reference.0);
        assert!(
            !text.contains("nhà cái"),
            "{name}: an oversized hidden spam block stayed"
        );
    }
    let mut failures = Vec::new();
    for (c, &(coding, header)) in CODINGS.iter().enumerate() {
        for (k, chunking) in CHUNKINGS.iter().enumerate() {
            // 1–7-byte frames cost a hundred times a whole body: each fixture takes them
            // under one coding, turn about, so every coding meets them on every kind of
            // fixture (the large pages are six in a row) and the matrix stays in budget.
            if k == TINY && c != i % CODINGS.len() {
                continue;
            }
            let path = format!("/f{i}-{coding}-{}", chunking.0);
            let got = run(h, path, &page, (coding, header), chunking).await;
            if got.0 != reference.0 {
                failures.push(format!("{name} / {coding} / {}: body differs", chunking.0));
            } else if got.1 != reference.1 {
                let why = format!("events {:?} vs {:?}", got.1, reference.1);
                failures.push(format!("{name} / {coding} / {}: {why}", chunking.0));
            }
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_codec_and_chunking_gives_the_same_verdicts() {
    let h = Setup::portal().start().await;
    let runs = fixtures()
        .into_iter()
        .enumerate()
        .map(|(i, (name, page))| fixture(&h, i, name, page));
    let failures: Vec<String> = futures_util::stream::iter(runs)
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .flatten()
        .collect();
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
