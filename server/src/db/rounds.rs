//! Rounds and their participants.

use app::sync::records::{Participant, RoundRecord, RoundStatus};
use sqlx::{AnyConnection, FromRow};

/// A round row.
#[derive(Clone, Debug, FromRow)]
pub struct RoundRow {
    /// Id.
    pub id: String,
    /// Unit.
    pub unit_id: String,
    /// Verneområde.
    pub verneomrade_id: Option<String>,
    /// Checklist version kept.
    pub checklist_version_id: String,
    /// Title.
    pub title: String,
    /// Date of the round.
    pub planned_date: Option<String>,
    /// `planned`, `ongoing` or `finished`.
    pub status: String,
    /// When it was finished.
    pub finished_at: Option<i64>,
}

/// A participant row.
#[derive(Clone, Debug, FromRow)]
struct ParticipantRow {
    id: String,
    user_id: Option<String>,
    name: String,
    role_label: String,
    signed_at: Option<i64>,
}

/// One round, read inside a transaction.
pub async fn by_id(conn: &mut AnyConnection, id: &str) -> sqlx::Result<Option<RoundRow>> {
    sqlx::query_as(
        "SELECT id, unit_id, verneomrade_id, checklist_version_id, title, planned_date, status,
                finished_at
         FROM rounds WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Inserts a round that starts now.
pub async fn insert(
    conn: &mut AnyConnection,
    round: &RoundRecord,
    created_by: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO rounds (id, kind, checklist_version_id, unit_id, verneomrade_id, title,
                             planned_date, status, started_at, created_by, created_at, updated_at)
         VALUES ($1, 'vernerunde', $2, $3, $4, $5, $6, 'ongoing', $7, $8, $7, $7)",
    )
    .bind(&round.id)
    .bind(&round.checklist_version_id)
    .bind(&round.unit_id)
    .bind(round.verneomrade_id.as_deref())
    .bind(&round.title)
    .bind(&round.date)
    .bind(now)
    .bind(created_by)
    .execute(&mut *conn)
    .await?;
    for participant in &round.participants {
        sqlx::query(
            "INSERT INTO round_participants (id, round_id, user_id, name, role_label)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&participant.id)
        .bind(&round.id)
        .bind(participant.user_id.as_deref())
        .bind(&participant.name)
        .bind(&participant.role_label)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Marks a round finished and its signing participants signed; `false`
/// (and no change) when it was finished already.
pub async fn finish(
    conn: &mut AnyConnection,
    round_id: &str,
    signed_by: &[String],
    now: i64,
) -> sqlx::Result<bool> {
    let updated = sqlx::query(
        "UPDATE rounds SET status = 'finished', finished_at = $2, updated_at = $2
         WHERE id = $1 AND status <> 'finished'",
    )
    .bind(round_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    for participant_id in signed_by {
        sqlx::query("UPDATE round_participants SET signed_at = $3 WHERE id = $1 AND round_id = $2")
            .bind(participant_id)
            .bind(round_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

/// The round as synced records carry it.
pub async fn record(conn: &mut AnyConnection, id: &str) -> sqlx::Result<Option<RoundRecord>> {
    let Some(row) = by_id(conn, id).await? else {
        return Ok(None);
    };
    let participants = participants(conn, id).await?;
    Ok(Some(RoundRecord {
        status: RoundStatus::parse(&row.status).unwrap_or(RoundStatus::Ongoing),
        id: row.id,
        unit_id: row.unit_id,
        verneomrade_id: row.verneomrade_id,
        checklist_version_id: row.checklist_version_id,
        title: row.title,
        date: row.planned_date.unwrap_or_default(),
        finished_at: row.finished_at,
        participants,
    }))
}

/// Who takes part in a round, and whether they signed it.
pub async fn participants(
    conn: &mut AnyConnection,
    round_id: &str,
) -> sqlx::Result<Vec<Participant>> {
    let rows: Vec<ParticipantRow> = sqlx::query_as(
        "SELECT id, user_id, name, role_label, signed_at FROM round_participants
         WHERE round_id = $1 ORDER BY id",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|p| Participant {
            id: p.id,
            user_id: p.user_id,
            name: p.name,
            role_label: p.role_label,
            signed: p.signed_at.is_some(),
        })
        .collect())
}

/// The unit of a verneområde, if it exists.
pub async fn area_unit(conn: &mut AnyConnection, area_id: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT unit_id FROM verneomrader WHERE id = $1 AND archived_at IS NULL")
            .bind(area_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(unit,)| unit))
}

/// Whether a checklist version exists and has been published.
pub async fn checklist_published(conn: &mut AnyConnection, version_id: &str) -> sqlx::Result<bool> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM checklist_versions WHERE id = $1 AND status IN ('published', 'retired')",
    )
    .bind(version_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}
