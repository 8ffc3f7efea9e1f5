//! Measures (tiltak): read for a case or a unit's open plan, add, change,
//! and move their status only from the status they were read in.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// A measure with the names the pages show.
#[derive(Clone, Debug, FromRow)]
pub struct TiltakRow {
    /// Tiltak id.
    pub id: String,
    /// The unit carrying it out.
    pub unit_id: String,
    /// The unit's name.
    pub unit_name: String,
    /// The case it answers, if any.
    pub avvik_id: Option<String>,
    /// That case's number.
    pub receipt_no: Option<String>,
    /// What will be done.
    pub description: String,
    /// The responsible user, if chosen.
    pub responsible_user_id: Option<String>,
    /// Their name.
    pub responsible_display: Option<String>,
    /// The deadline, `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// The status as stored.
    pub status: String,
    /// Why it was not carried out.
    pub not_done_reason: String,
    /// The cost estimate in kroner.
    pub cost_estimate: Option<i64>,
}

/// The columns of a [`TiltakRow`], from `tiltak t` and its names.
pub const SELECT_ROWS: &str =
    "SELECT t.id, t.unit_id, u.name AS unit_name, t.avvik_id, a.receipt_no,
        t.description, t.responsible_user_id, p.display_name AS responsible_display,
        t.due_date, t.status, t.not_done_reason, t.cost_estimate
    FROM tiltak t
    JOIN org_units u ON u.id = t.unit_id
    LEFT JOIN avvik a ON a.id = t.avvik_id
    LEFT JOIN users p ON p.id = t.responsible_user_id";

/// One measure, if it exists.
pub async fn by_id(pool: &AnyPool, id: &str) -> sqlx::Result<Option<TiltakRow>> {
    sqlx::query_as(&format!("{SELECT_ROWS} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// A case's measures, oldest first.
pub async fn for_case(pool: &AnyPool, avvik_id: &str) -> sqlx::Result<Vec<TiltakRow>> {
    sqlx::query_as(&format!(
        "{SELECT_ROWS} WHERE t.avvik_id = $1 ORDER BY t.created_at, t.id"
    ))
    .bind(avvik_id)
    .fetch_all(pool)
    .await
}

/// At most `limit` open measures of `units`: those past their deadline
/// (before `today`, `YYYY-MM-DD`) first, then by deadline, then those
/// without one, oldest first.
pub async fn open_in_units(
    pool: &AnyPool,
    units: &[String],
    today: &str,
    limit: i64,
) -> sqlx::Result<Vec<TiltakRow>> {
    if units.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (3..units.len() + 3).map(|n| format!("${n}")).collect();
    let sql = format!(
        "{SELECT_ROWS}
         WHERE t.status IN ('planned', 'in_progress') AND t.unit_id IN ({})
         ORDER BY CASE WHEN t.due_date < $1 THEN 0 WHEN t.due_date IS NULL THEN 2 ELSE 1 END,
                  t.due_date, t.created_at, t.id
         LIMIT $2",
        placeholders.join(", ")
    );
    let mut select = sqlx::query_as(&sql).bind(today).bind(limit);
    for unit in units {
        select = select.bind(unit);
    }
    select.fetch_all(pool).await
}

/// A measure's fields as they are saved.
pub struct Fields<'a> {
    /// What will be done.
    pub description: &'a str,
    /// The responsible user, if chosen.
    pub responsible: Option<&'a str>,
    /// The deadline, `YYYY-MM-DD`.
    pub due: &'a str,
    /// The cost estimate in kroner.
    pub cost: Option<i64>,
}

/// Adds a planned measure `id` to case `avvik_id` of `unit_id`.
pub async fn insert(
    conn: &mut AnyConnection,
    (id, unit_id, avvik_id): (&str, &str, &str),
    fields: &Fields<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO tiltak (id, unit_id, avvik_id, description, responsible_user_id, due_date,
             cost_estimate, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'planned', $8, $8)",
    )
    .bind(id)
    .bind(unit_id)
    .bind(avvik_id)
    .bind(fields.description)
    .bind(fields.responsible)
    .bind(fields.due)
    .bind(fields.cost)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Changes the measure's fields.
pub async fn update(
    conn: &mut AnyConnection,
    id: &str,
    fields: &Fields<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE tiltak SET description = $2, responsible_user_id = $3, due_date = $4,
             cost_estimate = $5, updated_at = $6
         WHERE id = $1",
    )
    .bind(id)
    .bind(fields.description)
    .bind(fields.responsible)
    .bind(fields.due)
    .bind(fields.cost)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the measure from `from` to `to` if it is still in `from`; returns
/// whether it moved. Done keeps the time; a reason is kept only while the
/// measure stays dropped.
pub async fn move_status(
    conn: &mut AnyConnection,
    id: &str,
    (from, to): (&str, &str),
    reason: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE tiltak SET status = $3, updated_at = $5,
             not_done_reason = CASE WHEN $3 = 'not_done' THEN $4 ELSE '' END,
             done_at = CASE WHEN $3 = 'done' THEN $5 ELSE NULL END
         WHERE id = $1 AND status = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
