//! Rooms for the HMS-ansvarlig: the list, an import from CSV (checked line
//! by line, saved all at once or not at all), renaming and retiring. Each
//! change is in the history; nothing is deleted.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::places::import::{self, FileProblem, ImportPreview, ImportProblem, MAX_FIELD_CHARS};
use app::places::{RoomChange, RoomsAdmin};
use app::reports::PosterRoom;

use super::scope::units_in_scope;
use crate::auth::access;
use crate::db::history::{self, Change};
use crate::db::places::{self, NewRoom};
use crate::db::{new_id, now_ms, units};
use crate::errors::internal;
use crate::reports::posters::new_room_token;
use crate::state::AppState;

/// The rooms and units of the admin's part of the organisation.
pub async fn rooms_admin(state: &AppState, user: &CurrentUser) -> Result<RoomsAdmin, AppError> {
    let pool = state.db.pool();
    let rows = units::all(pool).await.map_err(internal("load units"))?;
    let managed = units_in_scope(&rows, user, Action::ManageOrganisation);
    if managed.is_empty() {
        return Err(AppError::Forbidden);
    }
    let ids: HashSet<&str> = managed.iter().map(|unit| unit.id.as_str()).collect();
    let rooms = places::all_poster_rooms(pool)
        .await
        .map_err(internal("load rooms"))?
        .into_iter()
        .filter(|row| ids.contains(row.unit_id.as_str()))
        .map(|row| PosterRoom {
            id: row.id,
            room: row.name,
            floor: row.floor,
            building: row.building,
            unit: row.unit_name,
        })
        .collect();
    Ok(RoomsAdmin {
        rooms,
        units: managed,
    })
}

/// The buildings a unit's rooms may be in, by lowercased name: its own and
/// its ancestors' (a department's rooms are in its school's building); the
/// nearest unit's building wins a name.
async fn buildings_for(
    state: &AppState,
    unit_id: &str,
) -> Result<HashMap<String, String>, AppError> {
    let pool = state.db.pool();
    let chain = units::chain(pool, unit_id)
        .await
        .map_err(internal("load the unit's ancestry"))?;
    let rows = places::buildings_of_units(pool, &chain)
        .await
        .map_err(internal("load buildings"))?;
    let mut by_name = HashMap::new();
    for unit in chain.iter().rev() {
        for (id, name, _) in rows.iter().filter(|(_, _, owner)| owner == unit) {
            by_name.insert(name.to_lowercase(), id.clone());
        }
    }
    Ok(by_name)
}

/// Checks a CSV file against the unit's buildings and rooms.
pub async fn preview_import(
    state: &AppState,
    user: &CurrentUser,
    unit_id: &str,
    csv: &str,
) -> Result<ImportPreview, AppError> {
    access::require(&state.db, user, Action::ManageOrganisation, unit_id).await?;
    let mut lines = import::parse(csv).map_err(|problem| {
        AppError::Invalid(match problem {
            FileProblem::Empty => InvalidInput::ImportEmpty,
            FileProblem::TooManyLines => InvalidInput::ImportTooLarge,
        })
    })?;
    let buildings = buildings_for(state, unit_id).await?;
    let mut existing: HashMap<String, HashSet<String>> = HashMap::new();
    for line in &mut lines {
        let Some(building_id) = buildings.get(&line.building.to_lowercase()) else {
            line.new_building = true;
            continue;
        };
        if !existing.contains_key(building_id) {
            let names = places::room_names_in_building(state.db.pool(), building_id)
                .await
                .map_err(internal("load room names"))?;
            let names = names.into_iter().map(|name| name.to_lowercase()).collect();
            existing.insert(building_id.clone(), names);
        }
        let taken = existing
            .get(building_id)
            .is_some_and(|names| names.contains(&line.room.to_lowercase()));
        if line.problem.is_none() && taken {
            line.problem = Some(ImportProblem::Exists);
        }
    }
    Ok(ImportPreview { lines })
}

