//! Which day it is for the yearly plan: today in Norway, or a day set for
//! tests (only when the server runs with `test_clock`, see
//! [`crate::config::Settings::test_clock`]), so that a test can look at the
//! plan after a deadline without waiting for it.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::now_ms;
use crate::local_time::oslo_offset_ms;

/// The plan's clock; clones share the day set.
#[derive(Clone, Debug, Default)]
pub struct PlanClock {
    fixed: Arc<RwLock<Option<NaiveDate>>>,
}

impl PlanClock {
    /// The day set, else today in Norway.
    pub fn today(&self) -> NaiveDate {
        // A poisoned lock still holds a day (the writer only assigns it).
        let fixed = *self
            .fixed
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        fixed.unwrap_or_else(real_today)
    }

    /// Sets the day (`None`: back to the real one).
    pub fn set(&self, day: Option<NaiveDate>) {
        *self
            .fixed
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = day;
    }
}

/// Today in Norway.
fn real_today() -> NaiveDate {
    let now = now_ms();
    DateTime::from_timestamp_millis(now + oslo_offset_ms(now))
        .map_or_else(|| Utc::now().date_naive(), |local| local.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_set_holds_for_every_clone_until_cleared() {
        let clock = PlanClock::default();
        let shared = clock.clone();
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).expect("a day");
        clock.set(Some(day));
        assert_eq!(shared.today(), day);
        clock.set(None);
        assert_eq!(shared.today(), real_today());
    }
}
