//! The notifications still to be mailed, claimed under a lease so that
//! several `vern` instances on one database never mail the same one twice:
//! a run claims a batch (on PostgreSQL skipping rows another run has
//! locked), mails it, and marks it mailed. A run that dies mid-way leaves
//! its lease to run out, and a later run mails the batch then.

use sqlx::{AnyPool, FromRow};

use super::DbKind;
use super::notifications::{NOTICE_COLUMNS, NOTICE_TABLES, NoticeRow};

/// Marks mailed, without a mail, the notifications of people who get none:
/// those who chose no mail, have no address, or are disabled.
pub async fn settle_unmailable(pool: &AnyPool, now: i64) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE notifications SET mailed_at = $1
         WHERE mailed_at IS NULL AND user_id IN (
             SELECT id FROM users
             WHERE email_notices = 'off' OR email = '' OR disabled_at IS NOT NULL)",
    )
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// A claim on a batch of notifications.
pub struct Claim<'a> {
    /// The run's own token.
    pub token: &'a str,
    /// The people's choice the batch is for (`immediately` or `daily`).
    pub choice: &'a str,
    /// Only notifications written before this (ms).
    pub before: i64,
    /// Now (ms): leases that ran out before it are taken over.
    pub now: i64,
    /// When this claim's lease runs out (ms).
    pub until: i64,
    /// At most this many.
    pub limit: i64,
}

/// Claims up to `claim.limit` unmailed notifications; returns how many.
pub async fn claim(pool: &AnyPool, kind: DbKind, claim: &Claim<'_>) -> sqlx::Result<u64> {
    // SQLite runs one writer at a time; PostgreSQL passes over the rows
    // another run holds, and the outer condition is checked again on the
    // row as that run left it.
    let skip_locked = match kind {
        DbKind::Postgres => "FOR UPDATE OF n SKIP LOCKED",
        DbKind::Sqlite => "",
    };
    let free = "mailed_at IS NULL AND (mail_lease_until IS NULL OR mail_lease_until < $4)";
    let sql = format!(
        "UPDATE notifications SET mail_lease = $1, mail_lease_until = $5
         WHERE {free} AND id IN (
             SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
             WHERE n.mailed_at IS NULL
               AND (n.mail_lease_until IS NULL OR n.mail_lease_until < $4)
               AND u.email_notices = $2 AND n.created_at < $3
             ORDER BY n.created_at, n.id
             LIMIT $6
             {skip_locked})"
    );
    let done = sqlx::query(&sql)
        .bind(claim.token)
        .bind(claim.choice)
        .bind(claim.before)
        .bind(claim.now)
        .bind(claim.until)
        .bind(claim.limit)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// A claimed notification with the person it goes to.
#[derive(Clone, Debug, FromRow)]
pub struct ClaimedRow {
    /// The person.
    pub user_id: String,
    /// Their address.
    pub email: String,
    /// Their name.
    pub display_name: String,
    /// The notification.
    #[sqlx(flatten)]
    pub notice: NoticeRow,
}

/// The notifications claimed under `token` and not yet mailed, per person
/// in the order they were written.
pub async fn claimed(pool: &AnyPool, token: &str) -> sqlx::Result<Vec<ClaimedRow>> {
    sqlx::query_as(&format!(
        "SELECT n.user_id, u.email, u.display_name, {NOTICE_COLUMNS}
         FROM {NOTICE_TABLES} JOIN users u ON u.id = n.user_id
         WHERE n.mail_lease = $1 AND n.mailed_at IS NULL
         ORDER BY n.user_id, n.created_at, n.id"
    ))
    .bind(token)
    .fetch_all(pool)
    .await
}

/// Extends the lease of `user`'s notifications claimed under `token` to
/// `until`; false when the claim was lost meanwhile (its lease ran out and
/// another run took them), and they must not be sent from here.
pub async fn renew(pool: &AnyPool, token: &str, user: &str, until: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE notifications SET mail_lease_until = $3
         WHERE mail_lease = $1 AND user_id = $2 AND mailed_at IS NULL",
    )
    .bind(token)
    .bind(user)
    .bind(until)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Marks `user`'s notifications claimed under `token` mailed.
pub async fn mark_mailed(pool: &AnyPool, token: &str, user: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE notifications SET mailed_at = $3
         WHERE mail_lease = $1 AND user_id = $2 AND mailed_at IS NULL",
    )
    .bind(token)
    .bind(user)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// A person's choice of e-mail as stored, and their address.
pub async fn choice_of(pool: &AnyPool, user: &str) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as("SELECT email_notices, email FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(pool)
        .await
}

/// Saves a person's choice of e-mail and their address.
pub async fn save_settings(
    pool: &AnyPool,
    user: &str,
    choice: &str,
    email: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET email_notices = $2, email = $3 WHERE id = $1")
        .bind(user)
        .bind(choice)
        .bind(email)
        .execute(pool)
        .await?;
    Ok(())
}
