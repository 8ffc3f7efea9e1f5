//! Findings (answered checklist points) and their conflict copies.

use app::sync::records::{Answer, ConflictCopy, FindingRecord};
use sqlx::{AnyConnection, FromRow};

/// A finding row.
#[derive(Clone, Debug, FromRow)]
pub struct FindingRow {
    /// Id.
    pub id: String,
    /// Round.
    pub round_id: String,
    /// Room.
    pub room_id: Option<String>,
    /// Checklist point.
    pub item_id: String,
    /// Answer.
    pub answer: String,
    /// What was seen.
    pub observation: String,
    /// Sannsynlighet.
    pub probability: Option<i64>,
    /// Konsekvens.
    pub consequence: Option<i64>,
    /// Suggested tiltak.
    pub suggested_measure: String,
    /// Change sequence of the last text write.
    pub text_seq: i64,
    /// Device of the last text write.
    pub text_device: String,
    /// Change sequence at which the answer (with its risk) was last set.
    pub answer_seq: i64,
    /// Device that last set the answer.
    pub answer_device: String,
}

const COLUMNS: &str = "id, round_id, room_id, item_id, answer, observation, probability, \
                       consequence, suggested_measure, text_seq, text_device, answer_seq, \
                       answer_device";

/// One finding.
pub async fn by_id(conn: &mut AnyConnection, id: &str) -> sqlx::Result<Option<FindingRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM findings WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The avvik findings of a round.
pub async fn avvik_of_round(
    conn: &mut AnyConnection,
    round_id: &str,
) -> sqlx::Result<Vec<FindingRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM findings WHERE round_id = $1 AND answer = 'avvik' ORDER BY id"
    ))
    .bind(round_id)
    .fetch_all(conn)
    .await
}

/// Inserts or overwrites a finding with the given row's values.
pub async fn upsert(
    conn: &mut AnyConnection,
    row: &FindingRow,
    user_id: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO findings (id, round_id, room_id, item_id, answer, observation, probability,
                               consequence, suggested_measure, text_seq, text_device,
                               answer_seq, answer_device, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
         ON CONFLICT (id) DO UPDATE SET answer = $5, observation = $6, probability = $7,
             consequence = $8, suggested_measure = $9, text_seq = $10, text_device = $11,
             answer_seq = $12, answer_device = $13, updated_at = $15",
    )
    .bind(&row.id)
    .bind(&row.round_id)
    .bind(row.room_id.as_deref())
    .bind(&row.item_id)
    .bind(&row.answer)
    .bind(&row.observation)
    .bind(row.probability)
    .bind(row.consequence)
    .bind(&row.suggested_measure)
    .bind(row.text_seq)
    .bind(&row.text_device)
    .bind(row.answer_seq)
    .bind(&row.answer_device)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A conflict copy to keep.
pub struct NewConflict<'a> {
    /// Copy id.
    pub id: &'a str,
    /// The finding.
    pub finding_id: &'a str,
    /// `observation` or `suggested_measure`.
    pub field: &'a str,
    /// The other text.
    pub text: &'a str,
    /// Who wrote it.
    pub author_user_id: &'a str,
    /// Their name.
    pub author_name: &'a str,
    /// Their device.
    pub device_id: &'a str,
}

/// How many conflict copies a finding keeps.
pub async fn conflict_count(conn: &mut AnyConnection, finding_id: &str) -> sqlx::Result<i64> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM finding_conflicts WHERE finding_id = $1")
            .bind(finding_id)
            .fetch_one(conn)
            .await?;
    Ok(count)
}

/// Keeps a conflict copy.
pub async fn insert_conflict(
    conn: &mut AnyConnection,
    copy: &NewConflict<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO finding_conflicts (id, finding_id, field, text, author_user_id, author_name,
                                        device_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(copy.id)
    .bind(copy.finding_id)
    .bind(copy.field)
    .bind(copy.text)
    .bind(copy.author_user_id)
    .bind(copy.author_name)
    .bind(copy.device_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The finding's conflict copies not yet resolved, oldest first.
pub async fn open_conflicts(
    conn: &mut AnyConnection,
    finding_id: &str,
) -> sqlx::Result<Vec<ConflictCopy>> {
    let conflicts: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, field, text, author_name, created_at FROM finding_conflicts
         WHERE finding_id = $1 AND resolved_at IS NULL ORDER BY created_at, id",
    )
    .bind(finding_id)
    .fetch_all(conn)
    .await?;
    Ok(conflicts
        .into_iter()
        .map(|(id, field, text, author, at)| ConflictCopy {
            id,
            field,
            text,
            author,
            at,
        })
        .collect())
}

/// The finding as synced records carry it: a stored row and its open
/// conflict copies.
pub fn record_of(row: FindingRow, conflicts: Vec<ConflictCopy>) -> FindingRecord {
    let small = |value: Option<i64>| value.and_then(|v| u8::try_from(v).ok());
    FindingRecord {
        answer: Answer::parse(&row.answer).unwrap_or(Answer::Ok),
        probability: small(row.probability),
        consequence: small(row.consequence),
        id: row.id,
        round_id: row.round_id,
        room_id: row.room_id,
        item_id: row.item_id,
        observation: row.observation,
        suggested_measure: row.suggested_measure,
        text_seq: row.text_seq,
        answer_seq: row.answer_seq,
        conflicts,
    }
}

/// Whether a checklist point belongs to a checklist version.
pub async fn item_in_version(
    conn: &mut AnyConnection,
    item_id: &str,
    version_id: &str,
) -> sqlx::Result<bool> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT i.id FROM checklist_items i JOIN checklist_sections s ON s.id = i.section_id
         WHERE i.id = $1 AND s.version_id = $2",
    )
    .bind(item_id)
    .bind(version_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

/// The unit and verneområde of a room, if it exists.
pub async fn room_place(
    conn: &mut AnyConnection,
    room_id: &str,
) -> sqlx::Result<Option<(String, Option<String>)>> {
    sqlx::query_as("SELECT unit_id, verneomrade_id FROM rooms WHERE id = $1")
        .bind(room_id)
        .fetch_optional(conn)
        .await
}
