//! "Ny versjon – last inn på nytt": offered when a new build waits and
//! nothing this person did waits to be sent, never forced (see
//! [`crate::pwa::update`]).

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::offline::status::{SyncStatus, use_sync_status};
use crate::pwa::update::use_new_version;

/// The offer to reload on the new version.
#[component]
pub fn NewVersionBanner() -> impl IntoView {
    let i18n = use_i18n();
    let new_version = use_new_version();
    let status = use_sync_status();
    let shown = move || new_version.0.get() && nothing_waits(&status.get());
    let reload = move |_| {
        #[cfg(feature = "hydrate")]
        crate::pwa::update::reload_to_new_version();
    };
    view! {
        <Show when=shown>
            <p class="new-version" role="status" data-testid="new-version">
                <span>{t!(i18n, new_version_ready)}</span>
                <button type="button" on:click=reload>{t!(i18n, new_version_reload)}</button>
            </p>
        </Show>
    }
}

/// Whether nothing of this person's waits to be sent. A queued change or
/// photo would survive the reload (it is on the device), but the new build
/// should not be the one to send what the old one queued mid-edit. A sync
/// under way does not hide the offer (it would blink every 30 s): cut off,
/// a push is sent again and applied once.
fn nothing_waits(status: &SyncStatus) -> bool {
    status.counted && status.pending_changes == 0 && status.pending_photos == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offer_waits_until_the_queue_is_counted_and_empty() {
        let empty = SyncStatus {
            counted: true,
            ..SyncStatus::default()
        };
        assert!(nothing_waits(&empty));
        assert!(!nothing_waits(&SyncStatus::default()));
        let change = SyncStatus {
            pending_changes: 1,
            ..empty.clone()
        };
        let photo = SyncStatus {
            pending_photos: 1,
            ..empty.clone()
        };
        for status in [change, photo] {
            assert!(!nothing_waits(&status), "{status:?}");
        }
    }
}
