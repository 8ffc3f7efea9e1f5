//! A bound on heavy blocking work running at once (password checks, photo
//! decoding). One Argon2 check takes about 19 MiB and a core for a good
//! part of a second, one photo up to a few hundred MB: a few hundred
//! requests arriving together (or on purpose) must queue for the slots
//! rather than all run at once, and beyond a short wait get a clear "busy,
//! try again" (503 with `Retry-After`) instead of making everything slow or
//! the server run out of memory.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::error::AppError;
use tokio::sync::Semaphore;

/// Seconds a refused caller is asked to wait.
const RETRY_AFTER_SECS: u64 = 2;

/// Runs work on blocking threads, at most `slots` at a time.
#[derive(Debug)]
pub struct WorkSlots {
    /// What the work is, for the log.
    what: &'static str,
    slots: Arc<Semaphore>,
    wait: Duration,
    counters: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl WorkSlots {
    /// `slots` runs of `what` at once; a caller waits at most `wait` for a slot.
    pub fn new(what: &'static str, slots: usize, wait: Duration) -> Self {
        WorkSlots {
            what,
            slots: Arc::new(Semaphore::new(slots.max(1))),
            wait,
            counters: Arc::default(),
        }
    }

    /// One slot per core.
    pub fn per_core(what: &'static str, wait: Duration) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        WorkSlots::new(what, cores, wait)
    }

    /// Runs `work` when a slot is free within the wait, else
    /// [`AppError::Busy`]. The slot is held by the blocking thread, so a
    /// caller that goes away cannot free it while its work still runs.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let acquire = Arc::clone(&self.slots).acquire_owned();
        let slot = match tokio::time::timeout(self.wait, acquire).await {
            Ok(Ok(slot)) => slot,
            Ok(Err(_closed)) => return Err(AppError::Internal),
            Err(_elapsed) => {
                tracing::warn!(
                    what = self.what,
                    "all work slots are busy; a request was asked to retry"
                );
                return Err(AppError::Busy {
                    retry_after_secs: RETRY_AFTER_SECS,
                });
            }
        };
        let counters = Arc::clone(&self.counters);
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let running = counters.running.fetch_add(1, Ordering::SeqCst) + 1;
            counters.peak.fetch_max(running, Ordering::SeqCst);
            let result = work();
            counters.running.fetch_sub(1, Ordering::SeqCst);
            result
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, what = self.what, "blocking work panicked");
            AppError::Internal
        })
    }

    /// The most runs at once since the server started.
    pub fn peak(&self) -> usize {
        self.counters.peak.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_than_the_slots_run_at_once_and_the_rest_are_told_to_retry() {
        let workers = Arc::new(WorkSlots::new("test", 2, Duration::from_millis(150)));
        let calls = (0..12).map(|_| {
            let workers = Arc::clone(&workers);
            tokio::spawn(async move {
                workers
                    .run(|| std::thread::sleep(Duration::from_millis(100)))
                    .await
            })
        });
        let results = futures::future::join_all(calls).await;
        let busy = results
            .iter()
            .filter(|result| matches!(result, Ok(Err(AppError::Busy { .. }))))
            .count();
        let ran = results
            .iter()
            .filter(|result| matches!(result, Ok(Ok(()))))
            .count();
        assert_eq!(ran + busy, 12, "every call either ran or was told to retry");
        assert_eq!(workers.peak(), 2);
        assert!(busy > 0, "some waited longer than allowed");
        assert!(ran >= 2, "both slots were used");
    }
}
