//! `GET /api/v1/tiltak/export.csv?enhet=…`: a tiltaksplan as CSV, every
//! open measure of the unit and those below it that the person reads (the
//! plan page shows the first 300), in the plan's order, overdue first.

use anyhow::Context;
use app::backend::Authenticated;
use app::error::AppError;
use app::i18n::{Locale, td_string};
use app::tiltak::case_card::state_label;
use app::tiltak::model::norwegian_date;
use app::tiltak::rules::TiltakState;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use sqlx::AnyPool;

use super::csv::{Cell, push_row};
use super::download::csv_download;
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
#[derive(Debug, Deserialize)]
pub struct PlanQuery {
    /// A unit id: that unit and those below it (empty or absent: all).
    #[serde(default)]
    enhet: String,
}

/// The open measures of the plan as a CSV download; 403 for a person who
/// reads no unit's cases, 404 for a unit they do not read.
#[utoipa::path(
    get,
    path = "/api/v1/tiltak/export.csv",
    params(("enhet" = Option<String>, Query, description = "A unit id: that unit and those below it")),
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
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let unit = Some(plan.enhet).filter(|unit| !unit.is_empty());
    let scope = plan_scope(&state, &auth.user, unit.as_deref()).await?;
    let locale = locale_of(&headers);
    let today = oslo_date(now_ms());
    let mut head = String::new();
    push_header(&mut head, locale);
    let pool = state.db.pool().clone();
    Ok(csv_download("tiltaksplan", head, move |after| {
        let shown = scope.shown.clone();
        read_rows(pool.clone(), shown, after, (today.clone(), locale))
    }))
}

/// The measures after `after`, [`ROWS_PER_READ`] at most, as CSV rows.
async fn read_rows(
    pool: AnyPool,
    units: Vec<String>,
    after: Option<PlanCursor>,
    (today, locale): (String, Locale),
) -> anyhow::Result<(String, Option<PlanCursor>)> {
    let rows = tiltak_pages::open_after(&pool, &units, after.as_ref(), ROWS_PER_READ)
        .await
        .context("read the tiltaksplan export")?;
    let mut text = String::new();
    for row in &rows {
        push_measure(&mut text, row, &today, locale);
    }
    let next = rows
        .last()
        .filter(|_| rows.len() as i64 == ROWS_PER_READ)
        .map(PlanRow::cursor);
    Ok((text, next))
}

fn push_header(out: &mut String, locale: Locale) {
    let names = [
        td_string!(locale, tiltak_title),
        td_string!(locale, export_unit),
        td_string!(locale, export_case_no),
        td_string!(locale, export_assigned),
        td_string!(locale, tiltak_due_short),
        td_string!(locale, avvik_status),
        td_string!(locale, tiltak_overdue),
        td_string!(locale, export_cost),
    ];
    let cells: Vec<Cell<'_>> = names.into_iter().map(Cell::Text).collect();
    push_row(out, &cells);
}

/// One measure as a row; a state this version has no name for is written
/// as stored.
fn push_measure(out: &mut String, row: &PlanRow, today: &str, locale: Locale) {
    let tiltak = &row.tiltak;
    let due = tiltak
        .due_date
        .as_deref()
        .map(norwegian_date)
        .unwrap_or_default();
    let overdue = tiltak.due_date.as_deref().is_some_and(|due| due < today);
    let status = TiltakState::from_db(&tiltak.status)
        .map_or(tiltak.status.as_str(), |state| state_label(state, locale));
    let cost = tiltak.cost_estimate.map_or(Cell::Text(""), Cell::Number);
    push_row(
        out,
        &[
            Cell::Text(&tiltak.description),
            Cell::Text(&tiltak.unit_name),
            Cell::Text(tiltak.receipt_no.as_deref().unwrap_or_default()),
            Cell::Text(tiltak.responsible_display.as_deref().unwrap_or_default()),
            Cell::Text(&due),
            Cell::Text(status),
            Cell::Text(if overdue {
                td_string!(locale, export_yes)
            } else {
                ""
            }),
            cost,
        ],
    );
}
