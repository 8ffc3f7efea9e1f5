//! The outbox store: operations under an auto-increment key, which is the
//! entry's local order.

use std::collections::HashSet;

use idb::ObjectStore;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{describe, from_js, to_js};
use crate::sync::protocol::{Operation, OperationBody};
use crate::sync::rules::OutboxEntry;

/// An outbox entry as stored: its key lives outside the value.
#[derive(Serialize, Deserialize)]
struct StoredEntry {
    op: Operation,
    entity_key: String,
    rejected: Option<String>,
    /// Absent in entries queued before entries were tagged.
    #[serde(default)]
    user_id: Option<String>,
}

/// Every entry, in local order, with its key as `local_seq`.
pub(crate) async fn read_outbox(store: &ObjectStore) -> Result<Vec<OutboxEntry>, String> {
    let values = store
        .get_all(None, None)
        .map_err(describe)?
        .await
        .map_err(describe)?;
    let keys = store
        .get_all_keys(None, None)
        .map_err(describe)?
        .await
        .map_err(describe)?;
    let mut entries = keys
        .into_iter()
        .zip(values)
        .map(|(key, value)| {
            let stored: StoredEntry = from_js(value)?;
            let local_seq = key.as_f64().ok_or("Ugyldig nøkkel i køen på enheten.")?;
            Ok(OutboxEntry {
                local_seq: local_seq as u64,
                op: stored.op,
                entity_key: stored.entity_key,
                rejected: stored.rejected,
                user_id: stored.user_id,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    entries.sort_by_key(|entry| entry.local_seq);
    Ok(entries)
}

/// Queues a new operation on `entity_key` under a fresh operation id, made
/// by `user_id` (the person logged in on the device, when known).
pub(crate) async fn add_op(
    store: &ObjectStore,
    body: &OperationBody,
    entity_key: String,
    user_id: Option<String>,
) -> Result<(), String> {
    let stored = StoredEntry {
        op: Operation::new(super::new_id(), body),
        entity_key,
        rejected: None,
        user_id,
    };
    let value = to_js(&stored)?;
    store
        .add(&value, None)
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(())
}

/// Rewrites an entry (e.g. to mark it rejected) under its own key.
pub(crate) async fn put_entry(store: &ObjectStore, entry: &OutboxEntry) -> Result<(), String> {
    let stored = StoredEntry {
        op: entry.op.clone(),
        entity_key: entry.entity_key.clone(),
        rejected: entry.rejected.clone(),
        user_id: entry.user_id.clone(),
    };
    let key = JsValue::from_f64(entry.local_seq as f64);
    store
        .put(&to_js(&stored)?, Some(&key))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(())
}

/// The records with operations still to send (rejected ones are never sent).
pub(crate) fn unsent_keys(entries: &[OutboxEntry]) -> HashSet<String> {
    entries
        .iter()
        .filter(|entry| entry.rejected.is_none())
        .map(|entry| entry.entity_key.clone())
        .collect()
}
