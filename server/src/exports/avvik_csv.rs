//! `GET /api/v1/avvik/export.csv`: the avvik list as CSV, with the list
//! page's filters (the same address parameters) and the same reach.
//!
//! The rows are read [`ROWS_PER_READ`] at a time and sent as they are
//! written, so a list of 100,000 cases never sits in memory whole.

use anyhow::Context;
use app::avvik::list_filters::filter_from_query;
use app::backend::Authenticated;
use app::error::AppError;
use app::i18n::Locale;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use leptos_router::params::ParamsMap;
use sqlx::AnyPool;

use super::avvik_cells::{Value, headers, values};
use super::csv::{Cell, push_row};
use super::download::csv_download;
use crate::db::avvik_list::{self, ListQuery, ListRow};
use crate::errors::ApiError;
use crate::local_time::oslo_text;
use crate::reports::answer_page::locale_of;
use crate::services::avvik_list::list_query;
use crate::state::AppState;

/// Rows read from the database at a time.
pub const ROWS_PER_READ: i64 = 500;

/// The cases the person reaches, narrowed by the list's filters, highest
/// risk first, as a CSV download; 403 for a person who reads no cases, 400
/// for a filter that is not a filter (a date that is not a day).
#[utoipa::path(
    get,
    path = "/api/v1/avvik/export.csv",
    params(
        ("enhet" = Option<String>, Query, description = "A unit id: that unit and those below it"),
        ("status" = Option<String>, Query, description = "A state as stored, or `apne` for every open state"),
        ("risiko" = Option<String>, Query, description = "`low`, `medium` or `high`"),
        ("kategori" = Option<String>, Query, description = "A category as stored"),
        ("kilde" = Option<String>, Query, description = "`round`, `qr` or `manual`"),
        ("fra" = Option<String>, Query, description = "Registered on or after this day (YYYY-MM-DD)"),
        ("til" = Option<String>, Query, description = "Registered on or before this day (YYYY-MM-DD)"),
        ("mine" = Option<String>, Query, description = "Any value: only cases assigned to the caller"),
        ("sannsynlighet" = Option<i64>, Query, description = "With `konsekvens`: one cell of the 5×5 risk matrix (1–5)"),
        ("konsekvens" = Option<i64>, Query, description = "With `sannsynlighet`: one cell of the 5×5 risk matrix (1–5)"),
    ),
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
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let filter = filter_from_query(&params.into_iter().collect::<ParamsMap>());
    let (query, _) = list_query(&state, &auth.user, &filter).await?;
    let locale = locale_of(&headers);
    let mut head = String::new();
    push_header(&mut head, locale);
    let pool = state.db.pool().clone();
    Ok(csv_download("avvik", head, move |after: Option<After>| {
        read_rows(pool.clone(), query.clone(), after, locale)
    }))
}

/// The sort key (risk, time, id) of the last case sent.
type After = (i64, i64, String);

/// The cases after `after`, `ROWS_PER_READ` at most, as CSV rows.
async fn read_rows(
    pool: AnyPool,
    query: ListQuery,
    after: Option<After>,
    locale: Locale,
) -> anyhow::Result<(String, Option<After>)> {
    let key = after
        .as_ref()
        .map(|(score, created, id)| (*score, *created, id.as_str()));
    let rows = avvik_list::page(&pool, &query, key, ROWS_PER_READ)
        .await
        .context("read the avvik export")?;
    let mut text = String::new();
    for row in &rows {
        push_case(&mut text, row, locale);
    }
    let next = rows
        .last()
        .filter(|_| rows.len() as i64 == ROWS_PER_READ)
        .map(|last| (last.risk_score, last.created_at, last.id.clone()));
    Ok((text, next))
}

fn push_header(out: &mut String, locale: Locale) {
    let cells: Vec<Cell<'_>> = headers(locale).into_iter().map(Cell::Text).collect();
    push_row(out, &cells);
}

/// One case as a row, its time as Norwegians write it.
fn push_case(out: &mut String, row: &ListRow, locale: Locale) {
    let values = values(row, locale);
    let registered = oslo_text(row.created_at);
    let cells: Vec<Cell<'_>> = values
        .iter()
        .map(|value| match value {
            Value::Text(text) => Cell::Text(text),
            Value::Number(number) => Cell::Number(*number),
            Value::Moment(_) => Cell::Text(&registered),
            Value::Empty => Cell::Text(""),
        })
        .collect();
    push_row(out, &cells);
}
