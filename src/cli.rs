//! The command line: `run`, `check`, `demo`, `audit` and `certs`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "lachan",
    version,
    about = "lá chắn: a sanitizing security gateway for agency web portals"
)]
pub struct Cli {
    /// Log as JSON lines instead of human-readable text.
    #[arg(long, global = true)]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve: SIGTERM/SIGINT drain and stop, SIGHUP reloads the config.
    Run {
        /// The config file.
        #[arg(short, long)]
        config: PathBuf,
    },
    /// Validate a config file; print every error with its line and column.
    Check {
        /// The config file to validate.
        #[arg(short, long)]
        config: PathBuf,
    },
    /// Ask a running gateway's admin listener for /healthz; exit 0 when it answers 200
    /// (for container health checks).
    Health {
        /// The admin address (`[server] admin`).
        #[arg(long, default_value = "127.0.0.1:9901")]
        admin: SocketAddr,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 3)]
        timeout: u64,
    },
    /// Start a sample compromised portal and the gateway in front of it, on loopback.
    Demo {
        /// Where the gateway listens (falls back to a free port if taken).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Where the sample portal listens.
        #[arg(long, default_value = "127.0.0.1:0")]
        portal: SocketAddr,
        /// Where the demo writes its audit log.
        #[arg(long, default_value = "demo-audit")]
        audit_dir: PathBuf,
    },
    /// Work with the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Certificates for local testing.
    #[command(subcommand)]
    Certs(CertsCommand),
    /// Crawl a site's origin and review its outbound links (docs/scan.md). Exit 3: a new
    /// suspicious host against the baseline.
    Scan(Box<ScanArgs>),
}

/// `lachan scan`; see docs/scan.md.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// The config file that names the site and its upstream.
    #[arg(short, long)]
    pub config: PathBuf,
    /// The `[[site]] name` to scan.
    #[arg(long)]
    pub site: String,
    /// Extra start paths, besides `/`, sitemap.xml and robots.txt's sitemaps.
    #[arg(long = "seed", value_name = "PATH")]
    pub seeds: Vec<String>,
    /// Stop after this many pages.
    #[arg(long, default_value_t = 500)]
    pub max_pages: usize,
    /// Links followed away from a start page.
    #[arg(long, default_value_t = 10)]
    pub depth: u32,
    /// Pages fetched at the same time.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Requests per second to the origin (each page is fetched twice).
    #[arg(long, default_value_t = 5)]
    pub rate: u32,
    /// One fetch's deadline (head and body).
    #[arg(long, default_value = "20s")]
    pub page_timeout: lachan::config::units::Dur,
    /// The whole crawl's deadline.
    #[arg(long, default_value = "30m")]
    pub max_time: lachan::config::units::Dur,
    /// Body bytes kept per page; the rest is cut.
    #[arg(long, default_value = "2MiB")]
    pub max_bytes: lachan::config::units::Size,
    /// Crawl through the running lachan (first `listen` address) instead of the origin.
    #[arg(long)]
    pub via_gateway: bool,
    /// Write the inventory as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write one CSV row per page and link to FILE.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write a self-contained HTML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// An earlier scan's JSON: list what changed; exit 3 on a new suspicious host.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print a TOML `allow = [...]` snippet of the unlisted hosts that look legitimate.
    #[arg(long)]
    pub propose_allow: bool,
    /// With --baseline: POST each new suspicious host to the site's `[site.alerts] webhook`.
    #[arg(long, requires = "baseline")]
    pub alert: bool,
}

#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// Make a local CA (reused if present) and a certificate for each HOST. For testing only.
    Dev {
        /// Where to write ca.pem, ca.key, HOST.pem and HOST.key.
        #[arg(long, default_value = "certs/dev")]
        out: PathBuf,
        /// Host names or IP addresses, one certificate each.
        #[arg(required = true)]
        hosts: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the audit logs in DIR; exit 1 and name the first bad line.
    Verify {
        /// The audit folder (`[audit] dir`).
        dir: PathBuf,
        /// A head hash exported earlier with `lachan audit head`: check it is still in the chain.
        #[arg(long)]
        anchor: Option<String>,
    },
    /// Print the newest hash of the chain (keep it elsewhere as an anchor).
    Head {
        /// The audit folder (`[audit] dir`).
        dir: PathBuf,
    },
    /// Summarize the audit logs for auditors: text, `--json`, or `--html FILE`.
    Report {
        /// The audit folder (`[audit] dir`).
        dir: PathBuf,
        /// Only events on or after this UTC day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Only this site.
        #[arg(long)]
        site: Option<String>,
        /// Print the summary as JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Write a self-contained HTML page with charts to FILE (instead of the text on
        /// stdout).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Print, per site, an `allow = [...]` snippet learnt from report-mode events
        /// instead of the text report (docs/scan.md).
        #[arg(long)]
        allow_suggest: bool,
    },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every argument of every subcommand explains itself in `--help`.
    #[test]
    fn every_argument_has_a_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "lachan", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:?}");
    }
}
