//! Photos of findings over the public API:
//!
//! - `PUT /api/v1/photos/{id}?finding_id=…&sha256=…&schema=1` with the raw
//!   JPEG, PNG or WebP bytes. Idempotent by id and hash: the same bytes again
//!   answer 200 without storing a second copy; other bytes for the same id 409.
//! - `GET /api/v1/photos/{id}` and `GET /api/v1/photos/{id}/thumb`.
//!
//! Uploads are checked from their headers and stored as JPEG without
//! metadata ([`process`]), so no EXIF or GPS position is kept. Bytes go to
//! the object store ([`store`]); the metadata, a history entry and a
//! thumbnail job to the database in one transaction. Thumbnails are made
//! after the answer ([`thumbnails`]).

pub mod download;
pub mod jpeg_markers;
pub mod process;
pub mod store;
pub mod thumbnails;
pub mod upload;

use app::backend::Authenticated;
use app::domain::users::CurrentUser;
use app::error::AppError;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Extension, Json, Router};
use serde_json::json;

use crate::errors::ApiError;
use crate::state::AppState;

/// Routes under `/api/v1`; only the upload may send a large body.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/photos/{id}",
            put(upload::put_photo)
                .layer(DefaultBodyLimit::max(upload::MAX_UPLOAD_BYTES))
                .get(download::get_photo),
        )
        .route("/photos/{id}/thumb", get(download::get_thumb))
}

/// Why a photo request failed: one of the shared [`AppError`]s, or a refusal
/// only photos have. Both answer `{"error": code, "message": text}`.
#[derive(Debug)]
pub enum PhotoError {
    /// A shared error, answered by [`ApiError`].
    App(AppError),
    /// A refusal with its own status, code and message.
    Refused {
        /// HTTP status.
        status: StatusCode,
        /// Machine-readable code.
        code: &'static str,
        /// What the client can do about it.
        message: String,
    },
}

impl PhotoError {
    fn refused(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        PhotoError::Refused {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400: the request itself is wrong.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::refused(StatusCode::BAD_REQUEST, "malformed", message)
    }

    /// 404 with an explanation.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::refused(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 409: the id is taken by other content.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::refused(StatusCode::CONFLICT, "conflict", message)
    }

    /// 413: the body is larger than an upload may be.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::refused(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
    }

    /// 415: not an image Vern accepts.
    pub fn unsupported_media(message: impl Into<String>) -> Self {
        Self::refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    /// 422: an image, but one that cannot be used.
    pub fn unprocessable(message: impl Into<String>) -> Self {
        Self::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unprocessable_image",
            message,
        )
    }
}

impl From<AppError> for PhotoError {
    fn from(error: AppError) -> Self {
        PhotoError::App(error)
    }
}

impl IntoResponse for PhotoError {
    fn into_response(self) -> Response {
        match self {
            PhotoError::App(error) => ApiError(error).into_response(),
            PhotoError::Refused {
                status,
                code,
                message,
            } => (status, Json(json!({ "error": code, "message": message }))).into_response(),
        }
    }
}

/// The logged-in user, or 401.
fn current_user(auth: Option<Extension<Authenticated>>) -> Result<CurrentUser, PhotoError> {
    auth.map(|Extension(auth)| auth.user)
        .ok_or(PhotoError::App(AppError::Unauthenticated))
}
