//! "New since your last visit": which moment the dashboard counts from.
//!
//! A visit is a sitting, not a page load: a leader who reloads the dashboard
//! or comes back to it from a case within [`SITTING_GAP_MS`] still sees the
//! same new cases, instead of the list emptying the moment it was first
//! shown. Only after a pause does the last sitting become the mark.

use serde::{Deserialize, Serialize};

/// A pause longer than this (30 minutes) starts a new sitting.
pub const SITTING_GAP_MS: i64 = 30 * 60 * 1000;

/// What a first visit counts as new: the last 7 days, so a new leader's
/// dashboard does not open empty, nor with every case ever reported.
pub const FIRST_VISIT_LOOKBACK_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// A person's dashboard visits as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visits {
    /// Cases registered after this (ms) count as new in this sitting.
    pub new_after: i64,
    /// The person's latest dashboard load (ms).
    pub last_seen: i64,
}

impl Visits {
    /// The visits after a load at `now`, given those stored before it.
    pub fn after_load(stored: Option<Visits>, now: i64) -> Visits {
        let new_after = match stored {
            None => now - FIRST_VISIT_LOOKBACK_MS,
            Some(before) if now - before.last_seen > SITTING_GAP_MS => before.last_seen,
            Some(before) => before.new_after,
        };
        Visits {
            new_after,
            last_seen: now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_000_000_000;

    #[test]
    fn a_first_visit_counts_the_last_week() {
        let visits = Visits::after_load(None, NOW);
        assert_eq!(visits.new_after, NOW - FIRST_VISIT_LOOKBACK_MS);
        assert_eq!(visits.last_seen, NOW);
    }

    #[test]
    fn a_reload_in_the_same_sitting_keeps_the_same_new_cases() {
        let first = Visits::after_load(None, NOW);
        let reload = Visits::after_load(Some(first), NOW + 60_000);
        assert_eq!(reload.new_after, first.new_after);
        let much_later = Visits::after_load(Some(reload), NOW + SITTING_GAP_MS);
        assert_eq!(
            much_later.new_after, first.new_after,
            "each load extends the sitting"
        );
    }

    #[test]
    fn after_a_pause_the_last_sitting_is_the_mark() {
        let first = Visits::after_load(None, NOW);
        let next_day = NOW + 24 * 60 * 60 * 1000;
        let visits = Visits::after_load(Some(first), next_day);
        assert_eq!(visits.new_after, NOW, "what came since yesterday's look");
        assert_eq!(visits.last_seen, next_day);
    }
}
