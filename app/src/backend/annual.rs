//! The part of the seam that reads and keeps the årshjul.

use async_trait::async_trait;

use crate::annual::model::AnnualPlan;
use crate::annual::overview::AnnualOverview;
use crate::domain::users::CurrentUser;
use crate::error::AppError;

/// What the server crate does for the årshjul.
#[async_trait]
pub trait AnnualBackend: Send + Sync + 'static {
    /// The year (as typed; empty: this year) of `unit` (`None`: the first
    /// the person reads), if they read its reports.
    async fn annual_plan(
        &self,
        user: &CurrentUser,
        unit: Option<String>,
        year: &str,
    ) -> Result<AnnualPlan, AppError>;
    /// Every unit's year (as typed) in a line, or only those with something
    /// overdue.
    async fn annual_overview(
        &self,
        user: &CurrentUser,
        year: &str,
        behind_only: bool,
    ) -> Result<AnnualOverview, AppError>;
    /// Marks an activity done, if the person keeps the unit's plan.
    async fn record_activity(
        &self,
        user: &CurrentUser,
        unit: &str,
        kind: &str,
        done_on: &str,
        note: &str,
    ) -> Result<(), AppError>;
}
