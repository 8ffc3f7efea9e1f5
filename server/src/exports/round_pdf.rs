//! `GET /api/v1/rounds/report.pdf?id=…`: a round's report as a PDF for the
//! quality system, for whoever may read the report page (the same check),
//! with the photos (their thumbnails, or the photo where none is made yet).

use anyhow::Context;
use app::backend::Authenticated;
use app::error::AppError;
use app::rounds::report::RoundReport;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use krilla::image::Image;
use object_store::ObjectStoreExt;
use object_store::path::Path as Key;
use serde::Deserialize;

use crate::db::photos;
use crate::errors::{ApiError, internal};
use crate::pdf::render::render;
use crate::pdf::round_report::laid_out;
use crate::reports::answer_page::locale_of;
use crate::services::round_report::round_report;
use crate::state::AppState;

/// Which round.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The round's id.
    id: String,
}

/// The report of a round as a PDF (A4, fonts embedded, page numbers).
#[utoipa::path(
    get,
    path = "/api/v1/rounds/report.pdf",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report as a PDF", content_type = "application/pdf"),
        (status = 401, description = "Not logged in"),
        (status = 404, description = "No such round, or one the caller may not read"),
        (status = 503, description = "Too much heavy work at once: try again shortly"),
    ),
    tag = "exports"
)]
#[tracing::instrument(skip_all, fields(round = %query.id))]
pub async fn round_pdf(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let report = round_report(&state, &auth.user, &query.id).await?;
    let locale = locale_of(&headers);
    let photos = read_photos(&state, &report).await?;
    let file = format!("attachment; filename=\"vernerunde-{}.pdf\"", report.date);
    let pdf = state
        .photo_slots
        .run(move || render(laid_out(&report, photos, locale)))
        .await?
        .map_err(|error| internal("make a round's PDF")(format!("{error:#}")))?;
    let headers = [
        (header::CONTENT_TYPE, "application/pdf".to_owned()),
        (header::CONTENT_DISPOSITION, file),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
    ];
    Ok((headers, pdf).into_response())
}

/// The round's photos as images: each one's thumbnail, else the photo.
async fn read_photos(
    state: &AppState,
    report: &RoundReport,
) -> Result<Vec<(String, Image)>, AppError> {
    let ids = report
        .rooms
        .iter()
        .flat_map(|room| &room.sections)
        .flat_map(|section| &section.findings)
        .flat_map(|finding| &finding.photos);
    let mut images = Vec::new();
    for id in ids {
        let row = photos::by_id(state.db.pool(), id)
            .await
            .map_err(internal("load a photo"))?
            .ok_or(AppError::Internal)?;
        let key = Key::from(row.thumb_key.unwrap_or(row.object_key));
        let bytes = read_object(state, &key)
            .await
            .map_err(|error| internal("read a photo for a PDF")(format!("{error:#}")))?;
        let image = Image::from_jpeg(bytes.into(), true)
            .map_err(|error| internal("read a stored JPEG")(error))?;
        images.push((id.clone(), image));
    }
    Ok(images)
}

async fn read_object(state: &AppState, key: &Key) -> anyhow::Result<Vec<u8>> {
    let object = state.photos.get(key).await.context("open the object")?;
    let bytes = object.bytes().await.context("read the object")?;
    Ok(bytes.to_vec())
}
