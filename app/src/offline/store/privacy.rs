//! A shared phone keeps people apart (rules in [`crate::sync::visibility`]):
//! pages read only rounds of the units the person known on the device may
//! see, and at logout or when another person logs in, records of other
//! units leave the device unless they hold work still to send.

use std::collections::HashSet;

use idb::Transaction;
use wasm_bindgen::JsValue;

use super::{
    CURSOR_KEY, LAST_SYNC_KEY, PhotoMeta, REFERENCE_KEY, SCOPE_KEY, SESSION_USER_KEY, session_user,
};
use crate::offline::db::{self, FINDINGS, META, OUTBOX, PHOTO_BLOBS, PHOTO_META, ROUNDS};
use crate::sync::ownership::round_of;
use crate::sync::records::{FindingRecord, RoundRecord};
use crate::sync::reference::ReferenceData;
use crate::sync::visibility::{rounds_to_drop, visible_units};

/// The units whose rounds pages may show now.
pub(crate) async fn shown_units(meta: &idb::ObjectStore) -> Result<HashSet<String>, String> {
    let reference: Option<ReferenceData> = db::get(meta, REFERENCE_KEY).await?;
    let user = session_user(meta).await?;
    Ok(visible_units(reference.as_ref(), user.as_deref())
        .into_iter()
        .map(str::to_owned)
        .collect())
}

/// At logout, or when the person logged in walks no rounds: forgets who
/// is logged in, their reference data, pull cursor and last sync, and
/// removes every round, finding and photo that holds no unsent work. If
/// that fails, at least who is logged in and their reference data are
/// forgotten: pages then show nothing, and nothing is queued as theirs.
pub async fn forget_person() -> Result<(), String> {
    match forget_everything().await {
        Ok(()) => Ok(()),
        Err(message) => {
            forget_keys(&[SESSION_USER_KEY, REFERENCE_KEY]).await?;
            Err(message)
        }
    }
}

async fn forget_everything() -> Result<(), String> {
    let transaction = db::write(&[ROUNDS, FINDINGS, PHOTO_META, PHOTO_BLOBS, OUTBOX, META]).await?;
    let work = async {
        let meta = db::store(&transaction, META)?;
        for key in [
            SESSION_USER_KEY,
            REFERENCE_KEY,
            CURSOR_KEY,
            SCOPE_KEY,
            LAST_SYNC_KEY,
        ] {
            db::delete(&meta, &JsValue::from_str(key)).await?;
        }
        drop_unseen(&transaction, &HashSet::new()).await
    }
    .await;
    db::finish(transaction, work).await
}

async fn forget_keys(keys: &[&str]) -> Result<(), String> {
    let transaction = db::write(&[META]).await?;
    let work = async {
        let meta = db::store(&transaction, META)?;
        for key in keys {
            db::delete(&meta, &JsValue::from_str(key)).await?;
        }
        Ok::<(), String>(())
    }
    .await;
    db::finish(transaction, work).await
}

/// Removes, inside `transaction` (over every store), the rounds of units
/// not in `visible` with their findings, photos and images, except rounds
/// with queued changes or photos not yet sent.
pub(crate) async fn drop_unseen(
    transaction: &Transaction,
    visible: &HashSet<&str>,
) -> Result<(), String> {
    let entries = db::read_outbox(&db::store(transaction, OUTBOX)?).await?;
    let photo_store = db::store(transaction, PHOTO_META)?;
    let photos: Vec<PhotoMeta> = db::get_all(&photo_store).await?;
    let mut unsent: HashSet<String> = entries
        .iter()
        .filter_map(|entry| round_of(entry).map(str::to_owned))
        .collect();
    unsent.extend(
        photos
            .iter()
            .filter(|photo| !photo.uploaded && photo.has_blob)
            .map(|photo| photo.round_id.clone()),
    );
    let round_store = db::store(transaction, ROUNDS)?;
    let rounds: Vec<RoundRecord> = db::get_all(&round_store).await?;
    let dropped = rounds_to_drop(
        rounds
            .iter()
            .map(|round| (round.id.as_str(), round.unit_id.as_str())),
        visible,
        &unsent,
    );
    let kept: HashSet<&str> = rounds
        .iter()
        .map(|round| round.id.as_str())
        .filter(|id| !dropped.contains(*id))
        .chain(unsent.iter().map(String::as_str))
        .collect();
    for id in &dropped {
        db::delete(&round_store, &JsValue::from_str(id)).await?;
    }
    let finding_store = db::store(transaction, FINDINGS)?;
    let findings: Vec<FindingRecord> = db::get_all(&finding_store).await?;
    for finding in findings
        .iter()
        .filter(|f| !kept.contains(f.round_id.as_str()))
    {
        db::delete(&finding_store, &JsValue::from_str(&finding.id)).await?;
    }
    let blob_store = db::store(transaction, PHOTO_BLOBS)?;
    for photo in photos
        .iter()
        .filter(|p| !kept.contains(p.round_id.as_str()))
    {
        let key = JsValue::from_str(&photo.id);
        db::delete(&photo_store, &key).await?;
        db::delete(&blob_store, &key).await?;
    }
    Ok(())
}
