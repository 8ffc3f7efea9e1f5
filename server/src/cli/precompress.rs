//! `vern precompress`: writes a `.br` and a `.gz` beside every built asset,
//! at the highest quality, once per build. The static file handler serves
//! them to browsers that accept them, so no request pays for compression
//! (brotli at its best takes seconds for the wasm file: fine once in a
//! build, far too slow on each download).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use flate2::Compression;
use flate2::write::GzEncoder;

/// Extensions of files worth compressing (text and wasm; images are
/// compressed already).
const COMPRESSIBLE: [&str; 8] = [
    "js",
    "wasm",
    "css",
    "html",
    "svg",
    "json",
    "webmanifest",
    "txt",
];

/// Brotli's highest quality, and its largest window (16 MiB).
const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW_BITS: i32 = 24;

/// What was done to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Compressed: the sizes in bytes of the file and of its brotli and
    /// gzip copies (`None`: not smaller than the file, so not kept).
    Written {
        /// The file as built.
        raw: u64,
        /// `.br`.
        brotli: Option<u64>,
        /// `.gz`.
        gzip: Option<u64>,
    },
    /// Both copies exist and are newer than the file.
    UpToDate,
    /// Neither copy is smaller than the file, so none is kept.
    NotSmaller,
}

/// `vern precompress`: compresses the files under `dir` and says what it did.
pub fn run(dir: &Path) -> anyhow::Result<()> {
    let count = precompress_dir(dir, &mut |file, outcome, took| {
        let name = file.strip_prefix(dir).unwrap_or(file).display();
        match outcome {
            Outcome::Written { raw, brotli, gzip } => println!(
                "{name}: {raw} bytes, brotli {}, gzip {} in {:.1} s",
                share(*brotli, *raw),
                share(*gzip, *raw),
                took.as_secs_f64()
            ),
            Outcome::UpToDate => println!("{name}: up to date"),
            Outcome::NotSmaller => println!("{name}: not smaller compressed, served as it is"),
        }
    })?;
    println!("{count} files in {}", dir.display());
    Ok(())
}

fn share(part: Option<u64>, whole: u64) -> String {
    match part {
        Some(part) => format!(
            "{part} ({:.0} %)",
            100.0 * part as f64 / whole.max(1) as f64
        ),
        None => "not kept (not smaller)".to_owned(),
    }
}

/// Compresses every compressible file under `dir` (recursively), calling
/// `report` after each with its path, what was done and how long it took.
pub fn precompress_dir(
    dir: &Path,
    report: &mut dyn FnMut(&Path, &Outcome, Duration),
) -> anyhow::Result<usize> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    for file in &files {
        let start = Instant::now();
        let outcome = precompress_file(file)?;
        report(file, &outcome, start.elapsed());
    }
    Ok(files.len())
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("read {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("read {}", dir.display()))?;
        let path = entry.path();
        // Not following links: a link to a directory above would loop.
        let kind = entry
            .file_type()
            .with_context(|| format!("read {}", path.display()))?;
        if kind.is_dir() {
            collect(&path, files)?;
        } else if is_compressible(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| COMPRESSIBLE.contains(&extension))
}

/// Writes `<file>.br` and `<file>.gz` unless both are newer than `file`.
pub fn precompress_file(file: &Path) -> anyhow::Result<Outcome> {
    let (br, gz) = (with_suffix(file, "br"), with_suffix(file, "gz"));
    if newer(&br, file)? && newer(&gz, file)? {
        return Ok(Outcome::UpToDate);
    }
    let raw = fs::read(file).with_context(|| format!("read {}", file.display()))?;
    let brotli = keep_if_smaller(&br, &brotli_of(&raw)?, raw.len())?;
    let gzip = keep_if_smaller(&gz, &gzip_of(&raw)?, raw.len())?;
    if brotli.is_none() && gzip.is_none() {
        return Ok(Outcome::NotSmaller);
    }
    Ok(Outcome::Written {
        raw: raw.len() as u64,
        brotli,
        gzip,
    })
}

/// Writes the copy at `path` when it is smaller than the file (`raw`
/// bytes), else removes an older one; its size if kept.
fn keep_if_smaller(path: &Path, copy: &[u8], raw: usize) -> anyhow::Result<Option<u64>> {
    if copy.len() < raw {
        write_atomically(path, copy)?;
        Ok(Some(copy.len() as u64))
    } else {
        remove_if_present(path)?;
        Ok(None)
    }
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `copy` exists and was written after `file` last changed.
fn newer(copy: &Path, file: &Path) -> anyhow::Result<bool> {
    let Ok(copy) = fs::metadata(copy) else {
        return Ok(false);
    };
    let file = fs::metadata(file).with_context(|| format!("read {}", file.display()))?;
    Ok(copy.modified()? >= file.modified()?)
}

fn brotli_of(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW_BITS,
        size_hint: raw.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(raw.len() / 3);
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params).context("brotli")?;
    Ok(out)
}

fn gzip_of(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(raw.len() / 3), Compression::best());
    encoder.write_all(raw).context("gzip")?;
    encoder.finish().context("gzip")
}

/// Writes beside the target and renames, so that a server reading the
/// directory meanwhile never serves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let partial = with_suffix(path, "partial");
    fs::write(&partial, bytes).with_context(|| format!("write {}", partial.display()))?;
    fs::rename(&partial, path).with_context(|| format!("write {}", path.display()))
}

fn remove_if_present(path: &Path) -> anyhow::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
#[path = "precompress_tests.rs"]
mod tests;
