//! The memory one photo costs the server: a fresh `vern serve` is sent one
//! photo, and the peak of its resident memory while it stores the photo
//! and makes the thumbnail is set against what it held before. A fresh
//! process for each photo, so that no memory freed by an earlier one hides
//! what this one needs. Linux only (`/proc/<pid>`).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::phone::{self, Dice, Visit};
use crate::server::Server;
use crate::stats::Stats;

/// Prints the peak memory of uploading `photo` and making its thumbnail.
pub async fn print_peak(
    url: &str,
    dir: &Path,
    what: &str,
    photo: bytes::Bytes,
) -> anyhow::Result<()> {
    let server = Server::start(url, dir, 1).await?;
    let visit = Visit {
        address: server.address.clone(),
        stats: Arc::new(Stats::default()),
        photo: photo.clone(),
        think: Duration::ZERO,
    };
    let client = phone::log_in(&visit, 0).await?;
    let operations = phone::walk_round(&visit, &client, &mut Dice(1)).await?;
    let finding = phone::avvik_findings(&operations)
        .next()
        .context("a finding with an avvik")?;
    let before = server.resident_mb()?;
    server.reset_peak()?;
    let id = phone::upload(&visit, &client, &finding, &photo).await?;
    thumbnail_made(&visit, &client, id).await?;
    let peak = server.peak_mb()?;
    println!(
        "  {what} ({:.1} MB sent), upload and thumbnail: peak {:.1} MB above the {:.1} MB held before",
        photo.len() as f64 / 1e6,
        peak - before,
        before,
    );
    Ok(())
}

/// Waits until the photo's thumbnail address serves a thumbnail rather
/// than the photo itself.
async fn thumbnail_made(
    visit: &Visit,
    client: &reqwest::Client,
    id: uuid::Uuid,
) -> anyhow::Result<()> {
    let photo = format!("{}/api/v1/photos/{id}", visit.address);
    let full = client
        .get(&photo)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        let thumb = client
            .get(format!("{photo}/thumb"))
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        if thumb.len() < full.len() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bail!("no thumbnail after 60 s")
}

/// A PNG of `width` × `height` RGB pixels that compresses well (a
/// screenshot rather than a photo).
pub fn smooth_png(width: u32, height: u32) -> anyhow::Result<Vec<u8>> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b] = [x / 16, y / 16, (x + y) / 32].map(|v| u8::try_from(v % 256).unwrap_or(0));
        image::Rgb([r, g, b])
    });
    let mut bytes = Vec::new();
    image.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )?;
    Ok(bytes)
}
