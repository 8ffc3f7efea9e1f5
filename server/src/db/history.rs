//! The append-only history, numbered by the global change sequence.

use sqlx::AnyConnection;

/// One change to record.
#[derive(Clone, Debug)]
pub struct Change<'a> {
    /// What kind of thing changed (`user`, `role_grant`, `avvik`, …).
    pub entity_kind: &'a str,
    /// Its id.
    pub entity_id: &'a str,
    /// The unit it belongs to, for access filtering.
    pub unit_id: Option<&'a str>,
    /// What happened (`created`, `granted`, `revoked`, …).
    pub action: &'a str,
    /// Who did it; `None` for the system or an anonymous reporter.
    pub actor_user_id: Option<&'a str>,
    /// Details as JSON.
    pub data: serde_json::Value,
}

/// Appends a change inside the caller's transaction and returns its sequence
/// number. Taking the number locks the counter row until commit, so numbers
/// are handed out in commit order.
pub async fn append(conn: &mut AnyConnection, change: &Change<'_>, now: i64) -> sqlx::Result<i64> {
    let seq = next_seq(conn).await?;
    insert(conn, seq, change, now).await?;
    Ok(seq)
}

/// Takes the next change sequence number inside the caller's transaction
/// (for a change whose record must carry its own number); pair with [`insert`].
pub async fn next_seq(conn: &mut AnyConnection) -> sqlx::Result<i64> {
    let (seq,): (i64,) = sqlx::query_as(
        "UPDATE sequence_counters SET value = value + 1 WHERE name = 'change' RETURNING value",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(seq)
}

/// Takes the lock that every writer of synced records takes first (the
/// sequence counter's row, until commit) without taking a number, so that
/// a transaction can read what it decides on and be sure no other writer
/// changes it before it commits.
pub async fn lock_sequence(conn: &mut AnyConnection) -> sqlx::Result<()> {
    sqlx::query("UPDATE sequence_counters SET value = value WHERE name = 'change'")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Records a change under a number taken with [`next_seq`].
pub async fn insert(
    conn: &mut AnyConnection,
    seq: i64,
    change: &Change<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO history (seq, entity_kind, entity_id, unit_id, action, actor_user_id, at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(seq)
    .bind(change.entity_kind)
    .bind(change.entity_id)
    .bind(change.unit_id)
    .bind(change.action)
    .bind(change.actor_user_id)
    .bind(now)
    .bind(change.data.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A recorded change.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HistoryRow {
    /// Global sequence number.
    pub seq: i64,
    /// Kind of entity.
    pub entity_kind: String,
    /// Entity id.
    pub entity_id: String,
    /// What happened.
    pub action: String,
    /// Who did it.
    pub actor_user_id: Option<String>,
}

/// The history of one entity, oldest first.
pub async fn for_entity(
    pool: &sqlx::AnyPool,
    entity_kind: &str,
    entity_id: &str,
) -> sqlx::Result<Vec<HistoryRow>> {
    sqlx::query_as(
        "SELECT seq, entity_kind, entity_id, action, actor_user_id FROM history
         WHERE entity_kind = $1 AND entity_id = $2 ORDER BY seq",
    )
    .bind(entity_kind)
    .bind(entity_id)
    .fetch_all(pool)
    .await
}
