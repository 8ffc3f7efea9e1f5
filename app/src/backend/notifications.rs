//! The part of the seam that reads a person's notifications.

use async_trait::async_trait;

use crate::domain::users::CurrentUser;
use crate::error::AppError;
use crate::notifications::mail_choice::MailSettings;
use crate::notifications::model::Notices;

/// What the server crate does for the notification pages.
#[async_trait]
pub trait NoticeBackend: Send + Sync + 'static {
    /// The person's newest notifications and how many are unread.
    async fn notices(&self, user: &CurrentUser) -> Result<Notices, AppError>;
    /// How many of the person's notifications are unread.
    async fn unread_notices(&self, user: &CurrentUser) -> Result<i64, AppError>;
    /// Marks all the person's notifications read.
    async fn mark_notices_read(&self, user: &CurrentUser) -> Result<(), AppError>;
    /// The person's choice of e-mail, and their address.
    async fn mail_settings(&self, user: &CurrentUser) -> Result<MailSettings, AppError>;
    /// Saves the person's choice of e-mail and their (checked) address.
    async fn save_mail_settings(
        &self,
        user: &CurrentUser,
        settings: MailSettings,
    ) -> Result<(), AppError>;
}
