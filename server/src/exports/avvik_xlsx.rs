//! `GET /api/v1/avvik/export.xlsx`: the avvik list as an Excel workbook,
//! with the list page's filters and reach, typed cells (the time as a date,
//! the score as a number), the header row kept in view and filters on it.

use anyhow::Context;
use app::avvik::list_filters::filter_from_query;
use app::backend::Authenticated;
use app::error::AppError;
use app::i18n::{Locale, td_string};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::DateTime;
use leptos_router::params::ParamsMap;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use sqlx::AnyPool;
use tokio::runtime::Handle;

use super::avvik_cells::{Value, WIDTHS, headers, values};
use super::avvik_csv::ROWS_PER_READ;
use super::xlsx::{ChunkWriter, Column, new_sheet, xlsx_download};
use crate::db::avvik_list::{self, ListQuery};
use crate::errors::ApiError;
use crate::local_time::oslo_offset_ms;
use crate::reports::answer_page::locale_of;
use crate::services::avvik_list::list_query;
use crate::state::AppState;

/// The cases the person reaches, narrowed by the list's filters, highest
/// risk first, as an Excel workbook; refused as the CSV export is.
#[utoipa::path(
    get,
    path = "/api/v1/avvik/export.xlsx",
    params(("…" = Option<String>, Query, description = "The same filters as /api/v1/avvik/export.csv")),
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
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let filter = filter_from_query(&params.into_iter().collect::<ParamsMap>());
    let (query, _) = list_query(&state, &auth.user, &filter).await?;
    let locale = locale_of(&headers);
    let pool = state.db.pool().clone();
    Ok(xlsx_download("avvik", move |runtime, out| {
        write_workbook(runtime, &pool, &query, locale, out)
    }))
}

/// Reads the cases [`ROWS_PER_READ`] at a time into a workbook, then saves
/// it into `out`.
fn write_workbook(
    runtime: &Handle,
    pool: &AnyPool,
    query: &ListQuery,
    locale: Locale,
    out: ChunkWriter,
) -> anyhow::Result<()> {
    let mut workbook = Workbook::new();
    let columns: Vec<Column> = headers(locale)
        .into_iter()
        .zip(WIDTHS)
        .map(|(header, width)| Column { header, width })
        .collect();
    let sheet = new_sheet(&mut workbook, td_string!(locale, avvik_title), &columns)?;
    let time = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    let mut written: u32 = 0;
    let mut after: Option<(i64, i64, String)> = None;
    loop {
        let key = after
            .as_ref()
            .map(|(score, created, id)| (*score, *created, id.as_str()));
        let rows = runtime
            .block_on(avvik_list::page(pool, query, key, ROWS_PER_READ))
            .context("read the avvik export")?;
        for row in &rows {
            written += 1;
            write_row(sheet, written, &values(row, locale), &time)?;
        }
        match rows.last() {
            Some(last) if rows.len() as i64 == ROWS_PER_READ => {
                after = Some((last.risk_score, last.created_at, last.id.clone()));
            }
            _ => break,
        }
    }
    let last_column = u16::try_from(columns.len().saturating_sub(1)).unwrap_or_default();
    sheet.autofilter(0, 0, written, last_column)?;
    workbook.save_to_writer(out).context("save the workbook")?;
    Ok(())
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    values: &[Value<'_>],
    time: &Format,
) -> anyhow::Result<()> {
    for (col, value) in (0u16..).zip(values) {
        match value {
            Value::Text(text) => {
                sheet.write_string(row, col, text.as_ref())?;
            }
            Value::Number(number) => {
                // Scores are far below 2^53, so exact as a float.
                sheet.write_number(row, col, *number as f64)?;
            }
            Value::Moment(ms) => {
                if let Some(local) = DateTime::from_timestamp_millis(ms + oslo_offset_ms(*ms)) {
                    sheet.write_datetime_with_format(row, col, local.naive_utc(), time)?;
                }
            }
            Value::Empty => {}
        }
    }
    Ok(())
}
