//! `GET /api/v1/sync/pull`: the changes to rounds, findings and photos in
//! the user's units after a sequence number, a page at a time.

use app::backend::Authenticated;
use app::domain::access::Action;
use app::error::AppError;
use app::sync::protocol::{Change, PullResponse, SCHEMA_VERSION};
use app::sync::scope::{pull_start, scope_key};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use serde::Deserialize;

use super::check_schema;
use crate::db::sync_log::{Page, PageBounds};
use crate::db::{sync_log, units};
use crate::errors::{ApiError, internal};
use crate::services::scope::units_in_scope;
use crate::state::AppState;

/// Default and largest page size.
const DEFAULT_LIMIT: i64 = 500;
const MAX_LIMIT: i64 = 1000;

/// Most bytes of change data in one page: a phone on a weak signal gets
/// its answer in seconds, and the server holds at most this (plus one
/// change) per pull, however large the stored changes are.
pub const PAGE_BYTES: usize = 1024 * 1024;

/// Query parameters of a pull.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// Changes after this sequence number (0 for everything).
    pub since: i64,
    /// Page size, 1–1000 (default 500).
    pub limit: Option<i64>,
    /// Must be the current schema version (1).
    pub schema: u32,
    /// The `scope` of the answer the cursor came from; when what the
    /// person may see has changed since, the pull starts from 0.
    pub scope: Option<String>,
}

/// One page of changes in sequence order, at most `limit` changes and about
/// 1 MiB; `more` says whether to ask again with `since = next_since`.
#[utoipa::path(
    get,
    path = "/api/v1/sync/pull",
    params(PullQuery),
    responses(
        (status = 200, description = "A page of changes", body = PullResponse),
        (status = 400, description = "Bad parameters or unknown schema version"),
        (status = 401, description = "Not logged in"),
    ),
    tag = "sync"
)]
#[tracing::instrument(skip(state, auth))]
pub async fn pull(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let Query(query) = query.map_err(|error| AppError::Malformed(error.body_text()))?;
    check_schema(query.schema)?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) || query.since < 0 {
        return Err(AppError::Malformed(format!(
            "since must be 0 or more and limit 1–{MAX_LIMIT}."
        ))
        .into());
    }
    let rows = units::all(state.db.pool())
        .await
        .map_err(internal("load units"))?;
    // A round names who walked it, and so who found each avvik: a unit
    // read without learning who reported (the MKS group) gets no rounds.
    let told_who: Vec<String> = units_in_scope(&rows, &auth.user, Action::SeeReporter)
        .into_iter()
        .map(|unit| unit.id)
        .collect();
    let read = units_in_scope(&rows, &auth.user, Action::ReadReports)
        .into_iter()
        .filter(|unit| told_who.contains(&unit.id));
    let mut unit_ids: Vec<String> = units_in_scope(&rows, &auth.user, Action::WalkRound)
        .into_iter()
        .chain(read)
        .map(|unit| unit.id)
        .collect();
    unit_ids.sort();
    unit_ids.dedup();
    let scope = scope_key(&auth.user.id, &unit_ids);
    let since = pull_start(query.since, query.scope.as_deref(), &scope);
    let bounds = PageBounds {
        rows: limit,
        bytes: PAGE_BYTES,
    };
    let Page { rows: page, more } = sync_log::page(state.db.pool(), since, bounds, &unit_ids)
        .await
        .map_err(internal("read the change log"))?;
    let next_since = page.last().map_or(since, |(seq, _)| *seq);
    let changes: Vec<Change> = page
        .into_iter()
        .filter_map(|(seq, data)| match serde_json::from_str(&data) {
            Ok(record) => Some(Change { seq, record }),
            Err(error) => {
                tracing::warn!(seq, %error, "history entry is not a synced record");
                None
            }
        })
        .collect();
    Ok(Json(PullResponse {
        schema: SCHEMA_VERSION,
        changes,
        next_since,
        more,
        scope,
    }))
}
