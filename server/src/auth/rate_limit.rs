//! The login rate limit, kept in the database so it holds across restarts
//! and across several `vern` processes.
//!
//! What we chose, after how OWASP and the big identity providers do it: a
//! hard pause is keyed by address *and* username, so guessing someone's
//! password from one address pauses that address for that account, not the
//! owner at their own desk. Per username alone there is only a growing
//! delay (1, 2, 4 … s between attempts, at most 30 s) once the failures pass
//! the limit: the owner waits seconds, never the whole window, while a
//! guesser spread over many addresses still gets only a couple of tries a
//! minute. Per address (any username) a pause after 30 failures stops one
//! machine from trying many accounts. Every attempt is counted before its
//! password is checked, so a burst arriving at once counts itself.

use app::error::AppError;

use sqlx::AnyConnection;

use crate::config::Settings;
use crate::db::{Db, DbKind, login_attempts};
use crate::errors::internal;

/// Failed logins from one address (any usernames) before that address is paused.
const MAX_FAILURES_PER_IP: i64 = 30;

/// The longest wait the per-username delay asks for.
const MAX_DELAY_MS: i64 = 30_000;

/// An attempt let through to the password check.
#[derive(Debug)]
pub struct Admitted {
    id: i64,
}

/// Records the attempt, then refuses it (forgetting it again) while its
/// address and username, its address, or its username are limited. The
/// admissions for one username happen one at a time, so each counts every
/// attempt before it, however many arrive together.
pub async fn admit(
    db: &Db,
    settings: &Settings,
    username: &str,
    ip: &str,
    now: i64,
) -> Result<Admitted, AppError> {
    let mut tx = db
        .begin_write()
        .await
        .map_err(internal("begin a login attempt"))?;
    if db.kind() == DbKind::Postgres {
        login_attempts::lock_username(&mut tx, username)
            .await
            .map_err(internal("lock login attempts"))?;
    }
    let id = login_attempts::insert(&mut tx, username, ip, now)
        .await
        .map_err(internal("record a login attempt"))?;
    // A refused attempt is rolled back with the transaction: it counts against nobody.
    check(&mut tx, settings, (username, ip), id, now).await?;
    tx.commit()
        .await
        .map_err(internal("record a login attempt"))?;
    Ok(Admitted { id })
}

/// Marks an admitted attempt as a successful login.
pub async fn succeeded(db: &Db, attempt: Admitted) -> Result<(), AppError> {
    login_attempts::mark_succeeded(db.pool(), attempt.id)
        .await
        .map_err(internal("record a successful login"))
}

/// Forgets an admitted attempt whose password was never checked (the
/// server was busy), so it counts against nobody.
pub async fn withdraw(db: &Db, attempt: Admitted) {
    if let Err(error) = login_attempts::delete(db.pool(), attempt.id).await {
        tracing::warn!(%error, "could not forget a login attempt");
    }
}

async fn check(
    conn: &mut AnyConnection,
    settings: &Settings,
    (username, ip): (&str, &str),
    id: i64,
    now: i64,
) -> Result<(), AppError> {
    let window_ms = i64::from(settings.login_window_minutes) * 60_000;
    let since = now - window_ms;
    let max = i64::from(settings.login_max_failures);
    let pair = login_attempts::failures_for_pair(conn, username, ip, since)
        .await
        .map_err(internal("count failed logins"))?;
    if pair.count > max {
        return Err(limited(pair.oldest, window_ms, now));
    }
    let address = login_attempts::failures_for_ip(conn, ip, since)
        .await
        .map_err(internal("count failed logins per address"))?;
    if !ip.is_empty() && address.count > MAX_FAILURES_PER_IP {
        return Err(limited(address.oldest, window_ms, now));
    }
    let (earlier, newest) = login_attempts::earlier_failures_for_user(conn, username, id, since)
        .await
        .map_err(internal("count failed logins per username"))?;
    match (delay_ms(earlier, max), newest) {
        (Some(delay), Some(newest)) if now < newest + delay => Err(AppError::RateLimited {
            retry_after_secs: whole_seconds(newest + delay - now),
        }),
        _ => Ok(()),
    }
}

/// The time to keep between attempts on a username after `failures`
/// failures: none up to `max`, then 1, 2, 4 … s, at most [`MAX_DELAY_MS`].
fn delay_ms(failures: i64, max: i64) -> Option<i64> {
    let over = failures.checked_sub(max).filter(|over| *over >= 0)?;
    // Past 2^5 s the cap applies; shifting further could overflow.
    let doubled = if over < 5 {
        1_000 << over
    } else {
        MAX_DELAY_MS
    };
    Some(doubled.min(MAX_DELAY_MS))
}

fn limited(oldest: Option<i64>, window_ms: i64, now: i64) -> AppError {
    let retry_ms = oldest.map_or(window_ms, |oldest| oldest + window_ms - now);
    AppError::RateLimited {
        retry_after_secs: whole_seconds(retry_ms),
    }
}

/// Milliseconds as whole seconds, rounded up, at least one.
fn whole_seconds(ms: i64) -> u64 {
    u64::try_from(ms.max(1_000)).map_or(1, |ms| ms.div_ceil(1_000))
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

    #[test]
    fn the_delay_per_username_doubles_past_the_limit_up_to_half_a_minute() {
        let delays: Vec<Option<i64>> = (0..13).map(|failures| delay_ms(failures, 5)).collect();
        assert_eq!(delays[..5], [None; 5]);
        assert_eq!(
            delays[5..11],
            [1_000, 2_000, 4_000, 8_000, 16_000, 30_000].map(Some)
        );
        assert_eq!(delays[12], Some(30_000));
        assert_eq!(delay_ms(65, 5), Some(30_000), "no overflow");
    }
}
