//! `GET /api/v1/tiltak/export.xlsx?enhet=…`: a tiltaksplan as an Excel
//! workbook, the same measures and order as the CSV, with the deadline as
//! a date and the cost as a number.

use app::backend::Authenticated;
use app::i18n::td_string;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use sqlx::AnyPool;
use tokio::runtime::Handle;

use super::tiltak_cells::{
    PlanExport, PlanQuery, WIDTHS, headers, plan_request, read_plan, values,
};
use super::xlsx::{ChunkWriter, columns, write_paged, write_values, xlsx_download};
use crate::errors::ApiError;
use crate::state::AppState;

/// The open measures of the plan as an XLSX download; refused as the CSV
/// export is.
#[utoipa::path(
    get,
    path = "/api/v1/tiltak/export.xlsx",
    params(PlanQuery),
    responses(
        (status = 200, description = "An XLSX workbook with one sheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "The caller reads no unit's cases"),
        (status = 404, description = "A unit the caller does not read"),
    ),
    tag = "exports"
)]
#[tracing::instrument(skip_all)]
pub async fn tiltak_xlsx(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Query(plan): Query<PlanQuery>,
) -> Result<Response, ApiError> {
    let export = plan_request(&state, auth, &headers, plan).await?;
    let pool = state.db.pool().clone();
    Ok(xlsx_download("tiltaksplan", move |runtime, out| {
        write_workbook(runtime, &pool, &export, out)
    }))
}

/// Reads the measures a part at a time into a workbook, then saves it into
/// `out`.
fn write_workbook(
    runtime: &Handle,
    pool: &AnyPool,
    export: &PlanExport,
    out: ChunkWriter,
) -> anyhow::Result<()> {
    let locale = export.locale;
    let columns = columns(&headers(locale), &WIDTHS);
    write_paged(
        out,
        (td_string!(locale, tiltak_plan_title), &columns),
        |after| runtime.block_on(read_plan(pool, &export.units, after)),
        |sheet, n, row, formats| {
            write_values(sheet, n, &values(row, &export.today, locale), formats)
        },
    )
}
