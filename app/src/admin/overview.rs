//! Server function: users and units for the admin page.

use leptos::prelude::*;

use super::AdminOverview;
use crate::error::AppError;

/// Loads the users and units that the logged-in admin manages.
#[server(prefix = "/api/fn", endpoint = "admin_overview")]
pub async fn load_admin_overview() -> Result<AdminOverview, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.admin_overview(&user).await
        }
        .await,
    )
}
