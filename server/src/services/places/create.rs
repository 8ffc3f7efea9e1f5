//! Creating a child unit, a verneområde, a building or a single room in a
//! unit the admin manages (many rooms come in by [`super::room_import`]).

use app::domain::access::Action;
use app::domain::units::UnitKind;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::places::structure::{NewPlace, PlaceKind};
use futures::FutureExt;
use serde_json::json;

use super::rules::{
    building_in_reach, clean_names, require_free_name, require_verneombud, save_with_history,
};
use crate::auth::access;
use crate::db::history::Change;
use crate::db::places::{self, NewRoom};
use crate::db::{new_id, org_places, units};
use crate::errors::internal;
use crate::reports::posters::new_room_token;
use crate::state::AppState;

/// The level a new unit gets below a unit of `parent` level (none below an avdeling).
fn child_level(parent: UnitKind) -> Option<UnitKind> {
    [UnitKind::Sektor, UnitKind::Enhet, UnitKind::Avdeling]
        .into_iter()
        .find(|kind| kind.may_sit_below(Some(parent)))
}

/// What the new place's row needs beyond its name, detail and unit: checked
/// before anything is written.
enum Target {
    /// A unit at this level.
    Unit(UnitKind),
    /// An area, with the verneombud who covers it.
    Area(Option<String>),
    /// A building (its address is the detail).
    Building,
    /// A room in this building, with its new QR token.
    Room { building_id: String, token: String },
}

impl Target {
    /// The place names must be unique under: the unit, or a room's building.
    fn parent<'a>(&'a self, unit_id: &'a str) -> &'a str {
        match self {
            Target::Room { building_id, .. } => building_id,
            _ => unit_id,
        }
    }
}

/// Creates the place and returns its id.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn create_place(
    state: &AppState,
    user: &CurrentUser,
    new: NewPlace,
) -> Result<String, AppError> {
    access::require(&state.db, user, Action::ManageOrganisation, &new.unit_id).await?;
    let (name, detail) = clean_names(&new.name, &new.detail)?;
    let target = target(state, user, &new).await?;
    require_free_name(state, new.kind, target.parent(&new.unit_id), &name, "").await?;
    let id = new_id();
    let entry = Change {
        entity_kind: new.kind.history_kind(),
        entity_id: &id,
        unit_id: Some(if new.kind == PlaceKind::Unit {
            &id
        } else {
            &new.unit_id
        }),
        action: "created",
        actor_user_id: Some(&user.id),
        data: history_data(&target, &name, &detail, &new.unit_id),
    };
    let (place_id, unit_id) = (id.clone(), new.unit_id.clone());
    save_with_history(state, entry, move |conn, now| {
        async move {
            let (id, unit) = (place_id.as_str(), unit_id.as_str());
            match target {
                Target::Unit(level) => units::insert(conn, id, Some(unit), level, &name, now).await,
                Target::Area(verneombud) => {
                    places::insert_area(&mut *conn, id, unit, &name, now).await?;
                    org_places::set_verneombud(conn, id, verneombud.as_deref()).await
                }
                Target::Building => {
                    places::insert_building(conn, id, unit, &name, &detail, now).await
                }
                Target::Room { building_id, token } => {
                    let room = NewRoom {
                        id,
                        building_id: &building_id,
                        unit_id: unit,
                        area_id: None,
                        name: &name,
                        floor: &detail,
                        qr_token: &token,
                    };
                    places::insert_room(conn, &room, now).await
                }
            }
        }
        .boxed()
    })
    .await?;
    Ok(id)
}

/// Checks what the kind of place needs: a level below the parent unit, a
/// verneombud the admin may choose, a building the room's unit may use.
async fn target(state: &AppState, user: &CurrentUser, new: &NewPlace) -> Result<Target, AppError> {
    Ok(match new.kind {
        PlaceKind::Unit => {
            let parent = units::by_id(state.db.pool(), &new.unit_id)
                .await
                .map_err(internal("load a unit"))?
                .ok_or(AppError::NotFound)?;
            let level = child_level(parent.unit_kind());
            Target::Unit(level.ok_or(AppError::Invalid(InvalidInput::UnitLevel))?)
        }
        PlaceKind::Area => {
            let person = new.verneombud_id.clone().filter(|id| !id.is_empty());
            if let Some(person) = &person {
                require_verneombud(state, user, person).await?;
            }
            Target::Area(person)
        }
        PlaceKind::Building => Target::Building,
        PlaceKind::Room => {
            let building_id = new.building_id.clone().unwrap_or_default();
            building_in_reach(state, &building_id, &new.unit_id).await?;
            Target::Room {
                building_id,
                token: new_room_token(),
            }
        }
    })
}

/// The history entry's details: what a reader of the history needs to
/// know where the place came from.
fn history_data(target: &Target, name: &str, detail: &str, unit_id: &str) -> serde_json::Value {
    let mut data = json!({ "name": name, "detail": detail, "in_unit": unit_id });
    match target {
        Target::Unit(level) => data["level"] = json!(level.as_str()),
        Target::Area(verneombud) => data["verneombud_id"] = json!(verneombud),
        Target::Building => {}
        Target::Room { building_id, .. } => {
            data["building_id"] = json!(building_id);
            data["source"] = json!("form");
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_unit_is_one_level_below_its_parent_and_none_below_an_avdeling() {
        assert_eq!(child_level(UnitKind::Kommune), Some(UnitKind::Sektor));
        assert_eq!(child_level(UnitKind::Sektor), Some(UnitKind::Enhet));
        assert_eq!(child_level(UnitKind::Enhet), Some(UnitKind::Avdeling));
        assert_eq!(child_level(UnitKind::Avdeling), None);
    }
}
