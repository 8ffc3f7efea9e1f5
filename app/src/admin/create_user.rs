//! Server function: create a user.

use leptos::prelude::*;

use crate::error::AppError;

/// Creates a user with a password; returns the new user's id.
#[server(prefix = "/api/fn", endpoint = "create_user")]
pub async fn create_user(
    username: String,
    display_name: String,
    password: String,
) -> Result<String, AppError> {
    use super::NewUser;
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let new_user = NewUser {
                username: username.trim().to_owned(),
                display_name: display_name.trim().to_owned(),
                password,
            };
            backend()?.create_user(&user, new_user).await
        }
        .await,
    )
}
