//! `lachan scan`: turns the command line into scan options, runs the scan, writes the
//! requested files and maps the outcome to an exit status (0 done, 1 error, 2 invalid
//! config, 3 a new suspicious host against the baseline).

use std::io::IsTerminal;
use std::num::NonZeroU32;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use lachan::scan::{self, Report, baseline, crawl::Bounds};

use crate::cli::ScanArgs;

/// Exit status when a new suspicious host appeared since the baseline.
const NEW_SUSPICIOUS: u8 = 3;

pub fn run(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let config = match lachan::config::load(&args.config) {
        Ok(c) => c,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("{e}");
            }
            return Ok(ExitCode::from(2));
        }
    };
    let before = args.baseline.as_deref().map(read_baseline).transpose()?;
    let opts = options(&args)?;
    let alerts = config.site_by_name(&args.site).map(|s| s.alerts().clone());
    let runtime = crate::runtime()?;
    let report = runtime.block_on(scan::scan(config, &opts))?;
    write_files(&args, &report)?;
    let mut text = scan::output::summary(&report);
    if args.propose_allow {
        text.push('\n');
        text.push_str(&scan::hosts::snippet(&report.hosts));
        text.push_str(&scan::tokens::snippet(&report.verification));
    }
    let diff = before.map(|b| baseline::diff(&b, &report));
    if let Some(d) = &diff {
        text.push('\n');
        text.push_str(&baseline::render(d));
    }
    crate::out(&text)?;
    if let (true, Some(d), Some(alerts)) = (args.alert, &diff, &alerts) {
        let failed = runtime.block_on(scan::notify::send(alerts, &report, &d.new_suspicious));
        for (host, e) in &failed {
            eprintln!("lachan scan: alert for {host} not delivered: {e}");
        }
    }
    Ok(match diff {
        Some(d) if !d.new_suspicious.is_empty() => ExitCode::from(NEW_SUSPICIOUS),
        _ => ExitCode::SUCCESS,
    })
}

fn options(args: &ScanArgs) -> anyhow::Result<scan::Options> {
    let rate = NonZeroU32::new(args.rate).context("--rate must be at least 1")?;
    anyhow::ensure!(args.concurrency > 0, "--concurrency must be at least 1");
    Ok(scan::Options {
        site: args.site.clone(),
        seeds: args.seeds.clone(),
        bounds: Bounds {
            max_pages: args.max_pages,
            max_depth: args.depth,
            concurrency: args.concurrency,
            max_time: args.max_time.0,
        },
        rate,
        page_timeout: args.page_timeout.0,
        max_bytes: args.max_bytes.as_usize(),
        via_gateway: args.via_gateway,
        progress: std::io::stderr().is_terminal(),
    })
}

fn read_baseline(path: &Path) -> anyhow::Result<Report> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{}: not a `lachan scan --json` report", path.display()))
}

fn write_files(args: &ScanArgs, r: &Report) -> anyhow::Result<()> {
    let ctx = |p: &Path| format!("writing {}", p.display());
    if let Some(p) = &args.json {
        let mut text = serde_json::to_string_pretty(r)?;
        text.push('\n');
        std::fs::write(p, text).with_context(|| ctx(p))?;
    }
    if let Some(p) = &args.csv {
        let f = std::fs::File::create(p).with_context(|| ctx(p))?;
        scan::output::write_csv(r, std::io::BufWriter::new(f)).with_context(|| ctx(p))?;
    }
    if let Some(p) = &args.html {
        std::fs::write(p, scan::html::render(r)).with_context(|| ctx(p))?;
    }
    Ok(())
}
