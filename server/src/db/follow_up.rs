//! The queries of the scheduled reminders and the follow-up rule. Dates
//! are `YYYY-MM-DD` texts, which compare as the days they name.

use app::notifications::model::NoticeKind;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// A measure that is still open (planned or in progress), with its case.
#[derive(Clone, Debug, FromRow)]
pub struct OpenTiltak {
    /// Id.
    pub id: String,
    /// Its unit.
    pub unit_id: String,
    /// Its case.
    pub avvik_id: String,
    /// The case's room, if any.
    pub room_id: Option<String>,
    /// What was to be done.
    pub description: String,
    /// Its deadline.
    pub due_date: String,
    /// Who is responsible, if anyone.
    pub responsible_user_id: Option<String>,
}

const OPEN_TILTAK: &str =
    "SELECT t.id, t.unit_id, t.avvik_id, a.room_id, t.description, t.due_date,
            t.responsible_user_id
     FROM tiltak t JOIN avvik a ON a.id = t.avvik_id
     WHERE t.status IN ('planned', 'in_progress') AND t.due_date IS NOT NULL";

/// A measure no reminder of `kind` was sent for: a run passes over those it
/// reminded of before instead of trying each again (the reminders' unique
/// keys still keep two overlapping runs from sending one twice).
fn not_reminded(kind: NoticeKind) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM notifications n WHERE n.tiltak_id = t.id AND n.kind = '{}')",
        kind.as_db()
    )
}

/// Open measures due from `first` to `last`, both included, not reminded of yet.
pub async fn due_between(pool: &AnyPool, first: &str, last: &str) -> sqlx::Result<Vec<OpenTiltak>> {
    let sql = format!(
        "{OPEN_TILTAK} AND t.due_date >= $1 AND t.due_date <= $2 AND {} ORDER BY t.id",
        not_reminded(NoticeKind::DueSoon)
    );
    sqlx::query_as(&sql)
        .bind(first)
        .bind(last)
        .fetch_all(pool)
        .await
}

/// Open measures whose deadline was before `today`, not reminded of yet.
pub async fn overdue(pool: &AnyPool, today: &str) -> sqlx::Result<Vec<OpenTiltak>> {
    let sql = format!(
        "{OPEN_TILTAK} AND t.due_date < $1 AND {} ORDER BY t.id",
        not_reminded(NoticeKind::Overdue)
    );
    sqlx::query_as(&sql).bind(today).fetch_all(pool).await
}

/// Overdue measures of a round (planned on the round, or on a case the
/// round opened) that no follow-up case has been opened for yet.
pub async fn unfollowed_round_tiltak(pool: &AnyPool, today: &str) -> sqlx::Result<Vec<OpenTiltak>> {
    let sql = format!(
        "{OPEN_TILTAK} AND t.due_date < $1 AND (t.round_id IS NOT NULL OR a.source = 'round')
         AND NOT EXISTS (SELECT 1 FROM avvik f WHERE f.follow_up_of = t.id)
         ORDER BY t.id"
    );
    sqlx::query_as(&sql).bind(today).fetch_all(pool).await
}

/// A follow-up case to open.
pub struct FollowUpCase<'a> {
    /// Case id.
    pub id: &'a str,
    /// The measure it follows up.
    pub tiltak: &'a OpenTiltak,
    /// What the case says.
    pub description: &'a str,
    /// Its number.
    pub receipt_no: &'a str,
    /// Now (ms).
    pub now: i64,
}

/// Opens the follow-up case unless the measure already has one; says
/// whether it was opened.
pub async fn insert_follow_up(
    conn: &mut AnyConnection,
    case: &FollowUpCase<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO avvik (id, unit_id, room_id, source, description, status, receipt_no,
                            created_at, updated_at, follow_up_of)
         VALUES ($1, $2, $3, 'round', $4, 'open', $5, $6, $6, $7)
         ON CONFLICT (follow_up_of) DO NOTHING",
    )
    .bind(case.id)
    .bind(&case.tiltak.unit_id)
    .bind(&case.tiltak.room_id)
    .bind(case.description)
    .bind(case.receipt_no)
    .bind(case.now)
    .bind(&case.tiltak.id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
