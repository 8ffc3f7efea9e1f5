//! The server under load, as its own process (the `vern` binary of this
//! build), so that its CPU time and memory are its own and not the load
//! generator's.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use std::process::{Child, Command, Stdio};

use crate::people;

/// Clock ticks per second in `/proc/<pid>/stat` (`USER_HZ`, 100 on Linux).
const USER_HZ: f64 = 100.0;

/// A running `vern serve --demo`.
pub struct Server {
    child: Child,
    pid: u32,
    /// `http://127.0.0.1:<port>`.
    pub address: String,
}

impl Server {
    /// Starts the server on `database_url` with its files in `dir`, waits
    /// until it answers, and adds the users of `phones` phones.
    pub async fn start(database_url: &str, dir: &Path, phones: u32) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_vern"))
            .args(["serve", "--demo"])
            .env("VERN_LISTEN", format!("127.0.0.1:{port}"))
            .env("VERN_DATABASE_URL", database_url)
            .env("VERN_DATA_DIR", dir)
            .env("VERN_SITE_ROOT", dir)
            .env("VERN_LOG", "error")
            .env("VERN_REMINDER_MINUTES", "0")
            .env("VERN_MAIL_SECONDS", "0")
            .env("VERN_TRUSTED_PROXIES", "127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("start vern")?;
        let pid = child.id();
        let server = Server {
            child,
            pid,
            address: format!("http://127.0.0.1:{port}"),
        };
        server.wait_until_ready().await?;
        people::add(database_url, phones).await?;
        Ok(server)
    }

    async fn wait_until_ready(&self) -> anyhow::Result<()> {
        let client = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(120) {
            let health = client.get(format!("{}/healthz", self.address)).send().await;
            if health.is_ok_and(|answer| answer.status().is_success()) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("the server did not answer within 120 s")
    }

    /// CPU time the server has used so far (user and system), in seconds.
    pub fn cpu_seconds(&self) -> anyhow::Result<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid))?;
        // Fields after the command name (which may hold spaces), from field 3.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .context("a stat line")?
            .1
            .split_whitespace()
            .collect();
        let ticks = |index: usize| -> anyhow::Result<f64> {
            Ok(fields.get(index).context("a stat field")?.parse::<f64>()?)
        };
        // utime and stime are fields 14 and 15, 12 and 13 counted from 3.
        Ok((ticks(11)? + ticks(12)?) / USER_HZ)
    }

    /// The server's peak resident memory so far, in MB.
    pub fn peak_mb(&self) -> anyhow::Result<f64> {
        self.status_mb("VmHWM:")
    }

    /// The server's resident memory now, in MB.
    pub fn resident_mb(&self) -> anyhow::Result<f64> {
        self.status_mb("VmRSS:")
    }

    /// Sets the peak resident memory back to what is resident now.
    pub fn reset_peak(&self) -> anyhow::Result<()> {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid), "5").context("reset VmHWM")
    }

    /// A memory field of `/proc/<pid>/status`, in MB.
    fn status_mb(&self, field: &str) -> anyhow::Result<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid))?;
        let kb: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .with_context(|| format!("{field} in the server's status"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()?;
        Ok(kb / 1024.0)
    }
}

impl Drop for Server {
    /// Stops the server (also when the benchmark fails half-way).
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
