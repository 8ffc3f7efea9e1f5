//! Server function: log out.

use leptos::prelude::*;

use crate::error::AppError;

/// Ends the current session and clears the cookie.
#[server(prefix = "/api/fn", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::backend::{authenticated, backend, set_cookie, with_status};
    with_status(
        async {
            let backend = backend()?;
            if let Some(auth) = authenticated() {
                backend.logout(&auth.token).await?;
            }
            set_cookie(backend.session_cookie(None));
            Ok(())
        }
        .await,
    )
}
