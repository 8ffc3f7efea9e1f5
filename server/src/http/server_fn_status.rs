//! Server functions answer every error with 500 unless the function itself
//! set a status, which it cannot do when the request's fields could not
//! even be read (an unknown state, a missing id). This layer reads such an
//! answer's error and gives it the status that goes with it: a request the
//! sender must fix is a 400, not a server fault.

use app::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;

/// Where server functions are served.
const SERVER_FN_PREFIX: &str = "/api/fn/";
/// The largest error body read back (an error is a few hundred bytes).
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Sets the status of a server function's error answer from its error.
pub async fn error_status(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with(SERVER_FN_PREFIX);
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        // Not an error of ours (too long to be one): the answer is cut,
        // and its length must not promise what is gone.
        parts.headers.remove(CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status_code())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
