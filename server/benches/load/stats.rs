//! Latencies, busy answers and errors per endpoint, shared by every phone.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// What a phone asks the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Endpoint {
    Login,
    Reference,
    Push,
    Photo,
    Pull,
}

impl Endpoint {
    fn name(self) -> &'static str {
        match self {
            Endpoint::Login => "login",
            Endpoint::Reference => "reference",
            Endpoint::Push => "push (10 findings)",
            Endpoint::Photo => "photo PUT",
            Endpoint::Pull => "pull (one page)",
        }
    }
}

#[derive(Default)]
struct Figures {
    millis: Vec<f64>,
    busy: usize,
    errors: Vec<String>,
}

/// Every answer of a run.
#[derive(Default)]
pub struct Stats(Mutex<BTreeMap<Endpoint, Figures>>);

impl Stats {
    fn with(&self, endpoint: Endpoint, change: impl FnOnce(&mut Figures)) {
        let mut all = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        change(all.entry(endpoint).or_default());
    }

    /// A request answered as it should be, after `took`.
    pub fn answered(&self, endpoint: Endpoint, took: Duration) {
        self.with(endpoint, |f| f.millis.push(took.as_secs_f64() * 1000.0));
    }

    /// A 503 "busy, send again" (the phone waits and sends again).
    pub fn busy(&self, endpoint: Endpoint) {
        self.with(endpoint, |f| f.busy += 1);
    }

    /// A request that failed: a wrong answer or no answer.
    pub fn error(&self, endpoint: Endpoint, what: String) {
        self.with(endpoint, |f| f.errors.push(what));
    }

    /// Requests answered, busy answers included.
    pub fn requests(&self) -> usize {
        let all = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        all.values()
            .map(|f| f.millis.len() + f.busy + f.errors.len())
            .sum()
    }

    /// Errors in all.
    pub fn errors(&self) -> usize {
        let all = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        all.values().map(|f| f.errors.len()).sum()
    }

    /// One line per endpoint: count, p50/p95/p99, busy answers, errors
    /// (with the first error's text).
    pub fn print(&self) {
        let all = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (endpoint, figures) in all.iter() {
            let mut sorted = figures.millis.clone();
            sorted.sort_by(f64::total_cmp);
            let at = |p: f64| {
                let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
                sorted.get(index).copied().unwrap_or(f64::NAN)
            };
            println!(
                "  {:<22} {:>6} ok  p50 {:>7.1} ms  p95 {:>7.1} ms  p99 {:>7.1} ms  busy {:>4}  errors {}{}",
                endpoint.name(),
                sorted.len(),
                at(0.50),
                at(0.95),
                at(0.99),
                figures.busy,
                figures.errors.len(),
                figures
                    .errors
                    .first()
                    .map(|e| format!(" (first: {e})"))
                    .unwrap_or_default(),
            );
        }
    }
}
