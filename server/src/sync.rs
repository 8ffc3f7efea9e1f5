//! The sync API (`/api/v1/sync/…`): devices push operations made offline,
//! pull what changed since their cursor, and fetch what a round needs.
//!
//! Every operation is applied in its own transaction together with the
//! record of its id, so a replay returns the first result and changes nothing.

pub mod avvik_cases;
pub mod findings;
pub mod limits;
pub mod outcome;
pub mod pull;
pub mod push;
pub mod reference;
pub mod rounds;

use app::error::AppError;
use app::sync::protocol::SCHEMA_VERSION;
use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Routes under `/api/v1/sync`.
pub fn routes() -> Router<AppState> {
    Router::new()
        // The handler reads the body itself, after the session, within its own limit.
        .route("/sync/push", post(push::push))
        .route("/sync/pull", get(pull::pull))
        .route("/sync/reference", get(reference::reference))
}

/// Refuses a schema version this server does not speak.
pub fn check_schema(schema: u32) -> Result<(), AppError> {
    if schema == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(AppError::Malformed(format!(
            "Unsupported sync schema version {schema}; this server speaks version {SCHEMA_VERSION}. \
             Reload the app to get the current version."
        )))
    }
}
