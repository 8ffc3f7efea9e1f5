//! Server functions behind the rooms page.

use leptos::prelude::*;

use super::RoomsAdmin;
use super::import::ImportPreview;
use crate::error::AppError;

/// The rooms and units the logged-in admin manages.
#[server(prefix = "/api/fn", endpoint = "rooms_admin")]
pub async fn load_rooms_admin() -> Result<RoomsAdmin, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.rooms_admin(&user).await
        }
        .await,
    )
}

/// Checks a CSV file of rooms (`bygg;rom;etasje`) for a unit; saves nothing.
#[server(prefix = "/api/fn", endpoint = "preview_room_import")]
pub async fn preview_room_import(unit_id: String, csv: String) -> Result<ImportPreview, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.preview_room_import(&user, &unit_id, &csv).await
        }
        .await,
    )
}

/// Saves every room of the file, or none when a line has a problem.
#[server(prefix = "/api/fn", endpoint = "import_rooms")]
pub async fn import_rooms(unit_id: String, csv: String) -> Result<usize, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.import_rooms(&user, &unit_id, &csv).await
        }
        .await,
    )
}

/// Renames a room and sets its floor.
#[server(prefix = "/api/fn", endpoint = "rename_room")]
pub async fn rename_room(room_id: String, name: String, floor: String) -> Result<(), AppError> {
    change(room_id, super::RoomChange::Rename { name, floor }).await
}

/// Takes a room out of use (its code then leads to "no longer in use").
#[server(prefix = "/api/fn", endpoint = "retire_room")]
pub async fn retire_room(room_id: String) -> Result<(), AppError> {
    change(room_id, super::RoomChange::Retire).await
}

#[cfg(feature = "ssr")]
async fn change(room_id: String, change: super::RoomChange) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.change_room(&user, &room_id, change).await
        }
        .await,
    )
}
