//! `PUT /api/v1/photos/{id}`: one photo of a finding, idempotent by id and hash.

use app::backend::Authenticated;
use app::domain::access::Action;
use app::error::AppError;
use app::sync::ids::is_uuid;
use app::sync::protocol::{ChangedRecord, SCHEMA_VERSION};
use app::sync::records::PhotoRecord;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::process::{self, Cleaned, ProcessError};
use super::{PhotoError, current_user, store};
use crate::auth::access;
use crate::db::history::{self, Change};
use crate::db::now_ms;
use crate::db::photos::{self, NewPhoto, PhotoRow};
use crate::db::thumbnail_jobs;
use crate::errors::internal;
use crate::state::AppState;

/// The largest upload accepted, in bytes (20 MiB).
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// The query string of an upload; checked by hand so every refusal is JSON.
#[derive(Debug, Default, Deserialize)]
pub struct UploadQuery {
    finding_id: Option<String>,
    sha256: Option<String>,
    schema: Option<String>,
}

/// Stores a photo of a finding. 201 for a new photo, 200 when the same id
/// already holds the same bytes, 409 when it holds other bytes.
#[utoipa::path(
    put,
    path = "/api/v1/photos/{id}",
    tag = "photos",
    params(
        ("id" = String, Path, description = "The photo's id: a UUID chosen by the device"),
        ("finding_id" = String, Query, description = "The finding the photo belongs to"),
        ("sha256" = String, Query, description = "SHA-256 of the body as 64 lowercase hex digits"),
        ("schema" = u32, Query, description = "Protocol schema version; must be 1"),
    ),
    request_body(
        description = "The photo (JPEG, PNG or WebP), at most 20 MiB",
        content(("image/jpeg"), ("image/png"), ("image/webp")),
    ),
    responses(
        (status = 201, description = "Stored as a new photo", body = PhotoRecord),
        (status = 200, description = "This id already holds these bytes", body = PhotoRecord),
        (status = 400, description = "Bad parameters, or the body does not match `sha256`"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "No role that walks rounds in the finding's unit"),
        (status = 404, description = "The finding is not on the server yet"),
        (status = 409, description = "This id already holds other bytes"),
        (status = 413, description = "The body is larger than 20 MiB"),
        (status = 415, description = "The body is not a JPEG, PNG or WebP image"),
        (status = 422, description = "The image is damaged, cut off, or too large, judged from its headers (a JPEG over 50 megapixels or 12,000 pixels on a side, a progressive JPEG over about 11 megapixels, a PNG or WebP over about 10 megapixels)"),
        (status = 503, description = "A PNG or WebP waited too long to be re-encoded; send again after Retry-After"),
    ),
)]
#[tracing::instrument(skip(state, auth, query, request))]
pub async fn put_photo(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    Path(id): Path<String>,
    query: Result<Query<UploadQuery>, QueryRejection>,
    request: Request,
) -> Result<(StatusCode, Json<PhotoRecord>), PhotoError> {
    let query = query.map(|Query(query)| query).unwrap_or_default();
    let (finding_id, sha256) = check_parameters(&id, query)?;
    let user = current_user(auth)?;
    let pool = state.db.pool();
    let unit_id = photos::unit_of_finding(pool, &finding_id)
        .await
        .map_err(internal("load the finding's unit"))?
        .ok_or_else(|| {
            PhotoError::not_found(
                "the finding is not on the server yet; send the round's changes first, \
                 then the photo",
            )
        })?;
    access::require(&state.db, &user, Action::WalkRound, &unit_id).await?;

    let body = read_body(request).await?;
    if hex::encode(Sha256::digest(&body)) != sha256 {
        return Err(PhotoError::bad_request(
            "the upload was incomplete or changed on the way; send it again",
        ));
    }
    if let Some(existing) = photos::by_id(pool, &id)
        .await
        .map_err(internal("load photo"))?
    {
        return answer_existing(&existing, &finding_id, &sha256);
    }

    let cleaned = clean(&state, body).await?;
    let record = PhotoRecord {
        id: id.clone(),
        finding_id: finding_id.clone(),
        sha256: sha256.clone(),
        byte_size: i64::try_from(cleaned.jpeg.len()).unwrap_or(i64::MAX),
        width: i64::from(cleaned.width),
        height: i64::from(cleaned.height),
    };
    // The bytes first: a row must never point at an object that is missing.
    // Keys carry the hash, so a racing upload of other bytes under this id
    // writes its own objects and cannot change the ones a row points at.
    store_object(state.photos.as_ref(), &id, &sha256, cleaned.jpeg).await?;
    if let Err(error) = insert(&state, &record, &unit_id, &user.id).await {
        // Another upload of this id inserted first: with the same bytes it
        // is the same photo; with other bytes ours lost, and its objects go.
        return match photos::by_id(pool, &id)
            .await
            .map_err(internal("load photo"))?
        {
            Some(existing) => {
                if existing.sha256 != sha256 {
                    remove_object(state.photos.as_ref(), &id, &sha256).await;
                }
                answer_existing(&existing, &finding_id, &sha256)
            }
            None => {
                remove_object(state.photos.as_ref(), &id, &sha256).await;
                Err(internal("insert photo")(format!("{error:#}")).into())
            }
        };
    }
    state.thumbnails.notify_one();
    tracing::info!(photo_id = %id, %finding_id, bytes = record.byte_size, "photo stored");
    Ok((StatusCode::CREATED, Json(record)))
}

