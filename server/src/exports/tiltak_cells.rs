//! A tiltaksplan as the exports read and write it, the same for CSV and
//! XLSX: whose plan and in which language, the open measures a part at a
//! time in the plan page's order, the columns, and each measure's values.

use std::borrow::Cow;

use anyhow::Context;
use app::backend::Authenticated;
use app::error::AppError;
use app::i18n::{Locale, td_string};
use app::tiltak::case_card::state_label;
use app::tiltak::rules::TiltakState;
use axum::Extension;
use axum::http::HeaderMap;
use serde::Deserialize;
use sqlx::AnyPool;

use super::value::Value;
use crate::db::now_ms;
use crate::db::tiltak_pages::{self, PlanCursor, PlanRow};
use crate::errors::ApiError;
use crate::local_time::oslo_date;
use crate::reports::answer_page::locale_of;
use crate::services::tiltaksplan::plan_scope;
use crate::state::AppState;

/// Measures read from the database at a time.
pub const ROWS_PER_READ: i64 = 500;

/// The plan page's address parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
    /// A unit id: that unit and those below it (empty or absent: every unit
    /// the caller reads).
    #[serde(default)]
    enhet: String,
}

/// What an export of a plan covers.
pub struct PlanExport {
    /// The units whose open measures it holds.
    pub units: Vec<String>,
    /// Today in Norway, `YYYY-MM-DD` (what is overdue).
    pub today: String,
    /// The language of the headers and states.
    pub locale: Locale,
}

/// The plan the caller asks for, refused as the plan page is: 403 for a
/// person who reads no unit's cases, 404 for a unit they do not read.
pub async fn plan_request(
    state: &AppState,
    auth: Option<Extension<Authenticated>>,
    headers: &HeaderMap,
    plan: PlanQuery,
) -> Result<PlanExport, ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let unit = Some(plan.enhet).filter(|unit| !unit.is_empty());
    let scope = plan_scope(state, &auth.user, unit.as_deref()).await?;
    Ok(PlanExport {
        units: scope.shown,
        today: oslo_date(now_ms()),
        locale: locale_of(headers),
    })
}

/// The open measures of `units` after `after`, [`ROWS_PER_READ`] at most,
/// and where the next read starts (`None`: these were the last).
pub async fn read_plan(
    pool: &AnyPool,
    units: &[String],
    after: Option<&PlanCursor>,
) -> anyhow::Result<(Vec<PlanRow>, Option<PlanCursor>)> {
    let rows = tiltak_pages::open_after(pool, units, after, ROWS_PER_READ)
        .await
        .context("read the tiltaksplan export")?;
    let next = rows
        .last()
        .filter(|_| rows.len() as i64 == ROWS_PER_READ)
        .map(PlanRow::cursor);
    Ok((rows, next))
}

/// The columns' headers, in the person's language.
pub fn headers(locale: Locale) -> [&'static str; 8] {
    [
        td_string!(locale, tiltak_title),
        td_string!(locale, export_unit),
        td_string!(locale, export_case_no),
        td_string!(locale, export_assigned),
        td_string!(locale, tiltak_due_short),
        td_string!(locale, avvik_status),
        td_string!(locale, tiltak_overdue),
        td_string!(locale, export_cost),
    ]
}

/// How wide a spreadsheet shows each column (in characters).
pub const WIDTHS: [f64; 8] = [60.0, 22.0, 14.0, 20.0, 12.0, 16.0, 10.0, 12.0];

/// A measure's values in the columns' order; a state this version has no
/// name for is written as stored.
pub fn values<'a>(row: &'a PlanRow, today: &str, locale: Locale) -> [Value<'a>; 8] {
    let tiltak = &row.tiltak;
    let overdue = tiltak.due_date.as_deref().is_some_and(|due| due < today);
    let status = TiltakState::from_db(&tiltak.status)
        .map_or(tiltak.status.as_str(), |state| state_label(state, locale));
    [
        Value::text(&tiltak.description),
        Value::text(&tiltak.unit_name),
        Value::text(tiltak.receipt_no.as_deref().unwrap_or_default()),
        Value::text(tiltak.responsible_display.as_deref().unwrap_or_default()),
        tiltak.due_date.as_deref().map_or(Value::Empty, Value::Day),
        Value::Text(Cow::Borrowed(status)),
        Value::text(if overdue {
            td_string!(locale, export_yes)
        } else {
            ""
        }),
        tiltak.cost_estimate.map_or(Value::Empty, Value::Number),
    ]
}
