//! Push: the outbox in batches of 100, settled entry by entry.

use std::collections::HashMap;

use super::cycle::Stop;
use crate::offline::db::{self, OUTBOX};
use crate::offline::net;
use crate::sync::ownership::sendable;
use crate::sync::protocol::{
    OperationResult, OperationStatus, PushRequest, PushResponse, SCHEMA_VERSION,
};
use crate::sync::rules::{Batch, OutboxEntry, next_batch};

/// Operations per push request.
const BATCH: usize = 100;
/// A bound on requests per cycle, so a server that settles nothing cannot
/// keep a cycle going forever.
const MAX_BATCHES: usize = 50;

/// Pushes every pending operation that `user` (the person logged in) made.
/// Rejected operations are marked and kept; they never hold back the rest.
/// Another person's operations wait for their own session.
pub(super) async fn push_all(user: Option<&str>) -> Result<(), Stop> {
    let mut device_id = None;
    for _ in 0..MAX_BATCHES {
        let entries = {
            let transaction = db::read(&[OUTBOX]).await?;
            sendable(
                &db::read_outbox(&db::store(&transaction, OUTBOX)?).await?,
                user,
            )
        };
        let batch = next_batch(&entries, BATCH);
        if batch.operations.is_empty() {
            return Ok(());
        }
        let device = match device_id.clone() {
            Some(id) => id,
            None => device_id.insert(db::device_id().await?).clone(),
        };
        let request = PushRequest {
            schema: SCHEMA_VERSION,
            device_id: device,
            operations: batch.operations.clone(),
        };
        let response: PushResponse = net::post_json("/api/v1/sync/push", &request).await?;
        if settle(&entries, &batch, &response.results).await? == 0 {
            return Err(Stop::Refused(
                "Serveren bekreftet ingen av endringene.".to_owned(),
            ));
        }
    }
    Ok(())
}

/// Deletes the entries applied operations settle and marks the entries of
/// rejected ones, in one transaction. Returns how many results matched.
async fn settle(
    entries: &[OutboxEntry],
    batch: &Batch,
    results: &[OperationResult],
) -> Result<usize, String> {
    let by_seq: HashMap<u64, &OutboxEntry> = entries
        .iter()
        .map(|entry| (entry.local_seq, entry))
        .collect();
    let transaction = db::write(&[OUTBOX]).await?;
    let work = async {
        let store = db::store(&transaction, OUTBOX)?;
        let mut matched = 0;
        for result in results {
            let Some(settled) = batch.settles.get(&result.op_id) else {
                continue;
            };
            matched += 1;
            for seq in settled {
                match result.status {
                    OperationStatus::Applied => {
                        db::delete(&store, &wasm_bindgen::JsValue::from_f64(*seq as f64)).await?;
                    }
                    OperationStatus::Rejected => {
                        if let Some(entry) = by_seq.get(seq) {
                            let mut entry = (*entry).clone();
                            let reason = result.error.clone();
                            entry.rejected = Some(
                                reason.unwrap_or_else(|| "Serveren avviste endringen.".to_owned()),
                            );
                            db::put_entry(&store, &entry).await?;
                        }
                    }
                }
            }
        }
        Ok(matched)
    }
    .await;
    db::finish(transaction, work).await
}
