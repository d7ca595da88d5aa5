//! TLS material, shared by the listeners (stage 1, accept) and the upstream client (stage
//! 4, forward): the `[tls]` and `[site.tls]` config, certificates and keys read from PEM
//! files, the store that picks a listener certificate by SNI, the upstream roots, the
//! `lachan check` TLS findings and the dev CA.
//!
//! A part below `server`, `proxy` and `upstream`: it knows nothing of connections or of
//! the gateway. The rustls resolver that reads the live store sits in `server::tls`.

pub mod certs;
pub mod check;
pub mod config;
pub mod dev;
pub(crate) mod store;
pub(crate) mod upstream;
