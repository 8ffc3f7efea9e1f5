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
/// left to send. A photo of a finding whose newest change the server
/// refused is not sent (it could never be stored; `/synk` lists it with
/// the reason); once the finding is saved again, it goes with it. 404
/// (finding not on the server yet) keeps it for later; another refusal is
/// stored as the photo's error for a person to see and retry.
pub(super) async fn upload_waiting(user: Option<&str>) -> Result<(), Stop> {
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
        let key = finding_key(&meta.finding_id);
        meta.waiting()
            && may_send(meta.user_id.as_deref(), user)
            && known.contains(meta.finding_id.as_str())
            && !unsent.contains(&key)
            && refusal_of(&entries, &key).is_none()
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
            Err(error) if error.status == 404 => {}
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

/// Keeps only a thumbnail of each photo the server has. Run after the
/// pull: room on the phone is worth less than a complete sync.
pub(super) async fn shrink_all_uploaded() -> Result<(), String> {
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
