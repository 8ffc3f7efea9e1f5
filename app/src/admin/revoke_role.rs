//! Server function: revoke a role grant.

use leptos::prelude::*;

use crate::error::AppError;

/// Revokes the grant with this id.
#[server(prefix = "/api/fn", endpoint = "revoke_role")]
pub async fn revoke_role(grant_id: String) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let actor = require_user()?;
            backend()?.revoke_role(&actor, &grant_id).await
        }
        .await,
    )
}
