//! The part of the seam that keeps the årshjul's kinds and rules.

use async_trait::async_trait;

use crate::annual::kinds::{KindForm, KindSetting};
use crate::domain::users::CurrentUser;
use crate::error::AppError;

/// What the server crate does for the årshjul's settings.
#[async_trait]
pub trait AnnualKindsBackend: Send + Sync + 'static {
    /// The organisation's kinds, for the HMS-ansvarlig.
    async fn annual_kinds(&self, user: &CurrentUser) -> Result<Vec<KindSetting>, AppError>;
    /// Adds or changes a kind, for the HMS-ansvarlig.
    async fn save_annual_kind(&self, user: &CurrentUser, form: KindForm) -> Result<(), AppError>;
    /// Takes a kind out of the årshjul, for the HMS-ansvarlig.
    async fn archive_annual_kind(&self, user: &CurrentUser, id: &str) -> Result<(), AppError>;
    /// Sets the times a year a unit holds a kind counted per year, for
    /// those who keep the unit's plan.
    async fn set_unit_times(
        &self,
        user: &CurrentUser,
        unit: &str,
        kind: &str,
        times: &str,
    ) -> Result<(), AppError>;
}
