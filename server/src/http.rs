//! The HTTP surface: routes, middleware, health checks and the JSON API.

pub mod api;
pub mod client_address;
pub mod health;
pub mod openapi;
pub mod page_guard;
pub mod request_span;
pub mod router;
pub mod security_headers;
pub mod server_fn_status;
pub mod service_worker;
pub mod test_clock;
