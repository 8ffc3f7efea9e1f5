//! Server function: who is logged in.

use leptos::prelude::*;

use crate::domain::users::CurrentUser;
use crate::error::AppError;

/// The logged-in user, or `None`.
#[server(prefix = "/api/fn", endpoint = "whoami")]
pub async fn whoami() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::backend::authenticated().map(|auth| auth.user))
}
