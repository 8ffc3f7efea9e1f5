//! The avvik list's queries: one page in risk order after a cursor, and the
//! count per state, over the cases a person reaches and the filters chosen
//! (see [`super::avvik_scope`]).

use sqlx::{AnyPool, FromRow};

pub use super::avvik_scope::ListQuery;
use super::avvik_scope::{Value, bound, conditions};
use super::coverage::count_covered_areas;

/// A case as the list shows it.
#[derive(Clone, Debug, FromRow)]
pub struct ListRow {
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
    /// The category.
    pub category: String,
    /// `round`, `qr` or `manual`.
    pub source: String,
    /// The state as stored.
    pub status: String,
    /// The risk the list sorts by.
    pub risk_score: i64,
    /// When it was registered (ms).
    pub created_at: i64,
    /// The assigned person's name, if any.
    pub assigned_name: Option<String>,
}

/// The columns of a [`ListRow`], from `avvik a` and its names.
pub const SELECT_ROWS: &str =
    "SELECT a.id, a.receipt_no, a.description, u.name AS unit_name, r.name AS room_name,
            a.category, a.source, a.status, a.risk_score, a.created_at,
            p.display_name AS assigned_name
     FROM avvik a
     JOIN org_units u ON u.id = a.unit_id
     LEFT JOIN rooms r ON r.id = a.room_id
     LEFT JOIN users p ON p.id = a.assigned_to";

/// Where a page starts: the last row of the page before.
pub type After<'a> = Option<(i64, i64, &'a str)>;

/// Up to `limit` cases after `after`, highest risk first, then oldest.
pub async fn page(
    pool: &AnyPool,
    query: &ListQuery,
    after: After<'_>,
    limit: i64,
) -> sqlx::Result<Vec<ListRow>> {
    let mut c = conditions(query, true);
    if let Some((score, created_at, id)) = after {
        let score = c.bind(Value::Int(score));
        let created = c.bind(Value::Int(created_at));
        let id = c.bind(Value::Text(id.to_owned()));
        // The first condition follows from the second; stated alone it lets
        // the database start its walk of the risk index at the cursor.
        c.push(format!(
            "a.risk_score <= {score}
             AND (a.risk_score < {score} OR (a.risk_score = {score} AND (a.created_at > {created}
              OR (a.created_at = {created} AND a.id > {id}))))"
        ));
    }
    let limit = c.bind(Value::Int(limit));
    let sql = format!(
        "{SELECT_ROWS}
         WHERE {}
         ORDER BY a.risk_score DESC, a.created_at ASC, a.id ASC
         LIMIT {limit}",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// How many cases each state has (every filter but the state's).
pub async fn counts(pool: &AnyPool, query: &ListQuery) -> sqlx::Result<Vec<(String, i64)>> {
    let c = conditions(query, false);
    let sql = format!(
        "SELECT a.status, COUNT(*) FROM avvik a WHERE {} GROUP BY a.status",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// Whether the person covers any active verneområde.
pub async fn covers_an_area(pool: &AnyPool, user_id: &str) -> sqlx::Result<bool> {
    let (count,): (i64,) = sqlx::query_as(&count_covered_areas())
        .bind(user_id)
        .fetch_one(pool)
        .await?;
    Ok(count > 0)
}
