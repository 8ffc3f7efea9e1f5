//! The answers of a push: those of operation ids sent before, read once
//! for the whole push, and the new ones stored together at its commit, so
//! that a replay answers the same.

use std::collections::HashMap;

use anyhow::Context;
use app::sync::ids::{canonical, is_uuid};
use app::sync::protocol::OperationResult;
use sqlx::AnyConnection;

use super::Pusher;
use super::envelope::RawOperation;
use crate::db::{applied, now_ms};

/// The stored results of the push's operation ids sent before.
pub async fn answered_before(
    conn: &mut AnyConnection,
    pusher: &Pusher<'_>,
    operations: &[RawOperation<'_>],
) -> anyhow::Result<HashMap<String, OperationResult>> {
    let op_ids: Vec<String> = operations
        .iter()
        .filter(|op| is_uuid(&op.id))
        .map(|op| canonical(&op.id))
        .collect();
    let mut answered = HashMap::with_capacity(op_ids.len());
    for (op_id, json) in applied::results_of(conn, &pusher.user.id, &op_ids).await? {
        let result = serde_json::from_str(&json).context("decode a stored operation result")?;
        answered.insert(op_id, result);
    }
    Ok(answered)
}

/// Stores the push's new answers, in the transaction of their effects.
pub async fn store_answers(conn: &mut AnyConnection, pusher: &Pusher<'_>) -> anyhow::Result<()> {
    let mut rows = Vec::with_capacity(pusher.new_answers.len());
    for result in &pusher.new_answers {
        let json = serde_json::to_string(result).context("encode an operation result")?;
        rows.push((result.op_id.as_str(), json));
    }
    applied::record_all(conn, &pusher.user.id, &rows, now_ms())
        .await
        .context("store the push's answers")
}
