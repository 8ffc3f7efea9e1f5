//! The dashboard's running tallies (migration 0018): open cases per unit,
//! score and rating, and open measures per unit and deadline, kept by
//! triggers in the transaction of every change. Reading them costs a few
//! rows per unit however many cases the units hold.

use sqlx::AnyPool;

use super::avvik_scope::{Conditions, Value, bound};
use super::dashboard::OpenGroup;

/// The open cases of `units` in groups, as [`super::dashboard::open_groups`]
/// counts them for a person who covers no verneområde.
pub async fn open_groups(pool: &AnyPool, units: &[String]) -> sqlx::Result<Vec<OpenGroup>> {
    let mut c = Conditions::default();
    let units = c.list(units);
    // 0 is the tally's "not rated" (a key cannot hold NULL twice).
    let sql = format!(
        "SELECT unit_id, risk_score, NULLIF(probability, 0) AS probability,
                NULLIF(consequence, 0) AS consequence, count
         FROM avvik_open_tally WHERE unit_id IN ({units}) AND count > 0"
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
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
    // The CASTs keep the sums integers on PostgreSQL (a SUM of BIGINT is
    // NUMERIC there).
    let sql = format!(
        "SELECT unit_id,
                CAST(SUM(CASE WHEN due_date < {today} THEN count ELSE 0 END) AS BIGINT),
                CAST(SUM(CASE WHEN due_date >= {today} THEN count ELSE 0 END) AS BIGINT)
         FROM tiltak_due_tally
         WHERE unit_id IN ({units}) AND due_date <= {until} AND count > 0
         GROUP BY unit_id"
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}