/// Checks the query in the documented order; returns the finding id and hash.
fn check_parameters(id: &str, query: UploadQuery) -> Result<(String, String), PhotoError> {
    if query.schema.as_deref() != Some(SCHEMA_VERSION.to_string().as_str()) {
        return Err(PhotoError::bad_request(format!(
            "unsupported schema version; this server speaks schema={SCHEMA_VERSION}"
        )));
    }
    if !is_uuid(id) {
        return Err(PhotoError::bad_request("the photo id must be a UUID"));
    }
    let finding_id = query.finding_id.unwrap_or_default();
    if !is_uuid(&finding_id) {
        return Err(PhotoError::bad_request("finding_id must be a UUID"));
    }
    let sha256 = query.sha256.unwrap_or_default();
    let is_hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    if sha256.len() != 64 || !sha256.chars().all(is_hex) {
        return Err(PhotoError::bad_request(
            "sha256 must be 64 lowercase hexadecimal digits",
        ));
    }
    Ok((finding_id, sha256))
}

/// Reads the body within the route's limit (413 beyond it).
async fn read_body(request: Request) -> Result<Bytes, PhotoError> {
    Bytes::from_request(request, &())
        .await
        .map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                PhotoError::too_large("the photo is larger than 20 MiB; send a smaller one")
            } else {
                PhotoError::bad_request(
                    "the upload was incomplete or changed on the way; send it again",
                )
            }
        })
}

/// A repeated upload: the same bytes for the same finding are a success.
fn answer_existing(
    existing: &PhotoRow,
    finding_id: &str,
    sha256: &str,
) -> Result<(StatusCode, Json<PhotoRecord>), PhotoError> {
    if existing.sha256 == sha256 && existing.owner_id == finding_id {
        Ok((StatusCode::OK, Json(existing.record())))
    } else {
        Err(PhotoError::conflict(
            "another photo is already stored with this id; give the new photo a new id",
        ))
    }
}

/// The photo as it will be stored ([`process::clean`]). A JPEG only has
/// its segments read and copied, here on the request's thread; a PNG or
/// WebP is decoded, off the async threads and one at a time
/// ([`AppState::photo_slots`]). A photo that waits too long for its turn
/// gets 503 and is sent again.
async fn clean(state: &AppState, body: Bytes) -> Result<Cleaned, PhotoError> {
    let outcome = if process::is_jpeg(&body) {
        process::clean(&body)
    } else {
        state.photo_slots.run(move || process::clean(&body)).await?
    };
    outcome.map_err(|error| match error {
        ProcessError::NotAnImage => PhotoError::unsupported_media(error.to_string()),
        ProcessError::TooLarge | ProcessError::Unreadable => {
            PhotoError::unprocessable(error.to_string())
        }
        ProcessError::Encode(_) => internal("encode photo")(error).into(),
    })
}

async fn store_object(
    objects: &dyn ObjectStore,
    id: &str,
    sha256: &str,
    jpeg: Vec<u8>,
) -> Result<(), AppError> {
    objects
        .put(&store::photo_key(id, sha256), PutPayload::from(jpeg))
        .await
        .map_err(internal("store photo"))?;
    Ok(())
}

/// Removes the object of an upload that no row points at (it lost the race
/// for its id, or its row could not be written). A failure only leaves an
/// unreferenced object behind, so it is logged.
async fn remove_object(objects: &dyn ObjectStore, id: &str, sha256: &str) {
    let key = store::photo_key(id, sha256);
    if let Err(error) = objects.delete(&key).await {
        tracing::warn!(%key, %error, "could not remove the object of a refused upload");
    }
}

/// The row, its history entry and its thumbnail job, in one transaction.
async fn insert(
    state: &AppState,
    record: &PhotoRecord,
    unit_id: &str,
    user_id: &str,
) -> anyhow::Result<()> {
    use anyhow::Context;

    let now = now_ms();
    let object_key = store::photo_key(&record.id, &record.sha256).to_string();
    let data = serde_json::to_value(ChangedRecord::Photo(record.clone()))
        .context("serialize photo record")?;
    let mut tx = state.db.begin_change().await.context("begin")?;
    let photo = NewPhoto {
        record,
        object_key: &object_key,
        uploaded_by: user_id,
    };
    photos::insert(&mut *tx, &photo, now)
        .await
        .context("insert photo row")?;
    let change = Change {
        entity_kind: "photo",
        entity_id: &record.id,
        unit_id: Some(unit_id),
        action: "uploaded",
        actor_user_id: Some(user_id),
        data,
    };
    history::append(&mut tx, &change, now)
        .await
        .context("record history")?;
    thumbnail_jobs::add(&mut *tx, &record.id, now)
        .await
        .context("add the thumbnail job")?;
    tx.commit().await.context("commit")?;
    Ok(())
}
