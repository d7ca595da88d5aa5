//! Stage 4, forward (the upstream side): one pooled HTTP/1 client per site and worker, and
//! the upstream call itself.
//!
//! A part below `proxy` (which forwards through it) and `scan` (which crawls a site's
//! origin with the same clients and TLS settings); it knows nothing of the stages.

pub(crate) mod client;
pub mod pool;
