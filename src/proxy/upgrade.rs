//! Pass-through of `Upgrade` requests (WebSocket and others).
//!
//! Once both sides have agreed to switch protocols, the gateway copies bytes both ways
//! until either side closes. The upgraded stream is opaque to the sanitizer by design.

use hyper::upgrade::OnUpgrade;
use hyper_util::rt::TokioIo;

/// Joins the client's and the upstream's upgraded connections once both are ready.
pub(crate) fn splice(client: OnUpgrade, upstream: OnUpgrade, request_id: String) {
    tokio::spawn(async move {
        let (client, upstream) = match tokio::try_join!(client, upstream) {
            Ok(pair) => pair,
            Err(e) => {
                tracing::info!(request_id, error = %e, "upgrade failed");
                return;
            }
        };
        let mut client = TokioIo::new(client);
        let mut upstream = TokioIo::new(upstream);
        match tokio::io::copy_bidirectional(&mut client, &mut upstream).await {
            Ok((up, down)) => tracing::debug!(request_id, up, down, "upgraded connection closed"),
            Err(e) => tracing::debug!(request_id, error = %e, "upgraded connection ended"),
        }
    });
}
