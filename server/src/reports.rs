//! Reports from staff who scan a room's QR code.
//!
//! - `POST /r/{token}`: the report form (`multipart/form-data`). A plain
//!   form post is answered with `303 See Other` to the private status page
//!   (`/s/{status token}?ny=1`), which shows the case number; a caller that
//!   asks for JSON (`Accept: application/json`, the app) gets
//!   `{"receipt_no", "status_url"}` (201, or 200 for a replay).
//! - The pages themselves (`/r/{token}`, `/s/{token}`) are Leptos routes.
//!
//! A report is opened exactly once per device id, whoever sends it how
//! often. An anonymous report keeps no name, e-mail, user, session, address
//! or user agent anywhere, and no log line about it names its address.

pub mod answer_page;
pub mod form;
pub mod limiter;
pub mod lookup;
pub mod posters;
pub mod report_photos;
pub mod submit;

use app::backend::{Authenticated, ClientAddress};
use app::error::AppError;
use app::reports::status_path;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use serde_json::json;

use crate::db::now_ms;
use crate::state::AppState;
use submit::Receipt;

/// The report form's post, with room for its photos.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/r/{token}",
        post(submit_form).layer(DefaultBodyLimit::max(form::MAX_FORM_BYTES)),
    )
}

/// Receives a report. Nothing about the sender is logged: the span records
/// no fields, and the lines below name only the room and the case.
#[tracing::instrument(name = "qr_report", skip_all)]
pub async fn submit_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    auth: Option<Extension<Authenticated>>,
    address: Option<Extension<ClientAddress>>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let answer = Answer::for_request(&headers, &token);
    let room = match lookup::open_room(&state, &token).await {
        Ok(room) => room,
        Err(error) => return answer.refused(&error, false),
    };
    let address = address.map(|Extension(ClientAddress(address))| address);
    if let Err(retry_after_secs) = state.report_limiter.check(address, &token, now_ms()) {
        tracing::warn!(room_id = %room.id, "report refused by the rate limit before its body was read");
        return answer.refused(&AppError::RateLimited { retry_after_secs }, true);
    }
    let Ok(multipart) = multipart else {
        return answer.refused(&AppError::Malformed("not a form".to_owned()), true);
    };
    let raw = match form::read(multipart).await {
        Ok(raw) => raw,
        Err(form::ReadError::Invalid(reason)) => {
            return answer.refused(&AppError::Invalid(reason), true);
        }
        Err(form::ReadError::Malformed) => {
            return answer.refused(&AppError::Malformed("not a form".to_owned()), true);
        }
    };
    if raw.is_bot() {
        tracing::info!(room_id = %room.id, "report with the honeypot filled in; nothing kept");
        return answer.quietly_accepted();
    }
    let now = now_ms();
    let report = match raw.validate(now) {
        Ok(report) => report,
        Err(reason) => return answer.refused(&AppError::Invalid(reason), true),
    };
    match submit::earlier_receipt(&state, &report.client_id).await {
        Ok(Some(receipt)) => return answer.received(&receipt),
        Ok(None) => {}
        Err(error) => return answer.refused(&error, true),
    }
    if let Err(retry_after_secs) = state.report_limiter.admit(address, &token, now) {
        tracing::warn!(room_id = %room.id, "report refused by the rate limit");
        return answer.refused(&AppError::RateLimited { retry_after_secs }, true);
    }
    let user = auth.map(|Extension(auth)| auth.user);
    match submit::open_case(&state, &room, report, user.as_ref()).await {
        Ok(receipt) => {
            tracing::info!(room_id = %room.id, receipt_no = %receipt.receipt_no, "QR report received");
            answer.received(&receipt)
        }
        Err(error) => answer.refused(&error, true),
    }
}

/// How to answer: a page for a browser's form post, JSON for the app.
struct Answer {
    json: bool,
    locale: app::i18n::Locale,
    form_path: String,
}

impl Answer {
    fn for_request(headers: &HeaderMap, token: &str) -> Answer {
        let json = headers
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("application/json"));
        Answer {
            json,
            locale: answer_page::locale_of(headers),
            form_path: app::reports::report_path(token),
        }
    }

    fn received(&self, receipt: &Receipt) -> Response {
        let status_url = status_path(&receipt.status_token);
        if self.json {
            let status = if receipt.created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            let body = json!({ "receipt_no": receipt.receipt_no, "status_url": status_url });
            return (status, Json(body)).into_response();
        }
        Redirect::to(&format!("{status_url}?ny=1")).into_response()
    }

    fn refused(&self, error: &AppError, offer_form: bool) -> Response {
        if self.json {
            // The app shows the refusal in the person's language, so it
            // gets the error itself beside the usual code and message.
            let status = StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body =
                json!({ "error": error.code(), "message": error.to_string(), "app_error": error });
            let mut response = (status, Json(body)).into_response();
            if let Some(seconds) = error.retry_after_secs() {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, seconds.into());
            }
            return response;
        }
        let form_path = offer_form.then_some(self.form_path.as_str());
        answer_page::refusal(self.locale, error, form_path)
    }

    fn quietly_accepted(&self) -> Response {
        if self.json {
            return (StatusCode::ACCEPTED, Json(json!({}))).into_response();
        }
        answer_page::quiet_thanks(self.locale)
    }
}
