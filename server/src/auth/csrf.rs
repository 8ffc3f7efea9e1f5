//! CSRF defence for cookie-authenticated writes.
//!
//! Besides `SameSite=Lax` cookies, every state-changing request that carries
//! a session cookie (and every login) must come from Vern's own pages: its
//! `Origin` (or `Sec-Fetch-Site`) header is checked. Browsers always send
//! `Origin` on POST, so a write without one is refused when a cookie is present.

use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::state::AppState;

/// Middleware: refuses cross-site or origin-less cookie writes with 403.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method();
    let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let has_cookie = super::session::token_from_headers(request.headers()).is_some();
        let is_login = request.uri().path().ends_with("/login");
        if (has_cookie || is_login) && !same_origin(request.headers(), &state.public_url) {
            let path = crate::http::request_span::loggable_path(request.uri().path());
            tracing::warn!(%path, "refused cross-site or origin-less write");
            return ApiError(AppError::CrossSite).into_response();
        }
    }
    next.run(request).await
}

/// Whether the request comes from this site: `Sec-Fetch-Site` is not
/// cross-site, and `Origin` is present and names this host (or the public URL).
fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == public_url {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    host.is_some_and(|host| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .is_some_and(|origin_host| origin_host == host)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header value"));
        }
        map
    }

    #[test]
    fn own_origin_passes() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ]);
        assert!(same_origin(&h, "http://127.0.0.1:3000"));
        let h = headers(&[
            ("host", "internal:8080"),
            ("origin", "https://vern.kommune.no"),
        ]);
        assert!(same_origin(&h, "https://vern.kommune.no"));
    }

    #[test]
    fn other_or_missing_origins_are_refused() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://evil.example"),
        ]);
        assert!(!same_origin(&h, "http://127.0.0.1:3000"));
        let h = headers(&[("host", "127.0.0.1:3000")]);
        assert!(!same_origin(&h, "http://127.0.0.1:3000"));
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(!same_origin(&h, "http://127.0.0.1:3000"));
    }
}
