//! A report's photos: decoded and encoded again (one at a time), stored
//! before the case is written, removed when it is not. Their thumbnails are
//! made afterwards, like those of round photos.

use app::error::{AppError, InvalidInput};
use axum::body::Bytes;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};

use crate::db::new_id;
use crate::errors::internal;
use crate::photos::process::{self, Cleaned, ProcessError};
use crate::photos::store;
use crate::state::AppState;

/// A photo checked, cleaned and ready to store.
pub struct CleanPhoto {
    /// The photo's id.
    pub id: String,
    /// SHA-256 of the stored JPEG.
    pub sha256: String,
    /// The JPEG to store.
    pub processed: Cleaned,
}

/// Decodes, checks and re-encodes each photo ([`process::reencode`]: the
/// stored bytes share nothing with the reporter's original); a refused one
/// refuses the report.
pub async fn clean_photos(state: &AppState, photos: &[Bytes]) -> Result<Vec<CleanPhoto>, AppError> {
    let mut clean = Vec::with_capacity(photos.len());
    for bytes in photos {
        let body = bytes.clone();
        let processed = state
            .photo_slots
            .run(move || process::reencode(&body))
            .await?
            .map_err(|error| match error {
                ProcessError::NotAnImage => AppError::Invalid(InvalidInput::PhotoNotImage),
                ProcessError::TooLarge | ProcessError::Unreadable => {
                    AppError::Invalid(InvalidInput::PhotoUnreadable)
                }
                ProcessError::Encode(_) => internal("encode a reported photo")(error),
            })?;
        // The hash of the stored photo, not of the upload: the phone's
        // original (still in its gallery, perhaps also sent with a round)
        // must not match anything kept with an anonymous report.
        let sha256 = hex::encode(Sha256::digest(&processed.jpeg));
        clean.push(CleanPhoto {
            id: new_id(),
            sha256,
            processed,
        });
    }
    Ok(clean)
}

/// Stores the photos.
pub async fn store_photos(
    objects: &dyn ObjectStore,
    photos: &[CleanPhoto],
) -> Result<(), AppError> {
    for photo in photos {
        let key = store::photo_key(&photo.id, &photo.sha256);
        objects
            .put(&key, PutPayload::from(photo.processed.jpeg.clone()))
            .await
            .map_err(internal("store a reported photo"))?;
    }
    Ok(())
}

/// Removes the objects of photos no row points at; a failure only leaves
/// an unreferenced object behind, so it is logged.
pub async fn remove_photos(objects: &dyn ObjectStore, photos: &[CleanPhoto]) {
    for photo in photos {
        let key = store::photo_key(&photo.id, &photo.sha256);
        if let Err(error) = objects.delete(&key).await {
            tracing::warn!(%key, %error, "could not remove a reported photo");
        }
    }
}
