//! A bound on password checks running at once. One Argon2 check takes
//! about 19 MiB and a core for a good part of a second; a few hundred
//! logins arriving together (or on purpose) must queue for the cores rather
//! than all run at once, and beyond a short wait get a clear "busy, try
//! again" instead of making every login slow.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::error::AppError;
use tokio::sync::Semaphore;

/// Seconds a refused caller is asked to wait.
const RETRY_AFTER_SECS: u64 = 2;

/// Runs password checks on blocking threads, at most `slots` at a time.
#[derive(Debug)]
pub struct PasswordWorkers {
    slots: Arc<Semaphore>,
    wait: Duration,
    counters: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl PasswordWorkers {
    /// `slots` checks at once; a caller waits at most `wait` for a slot.
    pub fn new(slots: usize, wait: Duration) -> Self {
        PasswordWorkers {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            wait,
            counters: Arc::default(),
        }
    }

    /// One slot per core, and a wait of three seconds.
    pub fn sized_to_cores() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        PasswordWorkers::new(cores, Duration::from_secs(3))
    }

    /// Runs `check` when a slot is free within the wait, else
    /// [`AppError::Busy`]. The slot is held by the blocking thread, so a
    /// caller that goes away cannot free it while its check still runs.
    pub async fn run<T: Send + 'static>(
        &self,
        check: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let acquire = Arc::clone(&self.slots).acquire_owned();
        let slot = match tokio::time::timeout(self.wait, acquire).await {
            Ok(Ok(slot)) => slot,
            Ok(Err(_closed)) => return Err(AppError::Internal),
            Err(_elapsed) => {
                tracing::warn!("password checks are at their limit; a login was asked to retry");
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
            let result = check();
            counters.running.fetch_sub(1, Ordering::SeqCst);
            result
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "a password check panicked");
            AppError::Internal
        })
    }

    /// The most checks that have run at once since the server started.
    pub fn peak(&self) -> usize {
        self.counters.peak.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_than_the_slots_run_at_once_and_the_rest_are_told_to_retry() {
        let workers = Arc::new(PasswordWorkers::new(2, Duration::from_millis(150)));
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
        assert_eq!(workers.peak(), 2);
        assert!(busy > 0, "some waited longer than allowed");
        assert!(busy < 12, "some ran");
    }
}
