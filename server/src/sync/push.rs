//! `POST /api/v1/sync/push`: apply a device's operations, each exactly once.
//!
//! Order of the checks, cheapest first: the session (before a byte of the
//! body is read), the body's size, the envelope, then each operation on its
//! own (its size and characters, its shape, its counts, access, the data).

pub mod envelope;

use anyhow::Context;
use app::backend::Authenticated;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::sync::ids::{canonical, is_uuid};
use app::sync::protocol::{
    OperationBody, OperationResult, PushRequest, PushResponse, RejectionCode, SCHEMA_VERSION,
};
use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};

use self::envelope::{BodyError, PUSH_BODY_LIMIT, RawOperation};
use super::outcome::{ApplyError, Rejection, reject, rejected};
use super::{check_schema, findings, limits, rounds};
use crate::db::{applied, now_ms};
use crate::errors::internal;
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
/// A replayed operation id (from the same person) returns its first result.
#[utoipa::path(
    post,
    path = "/api/v1/sync/push",
    request_body = PushRequest,
    responses(
        (status = 200, description = "One result per operation, in order", body = PushResponse),
        (status = 400, description = "Malformed request or unknown schema version"),
        (status = 401, description = "Not logged in (the body is not read)"),
        (status = 413, description = "The body is larger than 8 MiB"),
    ),
    tag = "sync"
)]
#[tracing::instrument(skip_all, fields(operations))]
pub async fn push(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<PushResponse>, BodyError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let bytes = envelope::read_limited(&headers, body, PUSH_BODY_LIMIT).await?;
    let request = envelope::parse(&bytes)?;
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
        let mut result = handle(&state, &pusher, op)
            .await
            .map_err(internal("apply a pushed operation"))?;
        // Answer under the id as sent, whatever form it was stored in.
        result.op_id.clone_from(&op.id);
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
    op: &RawOperation<'_>,
) -> anyhow::Result<OperationResult> {
    if !is_uuid(&op.id) {
        let refusal = Rejection {
            code: RejectionCode::Malformed,
            message: "The operation id must be a UUID.".into(),
        };
        return Ok(rejected(&op.id, &refusal));
    }
    let op_id = canonical(&op.id);
    if let Some(result) = stored_result(state, pusher, &op_id).await? {
        return Ok(result);
    }
    let outcome = match checked_body(op) {
        Ok(body) => apply(state, pusher, &op_id, body).await,
        Err(refusal) => Err(refusal),
    };
    match outcome {
        Ok(result) => Ok(result),
        Err(ApplyError::Rejected(rejection)) => {
            record_rejection(state, pusher, &op_id, &rejection).await
        }
        Err(ApplyError::Internal(error)) => {
            // Another request may have applied the same operation meanwhile.
            match stored_result(state, pusher, &op_id).await? {
                Some(result) => Ok(result),
                None => Err(error),
            }
        }
    }
}

/// The operation's typed body, after the limits that need no database.
fn checked_body(op: &RawOperation<'_>) -> Result<OperationBody, ApplyError> {
    limits::check_raw(op.data.get())?;
    let mut body = OperationBody::parse(op.kind, op.data.get()).map_err(|reason| {
        reject(
            RejectionCode::Malformed,
            format!("Malformed operation: {reason}"),
        )
    })?;
    body.canonicalize_ids();
    limits::check_body(&body)?;
    Ok(body)
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

async fn stored_result(
    state: &AppState,
    pusher: &Pusher<'_>,
    op_id: &str,
) -> anyhow::Result<Option<OperationResult>> {
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .context("acquire a connection")?;
    let Some(json) = applied::result_of(&mut conn, &pusher.user.id, op_id).await? else {
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
        return match stored_result(state, pusher, op_id).await? {
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
