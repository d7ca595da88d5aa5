//! One page through the sanitizer, for a developer or an analyst asking "what does lachan do
//! to this page?": prints the sanitized page and its audit events (one JSON line each, on
//! stderr) for the suites' test site (`portal.example.gov.vn`, allow list of
//! `tests/common/site.rs`).
//!
//! Usage: `cargo run --example sanitize_file -- PAGE.html [CHARSET]`
//! (`CHARSET` as a WHATWG label, e.g. `windows-1258`; default: the page's own or UTF-8).

#[path = "../tests/common/site.rs"]
mod site;

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use lachan::audit::{AuditLog, RequestInfo};
use lachan::sanitize::html::{PageContext, PageRewriter};
use site::{ALLOW, HOST};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        bail!("usage: sanitize_file PAGE.html [CHARSET]");
    };
    let encoding = match args.next() {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.as_bytes())
                .with_context(|| format!("unknown charset {label}"))?,
        ),
        None => None,
    };
    let page = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
    let allow = ALLOW.map(|h| format!("\"{h}\"")).join(", ");
    let config = format!(
        "[server]\nlisten = [\"127.0.0.1:8080\"]\n\n[[site]]\nname = \"portal\"\n\
         hosts = [\"{HOST}\"]\nupstream = \"http://127.0.0.1:9000\"\nmode = \"enforce\"\n\
         allow = [{allow}]\n"
    );
    let config = lachan::config::parse(&config, Path::new("sanitize_file.toml"))?;
    let base = url::Url::parse(&format!("https://{HOST}/"))?;
    let (audit, sink) = AuditLog::memory();
    let ctx = PageContext {
        site: Arc::clone(&config.sites[0]),
        base: base.clone(),
        encoding,
        request: RequestInfo {
            site: "portal".into(),
            client_ip: "127.0.0.1".parse()?,
            request_id: "sanitize-file".into(),
            method: "GET".into(),
            url: base.as_str().into(),
        },
        audit,
    };
    let mut rewriter = PageRewriter::new(ctx)?;
    let mut out = rewriter.write(&page)?.to_vec();
    out.extend_from_slice(&rewriter.end()?);
    for event in sink.events() {
        eprintln!("{}", serde_json::to_string(&event)?);
    }
    // The page's own bytes: a windows-1258 page stays windows-1258.
    std::io::Write::write_all(&mut std::io::stdout().lock(), &out)?;
    Ok(())
}
