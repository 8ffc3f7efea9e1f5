//! The public JSON API, version 1 (`/api/v1/…`). Cookie sessions for now;
//! every handler checks access with [`crate::auth::access::require`].

use app::backend::Authenticated;
use app::domain::access::Action;
use app::domain::units::UnitKind;
use app::domain::users::CurrentUser;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Serialize;

use crate::auth::access;
use crate::db::places::{self, RoomRow};
use crate::db::units;
use crate::errors::{ApiError, internal};
use crate::state::AppState;

/// Routes under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/units/{id}", get(unit))
        .merge(crate::photos::routes())
        .route("/openapi.json", get(super::openapi::document))
        .merge(crate::sync::routes())
}

fn user(auth: Option<Extension<Authenticated>>) -> Result<CurrentUser, ApiError> {
    auth.map(|Extension(auth)| auth.user)
        .ok_or(ApiError(AppError::Unauthenticated))
}

/// The logged-in user with their roles.
#[tracing::instrument(skip_all)]
async fn me(auth: Option<Extension<Authenticated>>) -> Result<Json<CurrentUser>, ApiError> {
    Ok(Json(user(auth)?))
}

/// A unit with its rooms.
#[derive(Serialize)]
struct UnitDetails {
    id: String,
    parent_id: Option<String>,
    kind: UnitKind,
    name: String,
    rooms: Vec<RoomRow>,
}

/// One unit and its rooms; 404 for an unknown unit, 403 without a role there.
#[tracing::instrument(skip(state, auth))]
async fn unit(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    Path(id): Path<String>,
) -> Result<Json<UnitDetails>, ApiError> {
    let user = user(auth)?;
    access::require(&state.db, &user, Action::ViewUnit, &id).await?;
    let row = units::by_id(state.db.pool(), &id)
        .await
        .map_err(internal("load unit"))?
        .ok_or(AppError::NotFound)?;
    let rooms = places::rooms_of_unit(state.db.pool(), &id)
        .await
        .map_err(internal("load rooms"))?;
    Ok(Json(UnitDetails {
        kind: row.unit_kind(),
        id: row.id,
        parent_id: row.parent_id,
        name: row.name,
        rooms,
    }))
}
