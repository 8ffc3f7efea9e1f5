//! The dashboard's counts, each one query over the cases a person reaches
//! (the conditions of [`super::avvik_scope`]) or the measures of the units
//! they read, and the person's last visit.

use sqlx::{AnyPool, FromRow};

use super::avvik_list::{ListRow, SELECT_ROWS};
use super::avvik_scope::{Conditions, ListQuery, Value, bound, conditions};
use super::tiltak::{self, TiltakRow};

/// Open cases per current rating: `(sannsynlighet, konsekvens, count)`,
/// `None` for the cases not rated on the matrix. `query` should ask for
/// open cases only.
pub async fn matrix(
    pool: &AnyPool,
    query: &ListQuery,
) -> sqlx::Result<Vec<(Option<i64>, Option<i64>, i64)>> {
    let c = conditions(query, true);
    let rating = "COALESCE(a.leader_probability, a.probability),
                  COALESCE(a.leader_consequence, a.consequence)";
    let sql = format!(
        "SELECT {rating}, COUNT(*) FROM avvik a WHERE {} GROUP BY {rating}",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// How many cases `query` covers.
pub async fn count(pool: &AnyPool, query: &ListQuery) -> sqlx::Result<i64> {
    let c = conditions(query, true);
    let sql = format!("SELECT COUNT(*) FROM avvik a WHERE {}", c.sql.join(" AND "));
    let (count,): (i64,) = bound(sqlx::query_as(&sql), c.values)
        .fetch_one(pool)
        .await?;
    Ok(count)
}

/// The `limit` newest cases `query` covers.
pub async fn newest(pool: &AnyPool, query: &ListQuery, limit: i64) -> sqlx::Result<Vec<ListRow>> {
    let mut c = conditions(query, true);
    let limit = c.bind(Value::Int(limit));
    let sql = format!(
        "{SELECT_ROWS} WHERE {} ORDER BY a.created_at DESC, a.id DESC LIMIT {limit}",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// Cases registered in each period between consecutive `starts` (ms):
/// `(period index, count)` for the periods that have any.
pub async fn per_period(
    pool: &AnyPool,
    query: &ListQuery,
    starts: &[i64],
) -> sqlx::Result<Vec<(i64, i64)>> {
    let (Some(first), Some(end)) = (starts.first(), starts.last()) else {
        return Ok(Vec::new());
    };
    let query = ListQuery {
        since: Some(*first),
        until: Some(*end),
        ..query.clone()
    };
    let mut c = conditions(&query, true);
    let period = period_case(&mut c, &starts[1..]);
    let sql = format!(
        "SELECT {period} AS period, COUNT(*) FROM avvik a WHERE {} GROUP BY {period}",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// A CASE giving the index of the period a case's registration falls in,
/// each period ending at the next of `ends`.
fn period_case(c: &mut Conditions, ends: &[i64]) -> String {
    let whens: Vec<String> = ends
        .iter()
        .zip(0_i64..)
        .map(|(end, index)| {
            let end = c.bind(Value::Int(*end));
            format!("WHEN a.created_at < {end} THEN {index}")
        })
        .collect();
    format!("CAST(CASE {} END AS BIGINT)", whens.join(" "))
}

/// One unit's case figures.
#[derive(Clone, Debug, FromRow)]
pub struct UnitCases {
    /// The unit.
    pub unit_id: String,
    /// Its open cases.
    pub open: i64,
    /// Of those, the ones scored within `high`.
    pub high: i64,
    /// Cases registered after the mark.
    pub new: i64,
}

/// Per unit: open cases, open ones scored within `high` (both ends), and
/// cases registered after `new_after`, over the cases `query` covers.
pub async fn per_unit(
    pool: &AnyPool,
    query: &ListQuery,
    high: (i64, i64),
    new_after: i64,
) -> sqlx::Result<Vec<UnitCases>> {
    let mut c = conditions(query, true);
    let open = open_states(&mut c);
    let (low, top) = (c.bind(Value::Int(high.0)), c.bind(Value::Int(high.1)));
    let mark = c.bind(Value::Int(new_after));
    // The closed cases of past years are most of the table: only the open
    // and the new are read.
    c.push(format!("(a.status IN ({open}) OR a.created_at > {mark})"));
    let sql = format!(
        "SELECT a.unit_id,
                SUM(CASE WHEN a.status IN ({open}) THEN 1 ELSE 0 END) AS open,
                SUM(CASE WHEN a.status IN ({open}) AND a.risk_score BETWEEN {low} AND {top}
                    THEN 1 ELSE 0 END) AS high,
                SUM(CASE WHEN a.created_at > {mark} THEN 1 ELSE 0 END) AS new
         FROM avvik a WHERE {} GROUP BY a.unit_id",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// Placeholders for the states of an open case.
fn open_states(c: &mut Conditions) -> String {
    let open: Vec<String> = app::reports::CaseState::ALL
        .into_iter()
        .filter(|state| state.is_open())
        .map(|state| state.as_db().to_owned())
        .collect();
    c.list(&open)
}

/// Per unit of `units`: open measures past their deadline (before `today`)
/// and those due from `today` to `until` (all `YYYY-MM-DD`).
pub async fn tiltak_due_per_unit(
    pool: &AnyPool,
    units: &[String],
    today: &str,
    until: &str,
) -> sqlx::Result<Vec<(String, i64, i64)>> {
    let mut c = Conditions::default();
    let today = c.bind(Value::Text(today.to_owned()));
    let until = c.bind(Value::Text(until.to_owned()));
    let units = c.list(units);
    let sql = format!(
        "SELECT t.unit_id,
                SUM(CASE WHEN t.due_date < {today} THEN 1 ELSE 0 END),
                SUM(CASE WHEN t.due_date >= {today} THEN 1 ELSE 0 END)
         FROM tiltak t
         WHERE t.status IN ('planned', 'in_progress') AND t.due_date <= {until}
           AND t.unit_id IN ({units})
         GROUP BY t.unit_id"
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// The first `limit` open measures of `units` due by `until`, earliest
/// deadline first (so the overdue lead).
pub async fn tiltak_due(
    pool: &AnyPool,
    units: &[String],
    until: &str,
    limit: i64,
) -> sqlx::Result<Vec<TiltakRow>> {
    let mut c = Conditions::default();
    let until = c.bind(Value::Text(until.to_owned()));
    let units = c.list(units);
    let limit = c.bind(Value::Int(limit));
    let sql = format!(
        "{} WHERE t.status IN ('planned', 'in_progress') AND t.due_date <= {until}
           AND t.unit_id IN ({units})
         ORDER BY t.due_date, t.created_at, t.id LIMIT {limit}",
        tiltak::SELECT_ROWS
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// The person's stored visits: `(new_after, last_seen)` in ms.
pub async fn visits(pool: &AnyPool, user_id: &str) -> sqlx::Result<Option<(i64, i64)>> {
    sqlx::query_as("SELECT new_after, last_seen FROM dashboard_visits WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

/// Stores the person's visits.
pub async fn save_visits(
    pool: &AnyPool,
    user_id: &str,
    new_after: i64,
    last_seen: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO dashboard_visits (user_id, new_after, last_seen) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET new_after = excluded.new_after,
                                             last_seen = excluded.last_seen",
    )
    .bind(user_id)
    .bind(new_after)
    .bind(last_seen)
    .execute(pool)
    .await?;
    Ok(())
}
