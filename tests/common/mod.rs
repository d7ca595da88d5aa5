//! The integration suites' one test kit. A suite states its gateway and upstream in a line
//! or two and then reads as its attack or behaviour:
//!
//! - [`gateway`]: `Setup` (server, guard, tables, sites as config text) → a started
//!   `Gateway` with a client, raw sends and the audit events;
//! - [`upstream`]: the upstream behind it, scripted, a handler, or recording;
//! - [`raw`]: bytes over TCP for the requests a client library will not send;
//! - [`body`]: responses, chunked bodies and content codings for the upstream;
//! - [`rewrite`]: the HTML rewriter alone, in every chunking, for the sanitizer's suites.
//!
//! Everything listens on 127.0.0.1:0, and every wait is bounded: no fixed ports, no sleeps.

#![allow(dead_code)]

pub mod body;
pub mod gateway;
pub mod raw;
pub mod rewrite;
pub mod upstream;

/// The site being protected in every suite.
pub const HOST: &str = "portal.example.gov.vn";
/// The foreign hosts the suites' site allows.
pub const ALLOW: [&str; 6] = [
    "*.gov.vn",
    "chinhphu.vn",
    "*.edu.vn",
    "www.googletagmanager.com",
    "www.google-analytics.com",
    "www.youtube.com",
];
