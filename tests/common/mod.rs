//! The integration suites' one test kit. A suite states its gateway and upstream in a line
//! or two and then reads as its attack or behaviour:
//!
//! - [`gateway`]: `Setup` (server, guard, tables, sites as config text) → a started
//!   `Gateway` with a client, raw sends and the audit events;
//! - [`upstream`]: the upstream behind it, scripted, a handler, or recording;
//! - [`raw`]: bytes over TCP for the requests a client library will not send;
//! - [`body`]: responses, chunked bodies and content codings for the upstream;
//! - [`rewrite`]: the HTML rewriter alone, in every chunking, for the sanitizer's suites;
//! - [`tls`]: dev certificates, TLS clients with SNI and ALPN, HTTP/1.1 and HTTP/2 over them;
//! - [`expect`]: the checks the suites repeat (refused with its event, served unchanged);
//! - [`built_hosts`]: foreign URLs decoded at run time, crossed with the script sinks.
//!
//! Everything listens on 127.0.0.1:0, and every wait is bounded: no fixed ports, no sleeps.

#![allow(dead_code)]

pub mod body;
pub mod built_hosts;
pub mod expect;
pub mod gateway;
pub mod raw;
pub mod rewrite;
pub mod text;
pub mod tls;
pub mod upstream;

mod site;

pub use site::{ALLOW, HOST};
