//! Pull: pages of changes since the cursor, each applied in one transaction
//! together with the new cursor.

use std::collections::{HashMap, HashSet};

use idb::ObjectStore;
use wasm_bindgen::JsValue;

use super::cycle::Stop;
use crate::offline::db::{self, FINDINGS, META, OUTBOX, PHOTO_META, ROUNDS};
use crate::offline::net;
use crate::offline::store::{CURSOR_KEY, PhotoMeta, SCOPE_KEY, finding_key, round_key};
use crate::sync::protocol::{ChangedRecord, PullResponse};
use crate::sync::records::{FindingRecord, PhotoRecord};
use crate::sync::rules::merge_pulled_finding;

/// Changes per page.
const PAGE: u32 = 500;
/// A bound on pages per cycle; the rest follows in the next cycle.
const MAX_PAGES: usize = 200;

/// Pulls until the server has no more changes.
pub(super) async fn pull_all() -> Result<(), Stop> {
    let (mut cursor, mut scope) = read_cursor().await?;
    for _ in 0..MAX_PAGES {
        let mut url = format!("/api/v1/sync/pull?since={cursor}&limit={PAGE}&schema=1");
        if let Some(scope) = &scope {
            url.push_str(&format!("&scope={scope}"));
        }
        let page: PullResponse = net::get_json(&url).await?;
        apply(&page).await?;
        cursor = page.next_since;
        scope = Some(page.scope.clone()).filter(|scope| !scope.is_empty());
        if !page.more {
            break;
        }
    }
    Ok(())
}

async fn read_cursor() -> Result<(i64, Option<String>), String> {
    let transaction = db::read(&[META]).await?;
    let meta = db::store(&transaction, META)?;
    let cursor = db::get_raw(&meta, CURSOR_KEY).await?;
    let scope = db::get_raw(&meta, SCOPE_KEY).await?;
    Ok((
        cursor.and_then(|value| value.as_f64()).unwrap_or(0.0) as i64,
        scope.and_then(|value| value.as_string()),
    ))
}

/// Applies one page: records with unsent local changes keep those changes
/// (findings take the server's conflict copies), then the cursor moves on.
async fn apply(page: &PullResponse) -> Result<(), String> {
    let transaction = db::write(&[ROUNDS, FINDINGS, PHOTO_META, OUTBOX, META]).await?;
    let work = async {
        let unsent = db::unsent_keys(&db::read_outbox(&db::store(&transaction, OUTBOX)?).await?);
        let rounds = db::store(&transaction, ROUNDS)?;
        let findings = db::store(&transaction, FINDINGS)?;
        let photos = db::store(&transaction, PHOTO_META)?;
        let mut round_of: HashMap<String, String> = HashMap::new();
        for change in &page.changes {
            match &change.record {
                ChangedRecord::Round(round) => {
                    if !unsent.contains(&round_key(&round.id)) {
                        db::put(&rounds, round).await?;
                    }
                }
                ChangedRecord::Finding(finding) => {
                    apply_finding(&findings, finding, &unsent).await?;
                    round_of.insert(finding.id.clone(), finding.round_id.clone());
                }
                ChangedRecord::Photo(photo) => {
                    apply_photo(&photos, &findings, photo, &round_of).await?
                }
            }
        }
        let meta = db::store(&transaction, META)?;
        let cursor = JsValue::from_f64(page.next_since as f64);
        db::put_at(&meta, CURSOR_KEY, &cursor).await?;
        db::put_at(&meta, SCOPE_KEY, &JsValue::from_str(&page.scope)).await
    }
    .await;
    db::finish(transaction, work).await
}

async fn apply_finding(
    store: &ObjectStore,
    pulled: &FindingRecord,
    unsent: &HashSet<String>,
) -> Result<(), String> {
    let local: Option<FindingRecord> = db::get(store, &pulled.id).await?;
    let has_unsent = unsent.contains(&finding_key(&pulled.id));
    let merged = merge_pulled_finding(local.as_ref(), pulled.clone(), has_unsent);
    db::put(store, &merged).await
}

/// A photo the device does not know is recorded as on the server (its image
/// is fetched from there); one this device sent is marked uploaded.
async fn apply_photo(
    photos: &ObjectStore,
    findings: &ObjectStore,
    photo: &PhotoRecord,
    round_of: &HashMap<String, String>,
) -> Result<(), String> {
    if let Some(mut known) = db::get::<PhotoMeta>(photos, &photo.id).await? {
        if !known.uploaded && known.error.is_none() {
            known.uploaded = true;
            db::put(photos, &known).await?;
        }
        return Ok(());
    }
    let round_id = match round_of.get(&photo.finding_id) {
        Some(round_id) => round_id.clone(),
        None => db::get::<FindingRecord>(findings, &photo.finding_id)
            .await?
            .map(|finding| finding.round_id)
            .unwrap_or_default(),
    };
    let meta = PhotoMeta {
        id: photo.id.clone(),
        finding_id: photo.finding_id.clone(),
        round_id,
        sha256: photo.sha256.clone(),
        byte_size: u64::try_from(photo.byte_size).unwrap_or(0),
        width: u32::try_from(photo.width).unwrap_or(0),
        height: u32::try_from(photo.height).unwrap_or(0),
        uploaded: true,
        error: None,
        has_blob: false,
        user_id: None,
        thumbnail_only: false,
    };
    db::put(photos, &meta).await
}
