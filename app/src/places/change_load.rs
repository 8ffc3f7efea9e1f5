//! Server functions that create and change places (units, verneområder,
//! buildings, rooms), one per form on the organisation and rooms pages.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::structure::PlaceChange;
use super::structure::{OrgAdmin, PlaceKind, SentDetail};
use crate::error::AppError;

/// The units, areas and buildings the logged-in admin manages.
#[server(prefix = "/api/fn", endpoint = "org_admin")]
pub async fn load_org_admin() -> Result<OrgAdmin, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.org_admin(&user).await
        }
        .await,
    )
}

/// Creates a child unit, a verneområde (with its verneombud), a building
/// (with its address in `detail`) or a room (in `building_id`, with its
/// floor in `detail`) in `unit_id`; returns its id.
#[server(prefix = "/api/fn", endpoint = "create_place")]
pub async fn create_place(
    kind: PlaceKind,
    unit_id: String,
    name: String,
    #[server(default)] detail: String,
    #[server(default)] verneombud_id: Option<String>,
    #[server(default)] building_id: Option<String>,
) -> Result<String, AppError> {
    use crate::backend::{backend, require_user, with_status};
    use crate::places::structure::NewPlace;
    let new = NewPlace {
        kind,
        unit_id,
        name,
        detail,
        verneombud_id,
        building_id,
    };
    with_status(
        async {
            let user = require_user()?;
            backend()?.create_place(&user, new).await
        }
        .await,
    )
}

/// Renames a place; `detail` is a building's address or a room's floor
/// (left as it is when not sent; sent empty, it is cleared).
#[server(prefix = "/api/fn", endpoint = "rename_place")]
pub async fn rename_place(
    kind: PlaceKind,
    id: String,
    name: String,
    #[server(default)] detail: SentDetail,
) -> Result<(), AppError> {
    let detail = detail.0;
    change(kind, id, PlaceChange::Rename { name, detail }).await
}

/// Moves a unit under another unit, or an area or building to another unit.
#[server(prefix = "/api/fn", endpoint = "move_place")]
pub async fn move_place(kind: PlaceKind, id: String, to_unit: String) -> Result<(), AppError> {
    change(kind, id, PlaceChange::Move { to_unit }).await
}

/// Moves a room to another building and unit.
#[server(prefix = "/api/fn", endpoint = "move_room")]
pub async fn move_room(id: String, building_id: String, unit_id: String) -> Result<(), AppError> {
    let change_to = PlaceChange::MoveRoom {
        building_id,
        unit_id,
    };
    change(PlaceKind::Room, id, change_to).await
}

/// Chooses the verneombud who covers an area (empty: nobody yet).
#[server(prefix = "/api/fn", endpoint = "set_verneombud")]
pub async fn set_verneombud(id: String, user_id: String) -> Result<(), AppError> {
    let user_id = Some(user_id).filter(|id| !id.is_empty());
    change(PlaceKind::Area, id, PlaceChange::SetVerneombud { user_id }).await
}

/// Takes a place out of use; a room's code then leads to "no longer in use".
#[server(prefix = "/api/fn", endpoint = "retire_place")]
pub async fn retire_place(kind: PlaceKind, id: String) -> Result<(), AppError> {
    change(kind, id, PlaceChange::Retire).await
}

#[cfg(feature = "ssr")]
async fn change(kind: PlaceKind, id: String, change: PlaceChange) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.change_place(&user, kind, &id, change).await
        }
        .await,
    )
}
