//! What the pages and the API do, on top of the database: the server's side
//! of [`app::backend::Backend`].

pub mod accounts;
pub mod admin;
pub mod annual;
pub mod annual_kinds;
pub mod annual_overview;
mod annual_reads;
mod annual_rows;
pub mod avvik_assign;
mod avvik_backend;
pub mod avvik_case;
pub mod avvik_comments;
pub mod avvik_list;
pub mod avvik_rerate;
pub mod avvik_stats;
pub mod avvik_timeline;
pub mod avvik_workflow;
pub mod dashboard;
mod dashboard_months;
mod dashboard_reads;
mod dashboard_units;
pub mod follow_up;
pub mod mail_notices;
mod mail_reach;
mod notice_backend;
pub mod notifications;
pub mod places;
pub mod round_report;
pub mod scope;
pub mod start;
pub mod tiltak;
pub mod tiltaksplan;
pub mod years;

use app::admin::{AdminOverview, NewUser};
use app::backend::{Backend, NewSession};
use app::domain::roles::Role;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::places::RoomsAdmin;
use app::places::import::ImportPreview;
use app::places::structure::{NewPlace, OrgAdmin, PlaceChange, PlaceKind};
use app::reports::{Poster, ReportStatus, RoomLookup};
use app::start::StartPageData;
use async_trait::async_trait;

use crate::auth::session;
use crate::reports;
use crate::state::AppState;

/// The backend handed to the Leptos app.
#[derive(Clone)]
pub struct Services {
    state: AppState,
}

impl Services {
    /// Services over the shared state.
    pub fn new(state: AppState) -> Self {
        Services { state }
    }
}

#[async_trait]
impl Backend for Services {
    async fn login(
        &self,
        username: &str,
        password: &str,
        client_ip: Option<String>,
    ) -> Result<NewSession, AppError> {
        accounts::login(
            &self.state,
            username,
            password,
            client_ip.unwrap_or_default(),
        )
        .await
    }

    async fn logout(&self, token: &str) -> Result<(), AppError> {
        accounts::logout(&self.state, token).await
    }

    fn session_cookie(&self, new_session: Option<&NewSession>) -> String {
        let secure = self.state.settings.secure_cookies();
        match new_session {
            Some(new_session) => {
                session::cookie(Some(&new_session.token), new_session.max_age_secs, secure)
            }
            None => session::cookie(None, 0, secure),
        }
    }

    async fn start_page(&self, user: &CurrentUser) -> Result<StartPageData, AppError> {
        start::load(&self.state, user).await
    }

    async fn admin_overview(&self, user: &CurrentUser) -> Result<AdminOverview, AppError> {
        admin::overview(&self.state, user).await
    }

    async fn create_user(&self, user: &CurrentUser, new_user: NewUser) -> Result<String, AppError> {
        admin::create_user(&self.state, user, new_user).await
    }

    async fn grant_role(
        &self,
        user: &CurrentUser,
        user_id: &str,
        role: Role,
        unit_id: &str,
    ) -> Result<(), AppError> {
        admin::grant_role(&self.state, user, user_id, role, unit_id).await
    }

    async fn revoke_role(&self, user: &CurrentUser, grant_id: &str) -> Result<(), AppError> {
        admin::revoke_role(&self.state, user, grant_id).await
    }

    async fn report_room(
        &self,
        token: &str,
        user: Option<&CurrentUser>,
    ) -> Result<RoomLookup, AppError> {
        reports::lookup::room_lookup(&self.state, token, user).await
    }

    async fn report_status(&self, status_token: &str) -> Result<ReportStatus, AppError> {
        reports::lookup::status(&self.state, status_token).await
    }

    async fn rooms_admin(&self, user: &CurrentUser) -> Result<RoomsAdmin, AppError> {
        places::rooms_admin(&self.state, user).await
    }

    async fn preview_room_import(
        &self,
        user: &CurrentUser,
        unit_id: &str,
        csv: &str,
    ) -> Result<ImportPreview, AppError> {
        places::preview_import(&self.state, user, unit_id, csv).await
    }

    async fn import_rooms(
        &self,
        user: &CurrentUser,
        unit_id: &str,
        csv: &str,
    ) -> Result<usize, AppError> {
        places::import_rooms(&self.state, user, unit_id, csv).await
    }

    async fn org_admin(&self, user: &CurrentUser) -> Result<OrgAdmin, AppError> {
        places::org_admin(&self.state, user).await
    }

    async fn create_place(&self, user: &CurrentUser, new: NewPlace) -> Result<String, AppError> {
        places::create_place(&self.state, user, new).await
    }

    async fn change_place(
        &self,
        user: &CurrentUser,
        kind: PlaceKind,
        id: &str,
        change: PlaceChange,
    ) -> Result<(), AppError> {
        places::change_place(&self.state, user, kind, id, change).await
    }

    async fn label_sheet(
        &self,
        user: &CurrentUser,
        kind: PlaceKind,
        id: &str,
    ) -> Result<Vec<Poster>, AppError> {
        reports::posters::label_sheet(&self.state, user, kind, id).await
    }

    async fn room_poster(&self, user: &CurrentUser, room_id: &str) -> Result<Poster, AppError> {
        reports::posters::poster(&self.state, user, room_id).await
    }

    async fn regenerate_room_code(
        &self,
        user: &CurrentUser,
        room_id: &str,
    ) -> Result<(), AppError> {
        reports::posters::regenerate(&self.state, user, room_id).await
    }
}
