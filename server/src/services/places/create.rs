//! Creating a child unit, a verneområde or a building in a unit the admin
//! manages (rooms come in by [`super::room_import`], one or many).

use app::domain::access::Action;
use app::domain::units::UnitKind;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::places::structure::{NewPlace, PlaceKind};
use futures::FutureExt;
use serde_json::json;

use super::rules::{clean_names, require_free_name, require_verneombud, save_with_history};
use crate::auth::access;
use crate::db::history::Change;
use crate::db::{new_id, org_places, places, units};
use crate::errors::internal;
use crate::state::AppState;

/// The level a new unit gets below a unit of `parent` level (none below an avdeling).
fn child_level(parent: UnitKind) -> Option<UnitKind> {
    [UnitKind::Sektor, UnitKind::Enhet, UnitKind::Avdeling]
        .into_iter()
        .find(|kind| kind.may_sit_below(Some(parent)))
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
    let unit_level = match new.kind {
        PlaceKind::Unit => {
            let parent = units::by_id(state.db.pool(), &new.unit_id)
                .await
                .map_err(internal("load a unit"))?
                .ok_or(AppError::NotFound)?;
            let level = child_level(parent.unit_kind());
            Some(level.ok_or(AppError::Invalid(InvalidInput::UnitLevel))?)
        }
        PlaceKind::Area | PlaceKind::Building => None,
        PlaceKind::Room => {
            return Err(AppError::Malformed(
                "rooms are added with the room import".into(),
            ));
        }
    };
    require_free_name(state, new.kind, &new.unit_id, &name, "").await?;
    let verneombud = match (new.kind, new.verneombud_id.filter(|id| !id.is_empty())) {
        (PlaceKind::Area, Some(person)) => {
            require_verneombud(state, user, &person).await?;
            Some(person)
        }
        _ => None,
    };
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
        data: json!({
            "name": name,
            "detail": detail,
            "in_unit": new.unit_id,
            "level": unit_level.map(UnitKind::as_str),
            "verneombud_id": verneombud,
        }),
    };
    let (place_id, unit_id) = (id.clone(), new.unit_id.clone());
    save_with_history(state, entry, move |conn, now| {
        async move {
            let (id, unit) = (place_id.as_str(), unit_id.as_str());
            match (new.kind, unit_level) {
                (PlaceKind::Unit, Some(level)) => {
                    units::insert(conn, id, Some(unit), level, &name, now).await
                }
                (PlaceKind::Area, _) => {
                    places::insert_area(&mut *conn, id, unit, &name, now).await?;
                    org_places::set_verneombud(conn, id, verneombud.as_deref()).await
                }
                _ => places::insert_building(conn, id, unit, &name, &detail, now).await,
            }
        }
        .boxed()
    })
    .await?;
    Ok(id)
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
