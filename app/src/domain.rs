//! Domain types and rules shared by the server and the browser.

pub mod access;
pub mod roles;
pub mod units;
pub mod users;

/// Name of the cookie that carries the session token.
pub const SESSION_COOKIE: &str = "vern_session";
