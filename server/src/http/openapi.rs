//! The OpenAPI document of `/api/v1`, served at `/api/v1/openapi.json`.

use axum::Json;
use utoipa::OpenApi;

/// The public API as OpenAPI 3.1.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Vern API",
        description = "Sync and data API of Vern. Cookie sessions (log in at /api/fn/login); \
                       writes must carry the Origin of the Vern server. Push and pull carry \
                       schema version 1.",
    ),
    paths(
        crate::sync::push::push,
        crate::sync::pull::pull,
        crate::sync::reference::reference,
        crate::photos::upload::put_photo,
        crate::photos::download::get_photo,
        crate::photos::download::get_thumb,
        crate::exports::avvik_csv::avvik_csv,
        crate::exports::avvik_xlsx::avvik_xlsx,
        crate::exports::tiltak_csv::tiltak_csv,
        crate::exports::tiltak_xlsx::tiltak_xlsx,
        crate::exports::stats_xlsx::stats_xlsx,
        crate::exports::annual_xlsx::annual_xlsx,
        crate::exports::round_pdf::round_pdf,
    ),
    components(schemas(app::sync::records::PhotoRecord)),
    tags(
        (name = "sync", description = "Offline sync of rounds, findings and photos"),
        (name = "photos", description = "Photo upload (PUT by id with SHA-256) and download"),
        (name = "exports", description = "The avvik list and the tiltaksplan as files, with their pages' filters"),
    )
)]
pub struct ApiDoc;

/// Serves the document.
#[tracing::instrument]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
