//! The `lachan` binary as operators use it: `check`, and `run` with a signal to stop.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn lachan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lachan"))
}

#[test]
fn every_example_config_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let out = lachan().arg("check").arg("-c").arg(&path).output().unwrap();
            assert!(
                out.status.success(),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "expected the minimal and the province examples"
    );
}

#[test]
fn check_reports_every_error_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "[server]\nlisten = [\"127.0.0.1:8080\"]\ntrusted_proxies = [\"10.0.0.300/8\"]\n\n\
         [[site]]\nname = \"a\"\nhosts = [\"a.gov.vn\"]\nupstream = \"http//nope\"\n\n\
         [[site]]\nname = \"b\"\nhosts = [\"a.gov.vn\"]\nupstream = \"http://127.0.0.1:1\"\nmodee = \"report\"\n",
    )
    .unwrap();
    let out = lachan().arg("check").arg("-c").arg(&path).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for loc in ["bad.toml:3:20", "bad.toml:8:12", "bad.toml:14:1"] {
        assert!(err.contains(loc), "missing {loc} in:\n{err}");
    }
}

#[test]
fn run_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gw.toml");
    std::fs::write(
        &path,
        format!(
            "[server]\nlisten = [\"127.0.0.1:0\"]\n[audit]\ndir = \"{}\"\n[[site]]\nname = \"p\"\nhosts = [\"p.gov.vn\"]\nupstream = \"http://127.0.0.1:1\"\n",
            dir.path().join("audit").display()
        ),
    )
    .unwrap();
    let mut child = lachan()
        .args(["run", "-c"])
        .arg(&path)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let listening = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.contains("listening"));
    assert!(
        listening.is_some(),
        "the gateway never said it was listening"
    );
    let kill = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(kill.success());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait()));
    let status = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the gateway did not stop on SIGTERM")
        .unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn check_and_run_word_config_errors_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "[server]\nlisten = [\"127.0.0.1:notaport\"]\n[limits]\nmax_headers = \"a\"\nidle_timeout = 5\n",
    )
    .unwrap();
    let check = lachan().arg("check").arg("-c").arg(&path).output().unwrap();
    let run = lachan().arg("run").arg("-c").arg(&path).output().unwrap();
    assert_eq!(check.status.code(), Some(2));
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&check.stderr);
    assert_eq!(said, String::from_utf8_lossy(&run.stderr));
    for line in [
        "bad.toml:2:11: invalid listen address",
        "bad.toml:4:15",
        "bad.toml:5:16",
    ] {
        assert!(said.contains(line), "missing {line} in:\n{said}");
    }
    assert!(
        said.contains("3 error(s), the config is not valid"),
        "{said}"
    );
}

#[test]
fn a_missing_config_file_is_named_as_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.toml");
    let out = lachan().arg("check").arg("-c").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("absent.toml: cannot read the config file: No such file"),
        "{said}"
    );
    assert!(!said.contains(":0:0"), "{said}");
}

/// A `lachan run` child, with the addresses it logged once it was up.
struct Running {
    child: std::process::Child,
    #[allow(dead_code)]
    http: Vec<String>,
    admin: Option<String>,
    _dir: tempfile::TempDir,
}

/// Starts `lachan run` on `[server]` lines `server` (plus one site and a private audit
/// dir) and waits for its listening lines; `None` when it exits first, with its stderr.
fn start_run(server: &str) -> Result<Running, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gw.toml");
    std::fs::write(
        &path,
        format!(
            "[server]\n{server}\n[audit]\ndir = \"audit\"\n[[site]]\nname = \"p\"\nhosts = [\"p.gov.vn\"]\nupstream = \"http://127.0.0.1:1\"\n"
        ),
    )
    .unwrap();
    let mut child = lachan()
        .args(["run", "-c"])
        .arg(&path)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let wants_admin = server.contains("admin");
    let (mut http, mut admin, mut said) = (Vec::new(), None, String::new());
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    for line in lines.by_ref().map_while(Result::ok) {
        said.push_str(&line);
        said.push('\n');
        let addr = line.rsplit_once("addr=").map(|(_, a)| a.trim().to_string());
        if line.contains("admin listening") {
            admin = addr;
        } else if line.contains("listening (http)") {
            http.extend(addr);
        }
        if !http.is_empty() && (admin.is_some() || !wants_admin) {
            // Keep reading: a closed pipe would fail the gateway's later log lines.
            std::thread::spawn(move || lines.for_each(drop));
            return Ok(Running {
                child,
                http,
                admin,
                _dir: dir,
            });
        }
    }
    let _ = child.wait();
    Err(said)
}

impl Running {
    /// SIGTERM, then the exit status (within 20 s).
    fn stop(mut self) -> std::process::ExitStatus {
        let kill = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(kill.success());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(self.child.wait()));
        rx.recv_timeout(Duration::from_secs(20))
            .expect("the gateway did not stop on SIGTERM")
            .unwrap()
    }
}

