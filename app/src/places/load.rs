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
