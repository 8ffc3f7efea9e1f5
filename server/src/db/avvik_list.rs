//! The avvik list's queries: one page in risk order after a cursor, and the
//! count per state, over the cases a person reaches and the filters chosen.
//! The conditions are built from fixed SQL pieces; every value is bound.

use sqlx::any::AnyArguments;
use sqlx::query::QueryAs;
use sqlx::{Any, AnyPool, FromRow};

use super::coverage::{count_covered_areas, covered_rooms};

/// Who reaches which cases, and what the list is narrowed to (values as
/// stored; the service checks and converts the person's filter).
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    /// Units whose cases the person reads.
    pub reach: Vec<String>,
    /// The person whose verneområder's cases they also read (AML § 6-2).
    pub covered_by: String,
    /// Only these units (a unit filter and the units below it).
    pub within: Option<Vec<String>>,
    /// A state as stored.
    pub status: Option<&'static str>,
    /// A risk band, both ends included.
    pub score: Option<(i64, i64)>,
    /// A category as stored.
    pub category: Option<String>,
    /// A source as stored.
    pub source: Option<&'static str>,
    /// Registered at or after (ms).
    pub since: Option<i64>,
    /// Registered before (ms).
    pub until: Option<i64>,
    /// Only cases assigned to this user.
    pub assigned_to: Option<String>,
}

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

/// Where a page starts: the last row of the page before.
pub type After<'a> = Option<(i64, i64, &'a str)>;

/// A value bound to a placeholder.
enum Value {
    Text(String),
    Int(i64),
}

/// SQL conditions and the values bound to their placeholders.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    fn bind(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    fn list(&mut self, ids: &[String]) -> String {
        if ids.is_empty() {
            return "NULL".to_owned();
        }
        let placeholders: Vec<String> = ids
            .iter()
            .map(|id| self.bind(Value::Text(id.clone())))
            .collect();
        placeholders.join(", ")
    }

    fn push(&mut self, condition: String) {
        self.sql.push(condition);
    }
}

/// `select` with `values` bound to its placeholders in order.
fn bound<'q, O>(
    mut select: QueryAs<'q, Any, O, AnyArguments<'q>>,
    values: Vec<Value>,
) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
    for value in values {
        select = match value {
            Value::Text(text) => select.bind(text),
            Value::Int(number) => select.bind(number),
        };
    }
    select
}

/// The conditions of `query`; the state's only when `with_status`.
fn conditions(query: &ListQuery, with_status: bool) -> Conditions {
    let mut c = Conditions::default();
    let reach = c.list(&query.reach);
    let person = c.bind(Value::Text(query.covered_by.clone()));
    let covered = covered_rooms(&person);
    c.push(format!(
        "(a.unit_id IN ({reach}) OR a.room_id IN ({covered}))"
    ));
    if let Some(units) = &query.within {
        let units = c.list(units);
        c.push(format!("a.unit_id IN ({units})"));
    }
    if let (true, Some(status)) = (with_status, query.status) {
        let status = c.bind(Value::Text(status.to_owned()));
        c.push(format!("a.status = {status}"));
    }
    if let Some((low, high)) = query.score {
        let (low, high) = (c.bind(Value::Int(low)), c.bind(Value::Int(high)));
        c.push(format!("a.risk_score BETWEEN {low} AND {high}"));
    }
    let texts = [
        ("a.category", query.category.clone()),
        ("a.source", query.source.map(str::to_owned)),
        ("a.assigned_to", query.assigned_to.clone()),
    ];
    for (column, value) in texts {
        if let Some(value) = value {
            let value = c.bind(Value::Text(value));
            c.push(format!("{column} = {value}"));
        }
    }
    if let Some(since) = query.since {
        let since = c.bind(Value::Int(since));
        c.push(format!("a.created_at >= {since}"));
    }
    if let Some(until) = query.until {
        let until = c.bind(Value::Int(until));
        c.push(format!("a.created_at < {until}"));
    }
    c
}

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
        c.push(format!(
            "(a.risk_score < {score} OR (a.risk_score = {score} AND (a.created_at > {created}
              OR (a.created_at = {created} AND a.id > {id}))))"
        ));
    }
    let limit = c.bind(Value::Int(limit));
    let sql = format!(
        "SELECT a.id, a.receipt_no, a.description, u.name AS unit_name, r.name AS room_name,
                a.category, a.source, a.status, a.risk_score, a.created_at,
                p.display_name AS assigned_name
         FROM avvik a
         JOIN org_units u ON u.id = a.unit_id
         LEFT JOIN rooms r ON r.id = a.room_id
         LEFT JOIN users p ON p.id = a.assigned_to
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
