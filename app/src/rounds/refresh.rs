//! Shows what a sync brought (answers and photos of others, conflict copies,
//! photos now on the server) on an open round, without touching forms being
//! filled in.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::photo_field::PhotoView;
use crate::sync::records::FindingRecord;

/// Whether a reload runs, and whether another was asked for meanwhile.
#[derive(Clone, Copy, Default)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(dead_code, reason = "reloads run in the browser only")
)]
struct Reloads {
    running: bool,
    again: bool,
}

/// Reloads the round named by `?id=` into `findings` and `photos` after
/// every successful sync. Reloads never overlap: a slow read started before
/// a sync can never land after, and hide, a newer one.
pub fn refresh_after_sync(
    findings: RwSignal<Vec<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
) {
    let query = use_query_map();
    let status = crate::offline::status::use_sync_status();
    let synced = Memo::new(move |_| status.with(|s| s.last_sync_ms));
    let reloads = StoredValue::new(Reloads::default());
    Effect::new(move |previous: Option<()>| {
        // Read, not only tracked: tracking alone missed later syncs.
        let _ = synced.get();
        if previous.is_none() {
            return;
        }
        let id = query.read_untracked().get("id").unwrap_or_default();
        #[cfg(feature = "hydrate")]
        reload_serially(reloads, id, findings, photos);
        #[cfg(not(feature = "hydrate"))]
        let _ = (id, reloads, findings, photos);
    });
}

#[cfg(feature = "hydrate")]
fn reload_serially(
    reloads: StoredValue<Reloads>,
    id: String,
    findings: RwSignal<Vec<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
) {
    if reloads.get_value().running {
        reloads.update_value(|state| state.again = true);
        return;
    }
    reloads.set_value(Reloads {
        running: true,
        again: false,
    });
    super::in_browser(async move {
        loop {
            if let Ok(list) = crate::offline::store::findings_of_round(&id).await {
                findings.set(list);
            }
            // A failed read leaves what is shown; the next sync reads again.
            let _ = super::photo_field::load_photos(&id, photos).await;
            let again = reloads
                .try_update_value(|state| std::mem::take(&mut state.again))
                .unwrap_or(false);
            if !again {
                break;
            }
        }
        reloads.try_update_value(|state| state.running = false);
    });
}
