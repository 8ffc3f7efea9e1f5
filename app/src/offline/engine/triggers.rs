//! When a sync starts: once at start, on `online`, on becoming visible,
//! shortly after a local write, on a timer, and after a back-off.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::{ENGINE, browser_online, counts, refresh_status, sync_now, update_status};
use crate::offline::db;
use crate::offline::status::SyncStatus;
use crate::pwa::page_shown::on_page_shown;

/// How often an open app syncs on its own.
const EVERY: Duration = Duration::from_secs(30);
/// How long after a local write the sync starts (more writes push it on).
const AFTER_WRITE: Duration = Duration::from_secs(1);

/// Starts the engine once (later calls only replace nothing): remembers the
/// status signal, asks for persistent storage, listens for the network and
/// visibility, syncs every 30 s, and syncs now.
pub fn start(status: RwSignal<SyncStatus>) {
    let first = ENGINE.with_borrow_mut(|engine| engine.status.replace(status).is_none());
    if !first {
        return;
    }
    update_status(|status| status.offline = !browser_online());
    ask_persistent_storage();
    listen();
    // A failing interval only costs the periodic sync; the other triggers remain.
    let _interval = set_interval_with_handle(automatic_sync, EVERY);
    spawn_local(async {
        counts::load_last_sync().await;
        refresh_status().await;
        sync_now().await;
    });
}

/// Called after a local write: updates the counts now and syncs about a
/// second later (several writes in a row lead to one sync).
pub fn request_sync() {
    spawn_local(refresh_status());
    let previous = ENGINE.with_borrow_mut(|engine| engine.debounce.take());
    if let Some(previous) = previous {
        previous.clear();
    }
    let handle = set_timeout_with_handle(automatic_sync, AFTER_WRITE).ok();
    ENGINE.with_borrow_mut(|engine| engine.debounce = handle);
}

/// Waits `delay_ms` before the next automatic cycle, and runs it then.
pub(super) fn retry_after(delay_ms: u64) {
    let previous = ENGINE.with_borrow_mut(|engine| {
        engine.retry_at_ms = db::now_ms() + delay_ms as f64;
        engine.retry_timer.take()
    });
    if let Some(previous) = previous {
        previous.clear();
    }
    let run = || spawn_local(sync_now());
    let handle = set_timeout_with_handle(run, Duration::from_millis(delay_ms)).ok();
    ENGINE.with_borrow_mut(|engine| engine.retry_timer = handle);
}

/// A sync started by a timer or an event: skipped while backing off.
fn automatic_sync() {
    let waiting = ENGINE.with_borrow(|engine| db::now_ms() < engine.retry_at_ms);
    if !waiting {
        spawn_local(sync_now());
    }
}

/// `online`, `offline` and `visibilitychange` listeners for the app's life.
fn listen() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let online = Closure::<dyn FnMut()>::new(|| {
        update_status(|status| status.offline = false);
        // The network is back: do not wait out a back-off meant for a dead one.
        ENGINE.with_borrow_mut(|engine| engine.retry_at_ms = 0.0);
        spawn_local(sync_now());
    });
    let offline = Closure::<dyn FnMut()>::new(|| update_status(|status| status.offline = true));
    // Adding a listener fails only for a non-function, which these are not.
    let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
    online.forget();
    offline.forget();
    on_page_shown(automatic_sync);
}

/// `navigator.storage.persist()`, so the browser keeps queued work under
/// storage pressure; the answer changes nothing here.
fn ask_persistent_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let storage = window.navigator().storage();
    if storage.is_undefined() {
        return;
    }
    if let Ok(promise) = storage.persist() {
        spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
