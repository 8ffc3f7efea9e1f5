//! Rooms from a CSV file: the check against the unit's buildings and
//! rooms, and the save of every line in one transaction.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::places::import::{self, FileProblem, ImportPreview, ImportProblem};

use crate::auth::access;
use crate::db::history::{self, Change};
use crate::db::places::{self, NewRoom};
use crate::db::{is_unique_violation, new_id, now_ms, units};
use crate::errors::internal;
use crate::reports::posters::new_room_token;
use crate::state::AppState;

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
#[tracing::instrument(skip(state, user, csv), fields(user = %user.id))]
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
#[tracing::instrument(skip(state, user, csv), fields(user = %user.id))]
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
    save.await.map_err(|error| {
        // Another save gave a building or room one of these names meanwhile.
        let taken = error
            .downcast_ref::<sqlx::Error>()
            .is_some_and(is_unique_violation);
        if taken {
            AppError::Invalid(InvalidInput::PlaceExists)
        } else {
            internal("import rooms")(format!("{error:#}"))
        }
    })?;
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
