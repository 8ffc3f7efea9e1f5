//! Structured logs with `tracing`.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber: `filter` like `info` or `vern=debug`;
/// JSON lines when `json` is set. `RUST_LOG`, when set, wins.
pub fn init(filter: &str, json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(true);
    // A second call (e.g. in tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
