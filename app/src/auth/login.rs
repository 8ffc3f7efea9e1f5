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
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

/// Whether `path` stays on this site however a browser reads it. Browsers
/// drop tabs and newlines from a URL and read `\` as `/`, so `/\t/evil.example`
/// and `/\\evil.example` both mean `//evil.example`, another site. So: one
/// leading slash and no second one after it, no backslash, no control
/// character or space; and the same once more after decoding `%` escapes,
/// for a `%2F` or `%09` that something on the way decodes.
pub fn is_local_path(path: &str) -> bool {
    let decoded = percent_decoded(path);
    plainly_local(path) && !path.contains(char::is_whitespace) && plainly_local(&decoded)
}

fn plainly_local(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.contains(char::is_control)
}

/// `path` with its `%XX` escapes decoded once (bytes that are not UTF-8
/// become U+FFFD, which is text like any other).
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escape = bytes.get(at + 1..at + 3).filter(|_| bytes[at] == b'%');
        match escape.and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()) {
            Some(byte) => {
                decoded.push(byte);
                at += 3;
            }
            None => {
                decoded.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/admin/users")), "/admin/users");
        assert_eq!(
            safe_next(Some("/runde?id=42&rom=a%20b")),
            "/runde?id=42&rom=a%20b"
        );
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn control_characters_and_encoded_slashes_never_lead_off_site() {
        for crafted in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r//evil.example",
            "/ /evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/\u{0}/evil.example",
        ] {
            assert_eq!(safe_next(Some(crafted)), "/", "{crafted:?}");
        }
    }
}
