//! Queries on `sessions`. Only a SHA-256 of each token is stored.

use sqlx::AnyPool;

/// Stores a new session.
pub async fn insert(
    pool: &AnyPool,
    token_hash: &str,
    user_id: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(())
}

/// A live session: its user and when it was last extended.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LiveSession {
    /// The session's user.
    pub user_id: String,
    /// When the session was last seen (and its expiry extended).
    pub last_seen_at: i64,
}

/// The session with this token hash, if it has not expired and its user is active.
pub async fn live(pool: &AnyPool, token_hash: &str, now: i64) -> sqlx::Result<Option<LiveSession>> {
    sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
}

/// Extends a session that is in use.
pub async fn touch(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
        .bind(now)
        .bind(expires_at)
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

/// Ends a session.
pub async fn delete(pool: &AnyPool, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn delete_expired(pool: &AnyPool, now: i64) -> sqlx::Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
