//! Passwords, sessions, the login rate limit, CSRF defence and the one
//! authorization check.

pub mod access;
pub mod csrf;
pub mod password;
pub mod rate_limit;
pub mod session;
