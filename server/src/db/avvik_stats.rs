//! The cases a statistics query covers, counted per unit, category and
//! quarter in one pass over the year's cases (the index on unit and
//! `created_at` narrows each unit to the year).

use sqlx::AnyPool;

use super::avvik_scope::{ListQuery, Value, bound, conditions};

/// Cases of one unit and category registered in one quarter.
#[derive(Debug, sqlx::FromRow)]
pub struct QuarterCount {
    /// The unit's id.
    pub unit_id: String,
    /// The category as stored (empty: none).
    pub category: String,
    /// The quarter, 1–4.
    pub quarter: i64,
    /// How many.
    pub count: i64,
}

/// Per unit, category and quarter, the cases of `query` registered from
/// `starts[0]` up to `starts[4]`, where quarter n begins at `starts[n-1]`
/// (ms).
pub async fn per_quarter(
    pool: &AnyPool,
    query: &ListQuery,
    starts: &[i64; 5],
) -> sqlx::Result<Vec<QuarterCount>> {
    let [first, second, third, fourth, end] = *starts;
    let within = ListQuery {
        since: Some(first),
        until: Some(end),
        ..query.clone()
    };
    let mut c = conditions(&within, true);
    let (q2, q3, q4) = (
        c.bind(Value::Int(second)),
        c.bind(Value::Int(third)),
        c.bind(Value::Int(fourth)),
    );
    // The CASTs keep both figures BIGINT on PostgreSQL, where a CASE of
    // small literals is an INTEGER.
    let sql = format!(
        "SELECT a.unit_id, a.category,
                CAST(CASE WHEN a.created_at < {q2} THEN 1
                          WHEN a.created_at < {q3} THEN 2
                          WHEN a.created_at < {q4} THEN 3
                          ELSE 4 END AS BIGINT) AS quarter,
                CAST(COUNT(*) AS BIGINT) AS count
         FROM avvik a WHERE {}
         GROUP BY 1, 2, 3",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// When the first case of `query` was registered (ms), if any.
pub async fn first_case_at(pool: &AnyPool, query: &ListQuery) -> sqlx::Result<Option<i64>> {
    let c = conditions(query, true);
    let sql = format!(
        "SELECT MIN(a.created_at) FROM avvik a WHERE {}",
        c.sql.join(" AND ")
    );
    let (first,): (Option<i64>,) = bound(sqlx::query_as(&sql), c.values)
        .fetch_one(pool)
        .await?;
    Ok(first)
}
