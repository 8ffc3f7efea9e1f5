//! The thumbnails still to be made (`thumbnail_jobs`), one row per photo
//! until its thumbnail is stored. A run takes a job under a lease, so that
//! several `vern` instances on one database never make the same thumbnail
//! at once; a run that dies or fails leaves the lease to run out, and a
//! later run tries again.

use sqlx::{Any, AnyConnection, AnyPool, Executor};

use super::DbKind;

/// How often a thumbnail is attempted before the photo keeps none (its
/// thumbnail address then serves the photo itself).
pub const MAX_ATTEMPTS: i64 = 5;

/// Records that `photo_id` needs a thumbnail, in the transaction that
/// inserts the photo.
pub async fn add<'e>(
    ex: impl Executor<'e, Database = Any>,
    photo_id: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO thumbnail_jobs (photo_id, created_at) VALUES ($1, $2)")
        .bind(photo_id)
        .bind(now)
        .execute(ex)
        .await?;
    Ok(())
}

/// Takes the oldest job that is free at `now` and has attempts left, until
/// `until`; returns its photo id, `None` when there is nothing to do.
pub async fn take(
    pool: &AnyPool,
    kind: DbKind,
    now: i64,
    until: i64,
) -> sqlx::Result<Option<String>> {
    // PostgreSQL passes over a row another run is taking; the outer
    // condition is checked again on the row as that run left it.
    let skip_locked = match kind {
        DbKind::Postgres => "FOR UPDATE SKIP LOCKED",
        DbKind::Sqlite => "",
    };
    let sql = format!(
        "UPDATE thumbnail_jobs SET attempts = attempts + 1, lease_until = $2
         WHERE lease_until <= $1 AND attempts < $3 AND photo_id = (
             SELECT photo_id FROM thumbnail_jobs
             WHERE lease_until <= $1 AND attempts < $3
             ORDER BY created_at, photo_id
             LIMIT 1
             {skip_locked})
         RETURNING photo_id"
    );
    let row: Option<(String,)> = sqlx::query_as(&sql)
        .bind(now)
        .bind(until)
        .bind(MAX_ATTEMPTS)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(photo_id,)| photo_id))
}

/// Stores the thumbnail's key on the photo and ends its job.
pub async fn finish(conn: &mut AnyConnection, photo_id: &str, thumb_key: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE photos SET thumb_key = $2 WHERE id = $1")
        .bind(photo_id)
        .bind(thumb_key)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM thumbnail_jobs WHERE photo_id = $1")
        .bind(photo_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Notes why an attempt failed; the job is tried again when its lease has
/// run out, while attempts are left.
pub async fn failed(pool: &AnyPool, photo_id: &str, error: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE thumbnail_jobs SET last_error = $2 WHERE photo_id = $1")
        .bind(photo_id)
        .bind(error)
        .execute(pool)
        .await?;
    Ok(())
}

/// Jobs waiting (with attempts left), for the health figures and tests.
pub async fn waiting(pool: &AnyPool) -> sqlx::Result<i64> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM thumbnail_jobs WHERE attempts < $1")
            .bind(MAX_ATTEMPTS)
            .fetch_one(pool)
            .await?;
    Ok(count)
}
