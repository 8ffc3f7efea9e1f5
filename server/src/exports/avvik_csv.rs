//! `GET /api/v1/avvik/export.csv`: the avvik list as CSV, with the list
//! page's filters (the same address parameters) and the same reach.
//!
//! The rows are read [`super::avvik_cells::ROWS_PER_READ`] at a time and sent as they are
//! written, so a list of 100,000 cases never sits in memory whole.

use app::backend::Authenticated;
use app::i18n::Locale;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use sqlx::AnyPool;

use super::avvik_cells::{After, ExportFilters, export_request, headers, read_cases, values};
use super::csv::{Cell, push_row, push_values};
use super::download::csv_download;
use crate::db::avvik_list::ListQuery;
use crate::errors::ApiError;
use crate::state::AppState;

/// The cases the person reaches, narrowed by the list's filters, highest
/// risk first, as a CSV download; 403 for a person who reads no cases, 400
/// for a filter that is not a filter (a date that is not a day).
#[utoipa::path(
    get,
    path = "/api/v1/avvik/export.csv",
    params(ExportFilters),
    responses(
        (status = 200, description = "UTF-8 CSV with a byte order mark, semicolon-separated", content_type = "text/csv"),
        (status = 400, description = "A filter value that is not one (a day that is not YYYY-MM-DD)"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "The caller reads no unit's cases"),
    ),
    tag = "exports"
)]
#[tracing::instrument(skip_all)]
pub async fn avvik_csv(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let (query, locale) = export_request(&state, auth, &headers, params).await?;
    let mut head = String::new();
    push_header(&mut head, locale);
    let pool = state.db.pool().clone();
    Ok(csv_download("avvik", head, move |after: Option<After>| {
        read_rows(pool.clone(), query.clone(), after, locale)
    }))
}

/// The cases after `after` as CSV rows.
async fn read_rows(
    pool: AnyPool,
    query: ListQuery,
    after: Option<After>,
    locale: Locale,
) -> anyhow::Result<(String, Option<After>)> {
    let (rows, next) = read_cases(&pool, &query, after.as_ref()).await?;
    let mut text = String::new();
    for row in &rows {
        push_values(&mut text, &values(row, locale));
    }
    Ok((text, next))
}

fn push_header(out: &mut String, locale: Locale) {
    let cells: Vec<Cell<'_>> = headers(locale).into_iter().map(Cell::Text).collect();
    push_row(out, &cells);
}
