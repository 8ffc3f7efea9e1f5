//! `GET /api/v1/tiltak/export.csv?enhet=…`: a tiltaksplan as CSV, every
//! open measure of the unit and those below it that the person reads (the
//! plan page shows the first 300), in the plan's order, overdue first.

use app::backend::Authenticated;
use app::i18n::Locale;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use sqlx::AnyPool;

use super::csv::{Cell, push_row, push_values};
use super::download::csv_download;
use super::tiltak_cells::{self, PlanQuery, plan_request, read_plan, values};
use crate::db::tiltak_pages::PlanCursor;
use crate::errors::ApiError;
use crate::state::AppState;

/// The open measures of the plan as a CSV download; 403 for a person who
/// reads no unit's cases, 404 for a unit they do not read.
#[utoipa::path(
    get,
    path = "/api/v1/tiltak/export.csv",
    params(PlanQuery),
    responses(
        (status = 200, description = "UTF-8 CSV with a byte order mark, semicolon-separated", content_type = "text/csv"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "The caller reads no unit's cases"),
        (status = 404, description = "A unit the caller does not read"),
    ),
    tag = "exports"
)]
#[tracing::instrument(skip_all)]
pub async fn tiltak_csv(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Query(plan): Query<PlanQuery>,
) -> Result<Response, ApiError> {
    let export = plan_request(&state, auth, &headers, plan).await?;
    let mut head = String::new();
    let cells: Vec<Cell<'_>> = tiltak_cells::headers(export.locale)
        .into_iter()
        .map(Cell::Text)
        .collect();
    push_row(&mut head, &cells);
    let pool = state.db.pool().clone();
    Ok(csv_download("tiltaksplan", head, move |after| {
        let (units, today) = (export.units.clone(), export.today.clone());
        read_rows(pool.clone(), units, after, (today, export.locale))
    }))
}

/// The measures after `after` as CSV rows.
async fn read_rows(
    pool: AnyPool,
    units: Vec<String>,
    after: Option<PlanCursor>,
    (today, locale): (String, Locale),
) -> anyhow::Result<(String, Option<PlanCursor>)> {
    let (rows, next) = read_plan(&pool, &units, after.as_ref()).await?;
    let mut text = String::new();
    for row in &rows {
        push_values(&mut text, &values(row, &today, locale));
    }
    Ok((text, next))
}
