//! Opening a case from a checked report: exactly once per device id, with
//! its photos, its case number and a history entry, in one transaction.

use anyhow::Context;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use axum::body::Bytes;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};

use super::form::{Contact, ValidReport};
use crate::db::history::{self, Change};
use crate::db::places::NamedRoom;
use crate::db::reports::{self, NewReport, ReportPhoto};
use crate::db::{new_id, now_ms};
use crate::errors::internal;
use crate::local_time::oslo_year;
use crate::photos::process::{self, ProcessError, Processed};
use crate::photos::store;
use crate::state::AppState;

/// What the reporter gets back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The case number.
    pub receipt_no: String,
    /// The token of the private status link.
    pub status_token: String,
    /// `false` when this was a replay of a report already received.
    pub created: bool,
}

/// The status link's token for a device's report id. Derived rather than
/// stored, so a replay gets the same link back while the database keeps
/// only hashes: nobody reading it can open a reporter's link.
pub fn status_token(client_id: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"vern status link\0")
        .chain_update(client_id.as_bytes())
        .finalize();
    URL_SAFE_NO_PAD.encode(digest)
}

/// What the database keeps of a secret: its SHA-256 in hex.
pub fn key_of(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The case this device id opened already, as a receipt.
pub async fn earlier_receipt(
    state: &AppState,
    client_id: &str,
) -> Result<Option<Receipt>, AppError> {
    let case = reports::case_by_client_key(state.db.pool(), &key_of(client_id))
        .await
        .map_err(internal("look up an earlier report"))?;
    Ok(case.map(|case| Receipt {
        receipt_no: case.receipt_no,
        status_token: status_token(client_id),
        created: false,
    }))
}

/// A photo checked, cleaned and ready to store.
struct CleanPhoto {
    id: String,
    sha256: String,
    processed: Processed,
}

/// Opens the case. The photos are decoded first (a refused photo stores
/// nothing), then stored, then the case is written; when the same device
/// id won a race meanwhile, its receipt is returned and ours removed.
pub async fn open_case(
    state: &AppState,
    room: &NamedRoom,
    report: ValidReport,
    user: Option<&CurrentUser>,
) -> Result<Receipt, AppError> {
    let photos = clean_photos(state, &report.photos).await?;
    store_photos(state.photos.as_ref(), &photos).await?;
    match write_case(state, room, &report, user, &photos).await {
        Ok(receipt) => Ok(receipt),
        Err(error) => {
            remove_photos(state.photos.as_ref(), &photos).await;
            match earlier_receipt(state, &report.client_id).await? {
                Some(receipt) => Ok(receipt),
                None => Err(internal("open a reported case")(format!("{error:#}"))),
            }
        }
    }
}

async fn clean_photos(state: &AppState, photos: &[Bytes]) -> Result<Vec<CleanPhoto>, AppError> {
    let mut clean = Vec::with_capacity(photos.len());
    for bytes in photos {
        let sha256 = hex::encode(Sha256::digest(bytes));
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
        clean.push(CleanPhoto {
            id: new_id(),
            sha256,
            processed,
        });
    }
    Ok(clean)
}

async fn store_photos(objects: &dyn ObjectStore, photos: &[CleanPhoto]) -> Result<(), AppError> {
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
async fn remove_photos(objects: &dyn ObjectStore, photos: &[CleanPhoto]) {
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

async fn write_case(
    state: &AppState,
    room: &NamedRoom,
    report: &ValidReport,
    user: Option<&CurrentUser>,
    photos: &[CleanPhoto],
) -> anyhow::Result<Receipt> {
    let now = now_ms();
    let year = oslo_year(now);
    let (reported_by, name, email) = match &report.contact {
        Contact::Anonymous => (None, "", ""),
        Contact::Named { name, email } => {
            (user.map(|u| u.id.as_str()), name.as_str(), email.as_str())
        }
    };
    let token = status_token(&report.client_id);
    let mut tx = state.db.begin_write().await.context("begin")?;
    let number = reports::next_receipt_number(&mut tx, year)
        .await
        .context("take a case number")?;
    let receipt_no = reports::receipt_no(year, number);
    let avvik_id = new_id();
    let case = NewReport {
        id: &avvik_id,
        unit_id: &room.unit_id,
        room_id: &room.id,
        category: report.category.as_str(),
        description: &report.description,
        severity: report.severity.as_str(),
        occurred_at: report.occurred_at.unwrap_or(now),
        reported_by,
        reporter_name: name,
        reporter_email: email,
        receipt_no: &receipt_no,
        client_key: &key_of(&report.client_id),
        status_key: &key_of(&token),
    };
    reports::insert(&mut tx, &case, now)
        .await
        .context("insert the case")?;
    for photo in photos {
        let object_key = store::photo_key(&photo.id, &photo.sha256).to_string();
        let thumb_key = store::thumb_key(&photo.id, &photo.sha256).to_string();
        let row = ReportPhoto {
            id: &photo.id,
            avvik_id: &avvik_id,
            sha256: &photo.sha256,
            byte_size: i64::try_from(photo.processed.jpeg.len()).unwrap_or(i64::MAX),
            width: i64::from(photo.processed.width),
            height: i64::from(photo.processed.height),
            object_key: &object_key,
            thumb_key: &thumb_key,
        };
        reports::insert_photo(&mut tx, &row, now)
            .await
            .context("insert a photo")?;
    }
    // The history keeps what was reported, never who: an anonymous report
    // has no actor, and names and e-mails stay on the case, which can be
    // corrected, not in the history, which cannot.
    let data = serde_json::json!({
        "source": "qr", "receipt_no": receipt_no, "room_id": room.id,
        "category": case.category, "severity": case.severity,
        "description": case.description, "occurred_at": case.occurred_at,
        "status": "open", "anonymous": report.contact == Contact::Anonymous,
        "photo_ids": photos.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
    });
    let change = Change {
        entity_kind: "avvik",
        entity_id: &avvik_id,
        unit_id: Some(&room.unit_id),
        action: "reported",
        actor_user_id: reported_by,
        data,
    };
    history::append(&mut tx, &change, now)
        .await
        .context("record history")?;
    tx.commit().await.context("commit")?;
    Ok(Receipt {
        receipt_no,
        status_token: token,
        created: true,
    })
}
