//! The mutation corpus (`tests/mutation/`) served for the browser's view
//! (`tests/browser/mutation.sh`): a compromised upstream on loopback that serves the
//! browser sample of `MUTATION_SEED` / `MUTATION_COUNT` (default 60) / `MUTATION_ONLY`,
//! and the gateway in front of it.
//!
//! Usage: `mutation_serve MANIFEST_PATH`. Writes the manifest (every variant's path,
//! label and dimensions, the allow list and the known gaps) as JSON, prints
//! `upstream http://ADDR`, `reference http://ADDR` (the same pages without content coding,
//! for the browser's copy of benign pages) and `gateway http://ADDR`, then serves until
//! killed.

#[path = "../tests/mutation/mod.rs"]
mod corpus;

use corpus::gaps::KNOWN_GAPS;
use corpus::{ALLOW, RunSpec, serve};
use serde_json::json;

/// The CI sample for the browser: each of three profiles loads every page.
const BROWSER_COUNT: u64 = 60;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = std::env::args()
        .nth(1)
        .ok_or("usage: mutation_serve MANIFEST_PATH")?;
    let spec = RunSpec::from_env(BROWSER_COUNT);
    let variants = corpus::browser_variants(&spec);
    let up = serve::upstream(serve::by_index(&variants)).await?;
    let reference = serve::reference(serve::by_index(&variants)).await?;
    let gateway = serve::gateway("127.0.0.1:0", up, lachan::audit::AuditLog::tracing()).await?;
    let list: Vec<_> = variants
        .iter()
        .map(|v| {
            json!({
                "index": v.index,
                "label": v.label(),
                "class": v.template.class,
                "context": format!("{:?}", v.context),
                "codec": format!("{:?}", v.codec),
                "charset": format!("{:?}", v.charset),
                "status": v.status,
                "benign": v.benign(),
                "path": v.path,
                "payload": v.payload.chars().take(800).collect::<String>(),
            })
        })
        .collect();
    let gaps: Vec<_> = KNOWN_GAPS
        .iter()
        .map(|(k, why)| json!({"key": k, "why": why}))
        .collect();
    let doc = json!({"seed": spec.seed, "allow": ALLOW, "gaps": gaps, "variants": list});
    std::fs::write(&manifest, serde_json::to_vec_pretty(&doc)?)?;
    println!("upstream http://{up}");
    println!("reference http://{reference}");
    println!("gateway http://{}", gateway.http_addrs[0]);
    tokio::signal::ctrl_c().await?;
    Ok(())
}
