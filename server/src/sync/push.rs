//! `POST /api/v1/sync/push`: apply a device's operations, each exactly once.

use anyhow::Context;
use app::backend::Authenticated;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::sync::ids::is_uuid;
use app::sync::protocol::{
    Operation, OperationBody, OperationResult, PushRequest, PushResponse, SCHEMA_VERSION,
};
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::{Extension, Json};

use super::outcome::{ApplyError, Rejection, reject, rejected};
use super::{check_schema, findings, rounds};
use crate::db::{applied, now_ms};
use crate::errors::{ApiError, internal};
use crate::state::AppState;

/// Most operations accepted in one push.
pub const MAX_OPERATIONS: usize = 500;

/// Who pushes, from which device.
pub struct Pusher<'a> {
    /// The logged-in user.
    pub user: &'a CurrentUser,
    /// The device id from the request.
    pub device_id: &'a str,
}

/// Applies each operation in order and answers one result per operation.
/// A replayed operation id returns its first result.
#[utoipa::path(
    post,
    path = "/api/v1/sync/push",
    request_body = PushRequest,
    responses(
        (status = 200, description = "One result per operation, in order", body = PushResponse),
        (status = 400, description = "Malformed request or unknown schema version"),
        (status = 401, description = "Not logged in"),
    ),
    tag = "sync"
)]
#[tracing::instrument(skip_all, fields(operations))]
pub async fn push(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let Json(request) = body.map_err(|error| AppError::Malformed(error.body_text()))?;
    check_schema(request.schema)?;
    if request.operations.len() > MAX_OPERATIONS {
        return Err(AppError::Malformed(format!(
            "Too many operations in one push (most {MAX_OPERATIONS}); send them in smaller batches."
        ))
        .into());
    }
    if request.device_id.is_empty() || request.device_id.len() > 64 {
        return Err(AppError::Malformed("device_id must be 1–64 characters.".into()).into());
    }
    tracing::Span::current().record("operations", request.operations.len());
    let pusher = Pusher {
        user: &auth.user,
        device_id: &request.device_id,
    };
    let mut results = Vec::with_capacity(request.operations.len());
    for op in &request.operations {
        let result = handle(&state, &pusher, op)
            .await
            .map_err(internal("apply a pushed operation"))?;
        results.push(result);
    }
    Ok(Json(PushResponse {
        schema: SCHEMA_VERSION,
        results,
    }))
}

/// One operation: the stored result of a replay, or apply it now.
async fn handle(
    state: &AppState,
    pusher: &Pusher<'_>,
    op: &Operation,
) -> anyhow::Result<OperationResult> {
    if !is_uuid(&op.id) {
        let refusal = Rejection {
            code: "malformed",
            message: "The operation id must be a UUID.".into(),
        };
        return Ok(rejected(&op.id, &refusal));
    }
    if let Some(result) = stored_result(state, &op.id).await? {
        return Ok(result);
    }
    let outcome = match op.body() {
        Ok(body) => apply(state, pusher, &op.id, body).await,
        Err(reason) => Err(reject(
            "malformed",
            format!("Malformed operation: {reason}"),
        )),
    };
    match outcome {
        Ok(result) => Ok(result),
        Err(ApplyError::Rejected(rejection)) => {
            record_rejection(state, pusher, &op.id, &rejection).await
        }
        Err(ApplyError::Internal(error)) => {
            // Another request may have applied the same operation meanwhile.
            match stored_result(state, &op.id).await? {
                Some(result) => Ok(result),
                None => Err(error),
            }
        }
    }
}

async fn apply(
    state: &AppState,
    pusher: &Pusher<'_>,
    op_id: &str,
    body: OperationBody,
) -> Result<OperationResult, ApplyError> {
    match body {
        OperationBody::CreateRound(round) => rounds::create(state, pusher, op_id, round).await,
        OperationBody::SaveFinding(input) => findings::save(state, pusher, op_id, input).await,
        OperationBody::FinishRound(finish) => rounds::finish(state, pusher, op_id, finish).await,
    }
}

async fn stored_result(state: &AppState, op_id: &str) -> anyhow::Result<Option<OperationResult>> {
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .context("acquire a connection")?;
    let Some(json) = applied::result_of(&mut conn, op_id).await? else {
        return Ok(None);
    };
    let result = serde_json::from_str(&json).context("decode a stored operation result")?;
    Ok(Some(result))
}

/// Stores a refusal so that a replay answers the same.
async fn record_rejection(
    state: &AppState,
    pusher: &Pusher<'_>,
    op_id: &str,
    rejection: &Rejection,
) -> anyhow::Result<OperationResult> {
    let result = rejected(op_id, rejection);
    let json = serde_json::to_string(&result)?;
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .context("acquire a connection")?;
    if let Err(error) = applied::record(&mut conn, op_id, &pusher.user.id, &json, now_ms()).await {
        return match stored_result(state, op_id).await? {
            Some(first) => Ok(first),
            None => Err(error).context("record a refused operation"),
        };
    }
    Ok(result)
}

/// Commits an applied operation: records its result in the same transaction.
pub async fn commit_applied(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    pusher: &Pusher<'_>,
    result: OperationResult,
    now: i64,
) -> Result<OperationResult, ApplyError> {
    let json = serde_json::to_string(&result).map_err(|e| ApplyError::Internal(e.into()))?;
    applied::record(&mut tx, &result.op_id, &pusher.user.id, &json, now).await?;
    tx.commit().await?;
    Ok(result)
}
