//! `POST /api/v1/sync/push`: apply a device's operations, each exactly once.
//!
//! Order of the checks, cheapest first: the session (before a byte of the
//! body is read), the body's size, the envelope, then each operation on its
//! own (its size and characters, its shape, its counts, access, the data).
//!
//! A push is one transaction, so one commit (and on SQLite one fsync)
//! however many operations it holds. Each operation runs in a savepoint: a
//! refused one is rolled back alone and its refusal stored, so it never
//! blocks the others. A failure of the server rolls the whole push back and
//! the device sends it again; every operation is still applied exactly once.

mod answers;
pub mod envelope;
pub mod places;

use std::collections::HashMap;

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
use sqlx::{AnyConnection, Connection};

use self::answers::{answered_before, record_applied, record_rejection};
use self::envelope::{BodyError, PUSH_BODY_LIMIT, RawOperation};
use self::places::Places;
use super::outcome::{ApplyError, Rejection, reject, rejected};
use super::{check_schema, findings, limits, rounds};
use crate::errors::internal;
use crate::state::AppState;

/// Most operations accepted in one push.
pub const MAX_OPERATIONS: usize = 500;

/// Who pushes, from which device, and what the push has read of the
/// organisation.
pub struct Pusher<'a> {
    /// The logged-in user.
    pub user: &'a CurrentUser,
    /// The device id from the request.
    pub device_id: &'a str,
    /// The organisation and checklists as read in this push.
    pub places: Places,
    /// The results of operation ids answered before, by canonical id: read
    /// for the whole push at its start, and each answer of this push added
    /// (an id sent twice in one push gets its first answer).
    answered: HashMap<String, OperationResult>,
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
    let mut pusher = Pusher {
        user: &auth.user,
        device_id: &request.device_id,
        places: Places::default(),
        answered: HashMap::new(),
    };
    let mut tx = state
        .db
        .begin_write()
        .await
        .map_err(internal("begin a push"))?;
    pusher.answered = answered_before(&mut tx, &pusher, &request.operations)
        .await
        .map_err(internal("read the answers of earlier pushes"))?;
    let mut results = Vec::with_capacity(request.operations.len());
    for op in &request.operations {
        let mut result = handle(&mut tx, &mut pusher, op)
            .await
            .map_err(internal("apply a pushed operation"))?;
        // Answer under the id as sent, whatever form it was stored in.
        result.op_id.clone_from(&op.id);
        results.push(result);
    }
    tx.commit().await.map_err(internal("commit a push"))?;
    Ok(Json(PushResponse {
        schema: SCHEMA_VERSION,
        results,
    }))
}

/// One operation, in a savepoint of the push: the stored result of a
/// replay, or apply it now and store its result with its effect.
async fn handle(
    conn: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
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
    if let Some(result) = pusher.answered.get(&op_id) {
        return Ok(result.clone());
    }
    let result = answer(conn, pusher, &op_id, op).await?;
    pusher.answered.insert(op_id, result.clone());
    Ok(result)
}

/// Applies an operation not answered before.
async fn answer(
    conn: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
    op_id: &str,
    op: &RawOperation<'_>,
) -> anyhow::Result<OperationResult> {
    let mut savepoint = conn.begin().await.context("open a savepoint")?;
    let outcome = match checked_body(op) {
        Ok(body) => apply(&mut savepoint, pusher, op_id, body).await,
        Err(refusal) => Err(refusal),
    };
    let outcome = match outcome {
        Ok(result) => record_applied(&mut savepoint, pusher, result).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(result) => {
            savepoint.commit().await.context("release a savepoint")?;
            Ok(result)
        }
        Err(ApplyError::Rejected(rejection)) => {
            savepoint
                .rollback()
                .await
                .context("roll back a savepoint")?;
            record_rejection(conn, pusher, op_id, &rejection).await
        }
        Err(ApplyError::Internal(error)) => Err(error),
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
    conn: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
    op_id: &str,
    body: OperationBody,
) -> Result<OperationResult, ApplyError> {
    match body {
        OperationBody::CreateRound(round) => rounds::create(conn, pusher, op_id, round).await,
        OperationBody::SaveFinding(input) => findings::save(conn, pusher, op_id, input).await,
        OperationBody::FinishRound(finish) => rounds::finish(conn, pusher, op_id, finish).await,
    }
}
