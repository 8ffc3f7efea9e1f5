//! What the dashboard reads from the database, all at once.

use app::dashboard::model::{DASHBOARD_LIST, MonthCount};
use app::error::AppError;
use chrono::{Days, NaiveDate};

use super::dashboard_months::months;
use crate::db::avvik_list::ListRow;
use crate::db::avvik_scope::ListQuery;
use crate::db::dashboard::{self as db, OpenGroup};
use crate::db::dashboard_tally as tally;
use crate::db::tiltak::TiltakRow;
use crate::errors::internal;

/// What the dashboard reads from the database.
pub struct Reads {
    /// The open cases in groups (for the matrix and the figures per unit).
    pub open_groups: Vec<OpenGroup>,
    /// Cases new since the last visit, per unit.
    pub new_per_unit: Vec<(String, i64)>,
    /// The newest of them.
    pub new_cases: Vec<ListRow>,
    /// Measures overdue and due soon, per unit.
    pub due_per_unit: Vec<(String, i64, i64)>,
    /// The first measures due.
    pub due: Vec<TiltakRow>,
    /// Cases per month for the chart.
    pub months: Vec<MonthCount>,
}

/// Reads the dashboard's figures for the cases `query` covers (new ones
/// registered after `new_after`) and the measures of the units `shown`
/// (the units `query` reaches, within its unit filter).
/// The reads are independent and run at once: the page waits for the
/// slowest, not for their sum (SQLite reads in parallel on its pool too).
pub async fn read(
    pool: &sqlx::AnyPool,
    query: &ListQuery,
    shown: &[String],
    new_after: i64,
    today: NaiveDate,
) -> Result<Reads, AppError> {
    let open = ListQuery {
        open_only: true,
        ..query.clone()
    };
    let new = ListQuery {
        since: Some(new_after + 1),
        ..query.clone()
    };
    let limit = i64::try_from(DASHBOARD_LIST).unwrap_or(i64::MAX);
    let (today_text, week) = (today.to_string(), (today + Days::new(7)).to_string());
    let (open_groups, new_per_unit, new_cases, due_per_unit, due, months) = tokio::try_join!(
        async {
            // The tally counts per unit; a person who covers a verneområde
            // also reaches cases outside their units, room by room.
            match open.covered_by {
                None => tally::open_groups(pool, shown).await,
                Some(_) => db::open_groups(pool, &open).await,
            }
            .map_err(internal("count open cases"))
        },
        async {
            db::count_per_unit(pool, &new)
                .await
                .map_err(internal("count new cases"))
        },
        async {
            db::newest(pool, &new, limit)
                .await
                .map_err(internal("load new cases"))
        },
        async {
            tally::tiltak_due_per_unit(pool, shown, &today_text, &week)
                .await
                .map_err(internal("count measures due"))
        },
        async {
            db::tiltak_due(pool, shown, &week, limit)
                .await
                .map_err(internal("load measures due"))
        },
        months(pool, query, today),
    )?;
    Ok(Reads {
        open_groups,
        new_per_unit,
        new_cases,
        due_per_unit,
        due,
        months,
    })
}
