//! Renaming, moving and retiring places, and choosing an area's verneombud:
//! always inside the admin's own subtree (the place's unit, and the unit it
//! goes to), always with a history entry.

use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::places::structure::{PlaceChange, PlaceKind};
use futures::FutureExt;
use serde_json::json;

use super::rules::{
    building_in_reach, clean_names, require_free_name, require_verneombud, save_with_history,
};
use crate::auth::access;
use crate::db::history::Change;
use crate::db::structure::{self, PlaceRow};
use crate::db::{org_places, units};
use crate::errors::internal;
use crate::state::AppState;

/// Applies one change to a place the admin manages.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn change_place(
    state: &AppState,
    user: &CurrentUser,
    kind: PlaceKind,
    id: &str,
    change: PlaceChange,
) -> Result<(), AppError> {
    let place = structure::place(state.db.pool(), kind, id)
        .await
        .map_err(internal("load a place"))?
        .ok_or(AppError::NotFound)?;
    access::require(
        &state.db,
        user,
        Action::ManageOrganisation,
        &place.owner_unit,
    )
    .await?;
    let plan = match change {
        PlaceChange::Rename { name, detail } => rename(state, kind, &place, &name, detail).await?,
        PlaceChange::Move { to_unit } => move_under(state, user, kind, &place, to_unit).await?,
        PlaceChange::MoveRoom {
            building_id,
            unit_id,
        } => move_room(state, user, kind, &place, building_id, unit_id).await?,
        PlaceChange::SetVerneombud { user_id } => {
            set_verneombud(state, user, kind, &place, user_id).await?
        }
        PlaceChange::Retire => retire(state, kind, &place).await?,
    };
    let Plan {
        action,
        unit,
        data,
        write,
    } = plan;
    let entry = Change {
        entity_kind: kind.history_kind(),
        entity_id: &place.id,
        unit_id: Some(&unit),
        action,
        actor_user_id: Some(&user.id),
        data,
    };
    let id = place.id.clone();
    save_with_history(state, entry, move |conn, now| {
        async move { write.apply(conn, kind, &id, now).await }.boxed()
    })
    .await
}

/// A checked change: its history entry (what, under which unit, details)
/// and the write that goes with it.
struct Plan {
    action: &'static str,
    unit: String,
    data: serde_json::Value,
    write: Write,
}

/// The row change a [`Plan`] makes.
enum Write {
    Rename {
        name: String,
        /// `None`: the address or floor stays as it is.
        detail: Option<String>,
    },
    MoveTo(String),
    MoveRoom {
        building: String,
        unit: String,
        keep_area: bool,
    },
    SetVerneombud(Option<String>),
    Retire,
}

impl Write {
    async fn apply(
        self,
        conn: &mut sqlx::AnyConnection,
        kind: PlaceKind,
        id: &str,
        now: i64,
    ) -> sqlx::Result<()> {
        match self {
            Write::Rename { name, detail } => {
                structure::rename(&mut *conn, kind, id, &name).await?;
                match detail {
                    Some(detail) => structure::set_detail(conn, kind, id, &detail).await,
                    None => Ok(()),
                }
            }
            Write::MoveTo(unit) => structure::move_to(conn, kind, id, &unit).await,
            Write::MoveRoom {
                building,
                unit,
                keep_area,
            } => structure::move_room(conn, id, (&building, &unit), keep_area).await,
            Write::SetVerneombud(person) => {
                org_places::set_verneombud(conn, id, person.as_deref()).await
            }
            Write::Retire => structure::retire(conn, kind, id, now).await,
        }
    }
}

async fn rename(
    state: &AppState,
    kind: PlaceKind,
    place: &PlaceRow,
    name: &str,
    detail: Option<String>,
) -> Result<Plan, AppError> {
    let (name, cleaned) = clean_names(name, detail.as_deref().unwrap_or_default())?;
    let detail = detail.map(|_| cleaned);
    if let Some(parent) = &place.parent {
        require_free_name(state, kind, parent, &name, &place.id).await?;
    }
    Ok(Plan {
        action: "renamed",
        unit: place.owner_unit.clone(),
        data: json!({ "name": name, "detail": detail }),
        write: Write::Rename { name, detail },
    })
}

