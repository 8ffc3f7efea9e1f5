//! The memory one photo costs the server: the peak resident size of this
//! process (server and client) while a photo is uploaded and its thumbnail
//! made, above what it held before. Linux only (`/proc/self`).

use std::time::Duration;

use anyhow::{Context, bail};

use crate::client::Bench;

/// A field of `/proc/self/status` in kB (`VmRSS`, `VmHWM`).
fn status_kb(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|line| line.starts_with(field))
        .with_context(|| format!("{field} in /proc/self/status"))?;
    let value = line.split_whitespace().nth(1).context("a value")?;
    Ok(value.parse()?)
}

/// Sets the peak resident size (`VmHWM`) back to the current one.
fn reset_peak() -> anyhow::Result<()> {
    std::fs::write("/proc/self/clear_refs", "5").context("reset VmHWM")
}

/// Waits until the server has made every thumbnail waiting.
async fn thumbnails_made(bench: &Bench) -> anyhow::Result<()> {
    for _ in 0..1_200 {
        if vern::db::thumbnail_jobs::waiting(bench.db.pool()).await? == 0 {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    bail!("thumbnails still waiting after 30 s")
}

/// Uploads `photo`, waits for its thumbnail, and prints the peak growth.
pub async fn print_peak(
    bench: &Bench,
    finding: &str,
    what: &str,
    photo: bytes::Bytes,
) -> anyhow::Result<()> {
    thumbnails_made(bench).await?;
    let before = status_kb("VmRSS")?;
    reset_peak()?;
    bench.put_photo(finding, &photo).await?;
    thumbnails_made(bench).await?;
    let peak = status_kb("VmHWM")?;
    println!(
        "memory for one {what} ({:.1} MB sent), upload and thumbnail: peak {:.1} MB above the {:.1} MB held before",
        photo.len() as f64 / 1e6,
        peak.saturating_sub(before) as f64 / 1024.0,
        before as f64 / 1024.0,
    );
    Ok(())
}

/// A PNG of `width` × `height` RGB pixels that compresses well (a
/// screenshot rather than a photo).
pub fn smooth_png(width: u32, height: u32) -> anyhow::Result<Vec<u8>> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x / 16) as u8, (y / 16) as u8, ((x + y) / 32) as u8])
    });
    let mut bytes = Vec::new();
    image.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )?;
    Ok(bytes)
}
