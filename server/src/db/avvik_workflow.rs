//! A case's place in the workflow: read it, and move it on only from the
//! state it was read in (a move that lost a race changes nothing).

use sqlx::{AnyConnection, AnyPool, FromRow};

use super::coverage::covered_rooms;

/// What deciding a move needs of a case.
#[derive(Clone, Debug, FromRow)]
pub struct CaseHead {
    /// Case id.
    pub id: String,
    /// The unit handling it.
    pub unit_id: String,
    /// The state as stored.
    pub status: String,
    /// Whether the room it is in lies in a verneområde `covered_by` covers.
    pub in_covered_area: i64,
}

/// The case, if it exists, and whether it lies in an area `covered_by` covers.
pub async fn case_head(
    pool: &AnyPool,
    id: &str,
    covered_by: &str,
) -> sqlx::Result<Option<CaseHead>> {
    let sql = format!(
        "SELECT a.id, a.unit_id, a.status,
                CASE WHEN a.room_id IN ({}) THEN 1 ELSE 0 END AS in_covered_area
         FROM avvik a WHERE a.id = $1",
        covered_rooms("$2")
    );
    sqlx::query_as(&sql)
        .bind(id)
        .bind(covered_by)
        .fetch_optional(pool)
        .await
}

/// A move as it is written: from where, to where, with which text, when.
pub struct Move<'a> {
    /// Case id.
    pub id: &'a str,
    /// The state the case was read in.
    pub from: &'a str,
    /// The new state.
    pub to: &'a str,
    /// Closing note, rejection reason or reopening reason (may be empty).
    pub note: &'a str,
    /// Now (ms).
    pub now: i64,
}

/// Moves the case if it is still in `from`; returns whether it moved.
/// Closing keeps the note and the time; rejecting keeps the reason;
/// reopening clears the time it was closed.
pub async fn move_case(conn: &mut AnyConnection, change: &Move<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE avvik SET status = $3, updated_at = $5,
             closed_note = CASE WHEN $3 = 'closed' THEN $4 ELSE closed_note END,
             rejected_reason = CASE WHEN $3 = 'rejected' THEN $4 ELSE rejected_reason END,
             closed_at = CASE WHEN $3 IN ('closed', 'rejected') THEN $5 ELSE NULL END
         WHERE id = $1 AND status = $2",
    )
    .bind(change.id)
    .bind(change.from)
    .bind(change.to)
    .bind(change.note)
    .bind(change.now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
