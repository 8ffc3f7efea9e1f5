//! The dashboard's counts, each one query over the cases a person reaches
//! (the conditions of [`super::avvik_scope`]) or the measures of the units
//! they read, and the person's last visit.

use sqlx::AnyPool;

use super::avvik_list::{ListRow, SELECT_ROWS};
use super::avvik_scope::{Conditions, ListQuery, Value, bound, conditions};
use super::tiltak::{self, TiltakRow};

/// A group of open cases alike in unit, score and current rating.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenGroup {
    /// Their unit.
    pub unit_id: String,
    /// Their risk score as stored.
    pub risk_score: i64,
    /// Their current sannsynlighet (the leader's, else the first); `None`
    /// when not rated on the matrix.
    pub probability: Option<i64>,
    /// Their current konsekvens, likewise.
    pub consequence: Option<i64>,
    /// How many.
    pub count: i64,
}

/// The open cases `query` covers, counted in groups (a unit, score or
/// rating possibly in several groups: the caller adds them up). One pass
/// serves both the matrix and the figures per unit. `query` should ask for
/// open cases only.
pub async fn open_groups(pool: &AnyPool, query: &ListQuery) -> sqlx::Result<Vec<OpenGroup>> {
    let c = conditions(query, true);
    // Grouped in the order of the index on (unit, state, score, ratings),
    // so the database counts as it reads instead of sorting every open case.
    let sql = format!(
        "SELECT a.unit_id, a.risk_score,
                COALESCE(a.leader_probability, a.probability) AS probability,
                COALESCE(a.leader_consequence, a.consequence) AS consequence,
                COUNT(*) AS count
         FROM avvik a WHERE {}
         GROUP BY a.unit_id, a.status, a.risk_score, a.leader_probability,
                  a.leader_consequence, a.probability, a.consequence",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
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

/// Cases registered in each period between consecutive `starts` (ms),
/// one count per period: a range count reads the index alone, where one
/// query grouping a year of cases by period would sort them all.
pub async fn per_period(
    pool: &AnyPool,
    query: &ListQuery,
    starts: &[i64],
) -> sqlx::Result<Vec<i64>> {
    let counts = starts.windows(2).map(|period| {
        let within = ListQuery {
            since: Some(period[0]),
            until: Some(period[1]),
            ..query.clone()
        };
        async move { count(pool, &within).await }
    });
    futures::future::try_join_all(counts).await
}

/// How many cases `query` covers.
async fn count(pool: &AnyPool, query: &ListQuery) -> sqlx::Result<i64> {
    let c = conditions(query, true);
    let sql = format!("SELECT COUNT(*) FROM avvik a WHERE {}", c.sql.join(" AND "));
    let (count,): (i64,) = bound(sqlx::query_as(&sql), c.values)
        .fetch_one(pool)
        .await?;
    Ok(count)
}

/// Per unit, the cases `query` covers: `(unit, count)`.
pub async fn count_per_unit(pool: &AnyPool, query: &ListQuery) -> sqlx::Result<Vec<(String, i64)>> {
    let c = conditions(query, true);
    let sql = format!(
        "SELECT a.unit_id, COUNT(*) FROM avvik a WHERE {} GROUP BY a.unit_id",
        c.sql.join(" AND ")
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
