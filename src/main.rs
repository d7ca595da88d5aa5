//! The `lachan` binary: parses the command line, sets up logging, and maps outcomes to
//! exit codes. The only place that uses `anyhow`.

#![forbid(unsafe_code)]

mod cli;
mod scan_cmd;

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use lachan::config::{self, LogFormat};
use lachan::runtime::{Options, Running, StopSignals};

use cli::{AuditCommand, CertsCommand, Cli, Command};

/// mimalloc instead of glibc malloc: the proxy path allocates and frees many small buffers
/// per request, and glibc's allocator cost about a tenth of the gateway's CPU under load
/// (`benches/proxy_load.sh`, perf). Built without transparent huge pages (`no_thp`): with
/// them an idle gateway held 50 MB instead of 24 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lachan: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check { config } => Ok(check(&config)),
        Command::Run { config } => {
            let cfg = match config::load(&config) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("{e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let json = cli.log_json || cfg.log.format == LogFormat::Json;
            init_logging(json, &cfg.log.level);
            runtime()?.block_on(run(cfg, config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo {
            listen,
            portal,
            audit_dir,
        } => {
            init_logging(cli.log_json, "info");
            runtime()?.block_on(demo(listen, portal, &audit_dir))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Certs(CertsCommand::Dev { out, hosts }) => {
            let written = lachan::tls::dev::write_dev(&out, &hosts)?;
            for f in written {
                println!("wrote {}", f.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit(cmd) => audit(cmd),
        Command::Scan(args) => scan_cmd::run(*args),
        Command::Health { admin, timeout } => {
            let body = lachan::admin::probe::healthz(admin, Duration::from_secs(timeout))?;
            out(&body)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn audit(cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    use lachan::audit::{html, report, verify};
    match cmd {
        AuditCommand::Verify { dir, anchor } => {
            let outcome = verify::verify(&dir, anchor.as_deref())
                .with_context(|| format!("reading {}", dir.display()))?;
            out(&outcome)?;
            Ok(if outcome.ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        AuditCommand::Head { dir } => match verify::head(&dir)? {
            Some(h) => {
                println!("{}", h.hash);
                eprintln!("{}:{} seq {}", h.file, h.line, h.seq);
                Ok(ExitCode::SUCCESS)
            }
            None => anyhow::bail!("no audit lines in {}", dir.display()),
        },
        AuditCommand::Report {
            dir,
            since,
            site,
            json,
            html: page,
            allow_suggest,
        } => {
            if let Some(d) = &since {
                let fmt = time::macros::format_description!("[year]-[month]-[day]");
                time::Date::parse(d, &fmt)
                    .with_context(|| format!("--since {d:?}: expected YYYY-MM-DD"))?;
            }
            let r = report::build(&dir, &report::Filter { since, site })
                .with_context(|| format!("reading {}", dir.display()))?;
            if let Some(path) = &page {
                std::fs::write(path, html::render(&r))
                    .with_context(|| format!("writing {}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
            if json {
                out(&format!("{}\n", serde_json::to_string_pretty(&r)?))?;
            } else if allow_suggest {
                out(&lachan::audit::suggest::render(&r.allow_suggest))?;
            } else if page.is_none() {
                out(&r)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints to stdout; a closed pipe (`| head`) ends the output quietly.
pub(crate) fn out(text: &impl std::fmt::Display) -> anyhow::Result<()> {
    use std::io::Write;
    match write!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn check(path: &Path) -> ExitCode {
    match config::load(path) {
        Ok(cfg) => {
            let findings = lachan::tls::check::check(&cfg);
            for f in &findings {
                eprintln!("{}: {f}", path.display());
            }
            let errors = findings
                .iter()
                .filter(|f| f.severity == lachan::tls::check::Severity::Error)
                .count();
            if errors > 0 {
                eprintln!("{}", config::summary(path, errors));
                return ExitCode::from(2);
            }
            println!("{}: OK ({} site(s))", path.display(), cfg.sites.len());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::from(2)
        }
    }
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn init_logging(json: bool, level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    // Colour codes only on a terminal: in a journal or a pipe they garble `addr=` fields.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn run(cfg: config::Config, path: std::path::PathBuf) -> anyhow::Result<()> {
    let opts = Options {
        reload_from: Some(path),
        audit: None,
    };
    let signals = StopSignals::install().context("installing the signal handlers")?;
    let running = Running::start(cfg, opts).await?;
    for a in &running.http_addrs {
        tracing::info!(addr = %a, "listening (http)");
    }
    for a in &running.https_addrs {
        tracing::info!(addr = %a, "listening (https)");
    }
    if let Some(a) = running.admin_addr {
        tracing::info!(addr = %a, "admin listening (/healthz, /metrics)");
    }
    running.run_until(signals).await;
    Ok(())
}

async fn demo(listen: SocketAddr, portal: SocketAddr, audit_dir: &Path) -> anyhow::Result<()> {
    let portal = lachan::demo::portal::start(portal)
        .await
        .context("starting the sample portal")?;
    let listen = match std::net::TcpListener::bind(listen) {
        Ok(l) => l.local_addr()?,
        Err(_) => SocketAddr::from(([127, 0, 0, 1], 0)),
    };
    let cfg =
        lachan::demo::config(listen, portal, audit_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let signals = StopSignals::install().context("installing the signal handlers")?;
    let running = Running::start(cfg, Options::default()).await?;
    let gateway = running.http_addrs[0];
    let dir = audit_dir.display();
    println!();
    println!("  compromised portal (direct):  http://{portal}/");
    println!("  the same portal via lachan:   http://{gateway}/");
    if let Some(admin) = running.admin_addr {
        println!("  metrics (Prometheus):         http://{admin}/metrics");
    }
    println!();
    println!("  Open both: the direct page carries hidden betting links and redirect scripts;");
    println!("  lachan strips them on the fly. Also try /khuyen-mai and /no-such-page.");
    println!("  Audit events go to {dir}. Then, in another terminal:");
    println!("    lachan audit verify {dir}");
    println!("    lachan audit report --html report.html {dir}");
    println!("  Press Ctrl-C to stop.");
    println!();
    running.run_until(signals).await;
    Ok(())
}
