//! Sync benchmark: prints figures, asserts nothing about speed.
//!
//! `cargo bench -p server --bench sync` (add `VERN_TEST_POSTGRES_URL` for a
//! PostgreSQL run too). Starts the real server on port 0 against a fresh
//! database with the demo organisation and measures, over HTTP:
//! a push of 100 operations (p50/p95), a pull of 1,000 changes, and a photo
//! PUT of a 2 MB JPEG in MB/s next to a raw upload of the same bytes to a
//! handler that only reads them (the ceiling of this machine's HTTP stack).

#[path = "sync/client.rs"]
mod client;
#[path = "sync/figures.rs"]
mod figures;

use client::Bench;
use figures::{Timings, mb_per_s};

const PUSH_ROUNDS: usize = 100;
/// Pushes before the measured ones: the pool's connections each prepare
/// their statements on first use, a cost of the server's first minute only.
const PUSH_WARM_UP: usize = 8;
const PULL_REPEATS: usize = 20;
const PHOTO_PUTS: usize = 10;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    vern::telemetry::init("error", false);
    client::on_each_backend(run).await
}

async fn run(backend: &str, url: &str, dir: &std::path::Path) -> anyhow::Result<()> {
    let bench = Bench::start(url, &dir.join(format!("photos-{backend}"))).await?;
    println!("\n== {backend} ==");

    for _ in 0..PUSH_WARM_UP {
        bench.push(&bench.hundred_operations()).await?;
    }
    let mut push = Timings::default();
    for _ in 0..PUSH_ROUNDS {
        let operations = bench.hundred_operations();
        push.time(bench.push(&operations)).await?;
    }
    push.print(&format!(
        "push of 100 operations (after {PUSH_WARM_UP} unmeasured)"
    ));

    let mut pull = Timings::default();
    for _ in 0..PULL_REPEATS {
        pull.time(bench.pull_page(1000)).await?;
    }
    pull.print("pull of 1,000 changes (one page)");

    let jpeg = client::two_megabyte_jpeg()?;
    let finding = bench.finding_for_photos().await?;
    let mut photo = Timings::default();
    for _ in 0..PHOTO_PUTS {
        photo.time(bench.put_photo(&finding, &jpeg)).await?;
    }
    let raw_address = client::raw_upload_server().await?;
    let mut raw = Timings::default();
    for _ in 0..PHOTO_PUTS {
        raw.time(bench.raw_upload(&raw_address, &jpeg)).await?;
    }
    let size = jpeg.len();
    println!(
        "photo PUT of a {:.2} MB JPEG: p50 {:.1} ms = {:.1} MB/s (raw upload of the same bytes: p50 {:.1} ms = {:.1} MB/s)",
        size as f64 / 1e6,
        photo.p50_ms(),
        mb_per_s(size, photo.p50_ms()),
        raw.p50_ms(),
        mb_per_s(size, raw.p50_ms()),
    );
    bench.stop().await;
    Ok(())
}
