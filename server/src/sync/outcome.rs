//! How applying one operation can end.

use app::error::AppError;
use app::sync::protocol::{OperationResult, OperationStatus, RejectionCode};

/// The server refused an operation: stored as its result and shown to the person.
#[derive(Debug)]
pub struct Rejection {
    /// Machine-readable reason.
    pub code: RejectionCode,
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
pub fn reject(code: RejectionCode, message: impl Into<String>) -> ApplyError {
    ApplyError::Rejected(Rejection {
        code,
        message: message.into(),
    })
}

impl From<sqlx::Error> for ApplyError {
    /// A broken constraint or a value the database refuses comes from the
    /// operation's data (an id used elsewhere, a user that does not exist, a
    /// character PostgreSQL cannot store): refused, so it cannot block the
    /// queue behind it. Anything else is the server's failure.
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if !matches!(db.kind(), sqlx::error::ErrorKind::Other) => {
                tracing::info!(%error, "operation refused by a database constraint");
                reject(
                    RejectionCode::Invalid,
                    "Endringen strider mot lagrede data (en id eller en henvisning).",
                )
            }
            sqlx::Error::Database(db) if db.code().is_some_and(|code| is_refused_value(&code)) => {
                tracing::info!(%error, "operation refused: the database cannot store a value");
                reject(
                    RejectionCode::Invalid,
                    "Endringen har en verdi databasen ikke kan lagre (et tegn eller et tall utenfor det tillatte).",
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
                RejectionCode::Forbidden,
                "Du har ikke en rolle som gir lov til å gå vernerunder i denne enheten.",
            ),
            AppError::NotFound => reject(RejectionCode::NotFound, "Enheten finnes ikke."),
            other => ApplyError::Internal(anyhow::anyhow!("access check failed: {other}")),
        }
    }
}

/// PostgreSQL's SQLSTATE classes for values it refuses: 22 (data
/// exception, e.g. U+0000 in text, a number out of range) and 54 (program
/// limit, e.g. a value too large for an index).
fn is_refused_value(sqlstate: &str) -> bool {
    sqlstate.starts_with("22") || sqlstate.starts_with("54")
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
        code: Some(rejection.code),
    }
}
