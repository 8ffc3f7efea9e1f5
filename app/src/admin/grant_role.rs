//! Server function: grant a role in a unit.

use leptos::prelude::*;

use crate::error::AppError;

/// Grants `role` (its identifier) in `unit_id` to `user_id`.
#[server(prefix = "/api/fn", endpoint = "grant_role")]
pub async fn grant_role(user_id: String, role: String, unit_id: String) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    use crate::domain::roles::Role;
    use crate::error::InvalidInput;
    with_status(
        async {
            let actor = require_user()?;
            let role = Role::parse(&role).ok_or(AppError::Invalid(InvalidInput::Role))?;
            backend()?
                .grant_role(&actor, &user_id, role, &unit_id)
                .await
        }
        .await,
    )
}
