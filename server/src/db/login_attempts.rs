//! Queries on `login_attempts`, for the login rate limit. An attempt is
//! recorded before its password is checked (as a failure until it
//! succeeds), so attempts arriving together count each other.

use sqlx::{AnyConnection, AnyPool};

/// Makes concurrent admissions for one username wait for each other until
/// the transaction ends (PostgreSQL; SQLite's write lock does this already).
pub async fn lock_username(conn: &mut AnyConnection, username: &str) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::TEXT")
        .bind(username)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records an attempt as failed (until [`mark_succeeded`]); returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    username: &str,
    client_ip: &str,
    now: i64,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO login_attempts (username, client_ip, succeeded, at)
         VALUES ($1, $2, 0, $3) RETURNING id",
    )
    .bind(username)
    .bind(client_ip)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Marks an attempt as a successful login.
pub async fn mark_succeeded(pool: &AnyPool, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE login_attempts SET succeeded = 1 WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Forgets an attempt that was refused before its password was checked.
pub async fn delete(pool: &AnyPool, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Failures (counting attempts still being checked) since `since`: their
/// count and the time of the oldest.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Failures {
    /// How many.
    pub count: i64,
    /// When the oldest happened.
    pub oldest: Option<i64>,
}

/// Failures for `username` from `client_ip` since `since` and after the
/// username's last success.
pub async fn failures_for_pair(
    conn: &mut AnyConnection,
    username: &str,
    client_ip: &str,
    since: i64,
) -> sqlx::Result<Failures> {
    sqlx::query_as(
        "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM login_attempts
         WHERE username = $1 AND client_ip = $2 AND succeeded = 0 AND at > $3
           AND at > COALESCE((SELECT MAX(at) FROM login_attempts
                              WHERE username = $1 AND succeeded = 1), 0)",
    )
    .bind(username)
    .bind(client_ip)
    .bind(since)
    .fetch_one(conn)
    .await
}

/// Failures from one client address (any username) since `since`.
pub async fn failures_for_ip(
    conn: &mut AnyConnection,
    client_ip: &str,
    since: i64,
) -> sqlx::Result<Failures> {
    sqlx::query_as(
        "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM login_attempts
         WHERE client_ip = $1 AND succeeded = 0 AND at > $2",
    )
    .bind(client_ip)
    .bind(since)
    .fetch_one(conn)
    .await
}

/// Failures for `username` from any address since `since` and after its
/// last success, other than attempt `except`: their count and the newest.
pub async fn earlier_failures_for_user(
    conn: &mut AnyConnection,
    username: &str,
    except: i64,
    since: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    sqlx::query_as(
        "SELECT COUNT(*), MAX(at) FROM login_attempts
         WHERE username = $1 AND id <> $2 AND succeeded = 0 AND at > $3
           AND at > COALESCE((SELECT MAX(at) FROM login_attempts
                              WHERE username = $1 AND succeeded = 1), 0)",
    )
    .bind(username)
    .bind(except)
    .bind(since)
    .fetch_one(conn)
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
