//! `GET /api/v1/avvik/statistikk.xlsx?aar=…&enhet=…`: the AMU statistics
//! as an Excel workbook, one row per unit and category with the cases of
//! each quarter and of the year as numbers, ready for a pivot table.

use app::backend::Authenticated;
use app::error::AppError;
use app::i18n::{Locale, td_string};
use app::stats::chart::quarter_name;
use app::stats::model::{StatsRow, category_text, year_total};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::value::Value;
use super::xlsx::{columns, write_all, write_values, xlsx_download};
use crate::db::now_ms;
use crate::errors::ApiError;
use crate::reports::answer_page::locale_of;
use crate::services::avvik_stats::avvik_stats;
use crate::state::AppState;

/// The statistics page's address parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// The year (empty or absent: this year).
    #[serde(default)]
    aar: String,
    /// A unit id: that unit and those below it (empty or absent: every unit
    /// the caller reads).
    #[serde(default)]
    enhet: String,
}

/// Column widths, in characters.
const WIDTHS: [f64; 7] = [32.0, 32.0, 10.0, 10.0, 10.0, 10.0, 12.0];

/// The statistics the page would show, as an XLSX download.
#[utoipa::path(
    get,
    path = "/api/v1/avvik/statistikk.xlsx",
    params(StatsQuery),
    responses(
        (status = 200, description = "An XLSX workbook with one sheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "A year that is not one we count (before 2000, to come, or not a number)"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "The caller reads no unit's cases"),
        (status = 404, description = "A unit the caller does not read"),
    ),
    tag = "exports"
)]
#[tracing::instrument(skip_all)]
pub async fn stats_xlsx(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Query(asked): Query<StatsQuery>,
) -> Result<Response, ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let unit = Some(asked.enhet).filter(|unit| !unit.is_empty());
    let stats = avvik_stats(&state, &auth.user, &asked.aar, unit, now_ms()).await?;
    let locale = locale_of(&headers);
    let stem = format!("avviksstatistikk-{}", stats.year);
    let sheet = format!("{} {}", td_string!(locale, stats_sheet), stats.year);
    Ok(xlsx_download(&stem, move |_, out| {
        let columns = columns(&headers_in(locale), &WIDTHS);
        write_all(
            out,
            (&sheet, &columns),
            stats.rows,
            |sheet, n, row, formats| write_values(sheet, n, &values(row, locale), formats),
        )
    }))
}

/// The header row.
fn headers_in(locale: Locale) -> [&'static str; 7] {
    [
        td_string!(locale, stats_col_unit),
        td_string!(locale, stats_col_category),
        quarter_name(locale, 0),
        quarter_name(locale, 1),
        quarter_name(locale, 2),
        quarter_name(locale, 3),
        td_string!(locale, stats_year_total),
    ]
}

/// One row's cells.
fn values(row: &StatsRow, locale: Locale) -> Vec<Value<'_>> {
    let mut cells = vec![
        Value::text(&row.unit),
        Value::text(category_text(row.category, locale)),
    ];
    cells.extend(row.quarters.iter().map(|count| Value::Number(*count)));
    cells.push(Value::Number(year_total(&row.quarters)));
    cells
}
