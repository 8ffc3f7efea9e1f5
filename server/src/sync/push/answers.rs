//! The answers of a push: those of operation ids sent before, read once
//! for the whole push, and each new answer stored with its operation's
//! effect (or, for a refusal, alone), so that a replay answers the same.

use std::collections::HashMap;

use anyhow::Context;
use app::sync::ids::{canonical, is_uuid};
use app::sync::protocol::OperationResult;
use sqlx::{AnyConnection, Connection};

use super::Pusher;
use super::envelope::RawOperation;
use crate::db::{applied, now_ms};
use crate::sync::outcome::{ApplyError, Rejection, rejected};

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

/// The result stored for an operation id of this person, if any. Read in
/// the push's transaction, it sees (PostgreSQL reading committed data) one
/// that another push stored meanwhile.
async fn stored_result(
    conn: &mut AnyConnection,
    pusher: &Pusher<'_>,
    op_id: &str,
) -> anyhow::Result<Option<OperationResult>> {
    let Some(json) = applied::result_of(conn, &pusher.user.id, op_id).await? else {
        return Ok(None);
    };
    let result = serde_json::from_str(&json).context("decode a stored operation result")?;
    Ok(Some(result))
}

/// Stores a refusal so that a replay answers the same. When another push
/// stored a result for the id meanwhile, that first result is the answer.
pub async fn record_rejection(
    conn: &mut AnyConnection,
    pusher: &Pusher<'_>,
    op_id: &str,
    rejection: &Rejection,
) -> anyhow::Result<OperationResult> {
    let result = rejected(op_id, rejection);
    let json = serde_json::to_string(&result)?;
    let mut savepoint = conn.begin().await.context("open a savepoint")?;
    match applied::record(&mut savepoint, op_id, &pusher.user.id, &json, now_ms()).await {
        Ok(()) => {
            savepoint.commit().await.context("release a savepoint")?;
            Ok(result)
        }
        Err(error) => {
            savepoint
                .rollback()
                .await
                .context("roll back a savepoint")?;
            match stored_result(conn, pusher, op_id).await? {
                Some(first) => Ok(first),
                None => Err(error).context("record a refused operation"),
            }
        }
    }
}

/// Stores an applied operation's result beside its effect.
pub async fn record_applied(
    conn: &mut AnyConnection,
    pusher: &Pusher<'_>,
    result: OperationResult,
) -> Result<OperationResult, ApplyError> {
    let json = serde_json::to_string(&result).map_err(|e| ApplyError::Internal(e.into()))?;
    applied::record(conn, &result.op_id, &pusher.user.id, &json, now_ms()).await?;
    Ok(result)
}
