//! Collecting timings and printing percentiles.

use std::future::Future;
use std::time::Instant;

/// Durations of repeated runs, in milliseconds.
#[derive(Default)]
pub struct Timings(Vec<f64>);

impl Timings {
    /// Runs and times one future.
    pub async fn time<T>(
        &mut self,
        run: impl Future<Output = anyhow::Result<T>>,
    ) -> anyhow::Result<T> {
        let start = Instant::now();
        let value = run.await?;
        self.0.push(start.elapsed().as_secs_f64() * 1000.0);
        Ok(value)
    }

    fn percentile(&self, p: f64) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(index).copied().unwrap_or(f64::NAN)
    }

    /// The median.
    pub fn p50_ms(&self) -> f64 {
        self.percentile(0.5)
    }

    /// Prints p50 and p95.
    pub fn print(&self, what: &str) {
        println!(
            "{what}: p50 {:.1} ms, p95 {:.1} ms ({} runs)",
            self.percentile(0.5),
            self.percentile(0.95),
            self.0.len()
        );
    }
}

/// Throughput of `bytes` moved in `ms` milliseconds.
pub fn mb_per_s(bytes: usize, ms: f64) -> f64 {
    bytes as f64 / 1e6 / (ms / 1000.0)
}
