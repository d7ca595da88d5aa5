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
