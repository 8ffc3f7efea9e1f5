//! The part of the seam that reads a round's report.

use async_trait::async_trait;

use crate::domain::users::CurrentUser;
use crate::error::AppError;
use crate::rounds::report::RoundReport;

/// What the server crate does for the round report.
#[async_trait]
pub trait RoundReportBackend: Send + Sync + 'static {
    /// The report of round `id`, if `user` may read it (else not found).
    async fn round_report(&self, user: &CurrentUser, id: &str) -> Result<RoundReport, AppError>;
}
