//! How applying one operation can end.

use app::error::AppError;
use app::sync::protocol::{OperationResult, OperationStatus};

/// The server refused an operation: stored as its result and shown to the person.
#[derive(Debug)]
pub struct Rejection {
    /// Machine-readable reason (`forbidden`, `not_found`, `invalid`, `round_finished`, `exists`).
    pub code: &'static str,
    /// What a person can read.
    pub message: String,
}

/// Either a refusal (a result) or a failure of the server (retry later).
#[derive(Debug)]
pub enum ApplyError {
    /// Refused for good.
    Rejected(Rejection),
    /// The database or another part failed.
    Internal(anyhow::Error),
}

/// Shorthand for a refusal.
pub fn reject(code: &'static str, message: impl Into<String>) -> ApplyError {
    ApplyError::Rejected(Rejection {
        code,
        message: message.into(),
    })
}

impl From<sqlx::Error> for ApplyError {
    /// A broken constraint comes from the operation's data (an id used
    /// elsewhere, a user that does not exist): refused, so it cannot block
    /// the queue behind it. Anything else is the server's failure.
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if !matches!(db.kind(), sqlx::error::ErrorKind::Other) => {
                tracing::info!(%error, "operation refused by a database constraint");
                reject(
                    "invalid",
                    "The operation clashes with stored data (an id or a reference).",
                )
            }
            _ => ApplyError::Internal(error.into()),
        }
    }
}

impl From<AppError> for ApplyError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Forbidden => reject(
                "forbidden",
                "Du har ikke en rolle som gir lov til å gå vernerunder i denne enheten.",
            ),
            AppError::NotFound => reject("not_found", "Enheten finnes ikke."),
            other => ApplyError::Internal(anyhow::anyhow!("access check failed: {other}")),
        }
    }
}

/// The result of an applied operation.
pub fn applied(op_id: &str, seq: Option<i64>, conflict: bool) -> OperationResult {
    OperationResult {
        op_id: op_id.to_owned(),
        status: OperationStatus::Applied,
        seq,
        conflict,
        error: None,
        code: None,
    }
}

/// The result of a refused operation.
pub fn rejected(op_id: &str, rejection: &Rejection) -> OperationResult {
    OperationResult {
        op_id: op_id.to_owned(),
        status: OperationStatus::Rejected,
        seq: None,
        conflict: false,
        error: Some(rejection.message.clone()),
        code: Some(rejection.code.to_owned()),
    }
}
