//! Load generator: prints figures, asserts nothing about speed.
//!
//! `cargo bench -p server --bench load` starts this build's `vern serve
//! --demo` as its own process on a fresh database and lets N phones visit it
//! at once over loopback, each as its own verneombud from its own address
//! ([`people`]) (`VERN_LOAD_PHONES`, default `100,1000`; add
//! `VERN_TEST_POSTGRES_URL` for PostgreSQL too). Each phone logs in, loads
//! the reference data, pushes a round of 30 findings in three batches,
//! uploads 3 photos and pulls, pausing up to 2 s between steps; the phones
//! start spread over 60 ms each (6 s for 100, 60 s for 1,000). Printed per
//! run: requests/s, p50/p95/p99 per endpoint, busy answers (503, waited out
//! and sent again, as the app does), errors, and the server's CPU time and
//! peak memory. First, the memory one photo costs ([`memory`]).

#[path = "sync/client.rs"]
#[expect(
    dead_code,
    reason = "shared with the sync benchmark; this one uses its rounds and PostgreSQL helpers"
)]
mod client;
#[path = "load/memory.rs"]
mod memory;
#[path = "load/people.rs"]
mod people;
#[path = "load/phone.rs"]
mod phone;
#[path = "load/server.rs"]
mod server;
#[path = "load/stats.rs"]
mod stats;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use phone::Visit;
use server::Server;
use stats::Stats;

/// The longest pause between a phone's steps.
const THINK: Duration = Duration::from_secs(2);
/// How far apart the phones start.
const RAMP_PER_PHONE: Duration = Duration::from_millis(60);

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    vern::telemetry::init("error", false);
    let phones: Vec<u32> = std::env::var("VERN_LOAD_PHONES")
        .unwrap_or_else(|_| "100,1000".to_owned())
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .context("VERN_LOAD_PHONES: numbers, comma-separated")
        })
        .collect::<anyhow::Result<_>>()?;
    let photo = bytes::Bytes::from(client::noisy_jpeg(2048, 1536, 0x0f)?);
    println!(
        "each phone sends a {:.2} MB photo 3 times; {} cores",
        photo.len() as f64 / 1e6,
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    let dir = tempfile::tempdir()?;
    print_memory_per_photo(dir.path()).await?;
    for &n in &phones {
        let run_dir = dir.path().join(format!("sqlite-{n}"));
        let url = format!("sqlite://{}/vern.db?mode=rwc", run_dir.display());
        std::fs::create_dir_all(&run_dir)?;
        run("SQLite", &url, &run_dir, n, &photo).await?;
    }
    match std::env::var("VERN_TEST_POSTGRES_URL") {
        Ok(admin) => {
            for &n in &phones {
                let (url, drop) = client::fresh_postgres(&admin).await?;
                let run_dir = dir.path().join(format!("postgres-{n}"));
                std::fs::create_dir_all(&run_dir)?;
                run("PostgreSQL", &url, &run_dir, n, &photo).await?;
                drop.await?;
            }
        }
        Err(_) => println!("(PostgreSQL skipped: set VERN_TEST_POSTGRES_URL to include it)"),
    }
    Ok(())
}

/// The peak memory of one photo's upload and thumbnail, each on a fresh
/// server (SQLite).
async fn print_memory_per_photo(dir: &Path) -> anyhow::Result<()> {
    println!("\n== memory per photo (a fresh server for each) ==");
    let photos = [
        ("2 MB JPEG", client::two_megabyte_jpeg()?),
        ("48-megapixel JPEG", client::noisy_jpeg(8_000, 6_000, 0x07)?),
        ("10-megapixel PNG", memory::smooth_png(3_600, 2_800)?),
    ];
    for (n, (what, photo)) in photos.into_iter().enumerate() {
        let run_dir = dir.join(format!("memory-{n}"));
        std::fs::create_dir_all(&run_dir)?;
        let url = format!("sqlite://{}/vern.db?mode=rwc", run_dir.display());
        memory::print_peak(&url, &run_dir, what, photo.into()).await?;
    }
    Ok(())
}

async fn run(
    backend: &str,
    url: &str,
    dir: &Path,
    phones: u32,
    photo: &bytes::Bytes,
) -> anyhow::Result<()> {
    let server = Server::start(url, dir, phones).await?;
    let stats = Arc::new(Stats::default());
    let visit = Arc::new(Visit {
        address: server.address.clone(),
        stats: Arc::clone(&stats),
        photo: photo.clone(),
        think: THINK,
    });
    let ramp = RAMP_PER_PHONE * phones;
    let cpu_before = server.cpu_seconds()?;
    let started = Instant::now();
    let mut visits = tokio::task::JoinSet::new();
    for n in 0..phones {
        let visit = Arc::clone(&visit);
        let delay = RAMP_PER_PHONE * n;
        visits.spawn(async move {
            tokio::time::sleep(delay).await;
            phone::visit(visit, n).await;
        });
    }
    while visits.join_next().await.is_some() {}
    let wall = started.elapsed().as_secs_f64();
    let cpu = server.cpu_seconds()? - cpu_before;
    println!(
        "\n== {backend}, {phones} phones (started over {} s) ==",
        ramp.as_secs()
    );
    println!(
        "  {} requests in {wall:.1} s = {:.0} requests/s; {} errors; server CPU {cpu:.1} s \
         ({:.2} cores busy on average); server peak memory {:.0} MB",
        stats.requests(),
        stats.requests() as f64 / wall,
        stats.errors(),
        cpu / wall,
        server.peak_mb()?,
    );
    stats.print();
    Ok(())
}
