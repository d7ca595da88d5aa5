//! A real `redis-server` for the cluster tests: its own temp dir, a unix socket (no TCP
//! port at all, so no port races), stopped with `SHUTDOWN SAVE` so that a restart on the
//! same dir brings the data back.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Redis {
    child: Option<Child>,
    dir: tempfile::TempDir,
}

/// Whether `redis-server` can run here; without it a test skips (with a reason) unless
/// `CI` is set, where it fails instead.
pub fn available() -> bool {
    let found = Command::new("redis-server")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "redis-server is not installed, and CI is set: .ci/run must install it"
        );
        eprintln!("skipping: redis-server is not installed (apt-get install redis-server)");
    }
    found
}

impl Redis {
    /// Starts a server and waits until it answers; `None` when redis-server is absent.
    pub async fn start() -> Option<Self> {
        if !available() {
            return None;
        }
        let mut r = Self {
            child: None,
            dir: tempfile::tempdir().unwrap(),
        };
        r.spawn().await;
        Some(r)
    }

    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("redis.sock")
    }

    pub fn url(&self) -> String {
        format!("redis+unix://{}", self.socket().display())
    }

    async fn spawn(&mut self) {
        let dir: &Path = self.dir.path();
        let child = Command::new("redis-server")
            .args(["--port", "0", "--unixsocketperm", "700", "--save", "3600 1"])
            .arg("--unixsocket")
            .arg(self.socket())
            .arg("--dir")
            .arg(dir)
            .arg("--logfile")
            .arg(dir.join("redis.log"))
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.ping().await.is_err() {
            assert!(Instant::now() < deadline, "redis-server did not come up");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn client(&self) -> redis::RedisResult<redis::aio::MultiplexedConnection> {
        let client = redis::Client::open(self.url())?;
        client.get_multiplexed_async_connection().await
    }

    async fn ping(&self) -> redis::RedisResult<()> {
        let mut c = self.client().await?;
        redis::cmd("PING")
            .query_async::<String>(&mut c)
            .await
            .map(|_| ())
    }

    /// Stops the server (saving its data) and waits for it to exit.
    pub async fn stop(&mut self) {
        if let Ok(mut c) = self.client().await {
            let _ = redis::cmd("SHUTDOWN").arg("SAVE").exec_async(&mut c).await;
        }
        if let Some(mut child) = self.child.take() {
            let deadline = Instant::now() + Duration::from_secs(10);
            while child.try_wait().unwrap().is_none() {
                if Instant::now() > deadline {
                    let _ = child.kill();
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }

    /// Restarts with an empty data set (as a Redis without persistence would come back).
    pub async fn restart_empty(&mut self) {
        self.stop().await;
        let _ = std::fs::remove_file(self.dir.path().join("dump.rdb"));
        self.spawn().await;
    }

    pub async fn restart(&mut self) {
        self.stop().await;
        self.spawn().await;
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
