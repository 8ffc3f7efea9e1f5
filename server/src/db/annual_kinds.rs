//! Changing the årshjul's kinds and a unit's times a year, each change in
//! the history (inside the caller's transaction).

use sqlx::AnyConnection;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

use super::annual::KindRow;
use super::history::{self, Change};

/// A query on the database, with its arguments.
type AnyQuery<'q> = Query<'q, sqlx::Any, AnyArguments<'q>>;

/// The history entry of a change to the kind `id` (its unit: none, the
/// kinds are the organisation's).
fn kind_change<'a>(
    id: &'a str,
    action: &'a str,
    user: &'a str,
    data: serde_json::Value,
) -> Change<'a> {
    Change {
        entity_kind: "annual_kind",
        entity_id: id,
        unit_id: None,
        action,
        actor_user_id: Some(user),
        data,
    }
}

/// The kind's rule as the history keeps it.
fn rule_of(kind: &KindRow) -> serde_json::Value {
    serde_json::json!({
        "name": kind.name,
        "schedule": kind.schedule,
        "from_month": kind.from_month,
        "to_month": kind.to_month,
        "every_years": kind.every_years,
        "first_year": kind.first_year,
        "times": kind.times,
        "round_kind": kind.round_kind,
        "responsible_role": kind.responsible_role,
    })
}

/// A query on `annual_kinds` with `kind`'s name and rule bound to its next
/// nine placeholders, in the order of the table's columns.
fn bind_rule<'q>(query: AnyQuery<'q>, kind: &'q KindRow) -> AnyQuery<'q> {
    query
        .bind(&kind.name)
        .bind(&kind.schedule)
        .bind(kind.from_month)
        .bind(kind.to_month)
        .bind(kind.every_years)
        .bind(kind.first_year)
        .bind(kind.times)
        .bind(&kind.round_kind)
        .bind(&kind.responsible_role)
}

/// Adds `kind` after the others.
pub async fn insert(
    conn: &mut AnyConnection,
    kind: &KindRow,
    user: &str,
    now: i64,
) -> sqlx::Result<()> {
    let insert = sqlx::query(
        "INSERT INTO annual_kinds (id, name, schedule, from_month, to_month, every_years, first_year,
                                   times, round_kind, responsible_role, position, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, COALESCE(MAX(position), 0) + 1, $11
         FROM annual_kinds",
    )
    .bind(&kind.id);
    bind_rule(insert, kind)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    history::append(
        conn,
        &kind_change(&kind.id, "created", user, rule_of(kind)),
        now,
    )
    .await?;
    Ok(())
}

/// Changes the kind `kind.id` in use; false when there is none.
pub async fn update(
    conn: &mut AnyConnection,
    kind: &KindRow,
    user: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let update = sqlx::query(
        "UPDATE annual_kinds SET name = $2, schedule = $3, from_month = $4, to_month = $5,
                every_years = $6, first_year = $7, times = $8, round_kind = $9, responsible_role = $10
         WHERE id = $1 AND archived_at IS NULL",
    )
    .bind(&kind.id);
    let done = bind_rule(update, kind).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    history::append(
        conn,
        &kind_change(&kind.id, "changed", user, rule_of(kind)),
        now,
    )
    .await?;
    Ok(true)
}

/// Takes the kind `id` out of the årshjul; false when it is not in use.
pub async fn archive(
    conn: &mut AnyConnection,
    id: &str,
    user: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE annual_kinds SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    history::append(
        conn,
        &kind_change(id, "archived", user, serde_json::json!({})),
        now,
    )
    .await?;
    Ok(true)
}

/// Sets how many times a year `unit` holds `kind`.
pub async fn set_times(
    conn: &mut AnyConnection,
    (unit, kind): (&str, &str),
    times: i64,
    user: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO annual_unit_times (unit_id, kind_id, times) VALUES ($1, $2, $3)
         ON CONFLICT (unit_id, kind_id) DO UPDATE SET times = excluded.times",
    )
    .bind(unit)
    .bind(kind)
    .bind(times)
    .execute(&mut *conn)
    .await?;
    let change = Change {
        entity_kind: "annual_unit_times",
        entity_id: kind,
        unit_id: Some(unit),
        action: "set",
        actor_user_id: Some(user),
        data: serde_json::json!({ "times": times }),
    };
    history::append(conn, &change, now).await?;
    Ok(())
}
