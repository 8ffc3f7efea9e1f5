//! What waits to be sent: the status line on every page and the `/synk`
//! page with what failed and why.

pub mod page;
pub mod status_bar;
