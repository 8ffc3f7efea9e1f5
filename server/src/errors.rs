//! The HTTP edge of errors: [`AppError`] to a response, internals to the log.

use app::error::AppError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Logs an internal failure with what was being done, and hides it from the
/// client: `.map_err(internal("load units"))`.
pub fn internal<E: std::fmt::Display>(doing: &'static str) -> impl Fn(E) -> AppError {
    move |error| {
        tracing::error!(%error, doing, "internal error");
        AppError::Internal
    }
}

/// An [`AppError`] answered as JSON by the HTTP API.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError(error)
    }
}

#[derive(Serialize)]
struct ErrorBody {
    error: &'static str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            error: self.0.code(),
            message: self.0.to_string(),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(retry_after_secs) = self.0.retry_after_secs()
            && let Ok(value) = retry_after_secs.to_string().parse()
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}
