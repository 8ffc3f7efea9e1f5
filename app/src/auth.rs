//! Logging in and out, and who is logged in.

pub mod login;
pub mod login_page;
pub mod logout;
pub mod whoami;

/// Sends the browser to `path` with a full page load, so every part of the
/// page (header, menus) is rendered afresh for the new session.
pub fn navigate_hard(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        // Failing to navigate leaves the person on the current page, which still works.
        let _ = window.location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