/// Saves every room of the file in `unit_id` (creating missing buildings),
/// or nothing when any line has a problem. Returns how many were saved.
pub async fn import_rooms(
    state: &AppState,
    user: &CurrentUser,
    unit_id: &str,
    csv: &str,
) -> Result<usize, AppError> {
    let preview = preview_import(state, user, unit_id, csv).await?;
    if !preview.can_save() {
        return Err(AppError::Invalid(InvalidInput::ImportHasProblems));
    }
    let mut buildings = buildings_for(state, unit_id).await?;
    let now = now_ms();
    let save = async {
        let mut tx = state.db.begin_write().await.context("begin")?;
        for line in &preview.lines {
            let key = line.building.to_lowercase();
            let building_id = match buildings.get(&key) {
                Some(id) => id.clone(),
                None => {
                    let id = new_id();
                    places::insert_building(&mut *tx, &id, unit_id, &line.building, "", now)
                        .await
                        .context("insert a building")?;
                    let data = serde_json::json!({ "name": line.building, "source": "import" });
                    record(&mut tx, user, ("building", &id, unit_id), data, now).await?;
                    buildings.insert(key, id.clone());
                    id
                }
            };
            let (id, token) = (new_id(), new_room_token());
            let room = NewRoom {
                id: &id,
                building_id: &building_id,
                unit_id,
                area_id: None,
                name: &line.room,
                floor: &line.floor,
                qr_token: &token,
            };
            places::insert_room(&mut *tx, &room, now)
                .await
                .context("insert a room")?;
            let data = serde_json::json!({
                "name": line.room, "floor": line.floor, "building_id": building_id, "source": "import",
            });
            record(&mut tx, user, ("room", &id, unit_id), data, now).await?;
        }
        tx.commit().await.context("commit")?;
        anyhow::Ok(())
    };
    save.await
        .map_err(|error| internal("import rooms")(format!("{error:#}")))?;
    tracing::info!(%unit_id, rooms = preview.lines.len(), "rooms imported");
    Ok(preview.lines.len())
}

async fn record(
    conn: &mut sqlx::AnyConnection,
    user: &CurrentUser,
    (kind, id, unit_id): (&str, &str, &str),
    data: serde_json::Value,
    now: i64,
) -> anyhow::Result<()> {
    let change = Change {
        entity_kind: kind,
        entity_id: id,
        unit_id: Some(unit_id),
        action: "created",
        actor_user_id: Some(&user.id),
        data,
    };
    history::append(conn, &change, now)
        .await
        .context("record history")?;
    Ok(())
}

/// Changes a room in a unit the admin manages, with its history entry.
pub async fn change_room(
    state: &AppState,
    user: &CurrentUser,
    room_id: &str,
    change: RoomChange,
) -> Result<(), AppError> {
    let change = match change {
        RoomChange::Rename { name, floor } => {
            let (name, floor) = (name.trim().to_owned(), floor.trim().to_owned());
            let fits = |text: &str| text.chars().count() <= MAX_FIELD_CHARS;
            if name.is_empty() || !fits(&name) || !fits(&floor) {
                return Err(AppError::Invalid(InvalidInput::RoomName));
            }
            RoomChange::Rename { name, floor }
        }
        RoomChange::Retire => RoomChange::Retire,
    };
    let room = places::poster_room(state.db.pool(), room_id)
        .await
        .map_err(internal("load a room"))?
        .ok_or(AppError::NotFound)?;
    access::require(&state.db, user, Action::ManageOrganisation, &room.unit_id).await?;
    let now = now_ms();
    let save = async {
        let mut tx = state.db.begin_write().await.context("begin")?;
        let (action, data) = match &change {
            RoomChange::Rename { name, floor } => {
                places::rename_room(&mut tx, &room.id, name, floor)
                    .await
                    .context("rename the room")?;
                (
                    "renamed",
                    serde_json::json!({ "name": name, "floor": floor }),
                )
            }
            RoomChange::Retire => {
                places::retire_room(&mut tx, &room.id, now)
                    .await
                    .context("retire the room")?;
                ("retired", serde_json::json!({}))
            }
        };
        let entry = Change {
            entity_kind: "room",
            entity_id: &room.id,
            unit_id: Some(&room.unit_id),
            action,
            actor_user_id: Some(&user.id),
            data,
        };
        history::append(&mut tx, &entry, now)
            .await
            .context("record history")?;
        tx.commit().await.context("commit")?;
        anyhow::Ok(())
    };
    save.await
        .map_err(|error| internal("change a room")(format!("{error:#}")))
}
