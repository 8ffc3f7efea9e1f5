//! Which avvik cases a query covers: the person's reach (the units they
//! read and the verneområder they cover) and the filters chosen, as SQL
//! conditions over `avvik a`. Built from fixed SQL pieces; every value is
//! bound. The list and the dashboard count over the same conditions, so
//! they never disagree on who sees what.

use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::QueryAs;

use app::reports::CaseState;

use super::coverage::covered_rooms;

/// Who reaches which cases, and what the list is narrowed to (values as
/// stored; the service checks and converts the person's filter).
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    /// Units whose cases the person reads.
    pub reach: Vec<String>,
    /// The person whose verneområder's cases they also read (AML § 6-2),
    /// when they cover any.
    pub covered_by: Option<String>,
    /// Only these units (a unit filter and the units below it).
    pub within: Option<Vec<String>>,
    /// A state as stored.
    pub status: Option<&'static str>,
    /// Only the states of a case still open.
    pub open_only: bool,
    /// Only cases whose current rating (the leader's, else the first) is
    /// this sannsynlighet × konsekvens.
    pub cell: Option<(i64, i64)>,
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

/// A value bound to a placeholder.
pub enum Value {
    /// A text.
    Text(String),
    /// A number.
    Int(i64),
}

/// SQL conditions and the values bound to their placeholders.
#[derive(Default)]
pub struct Conditions {
    /// The conditions, joined by AND.
    pub sql: Vec<String>,
    /// The values of their placeholders, in order.
    pub values: Vec<Value>,
}

impl Conditions {
    /// Binds `value` to the next placeholder, which it returns.
    pub fn bind(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    /// Placeholders for `ids` (`NULL` for none, which matches nothing).
    pub fn list(&mut self, ids: &[String]) -> String {
        if ids.is_empty() {
            return "NULL".to_owned();
        }
        let placeholders: Vec<String> = ids
            .iter()
            .map(|id| self.bind(Value::Text(id.clone())))
            .collect();
        placeholders.join(", ")
    }

    /// Adds a condition.
    pub fn push(&mut self, condition: String) {
        self.sql.push(condition);
    }
}

/// `select` with `values` bound to its placeholders in order.
pub fn bound<'q, O>(
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
pub fn conditions(query: &ListQuery, with_status: bool) -> Conditions {
    let mut c = Conditions::default();
    let reach = c.list(&query.reach);
    match &query.covered_by {
        Some(person) => {
            let person = c.bind(Value::Text(person.clone()));
            let covered = covered_rooms(&person);
            c.push(format!(
                "(a.unit_id IN ({reach}) OR a.room_id IN ({covered}))"
            ));
        }
        // Most people cover no area: without the OR the unit's indexes
        // serve the query.
        None => c.push(format!("a.unit_id IN ({reach})")),
    }
    if let Some(units) = &query.within {
        let units = c.list(units);
        c.push(format!("a.unit_id IN ({units})"));
    }
    if let (true, Some(status)) = (with_status, query.status) {
        let status = c.bind(Value::Text(status.to_owned()));
        c.push(format!("a.status = {status}"));
    }
    if with_status && query.open_only {
        let open: Vec<String> = CaseState::ALL
            .into_iter()
            .filter(|state| state.is_open())
            .map(|state| state.as_db().to_owned())
            .collect();
        let open = c.list(&open);
        c.push(format!("a.status IN ({open})"));
    }
    if let Some((probability, consequence)) = query.cell {
        let (p, k) = (
            c.bind(Value::Int(probability)),
            c.bind(Value::Int(consequence)),
        );
        c.push(format!(
            "COALESCE(a.leader_probability, a.probability) = {p}
             AND COALESCE(a.leader_consequence, a.consequence) = {k}"
        ));
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
