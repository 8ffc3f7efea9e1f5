//! The part of the seam that follows up avvik cases and their measures.

use async_trait::async_trait;

use crate::avvik::case::AvvikCase;
use crate::avvik::list::{AvvikFilter, AvvikPage, Cursor};
use crate::avvik::rating::Rating;
use crate::domain::users::CurrentUser;
use crate::error::AppError;
use crate::reports::CaseState;
use crate::tiltak::model::Tiltaksplan;
use crate::tiltak::rules::{TiltakDraft, TiltakState};

/// What the server crate does for the avvik and tiltak pages.
#[async_trait]
pub trait AvvikBackend: Send + Sync + 'static {
    /// A page of the avvik cases the user reaches, after `after`.
    async fn avvik_list(
        &self,
        user: &CurrentUser,
        filter: AvvikFilter,
        after: Option<Cursor>,
    ) -> Result<AvvikPage, AppError>;
    /// One case with its timeline and the steps the user may take.
    async fn avvik_case(&self, user: &CurrentUser, id: &str) -> Result<AvvikCase, AppError>;
    /// Makes a person responsible for a case (`None`: nobody).
    async fn assign_case(
        &self,
        user: &CurrentUser,
        id: &str,
        person: Option<String>,
    ) -> Result<(), AppError>;
    /// Rates a case's risk again (the first rating is kept).
    async fn rerate_case(
        &self,
        user: &CurrentUser,
        id: &str,
        rating: Rating,
    ) -> Result<(), AppError>;
    /// Adds a comment to a case, internal or visible to the reporter.
    async fn comment_case(
        &self,
        user: &CurrentUser,
        id: &str,
        body: &str,
        visible: bool,
    ) -> Result<(), AppError>;
    /// Moves a case along the workflow, with a note where one is needed.
    async fn move_case(
        &self,
        user: &CurrentUser,
        id: &str,
        to: CaseState,
        note: &str,
    ) -> Result<(), AppError>;
    /// Adds a measure to a case; returns its id.
    async fn add_tiltak(
        &self,
        user: &CurrentUser,
        case_id: &str,
        draft: TiltakDraft,
    ) -> Result<String, AppError>;
    /// Changes a measure's text, responsible, deadline and cost.
    async fn edit_tiltak(
        &self,
        user: &CurrentUser,
        id: &str,
        draft: TiltakDraft,
    ) -> Result<(), AppError>;
    /// Moves a measure's status, with the reason when it is dropped.
    async fn move_tiltak(
        &self,
        user: &CurrentUser,
        id: &str,
        to: TiltakState,
        reason: &str,
    ) -> Result<(), AppError>;
    /// The open measures of a unit and those below it (`None`: all the
    /// person reads), overdue first.
    async fn tiltaksplan(
        &self,
        user: &CurrentUser,
        unit: Option<String>,
    ) -> Result<Tiltaksplan, AppError>;
}
