//! The start page's data.

use app::domain::access::Action;
use app::domain::roles::Role;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::start::{AdminStats, AreaView, StartPageData};

use super::scope::units_in_scope;
use crate::db::{places, stats, units};
use crate::errors::internal;
use crate::state::AppState;

/// Roles, units in reach, verneområder for verneombud, and counts for admins.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn load(state: &AppState, user: &CurrentUser) -> Result<StartPageData, AppError> {
    let pool = state.db.pool();
    let rows = units::all(pool).await.map_err(internal("load units"))?;
    let visible = units_in_scope(&rows, user, Action::ViewUnit);
    let is_safety_rep = user.has_role(Role::Verneombud) || user.has_role(Role::Hovedverneombud);
    let areas = if is_safety_rep {
        let walkable = units_in_scope(&rows, user, Action::WalkRound);
        places::all_areas(pool)
            .await
            .map_err(internal("load areas"))?
            .into_iter()
            .filter(|area| walkable.iter().any(|unit| unit.id == area.unit_id))
            .map(|area| AreaView {
                id: area.id,
                name: area.name,
                unit_name: area.unit_name,
                room_count: area.room_count,
            })
            .collect()
    } else {
        Vec::new()
    };
    let admin = if user.has_role(Role::HmsAdmin) {
        Some(admin_stats(state, user, &rows).await?)
    } else {
        None
    };
    Ok(StartPageData {
        user: user.clone(),
        units: visible,
        areas,
        admin,
    })
}

async fn admin_stats(
    state: &AppState,
    user: &CurrentUser,
    rows: &[units::UnitRow],
) -> Result<AdminStats, AppError> {
    let pool = state.db.pool();
    let overview = super::admin::overview_of(state, user, rows).await?;
    let unit_ids: Vec<String> = overview.units.iter().map(|unit| unit.id.clone()).collect();
    let rooms = stats::rooms_in_units(pool, &unit_ids)
        .await
        .map_err(internal("count rooms"))?;
    let checklists = stats::published_checklists(pool)
        .await
        .map_err(internal("count checklists"))?;
    Ok(AdminStats {
        users: i64::try_from(overview.users.len()).unwrap_or(i64::MAX),
        units: i64::try_from(overview.units.len()).unwrap_or(i64::MAX),
        rooms,
        checklists,
    })
}
