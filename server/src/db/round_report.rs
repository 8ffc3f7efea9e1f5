//! What a round's report reads: the round with the names of its unit and
//! area, its findings with their checklist point, room and case, their
//! photos, and the measures from its avvik.

use sqlx::{AnyPool, FromRow};

use super::tiltak::{SELECT_ROWS, TiltakRow};

/// A round with the names the report shows.
#[derive(Clone, Debug, FromRow)]
pub struct ReportHead {
    /// The round's id.
    pub id: String,
    /// Its unit.
    pub unit_id: String,
    /// The unit's name.
    pub unit_name: String,
    /// The verneområde's name, if one was chosen.
    pub area_name: Option<String>,
    /// The round's title.
    pub title: String,
    /// Its day, `YYYY-MM-DD`.
    pub planned_date: Option<String>,
    /// `planned`, `ongoing` or `finished`.
    pub status: String,
    /// When it was signed off (ms).
    pub finished_at: Option<i64>,
}

/// Round `id`, if it exists and is not archived.
pub async fn head(pool: &AnyPool, id: &str) -> sqlx::Result<Option<ReportHead>> {
    sqlx::query_as(
        "SELECT r.id, r.unit_id, u.name AS unit_name, v.name AS area_name, r.title,
                r.planned_date, r.status, r.finished_at
         FROM rounds r
         JOIN org_units u ON u.id = r.unit_id
         LEFT JOIN verneomrader v ON v.id = r.verneomrade_id
         WHERE r.id = $1 AND r.archived_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// An answered point with its checklist place, room and case.
#[derive(Clone, Debug, FromRow)]
pub struct FindingLine {
    /// The finding's id.
    pub id: String,
    /// Its room (`None`: the area as a whole).
    pub room_id: Option<String>,
    /// The room's name.
    pub room_name: Option<String>,
    /// The room's building.
    pub building_name: Option<String>,
    /// The section's position in the checklist.
    pub section_position: i64,
    /// The section's title.
    pub section_title: String,
    /// The point's position in its section.
    pub point_position: i64,
    /// The point's text.
    pub point_text: String,
    /// `ok`, `avvik` or `ikke_relevant`.
    pub answer: String,
    /// What was seen.
    pub observation: String,
    /// Sannsynlighet, 1–5.
    pub probability: Option<i64>,
    /// Konsekvens, 1–5.
    pub consequence: Option<i64>,
    /// The measure suggested on the round.
    pub suggested_measure: String,
    /// Where its first change lies in the history: the order in which the
    /// server took the findings, which is the order a phone made them in
    /// (a push is applied in order), even for a batch stored in one
    /// millisecond.
    pub first_seq: Option<i64>,
    /// The case opened from it.
    pub case_id: Option<String>,
    /// That case's number.
    pub receipt_no: Option<String>,
}

/// Every current finding of round `round_id`.
pub async fn findings(pool: &AnyPool, round_id: &str) -> sqlx::Result<Vec<FindingLine>> {
    sqlx::query_as(
        "SELECT f.id, f.room_id, rm.name AS room_name, b.name AS building_name,
                s.position AS section_position, s.title AS section_title,
                i.position AS point_position, i.text AS point_text, f.answer, f.observation,
                f.probability, f.consequence, f.suggested_measure,
                (SELECT MIN(h.seq) FROM history h
                 WHERE h.entity_kind = 'finding' AND h.entity_id = f.id) AS first_seq,
                a.id AS case_id, a.receipt_no
         FROM findings f
         JOIN checklist_items i ON i.id = f.item_id
         JOIN checklist_sections s ON s.id = i.section_id
         LEFT JOIN rooms rm ON rm.id = f.room_id
         LEFT JOIN buildings b ON b.id = rm.building_id
         LEFT JOIN avvik a ON a.id = (SELECT MIN(c.id) FROM avvik c WHERE c.finding_id = f.id)
         WHERE f.round_id = $1 AND f.archived_at IS NULL
         ORDER BY first_seq, f.id",
    )
    .bind(round_id)
    .fetch_all(pool)
    .await
}

/// The photos of round `round_id`'s findings: (finding id, photo id),
/// oldest first.
pub async fn photos(pool: &AnyPool, round_id: &str) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT p.owner_id, p.id FROM photos p
         JOIN findings f ON f.id = p.owner_id
         WHERE p.owner_kind = 'finding' AND f.round_id = $1
         ORDER BY p.created_at, p.id",
    )
    .bind(round_id)
    .fetch_all(pool)
    .await
}

/// The measures of round `round_id`: suggested on it, or added to a case
/// opened from one of its findings; by deadline (none last), oldest first.
pub async fn tiltak(pool: &AnyPool, round_id: &str) -> sqlx::Result<Vec<TiltakRow>> {
    sqlx::query_as(&format!(
        "{SELECT_ROWS}
         WHERE t.round_id = $1
            OR t.avvik_id IN (SELECT c.id FROM avvik c
                              JOIN findings f ON f.id = c.finding_id
                              WHERE f.round_id = $1)
         ORDER BY CASE WHEN t.due_date IS NULL THEN 1 ELSE 0 END, t.due_date,
                  t.created_at, t.id"
    ))
    .bind(round_id)
    .fetch_all(pool)
    .await
}
