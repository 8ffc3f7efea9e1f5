//! The årshjul's rows: the kinds of activity and their rules, a unit's
//! times a year, the activities recorded as done, and the rounds that count.

use sqlx::{AnyConnection, AnyPool};

use super::avvik_scope::{Conditions, Value, bound};
use super::history::{self, Change};

/// A kind of activity as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct KindRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `yearly`, `every_years` or `per_year`.
    pub schedule: String,
    /// The window's first month.
    pub from_month: i64,
    /// The window's last month.
    pub to_month: i64,
    /// Years between occurrences (`every_years`).
    pub every_years: i64,
    /// A year with an occurrence (`every_years`).
    pub first_year: i64,
    /// Occurrences a year (`per_year`).
    pub times: i64,
    /// The kind of round that also does it.
    pub round_kind: Option<String>,
    /// The role responsible for it, as stored.
    pub responsible_role: String,
}

/// An activity recorded as done.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RecordRow {
    /// The unit it was done in.
    pub unit_id: String,
    /// The kind's id.
    pub kind_id: String,
    /// The kind's name.
    pub kind_name: String,
    /// The day, `YYYY-MM-DD`.
    pub done_on: String,
    /// What was done.
    pub note: String,
    /// Who recorded it.
    pub recorded_by: String,
}

/// An activity to record.
pub struct NewRecord<'a> {
    /// Its id.
    pub id: &'a str,
    /// The unit.
    pub unit_id: &'a str,
    /// The kind.
    pub kind_id: &'a str,
    /// The day, `YYYY-MM-DD`.
    pub done_on: &'a str,
    /// What was done.
    pub note: &'a str,
    /// Who records it.
    pub user_id: &'a str,
}

/// The kinds in use, in the organisation's order.
pub async fn kinds(pool: &AnyPool) -> sqlx::Result<Vec<KindRow>> {
    sqlx::query_as(
        "SELECT id, name, schedule, from_month, to_month, every_years, first_year, times, round_kind,
                responsible_role
         FROM annual_kinds WHERE archived_at IS NULL ORDER BY position, name",
    )
    .fetch_all(pool)
    .await
}

/// The activities of `units` done from `first` to `last` (`YYYY-MM-DD`,
/// both included), newest first.
pub async fn records(
    pool: &AnyPool,
    units: &[String],
    first: &str,
    last: &str,
) -> sqlx::Result<Vec<RecordRow>> {
    let mut c = Conditions::default();
    let (first, last) = (
        c.bind(Value::Text(first.to_owned())),
        c.bind(Value::Text(last.to_owned())),
    );
    let units = c.list(units);
    let sql = format!(
        "SELECT r.unit_id, r.kind_id, k.name AS kind_name, r.done_on, r.note,
                u.display_name AS recorded_by
         FROM annual_records r
         JOIN annual_kinds k ON k.id = r.kind_id
         JOIN users u ON u.id = r.recorded_by
         WHERE r.unit_id IN ({units}) AND r.done_on >= {first} AND r.done_on <= {last}
         ORDER BY r.done_on DESC, r.created_at DESC"
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// The unit, kind and finishing time (ms) of each round of `units`
/// finished from `since` up to `until` (ms).
pub async fn finished_rounds(
    pool: &AnyPool,
    units: &[String],
    since: i64,
    until: i64,
) -> sqlx::Result<Vec<(String, String, i64)>> {
    let mut c = Conditions::default();
    let (since, until) = (c.bind(Value::Int(since)), c.bind(Value::Int(until)));
    let units = c.list(units);
    let sql = format!(
        "SELECT unit_id, kind, finished_at FROM rounds
         WHERE unit_id IN ({units}) AND status = 'finished' AND archived_at IS NULL
           AND finished_at >= {since} AND finished_at < {until}"
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// The unit, kind and day of each round of `units` planned from `first` to
/// `last`.
pub async fn planned_rounds(
    pool: &AnyPool,
    units: &[String],
    first: &str,
    last: &str,
) -> sqlx::Result<Vec<(String, String, String)>> {
    let mut c = Conditions::default();
    let (first, last) = (
        c.bind(Value::Text(first.to_owned())),
        c.bind(Value::Text(last.to_owned())),
    );
    let units = c.list(units);
    let sql = format!(
        "SELECT unit_id, kind, planned_date FROM rounds
         WHERE unit_id IN ({units}) AND status = 'planned' AND archived_at IS NULL
           AND planned_date >= {first} AND planned_date <= {last}"
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// The times a year each of `units` holds each kind, where set:
/// `(unit, kind, times)`.
pub async fn times_of(
    pool: &AnyPool,
    units: &[String],
) -> sqlx::Result<Vec<(String, String, i64)>> {
    let mut c = Conditions::default();
    let units = c.list(units);
    let sql =
        format!("SELECT unit_id, kind_id, times FROM annual_unit_times WHERE unit_id IN ({units})");
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// Records an activity as done, and the change in the history, inside the
/// caller's transaction.
pub async fn insert_record(
    conn: &mut AnyConnection,
    record: &NewRecord<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO annual_records (id, unit_id, kind_id, done_on, note, recorded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(record.id)
    .bind(record.unit_id)
    .bind(record.kind_id)
    .bind(record.done_on)
    .bind(record.note)
    .bind(record.user_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let change = Change {
        entity_kind: "annual_record",
        entity_id: record.id,
        unit_id: Some(record.unit_id),
        action: "recorded",
        actor_user_id: Some(record.user_id),
        data: serde_json::json!({
            "kind_id": record.kind_id,
            "done_on": record.done_on,
            "note": record.note,
        }),
    };
    history::append(conn, &change, now).await?;
    Ok(())
}
