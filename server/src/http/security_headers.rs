//! Security headers on every response (a page sets its own CSP with a nonce),
//! and `X-Vern`, which marks an answer as Vern's own: the service worker
//! treats a page without it (a captive portal's login page answering in
//! Vern's place) as no network, and shows the kept copy.

use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// Layers that set the security headers unless the response has them.
pub fn layers() -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let policy = HeaderValue::try_from(app::backend::content_security_policy(None)).ok();
    let fixed: [(HeaderName, &'static str); 5] = [
        (HeaderName::from_static("x-vern"), "1"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(self), geolocation=(), microphone=()",
        ),
    ];
    fixed
        .map(|(name, value)| (name, HeaderValue::from_static(value)))
        .into_iter()
        .chain(policy.map(|policy| (header::CONTENT_SECURITY_POLICY, policy)))
        .map(|(name, value)| SetResponseHeaderLayer::if_not_present(name, value))
        .collect()
}
