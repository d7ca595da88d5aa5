//! The protected site every suite assumes: its host and the foreign hosts it allows. The
//! mutation corpus (`tests/mutation/`, also built into `examples/mutation_serve.rs`) reads
//! the same file, so the kit and the corpus cannot drift apart.

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
