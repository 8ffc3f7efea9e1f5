//! "Ny versjon – last inn på nytt": offered when a new build waits, nothing
//! this person did waits to be sent and no form holds unsaved text; never
//! forced (see [`crate::pwa::update`]).

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::offline::status::{SyncStatus, use_sync_status};
use crate::pwa::update::use_new_version;

/// How long the queue must stay empty before the offer shows: answering
/// point after point empties it a second after each tap, and the offer
/// would otherwise come and go under the person's thumb.
const SETTLE: Duration = Duration::from_secs(10);

/// The number of open forms whose typed text is not yet saved on the
/// device (an avvik being written): a reload would lose it.
#[derive(Clone, Copy)]
pub struct OpenForms(RwSignal<u32>);

/// Provides the count to the app (once, in the root).
pub fn provide_open_forms() {
    provide_context(OpenForms(RwSignal::new(0)));
}

fn use_open_forms() -> OpenForms {
    use_context().unwrap_or_else(|| OpenForms(RwSignal::new(0)))
}

/// Placed inside a form with unsaved text: while it is shown, the offer of
/// a new version waits.
#[component]
pub fn HoldsUnsavedText() -> impl IntoView {
    let open = use_open_forms();
    open.0.update(|count| *count += 1);
    on_cleanup(move || open.0.update(|count| *count = count.saturating_sub(1)));
}

/// The offer to reload on the new version, fixed at the bottom of the
/// screen so that it never moves the page under the person's thumb.
#[component]
pub fn NewVersionBanner() -> impl IntoView {
    let i18n = use_i18n();
    let new_version = use_new_version();
    let status = use_sync_status();
    let open = use_open_forms();
    let ready = move || new_version.0.get() && open.0.get() == 0 && nothing_waits(&status.get());
    let shown = settled(ready);
    let asked = RwSignal::new(false);
    let reload = move |_| {
        asked.set(true);
        #[cfg(feature = "hydrate")]
        crate::pwa::update::reload_to_new_version();
    };
    view! {
        <Show when=move || shown.get()>
            <div class="new-version-space"></div>
            <p class="new-version" role="status" data-testid="new-version">
                <span>{t!(i18n, new_version_ready)}</span>
                <button type="button" on:click=reload disabled=move || asked.get()>
                    {t!(i18n, new_version_reload)}
                </button>
            </p>
        </Show>
    }
}

/// Whether nothing of this person's waits to be sent. Queued work would
/// survive the reload (it is on the device, and every build reads what
/// earlier ones queued), so this spares the person a swap mid-edit rather
/// than guarding their data. A sync under way does not hide the offer: cut
/// off, a push is sent again and applied once.
fn nothing_waits(status: &SyncStatus) -> bool {
    status.counted && status.pending_changes == 0 && status.pending_photos == 0
}

/// `ready`, once it has held for [`SETTLE`]; false again at once when it
/// stops holding.
fn settled(ready: impl Fn() -> bool + 'static) -> ReadSignal<bool> {
    let (shown, set_shown) = signal(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |was_ready: Option<bool>| {
        let is_ready = ready();
        if !is_ready {
            if let Some(pending) = timer.get_value() {
                pending.clear();
            }
            timer.set_value(None);
            set_shown.set(false);
        } else if was_ready != Some(true) {
            // The page may be gone when the time is up.
            let show = move || {
                set_shown.try_set(true);
            };
            timer.set_value(set_timeout_with_handle(show, SETTLE).ok());
        }
        is_ready
    });
    shown
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