async fn move_under(
    state: &AppState,
    user: &CurrentUser,
    kind: PlaceKind,
    place: &PlaceRow,
    to_unit: String,
) -> Result<Plan, AppError> {
    if kind == PlaceKind::Room {
        return Err(AppError::Malformed(
            "a room moves to a building and a unit".into(),
        ));
    }
    access::require(&state.db, user, Action::ManageOrganisation, &to_unit).await?;
    if kind == PlaceKind::Unit {
        let pool = state.db.pool();
        let load = |id: String| async move {
            units::by_id(pool, &id)
                .await
                .map_err(internal("load a unit"))?
                .ok_or(AppError::NotFound)
        };
        let (unit, parent) = (load(place.id.clone()).await?, load(to_unit.clone()).await?);
        // The four levels are strict, so a unit can never land inside its
        // own subtree: everything below it is of a lower level than a parent.
        if !unit.unit_kind().may_sit_below(Some(parent.unit_kind())) {
            return Err(AppError::Invalid(InvalidInput::UnitLevel));
        }
    }
    require_free_name(state, kind, &to_unit, &place.name, &place.id).await?;
    Ok(Plan {
        action: "moved",
        unit: to_unit.clone(),
        data: json!({ "from_unit": place.parent, "to_unit": to_unit }),
        write: Write::MoveTo(to_unit),
    })
}

async fn move_room(
    state: &AppState,
    user: &CurrentUser,
    kind: PlaceKind,
    place: &PlaceRow,
    building_id: String,
    unit_id: String,
) -> Result<Plan, AppError> {
    if kind != PlaceKind::Room {
        return Err(AppError::Malformed(
            "only a room moves to a building".into(),
        ));
    }
    access::require(&state.db, user, Action::ManageOrganisation, &unit_id).await?;
    let chain = building_in_reach(state, &building_id, &unit_id).await?;
    require_free_name(state, kind, &building_id, &place.name, &place.id).await?;
    let area_unit = org_places::room_area_unit(state.db.pool(), &place.id)
        .await
        .map_err(internal("load the room's area"))?;
    let keeps_area = area_unit.is_none_or(|unit| chain.contains(&unit));
    Ok(Plan {
        action: "moved",
        unit: unit_id.clone(),
        data: json!({
            "from_building": place.parent,
            "from_unit": place.owner_unit,
            "to_building": building_id,
            "to_unit": unit_id,
            "keeps_area": keeps_area,
        }),
        write: Write::MoveRoom {
            building: building_id,
            unit: unit_id,
            keep_area: keeps_area,
        },
    })
}

async fn set_verneombud(
    state: &AppState,
    user: &CurrentUser,
    kind: PlaceKind,
    place: &PlaceRow,
    person: Option<String>,
) -> Result<Plan, AppError> {
    if kind != PlaceKind::Area {
        return Err(AppError::Malformed(
            "only a verneområde has a verneombud".into(),
        ));
    }
    let person = person.filter(|id| !id.is_empty());
    if let Some(person) = &person {
        require_verneombud(state, user, person).await?;
    }
    Ok(Plan {
        action: "verneombud_set",
        unit: place.owner_unit.clone(),
        data: json!({ "verneombud_id": person }),
        write: Write::SetVerneombud(person),
    })
}

async fn retire(state: &AppState, kind: PlaceKind, place: &PlaceRow) -> Result<Plan, AppError> {
    let held = structure::active_contents(state.db.pool(), kind, &place.id)
        .await
        .map_err(internal("count what a place holds"))?;
    if held > 0 {
        return Err(AppError::Invalid(InvalidInput::PlaceInUse));
    }
    Ok(Plan {
        action: "retired",
        unit: place.owner_unit.clone(),
        data: json!({}),
        write: Write::Retire,
    })
}
