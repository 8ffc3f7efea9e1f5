//! `GET /api/v1/photos/{id}` and `GET /api/v1/photos/{id}/thumb`: the stored
//! JPEG and its thumbnail, for people who may read or walk rounds in the unit.

use app::backend::Authenticated;
use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::AppError;
use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};

use super::{PhotoError, current_user};
use crate::auth::access;
use crate::db::photos;
use crate::errors::internal;
use crate::services::avvik_case::readable_case;
use crate::state::AppState;

/// Photos show people's workplaces and may be read only with a role: a
/// shared phone's HTTP cache must not keep them for the next person.
const CACHE: &str = "private, no-store";

/// The stored JPEG of a photo.
#[utoipa::path(
    get,
    path = "/api/v1/photos/{id}",
    tag = "photos",
    params(("id" = String, Path, description = "The photo's id")),
    responses(
        (status = 200, description = "The JPEG", content_type = "image/jpeg"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "No role that reads reports or walks rounds in the unit"),
        (status = 404, description = "No such photo"),
    ),
)]
#[tracing::instrument(skip(state, auth))]
pub async fn get_photo(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    Path(id): Path<String>,
) -> Result<Response, PhotoError> {
    send(&state, auth, &id, Variant::Full).await
}

/// The thumbnail of a photo (long edge 320 px).
#[utoipa::path(
    get,
    path = "/api/v1/photos/{id}/thumb",
    tag = "photos",
    params(("id" = String, Path, description = "The photo's id")),
    responses(
        (status = 200, description = "The thumbnail JPEG", content_type = "image/jpeg"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "No role that reads reports or walks rounds in the unit"),
        (status = 404, description = "No such photo"),
    ),
)]
#[tracing::instrument(skip(state, auth))]
pub async fn get_thumb(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    Path(id): Path<String>,
) -> Result<Response, PhotoError> {
    send(&state, auth, &id, Variant::Thumb).await
}

#[derive(Clone, Copy, Debug)]
enum Variant {
    Full,
    Thumb,
}

async fn send(
    state: &AppState,
    auth: Option<Extension<Authenticated>>,
    id: &str,
    variant: Variant,
) -> Result<Response, PhotoError> {
    let user = current_user(auth)?;
    let pool = state.db.pool();
    let photo = photos::by_id(pool, id)
        .await
        .map_err(internal("load photo"))?
        .ok_or(AppError::NotFound)?;
    let unit_id = photos::unit_of_owner(pool, &photo)
        .await
        .map_err(internal("load the photo's unit"))?
        .ok_or(AppError::NotFound)?;
    let readable = access::require(&state.db, &user, Action::ReadReports, &unit_id).await;
    if let Err(AppError::Forbidden) = readable {
        let walks = access::require(&state.db, &user, Action::WalkRound, &unit_id).await;
        if let Err(AppError::Forbidden) = walks {
            // The verneombud of the room's area reads its cases (AML § 6-2)
            // without a role in the unit: their photos too.
            if !reads_its_case(state, &user, &photo).await? {
                return Err(AppError::Forbidden.into());
            }
        } else {
            walks?;
        }
    } else {
        readable?;
    }
    let key = match variant {
        Variant::Full => Key::from(photo.object_key),
        // A row without a thumbnail serves the full photo rather than nothing.
        Variant::Thumb => Key::from(photo.thumb_key.unwrap_or(photo.object_key)),
    };
    stream(state.photos.as_ref(), &key).await
}

/// Whether `user` may open the case the photo belongs to.
async fn reads_its_case(
    state: &AppState,
    user: &CurrentUser,
    photo: &photos::PhotoRow,
) -> Result<bool, AppError> {
    let case = photos::case_of(state.db.pool(), photo)
        .await
        .map_err(internal("load the photo's case"))?;
    let Some(case) = case else {
        return Ok(false);
    };
    match readable_case(state, user, &case).await {
        Ok(_) => Ok(true),
        Err(AppError::NotFound) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Streams an object as `image/jpeg`.
async fn stream(objects: &dyn ObjectStore, key: &Key) -> Result<Response, PhotoError> {
    let object = objects.get(key).await.map_err(internal("read photo"))?;
    let size = object.meta.size;
    let mut response = Body::from_stream(object.into_stream()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    Ok(response)
}
