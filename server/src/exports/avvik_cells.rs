//! The avvik list as the exports read and write it, the same for CSV and
//! XLSX: who asks and for which cases, the cases a part at a time, the
//! columns, and each case's values.

use std::borrow::Cow;

use anyhow::Context;
use app::avvik::list_filters::filter_from_query;
use app::backend::Authenticated;
use app::error::AppError;
use axum::Extension;
use axum::http::HeaderMap;
use leptos_router::params::ParamsMap;
use sqlx::AnyPool;

use app::avvik::case_risk::level_label;
use app::avvik::list::CaseSource;
use app::avvik::list_filters::{source_label, state_label};
use app::avvik::risk::level_of;
use app::i18n::{Locale, td_string};
use app::reports::{CaseState, ReportCategory};

use super::value::Value;
use crate::db::avvik_list::{self, ListQuery, ListRow};
use crate::errors::ApiError;
use crate::reports::answer_page::locale_of;
use crate::services::avvik_list::list_query;
use crate::state::AppState;

/// Cases read from the database at a time.
pub const ROWS_PER_READ: i64 = 500;

/// The list page's address parameters, which the exports take as they are
/// (described here for the API document; read by `filter_from_query`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters; the list's own parser reads them"
)]
pub struct ExportFilters {
    /// A unit id: that unit and those below it.
    enhet: Option<String>,
    /// A state as stored, or `apne` for every open state.
    status: Option<String>,
    /// `low`, `medium` or `high`.
    risiko: Option<String>,
    /// A category as stored.
    kategori: Option<String>,
    /// `round`, `qr` or `manual`.
    kilde: Option<String>,
    /// Registered on or after this day (YYYY-MM-DD).
    fra: Option<String>,
    /// Registered on or before this day (YYYY-MM-DD).
    til: Option<String>,
    /// Any value: only cases assigned to the caller.
    mine: Option<String>,
    /// With `konsekvens`: one cell of the 5×5 risk matrix (1–5).
    sannsynlighet: Option<i64>,
    /// With `sannsynlighet`: one cell of the 5×5 risk matrix (1–5).
    konsekvens: Option<i64>,
}

/// The cases an export covers (the list's reach and the filters in the
/// address) and the language to write it in; refused as the list is.
pub async fn export_request(
    state: &AppState,
    auth: Option<Extension<Authenticated>>,
    headers: &HeaderMap,
    params: Vec<(String, String)>,
) -> Result<(ListQuery, Locale), ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let filter = filter_from_query(&params.into_iter().collect::<ParamsMap>());
    let (query, _) = list_query(state, &auth.user, &filter).await?;
    Ok((query, locale_of(headers)))
}

/// The sort key (risk, time, id) of the last case read.
pub type After = (i64, i64, String);

/// The cases after `after`, [`ROWS_PER_READ`] at most, in the list's
/// order, and where the next read starts (`None`: these were the last).
pub async fn read_cases(
    pool: &AnyPool,
    query: &ListQuery,
    after: Option<&After>,
) -> anyhow::Result<(Vec<ListRow>, Option<After>)> {
    let key = after.map(|(score, created, id)| (*score, *created, id.as_str()));
    let rows = avvik_list::page(pool, query, key, ROWS_PER_READ)
        .await
        .context("read the avvik export")?;
    let next = rows
        .last()
        .filter(|_| rows.len() as i64 == ROWS_PER_READ)
        .map(|last| (last.risk_score, last.created_at, last.id.clone()));
    Ok((rows, next))
}

/// The columns' headers, in the person's language.
pub fn headers(locale: Locale) -> [&'static str; 11] {
    [
        td_string!(locale, export_case_no),
        td_string!(locale, export_registered),
        td_string!(locale, export_unit),
        td_string!(locale, export_room),
        td_string!(locale, report_category),
        td_string!(locale, avvik_source),
        td_string!(locale, avvik_status),
        td_string!(locale, export_risk_score),
        td_string!(locale, avvik_risk),
        td_string!(locale, export_assigned),
        td_string!(locale, export_description),
    ]
}

/// How wide a spreadsheet shows each column (in characters).
pub const WIDTHS: [f64; 11] = [
    12.0, 16.0, 22.0, 20.0, 16.0, 14.0, 16.0, 10.0, 16.0, 20.0, 60.0,
];

/// A case's values in the columns' order; a stored value this version has
/// no name for is written as stored rather than left out.
pub fn values(row: &ListRow, locale: Locale) -> [Value<'_>; 11] {
    let category =
        ReportCategory::parse(&row.category).map_or(row.category.as_str(), |c| c.name(locale));
    let source = CaseSource::from_db(&row.source)
        .map_or_else(|| row.source.clone(), |source| source_label(source, locale));
    let status = CaseState::from_db(&row.status)
        .map_or_else(|| row.status.clone(), |state| state_label(state, locale));
    let (score, level) = match level_of(row.risk_score) {
        Some(level) => (Value::Number(row.risk_score), level_label(level, locale)),
        None => (Value::Empty, td_string!(locale, avvik_unrated)),
    };
    [
        Value::Text(Cow::Borrowed(&row.receipt_no)),
        Value::Moment(row.created_at),
        Value::Text(Cow::Borrowed(&row.unit_name)),
        Value::Text(Cow::Borrowed(row.room_name.as_deref().unwrap_or_default())),
        Value::Text(Cow::Borrowed(category)),
        Value::Text(Cow::Owned(source)),
        Value::Text(Cow::Owned(status)),
        score,
        Value::Text(Cow::Borrowed(level)),
        Value::Text(Cow::Borrowed(
            row.assigned_name.as_deref().unwrap_or_default(),
        )),
        Value::Text(Cow::Borrowed(&row.description)),
    ]
}
