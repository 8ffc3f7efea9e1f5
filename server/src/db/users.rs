//! Queries on `users`.

use sqlx::{Any, AnyPool, Executor, FromRow};

/// What login needs of a user.
#[derive(Clone, Debug, FromRow)]
pub struct Credentials {
    /// User id.
    pub id: String,
    /// Argon2id hash in PHC format; `None` for users who cannot log in with a password.
    pub password_hash: Option<String>,
    /// Set when the account is disabled.
    pub disabled_at: Option<i64>,
}

/// A user row for display.
#[derive(Clone, Debug, FromRow)]
pub struct UserRow {
    /// User id.
    pub id: String,
    /// Login name.
    pub username: String,
    /// Name shown to people.
    pub display_name: String,
}

/// Inserts a user. Fails on a duplicate username (unique index).
pub async fn insert<'e>(
    ex: impl Executor<'e, Database = Any>,
    id: &str,
    username: &str,
    display_name: &str,
    password_hash: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO users (id, username, display_name, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Login data for `username`.
pub async fn credentials(pool: &AnyPool, username: &str) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as("SELECT id, password_hash, disabled_at FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(pool)
        .await
}

/// An active user by id.
pub async fn by_id(pool: &AnyPool, id: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(
        "SELECT id, username, display_name FROM users WHERE id = $1 AND disabled_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// An active user by login name.
pub async fn by_username(pool: &AnyPool, username: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(
        "SELECT id, username, display_name FROM users WHERE username = $1 AND disabled_at IS NULL",
    )
    .bind(username)
    .fetch_optional(pool)
    .await
}

/// Every active user, by name.
pub async fn all(pool: &AnyPool) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(
        "SELECT id, username, display_name FROM users WHERE disabled_at IS NULL
         ORDER BY display_name, username",
    )
    .fetch_all(pool)
    .await
}

/// Whether a login name is taken (also by a disabled user).
pub async fn username_taken(pool: &AnyPool, username: &str) -> sqlx::Result<bool> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

/// A user's e-mail (empty when none is set or the user is unknown).
pub async fn email_of(pool: &AnyPool, id: &str) -> sqlx::Result<String> {
    let row: Option<(String,)> = sqlx::query_as("SELECT email FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(email,)| email).unwrap_or_default())
}
