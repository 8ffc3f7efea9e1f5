//! Logging in and out, and who is logged in.

pub mod login;
pub mod login_page;
pub mod logout;
pub mod whoami;

/// The login page's path.
pub const LOGIN_PATH: &str = "/login";

/// Whether the page shown is the login page (in the browser).
#[cfg(feature = "hydrate")]
pub fn is_login_page() -> bool {
    web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .is_some_and(|path| path == LOGIN_PATH)
}

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
