//! The rate limit on QR reports: per room code and per client address, over
//! a sliding hour.
//!
//! Counted in memory, not in the database, because an anonymous report must
//! leave no address anywhere that outlives the process: a table of attempts
//! by address would be exactly such a trace. The price is that each `vern`
//! process counts on its own (several behind one load balancer allow a few
//! times the limit), which is enough to stop a script from flooding a unit.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

/// The window the limits count over.
const WINDOW_MS: i64 = 3_600_000;

/// Keys beyond which idle entries are swept on the next admission.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Address(IpAddr),
    Room(String),
}

/// Counts recent reports per address and per room code.
#[derive(Debug)]
pub struct ReportLimiter {
    per_address: usize,
    per_room: usize,
    recent: Mutex<HashMap<Key, VecDeque<i64>>>,
}

impl ReportLimiter {
    /// A limiter allowing `per_address` and `per_room` reports per hour.
    pub fn new(per_address: u32, per_room: u32) -> Self {
        ReportLimiter {
            per_address: per_address as usize,
            per_room: per_room as usize,
            recent: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a report now would be refused, counting nothing: checked
    /// before a report's body is read, so that a flood costs no memory.
    pub fn check(&self, address: Option<IpAddr>, room_token: &str, now: i64) -> Result<(), u64> {
        let mut recent = self
            .recent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.wait_for(&mut recent, &self.keys(address, room_token), now)
    }

    /// Counts a report at `now` (milliseconds) for `room_token` from
    /// `address`, or refuses it (counting nothing) with the seconds until
    /// the oldest report that fills a limit leaves the window.
    pub fn admit(&self, address: Option<IpAddr>, room_token: &str, now: i64) -> Result<(), u64> {
        let mut recent = self
            .recent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if recent.len() > SWEEP_ABOVE {
            recent.retain(|_, times| times.back().is_some_and(|&t| t > now - WINDOW_MS));
        }
        let keys = self.keys(address, room_token);
        self.wait_for(&mut recent, &keys, now)?;
        for (key, _) in keys {
            recent.entry(key).or_default().push_back(now);
        }
        Ok(())
    }

    fn keys(&self, address: Option<IpAddr>, room_token: &str) -> Vec<(Key, usize)> {
        let mut keys = vec![(Key::Room(room_token.to_owned()), self.per_room)];
        if let Some(address) = address {
            keys.push((Key::Address(address), self.per_address));
        }
        keys
    }

    /// Drops what left the window; refuses with the seconds to wait while
    /// any of `keys` is at its limit.
    fn wait_for(
        &self,
        recent: &mut HashMap<Key, VecDeque<i64>>,
        keys: &[(Key, usize)],
        now: i64,
    ) -> Result<(), u64> {
        let mut wait_ms = 0;
        for (key, limit) in keys {
            let times = recent.entry(key.clone()).or_default();
            while times.front().is_some_and(|&t| t <= now - WINDOW_MS) {
                times.pop_front();
            }
            if times.len() >= *limit {
                let oldest = times.front().copied().unwrap_or(now);
                wait_ms = wait_ms.max(oldest + WINDOW_MS - now);
            }
        }
        if wait_ms > 0 {
            let seconds = (wait_ms + 999) / 1000;
            return Err(u64::try_from(seconds).unwrap_or(1).max(1));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7)));
    const OTHER: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 8)));

    #[test]
    fn an_address_is_paused_after_its_limit_until_the_hour_has_passed() {
        let limiter = ReportLimiter::new(2, 100);
        assert!(limiter.admit(HOME, "room-a", 0).is_ok());
        assert!(limiter.admit(HOME, "room-b", 1_000).is_ok());
        assert_eq!(limiter.admit(HOME, "room-c", 2_000), Err(3_598));
        // Others are not held up by it.
        assert!(limiter.admit(OTHER, "room-c", 2_000).is_ok());
        assert_eq!(
            limiter.check(HOME, "room-d", 2_000),
            Err(3_598),
            "checked before the body"
        );
        assert!(limiter.admit(HOME, "room-c", WINDOW_MS).is_ok());
    }

    #[test]
    fn a_room_is_paused_whatever_the_addresses() {
        let limiter = ReportLimiter::new(100, 2);
        assert!(limiter.admit(HOME, "room-a", 0).is_ok());
        assert!(limiter.admit(OTHER, "room-a", 0).is_ok());
        assert!(limiter.admit(None, "room-a", 0).is_err());
        assert!(limiter.admit(HOME, "room-b", 0).is_ok());
    }

    #[test]
    fn a_refused_report_counts_against_nobody() {
        let limiter = ReportLimiter::new(1, 1);
        assert!(limiter.admit(HOME, "room-a", 0).is_ok());
        for _ in 0..5 {
            assert!(limiter.admit(HOME, "room-b", 10).is_err(), "address full");
        }
        // room-b's single place was not taken by the refused attempts.
        assert!(limiter.admit(OTHER, "room-b", 20).is_ok());
    }
}
