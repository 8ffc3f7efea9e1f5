//! The part of the seam that reads the leader's dashboard.

use async_trait::async_trait;

use crate::dashboard::model::Dashboard;
use crate::domain::users::CurrentUser;
use crate::error::AppError;

/// What the server crate does for the dashboard.
#[async_trait]
pub trait DashboardBackend: Send + Sync + 'static {
    /// The dashboard for the units the person reaches, or for `unit` and
    /// those below it; marks the person's visit.
    async fn dashboard(
        &self,
        user: &CurrentUser,
        unit: Option<String>,
    ) -> Result<Dashboard, AppError>;
}
