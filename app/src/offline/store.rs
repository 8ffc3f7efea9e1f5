//! What pages read from and write to the device. Every write stores the
//! record and its outbox entry in one IndexedDB transaction, so a change is
//! either fully queued or not made at all.

mod photo_meta;
mod privacy;
mod writes;

use crate::offline::db::{self, FINDINGS, META, OUTBOX, PHOTO_META, ROUNDS};
use crate::sync::records::{FindingRecord, RoundRecord};
use crate::sync::reference::{ChecklistRef, ReferenceData};
use crate::sync::rules::OutboxEntry;

pub(crate) use photo_meta::PhotoMeta;
pub(crate) use privacy::drop_unseen;
pub use privacy::forget_person;
pub(crate) use writes::author;
pub use writes::{create_round, finish_round, save_finding};

/// A photo as the device knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalPhoto {
    /// The photo's id (a UUIDv7 made on the device, or the server's for pulled photos).
    pub id: String,
    /// The finding it belongs to.
    pub finding_id: String,
    /// The round of that finding.
    pub round_id: String,
    /// The server has it.
    pub uploaded: bool,
    /// Why the server refused it; cleared by a retry.
    pub error: Option<String>,
    /// The image itself is stored on this device.
    pub has_blob: bool,
    /// Size of the stored JPEG.
    pub byte_size: u64,
}

/// Meta key of the cached reference data.
pub(crate) const REFERENCE_KEY: &str = "reference";

/// Meta key of the id of the person whose session last synced here: what
/// is written on the device is queued as theirs.
pub(crate) const SESSION_USER_KEY: &str = "session_user";

/// Meta key of the last successful sync (epoch ms).
pub(crate) const LAST_SYNC_KEY: &str = "last_sync";

/// Meta key of the pull cursor.
pub(crate) const CURSOR_KEY: &str = "cursor";

/// Meta key of the scope the cursor was reached under
/// ([`crate::sync::scope`]): the server starts over when it changed.
pub(crate) const SCOPE_KEY: &str = "cursor_scope";

/// The person whose session last synced on this device, if known.
pub(crate) async fn session_user(meta: &idb::ObjectStore) -> Result<Option<String>, String> {
    Ok(db::get_raw(meta, SESSION_USER_KEY)
        .await?
        .and_then(|value| value.as_string()))
}

/// Meta key of a kept checklist version.
pub(crate) fn checklist_key(version_id: &str) -> String {
    format!("checklist:{version_id}")
}

/// Outbox entity key of a round.
pub(crate) fn round_key(id: &str) -> String {
    format!("round:{id}")
}

/// Outbox entity key of a finding.
pub(crate) fn finding_key(id: &str) -> String {
    format!("finding:{id}")
}

/// A fresh UUIDv7 for a new round, finding, participant or photo.
pub fn new_id() -> String {
    db::new_id()
}

/// The reference data fetched at the last sync, if any.
pub async fn reference() -> Result<Option<ReferenceData>, String> {
    let transaction = db::read(&[META]).await?;
    db::get(&db::store(&transaction, META)?, REFERENCE_KEY).await
}

/// A checklist version by id: every version ever fetched is kept, so a
/// round keeps its checklist after a new one is published.
pub async fn checklist(version_id: &str) -> Result<Option<ChecklistRef>, String> {
    let transaction = db::read(&[META]).await?;
    db::get(&db::store(&transaction, META)?, &checklist_key(version_id)).await
}

/// The rounds on the device that the person logged in may see, newest
/// date first (none while nobody is known).
pub async fn rounds() -> Result<Vec<RoundRecord>, String> {
    let transaction = db::read(&[ROUNDS, META]).await?;
    let shown = privacy::shown_units(&db::store(&transaction, META)?).await?;
    let mut rounds: Vec<RoundRecord> = db::get_all(&db::store(&transaction, ROUNDS)?).await?;
    rounds.retain(|round| shown.contains(&round.unit_id));
    rounds.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
    Ok(rounds)
}

/// One round by id, if the person logged in may see it.
pub async fn round(id: &str) -> Result<Option<RoundRecord>, String> {
    let transaction = db::read(&[ROUNDS, META]).await?;
    let shown = privacy::shown_units(&db::store(&transaction, META)?).await?;
    let round: Option<RoundRecord> = db::get(&db::store(&transaction, ROUNDS)?, id).await?;
    Ok(round.filter(|round| shown.contains(&round.unit_id)))
}

/// The findings of a round, in the order they were made.
pub async fn findings_of_round(round_id: &str) -> Result<Vec<FindingRecord>, String> {
    let transaction = db::read(&[FINDINGS]).await?;
    db::get_by_round(&db::store(&transaction, FINDINGS)?, round_id).await
}

/// The photos of a round, in the order they were taken.
pub async fn photos_of_round(round_id: &str) -> Result<Vec<LocalPhoto>, String> {
    let transaction = db::read(&[PHOTO_META]).await?;
    let metas: Vec<PhotoMeta> =
        db::get_by_round(&db::store(&transaction, PHOTO_META)?, round_id).await?;
    Ok(metas.iter().map(PhotoMeta::local).collect())
}

/// Every queued operation in local order, rejected ones included.
pub async fn outbox_entries() -> Result<Vec<OutboxEntry>, String> {
    let transaction = db::read(&[OUTBOX]).await?;
    db::read_outbox(&db::store(&transaction, OUTBOX)?).await
}
