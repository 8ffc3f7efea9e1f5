//! Server function: the start page's data.

use leptos::prelude::*;

use super::StartPageData;
use crate::error::AppError;

/// Loads the start page of the logged-in user.
#[server(prefix = "/api/fn", endpoint = "start_page")]
pub async fn load_start_page() -> Result<StartPageData, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.start_page(&user).await
        }
        .await,
    )
}
