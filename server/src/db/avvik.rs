//! Avvik cases and tiltak created from rounds.

use app::avvik::risk::list_score;
use sqlx::AnyConnection;

/// An avvik case to open.
pub struct NewAvvik<'a> {
    /// Id.
    pub id: &'a str,
    /// Unit.
    pub unit_id: &'a str,
    /// Room.
    pub room_id: Option<&'a str>,
    /// The finding it came from.
    pub finding_id: &'a str,
    /// What was seen.
    pub description: &'a str,
    /// Sannsynlighet.
    pub probability: Option<i64>,
    /// Konsekvens.
    pub consequence: Option<i64>,
    /// Who reported it.
    pub reported_by: &'a str,
    /// Receipt number.
    pub receipt_no: &'a str,
    /// Reached the server after its round was signed off.
    pub late: bool,
}

/// Opens an avvik case from a round.
pub async fn insert_from_round(
    conn: &mut AnyConnection,
    avvik: &NewAvvik<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO avvik (id, unit_id, room_id, finding_id, source, description, probability,
                            consequence, status, reported_by, receipt_no, late, created_at,
                            updated_at, risk_score)
         VALUES ($1, $2, $3, $4, 'round', $5, $6, $7, 'open', $8, $9, $10, $11, $11, $12)",
    )
    .bind(avvik.id)
    .bind(avvik.unit_id)
    .bind(avvik.room_id)
    .bind(avvik.finding_id)
    .bind(avvik.description)
    .bind(avvik.probability)
    .bind(avvik.consequence)
    .bind(avvik.reported_by)
    .bind(avvik.receipt_no)
    .bind(i64::from(avvik.late))
    .bind(now)
    .bind(list_score(avvik.probability, avvik.consequence, ""))
    .execute(conn)
    .await?;
    Ok(())
}

/// Plans a tiltak suggested for an avvik.
pub async fn insert_tiltak(
    conn: &mut AnyConnection,
    (id, unit_id, avvik_id, round_id): (&str, &str, &str, &str),
    description: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO tiltak (id, unit_id, avvik_id, round_id, description, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'planned', $6, $6)",
    )
    .bind(id)
    .bind(unit_id)
    .bind(avvik_id)
    .bind(round_id)
    .bind(description)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether an avvik case was opened from this finding already.
pub async fn has_case_for_finding(
    conn: &mut AnyConnection,
    finding_id: &str,
) -> sqlx::Result<bool> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM avvik WHERE finding_id = $1")
        .bind(finding_id)
        .fetch_one(conn)
        .await?;
    Ok(count > 0)
}
