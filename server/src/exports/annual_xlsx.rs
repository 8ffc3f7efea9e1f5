//! `GET /api/v1/arshjul/enheter.xlsx?aar=…&bak=1`: every unit's year in a
//! line, as the overview shows it, for the quality system and AMU.

use app::annual::overview::UnitYear;
use app::backend::Authenticated;
use app::error::AppError;
use app::i18n::{Locale, td_string};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::value::Value;
use super::xlsx::{columns, write_all, write_values, xlsx_download};
use crate::errors::ApiError;
use crate::reports::answer_page::locale_of;
use crate::services::annual_overview::annual_overview;
use crate::state::AppState;

/// The overview's address parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverviewQuery {
    /// The year (empty or absent: this year).
    #[serde(default)]
    aar: String,
    /// `1`: only the units with something overdue.
    #[serde(default)]
    bak: String,
}

/// Column widths, in characters.
const WIDTHS: [f64; 6] = [32.0, 10.0, 48.0, 10.0, 10.0, 10.0];

/// The overview as an XLSX download.
#[utoipa::path(
    get,
    path = "/api/v1/arshjul/enheter.xlsx",
    params(OverviewQuery),
    responses(
        (status = 200, description = "An XLSX workbook with one sheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "A year that is not one we plan (before 2000, after next year, or not a number)"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "The caller reads no unit's reports"),
    ),
    tag = "exports"
)]
#[tracing::instrument(skip_all)]
pub async fn annual_xlsx(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Query(asked): Query<OverviewQuery>,
) -> Result<Response, ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let today = state.plan_clock.today();
    let overview = annual_overview(&state, &auth.user, &asked.aar, asked.bak == "1", today).await?;
    let locale = locale_of(&headers);
    let stem = format!("arshjul-{}", overview.year);
    let sheet = format!("{} {}", td_string!(locale, annual_title), overview.year);
    Ok(xlsx_download(&stem, move |_, out| {
        let columns = columns(&headers_in(locale), &WIDTHS);
        write_all(
            out,
            (&sheet, &columns),
            overview.units,
            |sheet, n, row, formats| write_values(sheet, n, &values(row), formats),
        )
    }))
}

/// The header row.
fn headers_in(locale: Locale) -> [&'static str; 6] {
    [
        td_string!(locale, stats_col_unit),
        td_string!(locale, annual_count_overdue),
        td_string!(locale, annual_overview_what),
        td_string!(locale, annual_count_due),
        td_string!(locale, annual_state_planned),
        td_string!(locale, annual_count_done),
    ]
}

/// One line's cells.
fn values(row: &UnitYear) -> Vec<Value<'_>> {
    let number = |n: usize| Value::Number(i64::try_from(n).unwrap_or(i64::MAX));
    vec![
        Value::text(&row.unit),
        number(row.overdue_count),
        Value::Text(row.overdue.join(", ").into()),
        number(row.due),
        number(row.planned),
        number(row.done),
    ]
}
