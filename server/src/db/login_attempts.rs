//! Queries on `login_attempts`, for the login rate limit.

use sqlx::AnyPool;

/// Records one login attempt.
pub async fn record(
    pool: &AnyPool,
    username: &str,
    client_ip: &str,
    succeeded: bool,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO login_attempts (username, client_ip, succeeded, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(username)
    .bind(client_ip)
    .bind(i64::from(succeeded))
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Failures for `username` since `since` and after its last success:
/// their count and the time of the oldest.
pub async fn failures_for_user(
    pool: &AnyPool,
    username: &str,
    since: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    sqlx::query_as(
        "SELECT COUNT(*), MIN(at) FROM login_attempts
         WHERE username = $1 AND succeeded = 0 AND at > $2
           AND at > COALESCE((SELECT MAX(at) FROM login_attempts
                              WHERE username = $1 AND succeeded = 1), 0)",
    )
    .bind(username)
    .bind(since)
    .fetch_one(pool)
    .await
}

/// Failures from one client address since `since`: their count and the oldest.
pub async fn failures_for_ip(
    pool: &AnyPool,
    client_ip: &str,
    since: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    sqlx::query_as(
        "SELECT COUNT(*), MIN(at) FROM login_attempts
         WHERE client_ip = $1 AND succeeded = 0 AND at > $2",
    )
    .bind(client_ip)
    .bind(since)
    .fetch_one(pool)
    .await
}

/// Forgets attempts older than `before`; returns how many.
pub async fn delete_older_than(pool: &AnyPool, before: i64) -> sqlx::Result<u64> {
    let done = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(before)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
