//! `GET /api/v1/rounds/report.pdf?id=…`: a round's report as a PDF for the
//! quality system, for whoever may read the report page (the same check),
//! with the photos' thumbnails (made on the spot for a photo whose
//! thumbnail job has not run yet: the stored photo is not turned upright).

use std::sync::Arc;

use anyhow::Context;
use app::backend::Authenticated;
use app::error::AppError;
use app::rounds::report::RoundReport;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use krilla::image::Image;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};
use serde::Deserialize;
use sqlx::AnyPool;
use tokio::runtime::Handle;

use crate::db::photos;
use crate::errors::{ApiError, internal};
use crate::pdf::render::render;
use crate::pdf::round_report::laid_out;
use crate::photos::process;
use crate::reports::answer_page::locale_of;
use crate::services::round_report::round_report;
use crate::state::AppState;

/// Which round.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The round's id (absent: no such round).
    #[serde(default)]
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
    let file = format!("attachment; filename=\"vernerunde-{}.pdf\"", report.date);
    let (pool, objects, runtime) = (
        state.db.pool().clone(),
        Arc::clone(&state.photos),
        Handle::current(),
    );
    // The photos are read inside the slot too, so that the slots bound
    // the memory they take, not only the drawing.
    let pdf = state
        .photo_slots
        .run(move || {
            let photos = read_photos(&runtime, &pool, objects.as_ref(), &report);
            render(laid_out(&report, photos, locale))
        })
        .await?
        .map_err(|error| internal("make a round's PDF")(format!("{error:#}")))?;
    let headers = [
        (header::CONTENT_TYPE, "application/pdf".to_owned()),
        (header::CONTENT_DISPOSITION, file),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
    ];
    Ok((headers, pdf).into_response())
}

/// The thumbnails of the round's photos as images. A photo that cannot be
/// read is left out of the PDF and logged: one broken object should not
/// keep the rest of the report from the quality system.
fn read_photos(
    runtime: &Handle,
    pool: &AnyPool,
    objects: &dyn ObjectStore,
    report: &RoundReport,
) -> Vec<(String, Image)> {
    let ids = report
        .rooms
        .iter()
        .flat_map(|room| &room.sections)
        .flat_map(|section| &section.findings)
        .flat_map(|finding| &finding.photos);
    let mut images = Vec::new();
    for id in ids {
        match runtime.block_on(thumbnail(pool, objects, id)) {
            Ok(jpeg) => match Image::from_jpeg(jpeg.into(), true) {
                Ok(image) => images.push((id.clone(), image)),
                Err(error) => tracing::warn!(photo = %id, %error, "a thumbnail is no JPEG"),
            },
            Err(error) => {
                tracing::warn!(photo = %id, error = format!("{error:#}"), "a photo left out of a PDF");
            }
        }
    }
    images
}

/// A photo's thumbnail: the one made for it, or made now from the photo.
async fn thumbnail(pool: &AnyPool, objects: &dyn ObjectStore, id: &str) -> anyhow::Result<Vec<u8>> {
    let row = photos::by_id(pool, id)
        .await
        .context("load the photo's row")?
        .context("the photo's row is gone")?;
    if let Some(key) = row.thumb_key {
        return read_object(objects, &Key::from(key)).await;
    }
    let photo = read_object(objects, &Key::from(row.object_key)).await?;
    process::thumbnail(&photo).context("make a thumbnail")
}

async fn read_object(objects: &dyn ObjectStore, key: &Key) -> anyhow::Result<Vec<u8>> {
    let object = objects.get(key).await.context("open the object")?;
    let bytes = object.bytes().await.context("read the object")?;
    Ok(bytes.to_vec())
}
