//! The server's side of [`app::backend::AvvikBackend`]: avvik cases and
//! their measures.

use app::avvik::case::AvvikCase;
use app::avvik::list::{AvvikFilter, AvvikPage, Cursor};
use app::avvik::rating::Rating;
use app::backend::AvvikBackend;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::reports::CaseState;
use app::tiltak::model::Tiltaksplan;
use app::tiltak::rules::{TiltakDraft, TiltakState};
use async_trait::async_trait;

use super::Services;

#[async_trait]
impl AvvikBackend for Services {
    async fn avvik_list(
        &self,
        user: &CurrentUser,
        filter: AvvikFilter,
        after: Option<Cursor>,
    ) -> Result<AvvikPage, AppError> {
        super::avvik_list::avvik_list(&self.state, user, filter, after).await
    }

    async fn avvik_case(&self, user: &CurrentUser, id: &str) -> Result<AvvikCase, AppError> {
        super::avvik_case::avvik_case(&self.state, user, id).await
    }

    async fn assign_case(
        &self,
        user: &CurrentUser,
        id: &str,
        person: Option<String>,
    ) -> Result<(), AppError> {
        super::avvik_assign::assign_case(&self.state, user, id, person).await
    }

    async fn rerate_case(
        &self,
        user: &CurrentUser,
        id: &str,
        rating: Rating,
    ) -> Result<(), AppError> {
        super::avvik_rerate::rerate_case(&self.state, user, id, rating).await
    }

    async fn comment_case(
        &self,
        user: &CurrentUser,
        id: &str,
        body: &str,
        visible: bool,
    ) -> Result<(), AppError> {
        super::avvik_comments::comment_case(&self.state, user, id, body, visible).await
    }

    async fn move_case(
        &self,
        user: &CurrentUser,
        id: &str,
        to: CaseState,
        note: &str,
    ) -> Result<(), AppError> {
        super::avvik_workflow::move_case(&self.state, user, id, to, note).await
    }

    async fn add_tiltak(
        &self,
        user: &CurrentUser,
        case_id: &str,
        draft: TiltakDraft,
    ) -> Result<String, AppError> {
        super::tiltak::add_tiltak(&self.state, user, case_id, draft).await
    }

    async fn edit_tiltak(
        &self,
        user: &CurrentUser,
        id: &str,
        draft: TiltakDraft,
    ) -> Result<(), AppError> {
        super::tiltak::edit_tiltak(&self.state, user, id, draft).await
    }

    async fn move_tiltak(
        &self,
        user: &CurrentUser,
        id: &str,
        to: TiltakState,
        reason: &str,
    ) -> Result<(), AppError> {
        super::tiltak::move_tiltak(&self.state, user, id, to, reason).await
    }

    async fn tiltaksplan(
        &self,
        user: &CurrentUser,
        unit: Option<String>,
    ) -> Result<Tiltaksplan, AppError> {
        super::tiltaksplan::tiltaksplan(&self.state, user, unit).await
    }
}
