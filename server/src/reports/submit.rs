//! Opening a case from a checked report: exactly once per device id, with
//! its photos, its case number and a history entry, in one transaction.

use anyhow::Context;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::notifications::model::NoticeKind;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::form::{Contact, ValidReport};
use super::report_photos::{CleanPhoto, clean_photos, remove_photos, store_photos};
use crate::db::history::{self, Change};
use crate::db::notifications;
use crate::db::places::NamedRoom;
use crate::db::reports::{self, NewReport, ReportPhoto};
use crate::db::{new_id, now_ms, thumbnail_jobs};
use crate::errors::internal;
use crate::local_time::oslo_year;
use crate::photos::store;
use crate::services::notifications::notify;
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
        Ok(receipt) => {
            if !photos.is_empty() {
                state.thumbnails.notify_one();
            }
            Ok(receipt)
        }
        Err(error) => {
            remove_photos(state.photos.as_ref(), &photos).await;
            match earlier_receipt(state, &report.client_id).await? {
                Some(receipt) => Ok(receipt),
                None => Err(internal("open a reported case")(format!("{error:#}"))),
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
        Contact::Named {
            name,
            email,
            user_id,
        } => {
            let same_person = user.filter(|u| Some(&u.id) == user_id.as_ref());
            (
                same_person.map(|u| u.id.as_str()),
                name.as_str(),
                email.as_str(),
            )
        }
    };
    let token = status_token(&report.client_id);
    let mut tx = state.db.begin_change().await.context("begin")?;
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
        let row = ReportPhoto {
            id: &photo.id,
            avvik_id: &avvik_id,
            sha256: &photo.sha256,
            byte_size: i64::try_from(photo.processed.jpeg.len()).unwrap_or(i64::MAX),
            width: i64::from(photo.processed.width),
            height: i64::from(photo.processed.height),
            object_key: &object_key,
        };
        reports::insert_photo(&mut tx, &row, now)
            .await
            .context("insert a photo")?;
        thumbnail_jobs::add(&mut *tx, &photo.id, now)
            .await
            .context("add a thumbnail job")?;
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
    let watchers = notifications::unit_watchers(&mut tx, &room.unit_id, Some(&room.id))
        .await
        .context("find whom to tell")?;
    let told = (&avvik_id[..], None);
    notify(
        &mut tx,
        NoticeKind::NewReport,
        told,
        &watchers,
        reported_by,
        None,
    )
    .await
    .context("tell the unit")?;
    tx.commit().await.context("commit")?;
    Ok(Receipt {
        receipt_no,
        status_token: token,
        created: true,
    })
}
