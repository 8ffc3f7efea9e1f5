//! Sync benchmark: prints figures, asserts nothing about speed.
//!
//! `cargo bench -p server --bench sync` (add `VERN_TEST_POSTGRES_URL` for a
//! PostgreSQL run too). Starts the real server on port 0 against a fresh
//! database with the demo organisation and measures, over HTTP:
//! a push of 100 operations (p50/p95), a pull of 1,000 changes, a photo PUT
//! of a 2 MB JPEG in MB/s next to raw uploads of the same bytes to a handler
//! that only reads them (the ceiling of this machine's HTTP stack) and to
//! one that also writes them to disk with fsync (the ceiling of any upload
//! that keeps what it was sent), and the PDF report of a round with 60
//! findings and 20 photos. The memory one photo costs is measured by the
//! load generator (`--bench load`), on a server in its own process.

#[path = "sync/client.rs"]
mod client;
#[path = "sync/figures.rs"]
mod figures;

use client::Bench;
use figures::{Timings, mb_per_s};
use sha2::Digest;

const PUSH_ROUNDS: usize = 100;
/// Pushes before the measured ones: the pool's connections each prepare
/// their statements on first use, a cost of the server's first minute only.
const PUSH_WARM_UP: usize = 8;
const PULL_REPEATS: usize = 20;
const PHOTO_PUTS: usize = 10;
const PDF_FINDINGS: usize = 60;
const PDF_PHOTOS: usize = 20;
const PDF_RUNS: usize = 5;

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

    let jpeg = bytes::Bytes::from(client::two_megabyte_jpeg()?);
    let finding = bench.finding_for_photos().await?;
    let mut photo = Timings::default();
    let sha = hex::encode(sha2::Sha256::digest(&jpeg));
    for _ in 0..PHOTO_PUTS {
        photo.time(bench.put_photo(&finding, &jpeg, &sha)).await?;
        // Each upload on its own, as a phone sends them: the thumbnail of
        // the one before is made between two uploads, not during one.
        bench.thumbnails_made().await?;
    }
    let raw_server = client::raw_upload_server(dir).await?;
    let (mut raw, mut durable) = (Timings::default(), Timings::default());
    for _ in 0..PHOTO_PUTS {
        raw.time(bench.raw_upload(&format!("{raw_server}/upload"), &jpeg))
            .await?;
        durable
            .time(bench.raw_upload(&format!("{raw_server}/durable"), &jpeg))
            .await?;
    }
    let size = jpeg.len();
    let rate = |timings: &Timings| mb_per_s(size, timings.p50_ms());
    println!(
        "photo PUT of a {:.2} MB JPEG: p50 {:.1} ms = {:.1} MB/s; raw upload of the same bytes, read only: \
         p50 {:.1} ms = {:.1} MB/s ({:.2} of it); written with fsync: p50 {:.1} ms = {:.1} MB/s ({:.2} of it)",
        size as f64 / 1e6,
        photo.p50_ms(),
        rate(&photo),
        raw.p50_ms(),
        rate(&raw),
        rate(&photo) / rate(&raw),
        durable.p50_ms(),
        rate(&durable),
        rate(&photo) / rate(&durable),
    );

    let photos = (1..=PDF_PHOTOS as u32)
        .map(|seed| {
            let jpeg = client::seeded_jpeg(1792, 1344, 0x3f, seed)?;
            let sha = hex::encode(sha2::Sha256::digest(&jpeg));
            Ok((bytes::Bytes::from(jpeg), sha))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let round = bench.round_with_photos(PDF_FINDINGS, &photos).await?;
    let path = format!("{}?id={round}", app::rounds::report::REPORT_PDF_PATH);
    let (mut pdf, mut size) = (Timings::default(), 0);
    for _ in 0..PDF_RUNS {
        size = pdf.time(bench.get_size(&path)).await?;
    }
    pdf.print(&format!(
        "round report PDF, {PDF_FINDINGS} findings and {PDF_PHOTOS} photos, {} KB",
        size / 1024
    ));

    bench.stop().await;
    Ok(())
}
