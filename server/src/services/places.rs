//! Places for the HMS-ansvarlig: the organisation page (units, areas,
//! buildings), the room list, an import of rooms from CSV (checked line by
//! line, saved all at once or not at all: [`room_import`]), and creating,
//! renaming, moving and retiring ([`create`], [`change`]). Each change is in
//! the history; nothing is deleted.

pub mod change;
pub mod create;
pub mod room_import;
pub mod rules;

pub use change::change_place;
pub use create::create_place;
pub use room_import::{import_rooms, preview_import};

use std::collections::HashSet;

use app::domain::access::Action;
use app::domain::units::UnitView;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::places::structure::{BuildingView, OrgAdmin};
use app::places::{AdminRoom, RoomsAdmin};
use app::reports::PosterRoom;

use super::scope::units_in_scope;
use crate::db::{org_places, places, units};
use crate::errors::internal;
use crate::state::AppState;

/// The rooms and units of the admin's part of the organisation.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn rooms_admin(state: &AppState, user: &CurrentUser) -> Result<RoomsAdmin, AppError> {
    let pool = state.db.pool();
    let managed = managed_units(state, user).await?;
    let ids: HashSet<&str> = managed.iter().map(|unit| unit.id.as_str()).collect();
    let rooms = places::all_poster_rooms(pool)
        .await
        .map_err(internal("load rooms"))?
        .into_iter()
        .filter(|row| ids.contains(row.unit_id.as_str()))
        .map(|row| AdminRoom {
            building_id: row.building_id,
            unit_id: row.unit_id,
            room: PosterRoom {
                id: row.id,
                room: row.name,
                floor: row.floor,
                building: row.building,
                unit: row.unit_name,
            },
        })
        .collect();
    let buildings = managed_buildings(state, &ids).await?;
    Ok(RoomsAdmin {
        rooms,
        units: managed,
        buildings,
    })
}

/// The admin's part of the organisation: units, areas with their
/// verneombud, buildings, and the people who may cover an area.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn org_admin(state: &AppState, user: &CurrentUser) -> Result<OrgAdmin, AppError> {
    let pool = state.db.pool();
    let managed = managed_units(state, user).await?;
    let ids: HashSet<&str> = managed.iter().map(|unit| unit.id.as_str()).collect();
    let areas = org_places::areas(pool)
        .await
        .map_err(internal("load areas"))?
        .into_iter()
        .filter(|area| ids.contains(area.unit_id.as_str()))
        .collect();
    let buildings = managed_buildings(state, &ids).await?;
    let verneombud = rules::eligible_verneombud(state, &managed).await?;
    Ok(OrgAdmin {
        units: managed,
        areas,
        buildings,
        verneombud,
    })
}

/// The units where the user manages the organisation, in tree order;
/// refused when there are none.
async fn managed_units(state: &AppState, user: &CurrentUser) -> Result<Vec<UnitView>, AppError> {
    let rows = units::all(state.db.pool())
        .await
        .map_err(internal("load units"))?;
    let managed = units_in_scope(&rows, user, Action::ManageOrganisation);
    if managed.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(managed)
}

async fn managed_buildings(
    state: &AppState,
    unit_ids: &HashSet<&str>,
) -> Result<Vec<BuildingView>, AppError> {
    Ok(org_places::buildings(state.db.pool())
        .await
        .map_err(internal("load buildings"))?
        .into_iter()
        .filter(|building| unit_ids.contains(building.unit_id.as_str()))
        .collect())
}
