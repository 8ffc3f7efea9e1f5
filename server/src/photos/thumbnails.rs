//! Thumbnails, made after the upload has been answered: the upload stores
//! the photo and a job in one transaction and wakes this worker, which
//! makes the thumbnail from a scaled decode of the stored JPEG
//! ([`process::thumbnail`]). The jobs are rows in the database, so a
//! restart, or an instance that dies mid-way, loses none: the worker
//! starts with whatever is waiting and looks again every few seconds.
//! Until a thumbnail exists its address serves the photo itself.

use std::time::Duration;

use anyhow::Context;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sqlx::Acquire;

use super::{process, store};
use crate::db::photos::{self, PhotoRow};
use crate::db::{now_ms, thumbnail_jobs};
use crate::state::AppState;

/// How long a run holds a job; a run that dies frees it after this. A run
/// slower than this may meet another instance on the same job: both write
/// the same thumbnail under the same key, which does no harm.
const LEASE_MS: i64 = 60_000;

/// Makes waiting thumbnails when woken by an upload, and every `every`
/// (jobs left by a restart or a failure, or added by another instance).
pub async fn run_periodically(state: AppState, every: Duration) {
    loop {
        make_waiting(&state).await;
        tokio::select! {
            () = state.thumbnails.notified() => {}
            () = tokio::time::sleep(every) => {}
        }
    }
}

/// Makes every thumbnail whose job is free now, one at a time (each
/// decode takes a core); returns how many were made.
pub async fn make_waiting(state: &AppState) -> usize {
    let mut made = 0;
    loop {
        let now = now_ms();
        let taken =
            thumbnail_jobs::take(state.db.pool(), state.db.kind(), now, now + LEASE_MS).await;
        let photo_id = match taken {
            Ok(Some(photo_id)) => photo_id,
            Ok(None) => return made,
            Err(error) => {
                tracing::warn!(%error, "could not take a thumbnail job");
                return made;
            }
        };
        match make(state, &photo_id).await {
            Ok(()) => made += 1,
            Err(error) => {
                let error = format!("{error:#}");
                tracing::warn!(%photo_id, %error, "could not make a thumbnail");
                if let Err(error) = thumbnail_jobs::failed(state.db.pool(), &photo_id, &error).await
                {
                    tracing::warn!(%photo_id, %error, "could not record a thumbnail failure");
                }
            }
        }
    }
}

/// Makes, stores and records one photo's thumbnail.
async fn make(state: &AppState, photo_id: &str) -> anyhow::Result<()> {
    let photo = photos::by_id(state.db.pool(), photo_id)
        .await
        .context("load the photo")?
        .context("the photo is gone")?;
    let thumb = thumbnail_of(state.photos.as_ref(), &photo).await?;
    let key = store::thumb_key(&photo.id, &photo.sha256);
    state
        .photos
        .put(&key, PutPayload::from(thumb))
        .await
        .context("store the thumbnail")?;
    let mut conn = state.db.pool().acquire().await.context("acquire")?;
    let mut tx = conn.begin().await.context("begin")?;
    thumbnail_jobs::finish(&mut tx, photo_id, key.as_ref())
        .await
        .context("record the thumbnail")?;
    tx.commit().await.context("commit")?;
    tracing::debug!(%photo_id, "thumbnail made");
    Ok(())
}

async fn thumbnail_of(objects: &dyn ObjectStore, photo: &PhotoRow) -> anyhow::Result<Vec<u8>> {
    let key = object_store::path::Path::from(photo.object_key.as_str());
    let stored = objects
        .get(&key)
        .await
        .context("read the photo")?
        .bytes()
        .await
        .context("read the photo")?;
    tokio::task::spawn_blocking(move || process::thumbnail(&stored))
        .await
        .context("the thumbnail's decode stopped")?
        .context("decode the photo")
}
