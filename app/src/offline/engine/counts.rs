//! The numbers every page shows: what waits, what failed, the last sync.

use std::collections::{HashMap, HashSet};

use wasm_bindgen::JsValue;

use super::{browser_online, update_status};
use crate::offline::db::{self, FINDINGS, META, OUTBOX, PHOTO_META, ROUNDS};
use crate::offline::status::Failure;
use crate::offline::store::{LAST_SYNC_KEY, PhotoMeta, finding_key, session_user};
use crate::sync::ownership::{held_entries, held_for_other, may_send};
use crate::sync::protocol::OperationKind;
use crate::sync::records::{FindingRecord, RoundRecord};
use crate::sync::rules::{OutboxEntry, refusal_of};

/// Recounts waiting changes and photos and collects failures into the status.
pub async fn refresh_status() {
    match read_counts().await {
        Ok(counts) => update_status(|status| {
            status.counted = true;
            status.pending_changes = counts.pending_changes;
            status.pending_photos = counts.pending_photos;
            status.held_for_others = counts.held_for_others;
            status.failures = counts.failures;
            status.offline = !browser_online();
        }),
        Err(message) => update_status(|status| status.last_error = Some(message)),
    }
}

/// Loads the time of the last successful sync into the status.
pub(super) async fn load_last_sync() {
    let loaded = async {
        let transaction = db::read(&[META]).await?;
        db::get_raw(&db::store(&transaction, META)?, LAST_SYNC_KEY).await
    }
    .await;
    if let Ok(Some(at)) = loaded.map(|value| value.and_then(|value| value.as_f64())) {
        update_status(|status| status.last_sync_ms = Some(at));
    }
}

/// Keeps the time of a successful sync.
pub(super) async fn save_last_sync(at: f64) -> Result<(), String> {
    let transaction = db::write(&[META]).await?;
    let work = async {
        let meta = db::store(&transaction, META)?;
        db::put_at(&meta, LAST_SYNC_KEY, &JsValue::from_f64(at)).await
    }
    .await;
    db::finish(transaction, work).await
}

/// What the status shows, read from the device.
struct Counts {
    pending_changes: usize,
    pending_photos: usize,
    held_for_others: usize,
    failures: Vec<Failure>,
}

async fn read_counts() -> Result<Counts, String> {
    let transaction = db::read(&[OUTBOX, PHOTO_META, ROUNDS, FINDINGS, META]).await?;
    let user = session_user(&db::store(&transaction, META)?).await?;
    let others = |owner: &Option<String>| held_for_other(owner.as_deref(), user.as_deref());
    let entries = db::read_outbox(&db::store(&transaction, OUTBOX)?).await?;
    let photos: Vec<PhotoMeta> = db::get_all(&db::store(&transaction, PHOTO_META)?).await?;
    let rounds: Vec<RoundRecord> = db::get_all(&db::store(&transaction, ROUNDS)?).await?;
    let findings: Vec<FindingRecord> = db::get_all(&db::store(&transaction, FINDINGS)?).await?;
    let known: HashSet<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    let titles: HashMap<&str, &str> = rounds
        .iter()
        .map(|round| (round.id.as_str(), round.title.as_str()))
        .collect();

    let held = held_entries(&entries, user.as_deref());
    let held_keys: HashSet<&str> = entries
        .iter()
        .filter(|entry| held.contains(&entry.local_seq))
        .map(|entry| entry.entity_key.as_str())
        .collect();
    let pending_changes = entries
        .iter()
        .filter(|entry| entry.rejected.is_none() && !held.contains(&entry.local_seq))
        .count();
    let refused = |photo: &PhotoMeta| refusal_of(&entries, &finding_key(&photo.finding_id));
    // A photo also waits while its finding's changes wait for someone else.
    let (photos_held, pending_photos): (Vec<&PhotoMeta>, Vec<&PhotoMeta>) = photos
        .iter()
        .filter(|photo| !photo.uploaded && photo.error.is_none() && refused(photo).is_none())
        .filter(|photo| known.contains(photo.finding_id.as_str()))
        .partition(|photo| {
            others(&photo.user_id) || held_keys.contains(finding_key(&photo.finding_id).as_str())
        });
    // Only the person's own failures are listed: on a shared phone the
    // next person sees neither the titles nor the photos of the last one.
    let mine = |owner: &Option<String>| may_send(owner.as_deref(), user.as_deref());
    let mut failures: Vec<Failure> = entries
        .iter()
        .filter(|entry| mine(&entry.user_id))
        .filter_map(|entry| {
            Some(Failure {
                key: format!("op:{}", entry.local_seq),
                what: operation_label(entry, &titles),
                message: entry.rejected.clone()?,
                photo_id: None,
                retry: false,
            })
        })
        .collect();
    failures.extend(
        photos
            .iter()
            .filter(|photo| mine(&photo.user_id))
            .filter_map(|photo| {
                let (message, retry) = match (&photo.error, refused(photo)) {
                    (Some(error), _) => (error.clone(), true),
                    (None, Some(reason)) if !photo.uploaded => (reason.to_owned(), false),
                    _ => return None,
                };
                Some(Failure {
                    key: format!("photo:{}", photo.id),
                    what: match titles.get(photo.round_id.as_str()) {
                        Some(title) => format!("Bilde i runden «{title}»"),
                        None => "Bilde".to_owned(),
                    },
                    message,
                    photo_id: Some(photo.id.clone()),
                    retry,
                })
            }),
    );
    Ok(Counts {
        pending_changes,
        pending_photos: pending_photos.len(),
        held_for_others: held.len() + photos_held.len(),
        failures,
    })
}

/// What an operation was, for a person.
fn operation_label(entry: &OutboxEntry, titles: &HashMap<&str, &str>) -> String {
    let data = &entry.op.data;
    let title = data["title"]
        .as_str()
        .or_else(|| entry.op.round_id().and_then(|id| titles.get(id).copied()));
    let kind = match entry.op.kind {
        OperationKind::CreateRound => "Ny runde",
        OperationKind::SaveFinding => "Svar på sjekkpunkt",
        OperationKind::FinishRound => "Avslutning av runde",
        OperationKind::Unknown => "Ukjent endring",
    };
    match title {
        Some(title) => format!("{kind} («{title}»)"),
        None => kind.to_owned(),
    }
}
