//! Sends people who are not logged in to the login page.

use app::backend::Authenticated;
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::session::StaleSession;

/// Static files: served without looking up the session.
pub fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(
            path,
            "/sw.js" | "/manifest.webmanifest" | "/favicon.ico" | "/robots.txt"
        )
}

/// Paths anyone may load: the login page, static files, health, the APIs
/// (which answer 401 themselves), and the QR report and status pages.
fn is_public(path: &str) -> bool {
    const PREFIXES: [&str; 6] = ["/pkg/", "/icons/", "/api/", "/login", "/r/", "/s/"];
    const FILES: [&str; 6] = [
        "/sw.js",
        "/manifest.webmanifest",
        "/favicon.ico",
        "/robots.txt",
        "/healthz",
        "/readyz",
    ];
    PREFIXES.iter().any(|prefix| path.starts_with(prefix)) || FILES.contains(&path)
}

/// Middleware: a page request without a session is redirected to
/// `/login?next=…` (with `expired=1` when the session ran out).
pub async fn require_login(request: Request, next: Next) -> Response {
    let is_page = matches!(*request.method(), Method::GET | Method::HEAD);
    let path = request.uri().path();
    if is_page && !is_public(path) && request.extensions().get::<Authenticated>().is_none() {
        let target = request
            .uri()
            .path_and_query()
            .map(|pq| pq.as_str())
            .filter(|target| app::auth::login::is_local_path(target))
            .unwrap_or("/");
        let expired = if request.extensions().get::<StaleSession>().is_some() {
            "&expired=1"
        } else {
            ""
        };
        let location = format!("/login?next={}{expired}", encode(target));
        return Redirect::to(&location).into_response();
    }
    next.run(request).await
}

/// Percent-encodes a path for use as a query value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_need_a_login() {
        assert!(is_public("/login"));
        assert!(is_public("/pkg/vern.abc.wasm"));
        assert!(is_public("/api/v1/me"));
        assert!(is_public("/r/k7q2m9xw"));
        assert!(is_public("/s/some-status-token"));
        assert!(!is_public("/runder"));
        assert!(!is_public("/"));
        assert!(!is_public("/admin/users"));
    }

    #[test]
    fn the_next_path_is_encoded() {
        assert_eq!(encode("/admin/users?x=1&y"), "/admin/users%3Fx%3D1%26y");
    }
}
