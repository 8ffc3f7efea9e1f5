//! `GET /api/v1/avvik/export.xlsx`: the avvik list as an Excel workbook,
//! with the list page's filters and reach, typed cells (the time as a date,
//! the score as a number), the header row kept in view and filters on it.

use app::backend::Authenticated;
use app::i18n::{Locale, td_string};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use sqlx::AnyPool;
use tokio::runtime::Handle;

use super::avvik_cells::{ExportFilters, WIDTHS, export_request, headers, read_cases, values};
use super::xlsx::{ChunkWriter, columns, write_paged, write_values, xlsx_download};
use crate::db::avvik_list::ListQuery;
use crate::errors::ApiError;
use crate::state::AppState;

/// The cases the person reaches, narrowed by the list's filters, highest
/// risk first, as an Excel workbook; refused as the CSV export is.
#[utoipa::path(
    get,
    path = "/api/v1/avvik/export.xlsx",
    params(ExportFilters),
    responses(
        (status = 200, description = "An XLSX workbook with one sheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "A filter value that is not one (a day that is not YYYY-MM-DD)"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "The caller reads no unit's cases"),
    ),
    tag = "exports"
)]
#[tracing::instrument(skip_all)]
pub async fn avvik_xlsx(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let (query, locale) = export_request(&state, auth, &headers, params).await?;
    let pool = state.db.pool().clone();
    Ok(xlsx_download("avvik", move |runtime, out| {
        write_workbook(runtime, &pool, &query, locale, out)
    }))
}

/// Reads the cases a part at a time into a workbook, then saves it into
/// `out`.
fn write_workbook(
    runtime: &Handle,
    pool: &AnyPool,
    query: &ListQuery,
    locale: Locale,
    out: ChunkWriter,
) -> anyhow::Result<()> {
    let columns = columns(&headers(locale), &WIDTHS);
    write_paged(
        out,
        (td_string!(locale, avvik_title), &columns),
        |after| runtime.block_on(read_cases(pool, query, after)),
        |sheet, n, row, formats| write_values(sheet, n, &values(row, locale), formats),
    )
}
