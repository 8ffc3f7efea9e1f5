//! A report's photos: decoded and cleaned (one at a time, like round
//! photos), stored before the case is written, removed when it is not.

use app::error::{AppError, InvalidInput};
use axum::body::Bytes;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};

use crate::db::new_id;
use crate::errors::internal;
use crate::photos::process::{self, ProcessError, Processed};
use crate::photos::store;
use crate::state::AppState;

/// A photo checked, cleaned and ready to store.
pub struct CleanPhoto {
    /// The photo's id.
    pub id: String,
    /// SHA-256 of the stored JPEG.
    pub sha256: String,
    /// The JPEG and its thumbnail.
    pub processed: Processed,
}

/// Decodes, checks and cleans each photo; a refused one refuses the report.
pub async fn clean_photos(state: &AppState, photos: &[Bytes]) -> Result<Vec<CleanPhoto>, AppError> {
    let mut clean = Vec::with_capacity(photos.len());
    for bytes in photos {
        let body = bytes.clone();
        let processed = state
            .photo_slots
            .run(move || process::process(&body))
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

/// Stores the photos and their thumbnails.
pub async fn store_photos(
    objects: &dyn ObjectStore,
    photos: &[CleanPhoto],
) -> Result<(), AppError> {
    for photo in photos {
        let pairs = [
            (
                store::photo_key(&photo.id, &photo.sha256),
                &photo.processed.jpeg,
            ),
            (
                store::thumb_key(&photo.id, &photo.sha256),
                &photo.processed.thumb,
            ),
        ];
        for (key, bytes) in pairs {
            objects
                .put(&key, PutPayload::from(bytes.clone()))
                .await
                .map_err(internal("store a reported photo"))?;
        }
    }
    Ok(())
}

/// Removes the objects of photos no row points at; a failure only leaves
/// an unreferenced object behind, so it is logged.
pub async fn remove_photos(objects: &dyn ObjectStore, photos: &[CleanPhoto]) {
    for photo in photos {
        for key in [
            store::photo_key(&photo.id, &photo.sha256),
            store::thumb_key(&photo.id, &photo.sha256),
        ] {
            if let Err(error) = objects.delete(&key).await {
                tracing::warn!(%key, %error, "could not remove a reported photo");
            }
        }
    }
}
