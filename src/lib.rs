//! lachan ("lá chắn", shield): a streaming, sanitizing security gateway for agency portals.
//!
//! The request's way through the gateway is written down in [`proxy::stages`]. The module
//! map follows `design.md`: each module's `//!` doc says which stage it is.

#![forbid(unsafe_code)]

pub mod admin;
pub mod audit;
pub mod body;
pub mod cache;
pub mod client_ip;
pub mod cluster;
pub mod config;
pub mod demo;
pub mod guard;
pub mod metrics;
pub mod pages;
pub mod proxy;
pub mod runtime;
pub mod sanitize;
pub mod scan;
pub mod server;
pub mod settings;
pub mod tls;
pub mod upstream;
pub mod workers;
