//! The årshjul of every unit a person reads, one line each, for the
//! HMS-ansvarlig: what is overdue, due now, planned and done; and the
//! server function that reads it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The table's address.
pub const OVERVIEW_PATH: &str = "/arshjul/enheter";

/// The table as an Excel workbook (`?aar=…&bak=1`).
pub const OVERVIEW_XLSX_PATH: &str = "/api/v1/arshjul/enheter.xlsx";

/// One unit's year in a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitYear {
    /// The unit's id.
    pub unit_id: String,
    /// Its name.
    pub unit: String,
    /// The kinds with an occurrence overdue, each with how many (`AMU-møte
    /// (2)`), in the organisation's order.
    pub overdue: Vec<String>,
    /// Occurrences overdue.
    pub overdue_count: usize,
    /// Occurrences due now.
    pub due: usize,
    /// Occurrences planned.
    pub planned: usize,
    /// Occurrences done.
    pub done: usize,
}

/// Every unit's year, or those behind only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualOverview {
    /// The year shown.
    pub year: i32,
    /// The years one may choose, newest first.
    pub years: Vec<i32>,
    /// Whether only units with something overdue are listed.
    pub behind_only: bool,
    /// How many units the person reads (listed or not).
    pub all_units: usize,
    /// The units listed, in tree order.
    pub units: Vec<UnitYear>,
}

/// The overview of `year` (empty: this year); `behind` lists only the units
/// with something overdue.
#[server(prefix = "/api/fn", endpoint = "annual_overview")]
pub async fn load_annual_overview(
    #[server(default)] year: String,
    #[server(default)] behind: bool,
) -> Result<AnnualOverview, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.annual_overview(&user, &year, behind).await
        }
        .await,
    )
}
