//! The seam between server functions and the server crate (feature `ssr`).
//!
//! Server functions live in this crate but storage and auth live in `server`;
//! the server provides a [`Backend`] through Leptos context and resolves the
//! session of every request into an [`Authenticated`] request extension.

use std::sync::Arc;

use async_trait::async_trait;
use leptos::prelude::*;

use crate::admin::{AdminOverview, NewUser};
use crate::domain::roles::Role;
use crate::domain::users::CurrentUser;
use crate::error::AppError;
use crate::places::RoomsAdmin;
use crate::places::import::ImportPreview;
use crate::places::structure::{NewPlace, OrgAdmin, PlaceChange, PlaceKind};
use crate::reports::{Poster, ReportStatus, RoomLookup};
use crate::start::StartPageData;

mod annual;
mod annual_kinds;
mod avvik;
mod dashboard;
mod notifications;
mod round_report;
mod stats;

pub use annual::AnnualBackend;
pub use annual_kinds::AnnualKindsBackend;
pub use avvik::AvvikBackend;
pub use dashboard::DashboardBackend;
pub use notifications::NoticeBackend;
pub use round_report::RoundReportBackend;
pub use stats::StatsBackend;

/// A newly created login session.
#[derive(Clone, Debug)]
pub struct NewSession {
    /// The secret token for the cookie.
    pub token: String,
    /// Seconds until the session expires.
    pub max_age_secs: i64,
}

/// What the server crate does for the pages.
#[async_trait]
pub trait Backend:
    AnnualBackend
    + AnnualKindsBackend
    + AvvikBackend
    + DashboardBackend
    + NoticeBackend
    + RoundReportBackend
    + StatsBackend
{
    /// Checks the password, applies the rate limit and opens a session.
    async fn login(
        &self,
        username: &str,
        password: &str,
        client_ip: Option<String>,
    ) -> Result<NewSession, AppError>;
    /// Ends the session with this token.
    async fn logout(&self, token: &str) -> Result<(), AppError>;
    /// The `Set-Cookie` value for a session token (`None`: clear the cookie).
    fn session_cookie(&self, session: Option<&NewSession>) -> String;
    /// The data of the start page for this user.
    async fn start_page(&self, user: &CurrentUser) -> Result<StartPageData, AppError>;
    /// Users and units that this user may administer.
    async fn admin_overview(&self, user: &CurrentUser) -> Result<AdminOverview, AppError>;
    /// Creates a user; returns the new user's id.
    async fn create_user(&self, user: &CurrentUser, new_user: NewUser) -> Result<String, AppError>;
    /// Grants `role` in `unit_id` to `user_id`.
    async fn grant_role(
        &self,
        user: &CurrentUser,
        user_id: &str,
        role: Role,
        unit_id: &str,
    ) -> Result<(), AppError>;
    /// Revokes a grant.
    async fn revoke_role(&self, user: &CurrentUser, grant_id: &str) -> Result<(), AppError>;
    /// What the QR code `token` leads to, with the person's name filled in
    /// when someone is logged in.
    async fn report_room(
        &self,
        token: &str,
        user: Option<&CurrentUser>,
    ) -> Result<RoomLookup, AppError>;
    /// The case behind a private status link.
    async fn report_status(&self, status_token: &str) -> Result<ReportStatus, AppError>;
    /// The rooms and units this user manages.
    async fn rooms_admin(&self, user: &CurrentUser) -> Result<RoomsAdmin, AppError>;
    /// Checks a CSV file of rooms for `unit_id`, line by line.
    async fn preview_room_import(
        &self,
        user: &CurrentUser,
        unit_id: &str,
        csv: &str,
    ) -> Result<ImportPreview, AppError>;
    /// Saves every room of a CSV file, or none; returns how many.
    async fn import_rooms(
        &self,
        user: &CurrentUser,
        unit_id: &str,
        csv: &str,
    ) -> Result<usize, AppError>;
    /// The units, areas and buildings this user manages.
    async fn org_admin(&self, user: &CurrentUser) -> Result<OrgAdmin, AppError>;
    /// Creates a unit, area or building; returns its id.
    async fn create_place(&self, user: &CurrentUser, new: NewPlace) -> Result<String, AppError>;
    /// Renames, moves or retires a place, or sets an area's verneombud.
    async fn change_place(
        &self,
        user: &CurrentUser,
        kind: PlaceKind,
        id: &str,
        change: PlaceChange,
    ) -> Result<(), AppError>;
    /// Labels (posters) of every room of a unit and the units below it, or of a building.
    async fn label_sheet(
        &self,
        user: &CurrentUser,
        kind: PlaceKind,
        id: &str,
    ) -> Result<Vec<Poster>, AppError>;
    /// A room's poster with its QR code.
    async fn room_poster(&self, user: &CurrentUser, room_id: &str) -> Result<Poster, AppError>;
    /// Gives a room a new QR code; the old one leads to a "no longer in use" page.
    async fn regenerate_room_code(&self, user: &CurrentUser, room_id: &str)
    -> Result<(), AppError>;
}

/// The backend as stored in Leptos context.
#[derive(Clone)]
pub struct BackendHandle(pub Arc<dyn Backend>);

/// The session resolved for a request, put into the request's extensions by the server.
#[derive(Clone, Debug)]
pub struct Authenticated {
    /// The logged-in user.
    pub user: CurrentUser,
    /// The session token (to end it on logout).
    pub token: String,
}

/// The backend provided by the server.
pub fn backend() -> Result<Arc<dyn Backend>, AppError> {
    use_context::<BackendHandle>()
        .map(|handle| handle.0)
        .ok_or(AppError::Internal)
}

/// The logged-in user of the current request, if any.
pub fn authenticated() -> Option<Authenticated> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Authenticated>().cloned())
}

/// The logged-in user of the current request, or [`AppError::Unauthenticated`].
pub fn require_user() -> Result<CurrentUser, AppError> {
    authenticated()
        .map(|auth| auth.user)
        .ok_or(AppError::Unauthenticated)
}

/// The address of the person behind a request, as the server resolved it
/// (the peer, or the client a trusted proxy forwarded for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The address of the client, when the server knows it.
pub fn client_ip() -> Option<String> {
    use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .extensions
            .get::<ClientAddress>()
            .map(|address| address.0.to_string())
    })
}

/// Sets the HTTP status of a server function's response from its result
/// (with `Retry-After` when the caller must wait).
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status_code())
    {
        response.set_status(status);
        if let Some(retry_after_secs) = error.retry_after_secs()
            && let Ok(value) = http::HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.insert_header(http::header::RETRY_AFTER, value);
        }
    }
    result
}

/// Asks the browser to drop its HTTP cache for this site (`Clear-Site-Data:
/// "cache"`): at logout, so the next person on a shared phone finds no page
/// or photo of the last one there.
pub fn clear_site_cache() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static("\"cache\""),
        );
    }
}

/// Adds a `Set-Cookie` header to the server function's response.
pub fn set_cookie(value: String) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(&value)
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// Vern's content security policy: own origin only; `wasm-unsafe-eval` lets
/// the browser compile the app's wasm. With a nonce (server-rendered pages),
/// only inline scripts carrying it run: Leptos' hydration bootstrap does.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// Sets the page's content security policy with this response's script nonce.
pub fn set_page_csp() {
    let nonce = leptos::nonce::use_nonce();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(&content_security_policy(nonce.as_deref()))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