#[test]
fn health_answers_for_a_live_gateway_and_fails_for_a_dead_one() {
    let gw = start_run("listen = [\"127.0.0.1:0\"]\nadmin = \"127.0.0.1:0\"").unwrap();
    let admin = gw.admin.clone().expect("an admin address");
    let out = lachan()
        .args(["health", "--admin", &admin])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"status\""));
    assert!(gw.stop().success());
    let out = lachan()
        .args(["health", "--timeout", "2", "--admin", &admin])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot reach the admin listener"), "{said}");
}

#[test]
fn the_container_config_listens_everywhere_and_its_health_check_probes_the_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cfg = lachan::config::load(&root.join("deploy/container.toml")).unwrap();
    assert!(cfg.server.listen.iter().all(|a| a.ip().is_unspecified()));
    assert_eq!(cfg.audit().dir, Path::new("/var/lib/lachan/audit"));
    let admin = cfg
        .server
        .admin
        .expect("the health check needs the admin listener");
    assert!(
        admin.ip().is_loopback(),
        "the admin listener has no authentication"
    );
    let file = std::fs::read_to_string(root.join("deploy/Containerfile")).unwrap();
    assert!(file.contains("COPY deploy/container.toml /etc/lachan/lachan.toml"));
    assert!(file.contains("/var/lib/lachan"), "{file}");
    let health = file
        .lines()
        .skip_while(|l| !l.starts_with("HEALTHCHECK"))
        .take(2)
        .collect::<String>();
    assert!(
        health.contains("\"health\"") && health.contains(&admin.to_string()),
        "the HEALTHCHECK must probe {admin}: {health}"
    );
}

#[test]
fn a_second_gateway_on_the_same_port_is_refused_naming_the_port() {
    let first = start_run("listen = [\"127.0.0.1:0\"]").unwrap();
    let addr = first.http[0].clone();
    let port = addr.rsplit(':').next().unwrap().to_string();
    let said = match start_run(&format!("listen = [\"{addr}\"]")) {
        Ok(second) => {
            second.stop();
            panic!("a second gateway shared {addr} with the first");
        }
        Err(said) => said,
    };
    assert!(first.stop().success());
    let refusal = format!("port {port} is already in use");
    assert!(said.contains(&refusal), "{said}");
    // The cause is said once, not once by the error and again by its source.
    assert_eq!(said.matches("in use").count(), 1, "{said}");
}

#[test]
fn audit_report_html_writes_the_page_and_prints_no_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = lachan()
        .args(["audit", "report", "--html"])
        .arg(&page)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(std::fs::read_to_string(&page).unwrap().contains("<html"));
    let text = lachan()
        .args(["audit", "report"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        !text.stdout.is_empty(),
        "without --html the text report is printed"
    );
}

/// `GET path` over HTTP/1.0 (close-delimited, never chunked or compressed).
fn get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn the_demo_shows_metrics_the_next_commands_and_a_neutral_description() {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit");
    let mut child = lachan()
        .args(["demo", "--listen", "127.0.0.1:0", "--audit-dir"])
        .arg(&audit)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let shown: Vec<String> = lines
        .map_while(Result::ok)
        .take_while(|l| !l.contains("Ctrl-C"))
        .collect();
    let url_of = |label: &str| {
        let line = shown.iter().find(|l| l.contains(label)).cloned();
        let line = line.unwrap_or_else(|| panic!("no {label} line in {shown:#?}"));
        line.split("http://")
            .nth(1)
            .unwrap()
            .trim_end_matches('/')
            .to_string()
    };
    let gateway = url_of("via lachan");
    let metrics = url_of("metrics");
    let page = get(&gateway, "/");
    let scraped = get(metrics.trim_end_matches("/metrics"), "/metrics");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let _ = child.wait();
    let dir_shown = audit.display().to_string();
    for command in [
        format!("lachan audit verify {dir_shown}"),
        format!("lachan audit report --html report.html {dir_shown}"),
    ] {
        assert!(
            shown.iter().any(|l| l.trim() == command),
            "no `{command}` in {shown:#?}"
        );
    }
    assert!(metrics.ends_with("/metrics"), "{metrics}");
    assert!(
        scraped.contains("200 OK") && scraped.contains("lachan_"),
        "{scraped}"
    );
    let description = page
        .lines()
        .find(|l| l.contains("name=\"description\""))
        .unwrap_or_else(|| panic!("no meta description in {page}"));
    assert!(description.contains("Thư viện tỉnh"), "{description}");
    assert!(!description.contains("thu-vien"), "{description}");
    assert!(!description.contains("nổ hũ"), "{description}");
}
