//! A case as its page shows it, and its history.

use sqlx::{AnyPool, FromRow};

/// A case's own fields, with the names of its unit, room and building.
#[derive(Clone, Debug, FromRow)]
pub struct CaseRow {
    /// Case id.
    pub id: String,
    /// The case number.
    pub receipt_no: String,
    /// What was found or reported.
    pub description: String,
    /// The unit's name.
    pub unit_name: String,
    /// The room's name, if any.
    pub room_name: Option<String>,
    /// The room's building, if any.
    pub building_name: Option<String>,
    /// The category.
    pub category: String,
    /// `round`, `qr` or `manual`.
    pub source: String,
    /// The state as stored.
    pub status: String,
    /// The reporter's name as given.
    pub reporter_name: String,
    /// The reporting user's name, for a case from a round.
    pub reported_by_name: Option<String>,
    /// When it was registered (ms).
    pub created_at: i64,
    /// What was done.
    pub closed_note: String,
    /// Why it was rejected.
    pub rejected_reason: String,
    /// The responsible person, if anyone is assigned.
    pub assigned_to: Option<String>,
    /// Their name.
    pub assigned_name: Option<String>,
    /// The finding it came from, for a case from a round.
    pub finding_id: Option<String>,
    /// The round's rating: sannsynlighet.
    pub probability: Option<i64>,
    /// The round's rating: konsekvens.
    pub consequence: Option<i64>,
    /// The reporter's own words (`lav`, `middels`, `hoy`; empty for none).
    pub severity: String,
    /// The leader's rating: sannsynlighet.
    pub leader_probability: Option<i64>,
    /// The leader's rating: konsekvens.
    pub leader_consequence: Option<i64>,
}

/// The case, if it exists.
pub async fn case_row(pool: &AnyPool, id: &str) -> sqlx::Result<Option<CaseRow>> {
    sqlx::query_as(
        "SELECT a.id, a.receipt_no, a.description, u.name AS unit_name, r.name AS room_name,
                b.name AS building_name, a.category, a.source, a.status,
                a.reporter_name, p.display_name AS reported_by_name, a.created_at,
                a.closed_note, a.rejected_reason, a.assigned_to, q.display_name AS assigned_name,
                a.finding_id, a.probability, a.consequence, a.severity,
                a.leader_probability, a.leader_consequence
         FROM avvik a
         JOIN org_units u ON u.id = a.unit_id
         LEFT JOIN rooms r ON r.id = a.room_id
         LEFT JOIN buildings b ON b.id = r.building_id
         LEFT JOIN users p ON p.id = a.reported_by
         LEFT JOIN users q ON q.id = a.assigned_to
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// One history entry of a case, with the actor's name.
#[derive(Clone, Debug, FromRow)]
pub struct EventRow {
    /// `avvik`, or `tiltak` for one of its measures.
    pub entity_kind: String,
    /// The history action (`created`, `status_changed`, …).
    pub action: String,
    /// The actor's name; none when nobody is recorded.
    pub actor: Option<String>,
    /// 1 when the actor is the person who reported the case.
    pub by_reporter: i64,
    /// When (ms).
    pub at: i64,
    /// The entry's details as JSON text.
    pub data: String,
}

/// The case's history and its measures', oldest first.
pub async fn events(pool: &AnyPool, id: &str) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(
        "SELECT h.entity_kind, h.action, p.display_name AS actor,
                CASE WHEN h.actor_user_id = (SELECT a.reported_by FROM avvik a WHERE a.id = $1)
                     THEN 1 ELSE 0 END AS by_reporter,
                h.at, h.data
         FROM history h LEFT JOIN users p ON p.id = h.actor_user_id
         WHERE (h.entity_kind = 'avvik' AND h.entity_id = $1)
            OR (h.entity_kind = 'tiltak'
                AND h.entity_id IN (SELECT t.id FROM tiltak t WHERE t.avvik_id = $1))
         ORDER BY h.seq",
    )
    .bind(id)
    .fetch_all(pool)
    .await
}

/// A comment to add to a case.
pub struct NewComment<'a> {
    /// Comment id.
    pub id: &'a str,
    /// The case.
    pub avvik_id: &'a str,
    /// Who wrote it.
    pub author_user_id: &'a str,
    /// The text.
    pub body: &'a str,
    /// Whether the reporter sees it through the status link.
    pub visible_to_reporter: bool,
    /// Now (ms).
    pub now: i64,
}

/// Adds the comment.
pub async fn insert_comment(
    conn: &mut sqlx::AnyConnection,
    comment: &NewComment<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO avvik_comments (id, avvik_id, author_user_id, body, visible_to_reporter, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(comment.id)
    .bind(comment.avvik_id)
    .bind(comment.author_user_id)
    .bind(comment.body)
    .bind(i64::from(comment.visible_to_reporter))
    .bind(comment.now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The active people with a role that reads and follows up cases in one of
/// `units` (a case's unit and the units above it): those a case there may be
/// assigned to (and who can then open it), by name.
pub async fn people_in_units(
    pool: &AnyPool,
    units: &[String],
) -> sqlx::Result<Vec<(String, String)>> {
    if units.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=units.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT DISTINCT u.id, u.display_name FROM role_grants g JOIN users u ON u.id = g.user_id
         WHERE g.revoked_at IS NULL AND u.disabled_at IS NULL AND g.unit_id IN ({})
           AND g.role IN ('hms_admin', 'hovedverneombud', 'verneombud', 'leder')
         ORDER BY u.display_name, u.id",
        placeholders.join(", ")
    );
    let mut select = sqlx::query_as(&sql);
    for unit in units {
        select = select.bind(unit);
    }
    select.fetch_all(pool).await
}

/// Makes `person` responsible for the case (`None`: nobody).
pub async fn assign(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    person: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE avvik SET assigned_to = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(person)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
