//! The login rate limit, kept in the database so it holds across restarts
//! and across several `vern` processes.

use app::error::AppError;

use crate::config::Settings;
use crate::db::{Db, login_attempts};
use crate::errors::internal;

/// Failed logins from one address (any usernames) before that address is paused.
const MAX_FAILURES_PER_IP: i64 = 30;

/// Refuses the attempt while the username or the address has too many recent failures.
pub async fn check(
    db: &Db,
    settings: &Settings,
    username: &str,
    ip: &str,
    now: i64,
) -> Result<(), AppError> {
    let window_ms = i64::from(settings.login_window_minutes) * 60_000;
    let since = now - window_ms;
    let (user_failures, user_oldest) =
        login_attempts::failures_for_user(db.pool(), username, since)
            .await
            .map_err(internal("count failed logins"))?;
    if user_failures >= i64::from(settings.login_max_failures) {
        return Err(limited(user_oldest, window_ms, now));
    }
    let (ip_failures, ip_oldest) = login_attempts::failures_for_ip(db.pool(), ip, since)
        .await
        .map_err(internal("count failed logins per address"))?;
    if !ip.is_empty() && ip_failures >= MAX_FAILURES_PER_IP {
        return Err(limited(ip_oldest, window_ms, now));
    }
    Ok(())
}

fn limited(oldest: Option<i64>, window_ms: i64, now: i64) -> AppError {
    let retry_ms = oldest
        .map_or(window_ms, |oldest| oldest + window_ms - now)
        .max(1_000);
    AppError::RateLimited {
        retry_after_secs: u64::try_from(retry_ms / 1_000).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_runs_until_the_oldest_failure_leaves_the_window() {
        let window = 15 * 60_000;
        let error = limited(Some(1_000_000), window, 1_000_000 + 60_000);
        assert_eq!(
            error,
            AppError::RateLimited {
                retry_after_secs: 14 * 60
            }
        );
        assert_eq!(
            limited(None, window, 0),
            AppError::RateLimited {
                retry_after_secs: 900
            }
        );
    }
}
