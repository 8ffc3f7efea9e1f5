//! Checks shared by creating and changing places: names, the admin's reach,
//! and who may cover a verneområde.

use app::domain::units::UnitView;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::places::import::MAX_FIELD_CHARS;
use app::places::structure::{PersonOption, PlaceKind};

use crate::db::history::{self, Change};
use crate::db::{is_unique_violation, now_ms, org_places, structure, units};
use crate::errors::internal;
use crate::state::AppState;

/// A trimmed name of 1–200 characters and a trimmed detail of at most 200.
pub fn clean_names(name: &str, detail: &str) -> Result<(String, String), AppError> {
    let (name, detail) = (name.trim().to_owned(), detail.trim().to_owned());
    let fits = |text: &str| text.chars().count() <= MAX_FIELD_CHARS;
    if name.is_empty() || !fits(&name) || !fits(&detail) {
        return Err(AppError::Invalid(InvalidInput::PlaceName));
    }
    Ok((name, detail))
}

/// Refuses a name another active place under `parent` already has.
pub async fn require_free_name(
    state: &AppState,
    kind: PlaceKind,
    parent: &str,
    name: &str,
    except_id: &str,
) -> Result<(), AppError> {
    let taken = structure::name_taken(state.db.pool(), kind, parent, name, except_id)
        .await
        .map_err(internal("check a place's name"))?;
    if taken {
        return Err(AppError::Invalid(InvalidInput::PlaceExists));
    }
    Ok(())
}

/// Refuses a building the rooms of `unit_id` may not be in: one that is
/// not the unit's own or one of the units above it (a school's rooms may be
/// in the municipality's building, not in a neighbour school's). Returns the
/// unit's chain of ancestors, itself included.
pub async fn building_in_reach(
    state: &AppState,
    building_id: &str,
    unit_id: &str,
) -> Result<Vec<String>, AppError> {
    let pool = state.db.pool();
    let building = structure::place(pool, PlaceKind::Building, building_id)
        .await
        .map_err(internal("load a building"))?
        .ok_or(AppError::Invalid(InvalidInput::RoomBuilding))?;
    let chain = units::chain(pool, unit_id)
        .await
        .map_err(internal("load the unit's ancestry"))?;
    if !chain.contains(&building.owner_unit) {
        return Err(AppError::Invalid(InvalidInput::RoomBuilding));
    }
    Ok(chain)
}

/// Refuses anyone but a person with an active verneombud or
/// hovedverneombud role in a unit the admin manages: the admin chooses
/// among those elected in their part of the organisation.
pub async fn require_verneombud(
    state: &AppState,
    admin: &CurrentUser,
    user_id: &str,
) -> Result<(), AppError> {
    let managed = super::managed_units(state, admin).await?;
    let eligible = eligible_verneombud(state, &managed).await?;
    if eligible.iter().any(|person| person.id == user_id) {
        Ok(())
    } else {
        Err(AppError::Invalid(InvalidInput::Verneombud))
    }
}

/// The people with an active verneombud or hovedverneombud role in one of
/// `managed`, each once, by name: the only ones an area may be given.
pub async fn eligible_verneombud(
    state: &AppState,
    managed: &[UnitView],
) -> Result<Vec<PersonOption>, AppError> {
    let grants = org_places::verneombud_grants(state.db.pool())
        .await
        .map_err(internal("load verneombud"))?;
    let mut people: Vec<PersonOption> = Vec::new();
    for grant in grants {
        let in_reach = managed.iter().any(|unit| unit.id == grant.unit_id);
        if in_reach && !people.iter().any(|person| person.id == grant.user_id) {
            people.push(PersonOption {
                id: grant.user_id,
                name: grant.name,
            });
        }
    }
    Ok(people)
}

/// Runs `write` in a write transaction and records its history entry there,
/// so a change and its entry land together or not at all. A name another
/// save took meanwhile (after [`require_free_name`] passed) is refused as
/// the check would have refused it.
pub async fn save_with_history<F>(
    state: &AppState,
    entry: Change<'_>,
    write: F,
) -> Result<(), AppError>
where
    F: for<'c> FnOnce(
        &'c mut sqlx::AnyConnection,
        i64,
    ) -> futures::future::BoxFuture<'c, sqlx::Result<()>>,
{
    let now = now_ms();
    let save = async {
        let mut tx = state.db.begin_write().await?;
        write(&mut tx, now).await?;
        history::append(&mut tx, &entry, now).await?;
        tx.commit().await
    };
    save.await.map_err(|error| {
        if is_unique_violation(&error) {
            AppError::Invalid(InvalidInput::PlaceExists)
        } else {
            internal("save a change to a place")(error)
        }
    })
}
