//! `POST /api/v1/sync/push`: apply a device's operations, each exactly once.
//!
//! Order of the checks, cheapest first: the session (before a byte of the
//! body is read), the body's size, the envelope, then each operation on its
//! own (its size and characters, its shape, its counts, access, the data).
//!
//! A push is one transaction: one commit (on SQLite one fsync) however many
//! operations it holds, and a failure of the server leaves nothing of it,
//! for the device to send again. A refused operation must never block the
//! others, so it is rolled back alone: the push runs first without
//! savepoints (two round trips to the database fewer per operation), and
//! if an operation is refused after it may have written, it starts over
//! with a savepoint around each operation.

mod answers;
pub mod envelope;
pub mod places;
mod pusher;

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

use self::answers::{answered_before, store_answers};
use self::envelope::{BodyError, PUSH_BODY_LIMIT, PushEnvelope, RawOperation};
pub use self::pusher::Pusher;
use super::outcome::{ApplyError, Rejection, reject, rejected};
use super::{check_schema, findings, limits, rounds};
use crate::db::DbKind;
use crate::errors::internal;
use crate::state::AppState;

/// Most operations accepted in one push.
pub const MAX_OPERATIONS: usize = 500;

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
    let results = match attempt(&state, &auth.user, &request, Savepoints::No).await {
        Ok(Some(results)) => Ok(results),
        Ok(None) => attempt(&state, &auth.user, &request, Savepoints::Each)
            .await
            .and_then(|results| results.context("a push with savepoints always ends")),
        Err(error) => Err(error),
    }
    .map_err(internal("apply a push"))?;
    Ok(Json(PushResponse {
        schema: SCHEMA_VERSION,
        results,
    }))
}

/// Whether each operation runs in a savepoint of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Savepoints {
    /// None: the first attempt, given up when an operation is refused after
    /// it may have written.
    No,
    /// One per operation: a refused one is rolled back alone.
    Each,
}

/// One attempt at the push in one transaction: the answers in order, or
/// `None` when it was given up (rolled back) to be made with savepoints.
async fn attempt(
    state: &AppState,
    user: &CurrentUser,
    request: &PushEnvelope<'_>,
    savepoints: Savepoints,
) -> anyhow::Result<Option<Vec<OperationResult>>> {
    let mut pusher = Pusher::new(user, &request.device_id);
    // With the lock every writer of recorded changes takes first (see
    // `Db::begin_change`), held to the commit: nothing read below changes
    // under the push, and a second push of the same operations waits and
    // then finds their answers.
    let mut tx = state.db.begin_change().await.context("begin a push")?;
    if state.db.kind() == DbKind::Postgres {
        // The pool plans each statement for its values (see `Db::connect`),
        // which the list needs; a push's statements are lookups by key, and
        // planning each of them anew cost more than their work.
        sqlx::query("SET LOCAL plan_cache_mode = auto")
            .execute(&mut *tx)
            .await
            .context("plan the push's statements once")?;
    }
    pusher.answered = answered_before(&mut tx, &pusher, &request.operations).await?;
    let mut results = Vec::with_capacity(request.operations.len());
    for op in &request.operations {
        let Some(mut result) = handle(&mut tx, &mut pusher, op, savepoints).await? else {
            tx.rollback().await.context("give up a push")?;
            return Ok(None);
        };
        // Answer under the id as sent, whatever form it was stored in.
        result.op_id.clone_from(&op.id);
        results.push(result);
    }
    store_answers(&mut tx, &pusher).await?;
    tx.commit().await.context("commit a push")?;
    Ok(Some(results))
}

/// One operation: the answer given before, or apply it now. `None` when it
/// was refused after it may have written, without a savepoint to undo that.
async fn handle(
    conn: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
    op: &RawOperation<'_>,
    savepoints: Savepoints,
) -> anyhow::Result<Option<OperationResult>> {
    if !is_uuid(&op.id) {
        let refusal = Rejection {
            code: RejectionCode::Malformed,
            message: "The operation id must be a UUID.".into(),
        };
        return Ok(Some(rejected(&op.id, &refusal)));
    }
    let op_id = canonical(&op.id);
    if let Some(result) = pusher.answered.get(&op_id) {
        return Ok(Some(result.clone()));
    }
    let outcome = match checked_body(op) {
        Ok(body) if savepoints == Savepoints::Each => {
            in_savepoint(conn, pusher, &op_id, body).await?
        }
        Ok(body) => match apply(conn, pusher, &op_id, body).await {
            Err(ApplyError::Rejected(_)) => return Ok(None),
            outcome => outcome,
        },
        // Refused before it touched the database.
        Err(refusal) => Err(refusal),
    };
    match outcome {
        Ok(result) => Ok(Some(pusher.answer(op_id, result))),
        Err(ApplyError::Rejected(rejection)) => {
            let result = rejected(&op_id, &rejection);
            Ok(Some(pusher.answer(op_id, result)))
        }
        Err(ApplyError::Internal(error)) => Err(error),
    }
}

/// Applies an operation in a savepoint, rolled back if it is refused.
async fn in_savepoint(
    conn: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
    op_id: &str,
    body: OperationBody,
) -> anyhow::Result<Result<OperationResult, ApplyError>> {
    let mut savepoint = conn.begin().await.context("open a savepoint")?;
    let outcome = apply(&mut savepoint, pusher, op_id, body).await;
    if outcome.is_ok() {
        savepoint.commit().await.context("release a savepoint")?;
    } else {
        savepoint
            .rollback()
            .await
            .context("roll back a savepoint")?;
    }
    Ok(outcome)
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
