//! The span each request is logged in: its method and path, never its
//! query, and never the key of a case's status link (`/s/{key}`). That
//! key is the only thing that opens a report's status, anonymous ones
//! included, so whoever reads the log must not be able to use it.

use std::borrow::Cow;

use axum::extract::Request;
use tracing::Span;

/// Where the status pages live; what follows is the secret key.
const STATUS_PREFIX: &str = "/s/";

/// The span for one request (the trace layer's `make_span_with`).
pub fn request_span(request: &Request) -> Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
    )
}

/// The path with a status link's key replaced by `…`.
pub fn loggable_path(path: &str) -> Cow<'_, str> {
    match path.strip_prefix(STATUS_PREFIX) {
        Some(key) if !key.is_empty() => Cow::Owned(format!("{STATUS_PREFIX}…")),
        _ => Cow::Borrowed(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_links_key_never_reaches_the_log() {
        assert_eq!(loggable_path("/s/q3Jx-9aZ0_b"), "/s/…");
    }

    #[test]
    fn other_paths_are_logged_as_they_are() {
        assert_eq!(loggable_path("/r/ABCDEFGHJK"), "/r/ABCDEFGHJK");
        assert_eq!(loggable_path("/runde"), "/runde");
        assert_eq!(loggable_path("/s/"), "/s/");
    }
}
