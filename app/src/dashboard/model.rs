//! What the dashboard shows, and the server function that reads it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::avvik::list::AvvikListItem;
use crate::avvik::rating::{MatrixCount, Rating};
use crate::domain::units::UnitView;
use crate::error::AppError;
use crate::tiltak::model::Tiltak;

/// The newest new cases and the first due measures the dashboard lists.
pub const DASHBOARD_LIST: usize = 8;

/// Months in the chart, this one included.
pub const CHART_MONTHS: usize = 12;

/// Cases registered in one month (Norwegian time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// Cases registered in it.
    pub count: i64,
}

/// One unit's line in the per-unit table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    /// The unit, with its depth in the tree.
    pub unit: UnitView,
    /// Its open cases.
    pub open: i64,
    /// Of those, how many are high risk.
    pub high: i64,
    /// Cases registered since the mark.
    pub new: i64,
    /// Open measures past their deadline.
    pub overdue: i64,
    /// Open measures due within 7 days.
    pub due_soon: i64,
}

/// Everything the dashboard shows, for the units a person reaches or one
/// unit and those below it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The unit it is narrowed to (empty: everything the person reaches).
    pub unit_id: String,
    /// The units the person reads, in tree order (to narrow it).
    pub units: Vec<UnitView>,
    /// Open cases.
    pub open: i64,
    /// Open cases per matrix cell (cells without any are left out).
    pub matrix: Vec<MatrixCount>,
    /// Open cases without a rating on the matrix (a QR report's words).
    pub unrated: i64,
    /// Since when cases count as new (`5.12.2026 08:30`).
    pub new_since: String,
    /// How many cases are new.
    pub new_count: i64,
    /// The newest of them.
    pub new_cases: Vec<AvvikListItem>,
    /// Open measures past their deadline.
    pub overdue: i64,
    /// Open measures due within 7 days.
    pub due_soon: i64,
    /// The first of both, earliest deadline first.
    pub due: Vec<Tiltak>,
    /// Cases registered per month, oldest first, this month last.
    pub months: Vec<MonthCount>,
    /// Per unit, when the person reaches more than one (empty otherwise).
    pub per_unit: Vec<UnitSummary>,
}

/// `path` narrowed to `unit_id` and the units below it (empty: not
/// narrowed); `path` may carry a query already.
pub fn unit_link(path: &str, unit_id: &str) -> String {
    match (unit_id, path.contains('?')) {
        ("", _) => path.to_owned(),
        (unit, true) => format!("{path}&enhet={unit}"),
        (unit, false) => format!("{path}?enhet={unit}"),
    }
}

/// The avvik list narrowed to the open cases of one matrix cell (and to
/// `unit_id` and below, unless empty).
pub fn cell_link(unit_id: &str, rating: Rating) -> String {
    let cell = format!(
        "/avvik?status=apne&sannsynlighet={}&konsekvens={}",
        rating.probability, rating.consequence
    );
    unit_link(&cell, unit_id)
}

/// The dashboard of the logged-in person, for `unit` and below (empty: all
/// they reach). Loading it marks their visit (see [`super::visit`]).
#[server(prefix = "/api/fn", endpoint = "dashboard")]
pub async fn load_dashboard(#[server(default)] unit: String) -> Result<Dashboard, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let unit = Some(unit).filter(|unit| !unit.is_empty());
            backend()?.dashboard(&user, unit).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_narrowed_to_a_unit_only_when_one_is_chosen() {
        assert_eq!(unit_link("/tiltaksplan", ""), "/tiltaksplan");
        assert_eq!(unit_link("/tiltaksplan", "u1"), "/tiltaksplan?enhet=u1");
    }

    #[test]
    fn a_cell_leads_to_its_open_cases() {
        let rating = Rating::new(4, 3).expect("on the matrix");
        assert_eq!(
            cell_link("", rating),
            "/avvik?status=apne&sannsynlighet=4&konsekvens=3"
        );
        assert_eq!(
            cell_link("u1", rating),
            "/avvik?status=apne&sannsynlighet=4&konsekvens=3&enhet=u1"
        );
    }
}
