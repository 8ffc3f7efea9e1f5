//! Server function: log in with username and password.

use leptos::prelude::*;

use crate::error::AppError;

/// Checks the credentials, opens a session (cookie) and returns where to go next.
#[server(prefix = "/api/fn", endpoint = "login")]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use crate::backend::{backend, client_ip, set_cookie, with_status};
    with_status(
        async {
            let backend = backend()?;
            let session = backend
                .login(username.trim(), &password, client_ip())
                .await?;
            set_cookie(backend.session_cookie(Some(&session)));
            Ok(safe_next(next.as_deref()))
        }
        .await,
    )
}

/// The page to go to after login: a local path only, so a crafted link cannot
/// send the person to another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
