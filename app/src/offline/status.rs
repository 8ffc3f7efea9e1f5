//! What the person sees of sync: waiting changes and photos, the last
//! success, and what failed and why.

use leptos::prelude::*;

/// Something the server refused or that could not be sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// Unique key (`op:<local seq>` or `photo:<id>`).
    pub key: String,
    /// What it was, e.g. "Bilde til punkt …" or the operation kind.
    pub what: String,
    /// The reason as the server or the browser gave it.
    pub message: String,
    /// Set for a photo: it can be removed from the device.
    pub photo_id: Option<String>,
    /// Sending it again may help (not for a photo of a refused answer).
    pub retry: bool,
}

/// The sync state shown on every page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncStatus {
    /// The counts below have been read from the device at least once.
    pub counted: bool,
    /// Queued operations not yet accepted (rejected ones excluded).
    pub pending_changes: usize,
    /// Photos not yet uploaded (failed ones excluded).
    pub pending_photos: usize,
    /// Changes and photos another person made on this device: they wait
    /// for that person's session (see [`crate::sync::ownership`]).
    pub held_for_others: usize,
    /// When the last full sync succeeded (epoch ms).
    pub last_sync_ms: Option<f64>,
    /// A sync is running in this tab.
    pub syncing: bool,
    /// The browser reports no network.
    pub offline: bool,
    /// The session ran out: log in again to send the queue.
    pub need_login: bool,
    /// Refused operations and failed photos.
    pub failures: Vec<Failure>,
    /// The last transient error (network, server), retried automatically.
    pub last_error: Option<String>,
}

impl SyncStatus {
    /// Whether everything recorded here is on the server.
    pub fn all_sent(&self) -> bool {
        self.counted
            && self.pending_changes == 0
            && self.pending_photos == 0
            && self.held_for_others == 0
    }
}

/// Provides the status signal to the app (once, in the root).
pub fn provide_sync_status() -> RwSignal<SyncStatus> {
    let status = RwSignal::new(SyncStatus::default());
    provide_context(status);
    status
}

/// The status signal provided by the root.
pub fn use_sync_status() -> RwSignal<SyncStatus> {
    use_context::<RwSignal<SyncStatus>>().unwrap_or_else(|| RwSignal::new(SyncStatus::default()))
}
