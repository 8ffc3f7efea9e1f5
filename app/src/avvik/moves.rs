//! The server functions that change a case from its page: a step along
//! the workflow (see [`super::workflow`] for the rule), the responsible
//! person, a comment, and a new risk rating.

use leptos::prelude::*;

use crate::error::AppError;
use crate::reports::CaseState;

/// Moves case `id` to `to`; `note` is what was done (closing) or why
/// (rejecting, reopening).
#[server(prefix = "/api/fn", endpoint = "move_avvik")]
pub async fn move_avvik(
    id: String,
    to: CaseState,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.move_case(&user, &id, to, &note).await
        }
        .await,
    )
}

/// Adds a comment to case `id`; `visible` shows it to the reporter on the
/// status link.
#[server(prefix = "/api/fn", endpoint = "comment_avvik")]
pub async fn comment_avvik(
    id: String,
    body: String,
    #[server(default)] visible: bool,
) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.comment_case(&user, &id, &body, visible).await
        }
        .await,
    )
}

/// Makes `person` (a user id; empty: nobody) responsible for case `id`.
#[server(prefix = "/api/fn", endpoint = "assign_avvik")]
pub async fn assign_avvik(id: String, #[server(default)] person: String) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let person = Some(person).filter(|person| !person.is_empty());
            backend()?.assign_case(&user, &id, person).await
        }
        .await,
    )
}

/// Rates case `id`'s risk again on the 5×5 matrix; the first rating is kept.
#[server(prefix = "/api/fn", endpoint = "rerate_avvik")]
pub async fn rerate_avvik(id: String, probability: i64, consequence: i64) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let rating =
                super::rating::Rating::new(probability, consequence).map_err(AppError::Invalid)?;
            backend()?.rerate_case(&user, &id, rating).await
        }
        .await,
    )
}
