//! The part of the seam that reads the AMU statistics.

use async_trait::async_trait;

use crate::domain::users::CurrentUser;
use crate::error::AppError;
use crate::stats::model::AvvikStats;

/// What the server crate does for the statistics.
#[async_trait]
pub trait StatsBackend: Send + Sync + 'static {
    /// The cases of `year` (a year as typed; empty: this year) per unit,
    /// category and quarter, for the units the person reaches or `unit`
    /// and those below it.
    async fn avvik_stats(
        &self,
        user: &CurrentUser,
        year: &str,
        unit: Option<String>,
    ) -> Result<AvvikStats, AppError>;
}
