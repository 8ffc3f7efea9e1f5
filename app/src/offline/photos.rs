//! Photos on the device: downscaled to a JPEG (which drops EXIF and GPS),
//! hashed, and stored as a blob beside its metadata, never inside a record.

mod process;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use crate::offline::db::{self, META, PHOTO_BLOBS, PHOTO_META};
use crate::offline::device_error::DeviceError;
use crate::offline::store::{LocalPhoto, PhotoMeta, author};

/// Downscales a picked or taken picture, and stores it for `finding_id` in
/// `round_id` (blob and metadata in one transaction). It goes up at the next sync.
pub async fn add_photo(
    round_id: &str,
    finding_id: &str,
    file: web_sys::File,
) -> Result<LocalPhoto, DeviceError> {
    let image = process::to_jpeg(&file).await?;
    let sha256 = process::sha256_hex(&image.blob).await?;
    let mut meta = PhotoMeta {
        id: db::new_id(),
        finding_id: finding_id.to_owned(),
        round_id: round_id.to_owned(),
        sha256,
        byte_size: image.blob.size() as u64,
        width: image.width,
        height: image.height,
        uploaded: false,
        error: None,
        has_blob: true,
        user_id: None,
        thumbnail_only: false,
    };
    let transaction = db::write(&[PHOTO_META, PHOTO_BLOBS, META]).await?;
    let work = async {
        meta.user_id = Some(author(&db::store(&transaction, META)?).await?);
        db::put_at(
            &db::store(&transaction, PHOTO_BLOBS)?,
            &meta.id,
            image.blob.as_ref(),
        )
        .await?;
        db::put(&db::store(&transaction, PHOTO_META)?, &meta).await?;
        Ok::<(), DeviceError>(())
    }
    .await;
    db::finish(transaction, work).await?;
    crate::offline::engine::request_sync();
    Ok(meta.local())
}

/// A URL to show the photo: an object URL of the blob on the device (the
/// caller revokes it with `URL.revokeObjectURL` when done), else the
/// server's thumbnail once uploaded.
pub async fn photo_url(photo: &LocalPhoto) -> Option<String> {
    if photo.has_blob
        && let Some(blob) = stored_blob(&photo.id).await
        && let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob)
    {
        return Some(url);
    }
    photo
        .uploaded
        .then(|| format!("/api/v1/photos/{}/thumb", photo.id))
}

/// Replaces the stored image of an uploaded photo with a small copy, so
/// the device's storage holds only what still waits to be sent. A photo
/// that cannot be shrunk keeps its image (it only takes room) and is not
/// tried again.
pub(crate) async fn shrink_uploaded(meta: &PhotoMeta) -> Result<(), String> {
    let Some(blob) = stored_blob(&meta.id).await else {
        return Ok(());
    };
    let small = process::thumbnail(&blob).await.ok();
    let transaction = db::write(&[PHOTO_META, PHOTO_BLOBS]).await?;
    let work = async {
        let metas = db::store(&transaction, PHOTO_META)?;
        // Read again: the photo may have been dismissed meanwhile.
        let Some(mut current) = db::get::<PhotoMeta>(&metas, &meta.id).await? else {
            return Ok(());
        };
        if !current.shrinkable() {
            return Ok(());
        }
        if let Some(small) = &small {
            let blobs = db::store(&transaction, PHOTO_BLOBS)?;
            db::put_at(&blobs, &meta.id, small.blob.as_ref()).await?;
        }
        current.thumbnail_only = true;
        db::put(&metas, &current).await
    }
    .await;
    db::finish(transaction, work).await
}

/// Removes a photo the server refused (its metadata and its image) from
/// the device, at the person's request.
pub async fn dismiss_photo(id: &str) -> Result<(), String> {
    let transaction = db::write(&[PHOTO_META, PHOTO_BLOBS]).await?;
    let work = async {
        let key = JsValue::from_str(id);
        db::delete(&db::store(&transaction, PHOTO_META)?, &key).await?;
        db::delete(&db::store(&transaction, PHOTO_BLOBS)?, &key).await
    }
    .await;
    db::finish(transaction, work).await
}

/// The stored JPEG of a photo.
pub(crate) async fn stored_blob(id: &str) -> Option<Blob> {
    let transaction = db::read(&[PHOTO_BLOBS]).await.ok()?;
    let store = db::store(&transaction, PHOTO_BLOBS).ok()?;
    let value: JsValue = db::get_raw(&store, id).await.ok()??;
    value.dyn_into::<Blob>().ok()
}
