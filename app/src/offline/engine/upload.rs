//! Photos up, one request per photo, once their finding is on the server.

use super::cycle::Stop;
use std::collections::HashSet;

use crate::offline::db::{self, FINDINGS, OUTBOX, PHOTO_META};
use crate::offline::net;
use crate::offline::photos::{shrink_uploaded, stored_blob};
use crate::offline::store::{PhotoMeta, finding_key};
use crate::sync::ownership::may_send;
use crate::sync::records::FindingRecord;
use crate::sync::rules::{FailureKind, failure_kind, refusal_of};

/// Uploads every waiting photo that `user` took whose finding has nothing
/// left to send, then shrinks the images of uploaded photos to thumbnails.
/// 404 (finding not on the server yet) keeps it for later, unless the
/// finding was refused for good: then, as for another refusal, the reason
/// is stored as the photo's error for a person to see, retry or dismiss.
pub(super) async fn upload_waiting(user: Option<&str>) -> Result<(), Stop> {
    send_waiting(user).await?;
    shrink_all_uploaded().await?;
    Ok(())
}

async fn send_waiting(user: Option<&str>) -> Result<(), Stop> {
    let (metas, entries, findings) = {
        let transaction = db::read(&[PHOTO_META, OUTBOX, FINDINGS]).await?;
        let metas: Vec<PhotoMeta> = db::get_all(&db::store(&transaction, PHOTO_META)?).await?;
        let entries = db::read_outbox(&db::store(&transaction, OUTBOX)?).await?;
        let findings: Vec<FindingRecord> = db::get_all(&db::store(&transaction, FINDINGS)?).await?;
        (metas, entries, findings)
    };
    let unsent = db::unsent_keys(&entries);
    let known: HashSet<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    // A photo of an avvik form that was never saved has no finding: it waits
    // on the device (and is not counted) until that finding exists.
    let ready = metas.into_iter().filter(|meta| {
        meta.waiting()
            && may_send(meta.user_id.as_deref(), user)
            && known.contains(meta.finding_id.as_str())
            && !unsent.contains(&finding_key(&meta.finding_id))
    });
    for meta in ready {
        let Some(blob) = stored_blob(&meta.id).await else {
            continue;
        };
        let url = format!(
            "/api/v1/photos/{}?finding_id={}&sha256={}&schema=1",
            net::encode(&meta.id),
            net::encode(&meta.finding_id),
            net::encode(&meta.sha256),
        );
        match net::put_jpeg(&url, &blob).await {
            Ok(record) if record.id != meta.id || record.sha256 != meta.sha256 => {
                let message = "Serveren bekreftet et annet bilde enn det som ble sendt.";
                update(&meta.id, |meta| meta.error = Some(message.to_owned())).await?;
            }
            Ok(_) => {
                update(&meta.id, |meta| {
                    meta.uploaded = true;
                    meta.error = None;
                })
                .await?;
            }
            Err(error) if error.status == 404 => {
                if let Some(reason) = refusal_of(&entries, &finding_key(&meta.finding_id)) {
                    let reason = reason.to_owned();
                    update(&meta.id, |meta| meta.error = Some(reason)).await?;
                }
            }
            Err(error) => match failure_kind(error.status) {
                FailureKind::Refused => {
                    update(&meta.id, |meta| meta.error = Some(error.message)).await?;
                }
                FailureKind::Retry | FailureKind::LogIn => return Err(error.into()),
            },
        }
    }
    Ok(())
}

/// Keeps only a thumbnail of each photo the server has.
async fn shrink_all_uploaded() -> Result<(), String> {
    let metas: Vec<PhotoMeta> = {
        let transaction = db::read(&[PHOTO_META]).await?;
        db::get_all(&db::store(&transaction, PHOTO_META)?).await?
    };
    for meta in metas.iter().filter(|meta| meta.shrinkable()) {
        shrink_uploaded(meta).await?;
    }
    Ok(())
}

/// Changes a photo's stored metadata (read again, in case it changed meanwhile).
async fn update(id: &str, change: impl FnOnce(&mut PhotoMeta)) -> Result<(), String> {
    let transaction = db::write(&[PHOTO_META]).await?;
    let work = async {
        let store = db::store(&transaction, PHOTO_META)?;
        if let Some(mut meta) = db::get::<PhotoMeta>(&store, id).await? {
            change(&mut meta);
            db::put(&store, &meta).await?;
        }
        Ok(())
    }
    .await;
    db::finish(transaction, work).await
}
