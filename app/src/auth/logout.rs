//! Server function: log out.

use leptos::prelude::*;

use crate::error::AppError;

/// Ends the current session, clears the cookie and the browser's HTTP cache.
#[server(prefix = "/api/fn", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::backend::{authenticated, backend, clear_site_cache, set_cookie, with_status};
    with_status(
        async {
            let backend = backend()?;
            if let Some(auth) = authenticated() {
                backend.logout(&auth.token).await?;
            }
            set_cookie(backend.session_cookie(None));
            clear_site_cache();
            Ok(())
        }
        .await,
    )
}
