//! A new version waits for the person.
//!
//! Every build is a new service worker (the server stamps `/sw.js`). The
//! browser installs it beside the running one and leaves it waiting, so a
//! page open mid-round keeps the code it loaded. This module notices the
//! waiting worker, and when the person chooses "Ny versjon – last inn på
//! nytt" (offered only when nothing waits to be sent, see
//! [`crate::layout::new_version`]) it lets the new worker take over and
//! reloads this tab. The new worker drops the old build's files once its
//! own pages are kept (`pruneStatic` in `public/sw.js`).

use leptos::prelude::*;

/// Set when a newer build is installed and waiting, or has already taken
/// over (another tab chose it): this page still runs the build it loaded.
#[derive(Clone, Copy)]
pub struct NewVersion(pub RwSignal<bool>);

/// Provides the signal to the app (once, in the root).
pub fn provide_new_version() -> NewVersion {
    let new_version = NewVersion(RwSignal::new(false));
    provide_context(new_version);
    new_version
}

/// The signal provided by the root.
pub fn use_new_version() -> NewVersion {
    use_context().unwrap_or_else(|| NewVersion(RwSignal::new(false)))
}

#[cfg(feature = "hydrate")]
pub use browser::{reload_to_new_version, watch};

#[cfg(feature = "hydrate")]
mod browser;
