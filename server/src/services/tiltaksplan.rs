//! A unit's tiltaksplan: the open measures of the units a person reads
//! (the one access rule), narrowed to one unit and those below it, overdue
//! first, at most [`PLAN_LIMIT`] at a time.

use app::domain::access::{Action, UnitTree};
use app::domain::units::UnitView;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::tiltak::model::{PLAN_LIMIT, Tiltaksplan};

use super::scope::{tree_of, units_in_scope};
use super::tiltak::view;
use crate::auth::access;
use crate::db::{now_ms, tiltak, units};
use crate::errors::internal;
use crate::local_time::oslo_date;
use crate::state::AppState;

/// The open measures `user` reads in `unit` and below (`None`: everywhere
/// they read), with the steps offered where they follow the unit up.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn tiltaksplan(
    state: &AppState,
    user: &CurrentUser,
    unit: Option<String>,
) -> Result<Tiltaksplan, AppError> {
    let pool = state.db.pool();
    let scope = plan_scope(state, user, unit.as_deref()).await?;
    let today = oslo_date(now_ms());
    let limit = i64::try_from(PLAN_LIMIT + 1).unwrap_or(i64::MAX);
    let mut found = tiltak::open_in_units(pool, &scope.shown, &today, limit)
        .await
        .map_err(internal("load the tiltaksplan"))?;
    let more = found.len() > PLAN_LIMIT;
    found.truncate(PLAN_LIMIT);
    let plan = found
        .into_iter()
        .filter_map(|row| {
            let follows_up =
                access::allowed(user, Action::FollowUpAvvik, &scope.tree.chain(&row.unit_id));
            view(row, &today, follows_up)
        })
        .collect();
    Ok(Tiltaksplan {
        units: scope.readable,
        unit_id: unit.unwrap_or_default(),
        rows: plan,
        more,
    })
}

/// Whose measures a plan shows.
pub(crate) struct PlanScope {
    /// The units whose cases the person reads.
    pub readable: Vec<UnitView>,
    /// The whole organisation.
    pub tree: UnitTree,
    /// The units the plan covers: `unit` and below, or all readable ones.
    pub shown: Vec<String>,
}

/// The units of `user`'s plan for `unit`; refused for a person who reads no
/// unit's cases, not found for a unit they do not read.
pub(crate) async fn plan_scope(
    state: &AppState,
    user: &CurrentUser,
    unit: Option<&str>,
) -> Result<PlanScope, AppError> {
    let rows = units::all(state.db.pool())
        .await
        .map_err(internal("load units"))?;
    let readable = units_in_scope(&rows, user, Action::ReadReports);
    if readable.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tree = tree_of(&rows);
    if let Some(unit) = unit
        && !readable.iter().any(|view| view.id == unit)
    {
        return Err(AppError::NotFound);
    }
    let shown = readable
        .iter()
        .filter(|view| unit.is_none_or(|unit| tree.is_within(&view.id, unit)))
        .map(|view| view.id.clone())
        .collect();
    Ok(PlanScope {
        readable,
        tree,
        shown,
    })
}
