//! Rooms for the HMS-ansvarlig: the list, an import from CSV (checked line
//! by line, saved all at once or not at all: [`room_import`]), renaming and
//! retiring. Each change is in the history; nothing is deleted.

pub mod room_import;

pub use room_import::{import_rooms, preview_import};

use std::collections::HashSet;

use anyhow::Context;
use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::places::import::MAX_FIELD_CHARS;
use app::places::{RoomChange, RoomsAdmin};
use app::reports::PosterRoom;

use super::scope::units_in_scope;
use crate::auth::access;
use crate::db::history::{self, Change};
use crate::db::places;
use crate::db::{now_ms, units};
use crate::errors::internal;
use crate::state::AppState;

/// The rooms and units of the admin's part of the organisation.
#[tracing::instrument(skip_all, fields(user = %user.id))]
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

/// Changes a room in a unit the admin manages, with its history entry.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
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
    if let RoomChange::Rename { name, .. } = &change {
        let taken = places::room_name_taken(state.db.pool(), &room.id, name)
            .await
            .map_err(internal("check the room's name"))?;
        if taken {
            return Err(AppError::Invalid(InvalidInput::RoomExists));
        }
    }
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
