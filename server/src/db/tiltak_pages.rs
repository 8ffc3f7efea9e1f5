//! The open measures of some units read a part at a time, in the plan's
//! order, for an export that never holds the whole plan in memory.

use sqlx::{AnyPool, FromRow};

use super::avvik_scope::{Conditions, Value, bound};
use super::tiltak::{SELECT_ROWS, TiltakRow};

/// What sorts a measure without a deadline after every dated one.
const NO_DEADLINE: &str = "9999-12-31";

/// A measure with the creation time its place in the order needs.
#[derive(Clone, Debug, FromRow)]
pub struct PlanRow {
    /// The measure.
    #[sqlx(flatten)]
    pub tiltak: TiltakRow,
    /// When it was added (ms): after the deadline, what orders measures.
    pub created_at: i64,
}

impl PlanRow {
    /// Where the next read starts when this row was the last one sent.
    pub fn cursor(&self) -> PlanCursor {
        PlanCursor {
            due: self
                .tiltak
                .due_date
                .clone()
                .unwrap_or_else(|| NO_DEADLINE.to_owned()),
            created_at: self.created_at,
            id: self.tiltak.id.clone(),
        }
    }
}

/// The sort key of the last measure read.
#[derive(Clone, Debug)]
pub struct PlanCursor {
    due: String,
    created_at: i64,
    id: String,
}

/// Up to `limit` open measures of `units` after `after`, in the order the
/// plan shows them: by deadline (so those past it come first), those
/// without one last, then oldest first.
pub async fn open_after(
    pool: &AnyPool,
    units: &[String],
    after: Option<&PlanCursor>,
    limit: i64,
) -> sqlx::Result<Vec<PlanRow>> {
    let mut c = Conditions::default();
    let units = c.list(units);
    c.push(format!(
        "t.status IN ('planned', 'in_progress') AND t.unit_id IN ({units})"
    ));
    let due = format!("COALESCE(t.due_date, '{NO_DEADLINE}')");
    if let Some(after) = after {
        let key = c.bind(Value::Text(after.due.clone()));
        let created = c.bind(Value::Int(after.created_at));
        let id = c.bind(Value::Text(after.id.clone()));
        c.push(format!(
            "({due} > {key} OR ({due} = {key} AND (t.created_at > {created}
              OR (t.created_at = {created} AND t.id > {id}))))"
        ));
    }
    let limit = c.bind(Value::Int(limit));
    let sql = format!(
        "{} WHERE {} ORDER BY {due}, t.created_at, t.id LIMIT {limit}",
        SELECT_ROWS.replacen("SELECT ", "SELECT t.created_at, ", 1),
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}
