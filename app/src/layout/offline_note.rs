//! The note on the pages that need the network to change anything (the
//! leader's review pages): without it they show what the device last
//! loaded, and say that nothing can be sent and nothing typed is lost.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::offline::status::use_sync_status;

/// Shown while the device is offline.
#[component]
pub fn ReadOnlyOffline() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    view! {
        <Show when=move || status.get().offline>
            <p class="notice offline-note" role="status">{t!(i18n, offline_read_only)}</p>
        </Show>
    }
}
