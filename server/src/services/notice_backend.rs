//! The server's side of [`app::backend::NoticeBackend`].

use app::backend::NoticeBackend;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::notifications::mail_choice::MailSettings;
use app::notifications::model::Notices;
use async_trait::async_trait;

use super::Services;

#[async_trait]
impl NoticeBackend for Services {
    async fn notices(&self, user: &CurrentUser) -> Result<Notices, AppError> {
        super::notifications::notices(&self.state, user).await
    }

    async fn unread_notices(&self, user: &CurrentUser) -> Result<i64, AppError> {
        super::notifications::unread(&self.state, user).await
    }

    async fn mark_notices_read(&self, user: &CurrentUser) -> Result<(), AppError> {
        super::notifications::mark_read(&self.state, user).await
    }

    async fn mail_settings(&self, user: &CurrentUser) -> Result<MailSettings, AppError> {
        super::notifications::mail_settings(&self.state, user).await
    }

    async fn save_mail_settings(
        &self,
        user: &CurrentUser,
        settings: MailSettings,
    ) -> Result<(), AppError> {
        super::notifications::save_mail_settings(&self.state, user, settings).await
    }
}
