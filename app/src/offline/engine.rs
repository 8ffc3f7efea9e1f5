//! The sync engine: when to sync (start, `online`, becoming visible, shortly
//! after a local write, every 30 s), one tab at a time, and one full cycle:
//! reference data, push, photos, pull.

mod counts;
mod cycle;
mod pull;
mod push;
mod triggers;
mod upload;

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::offline::db::{self, PHOTO_META};
use crate::offline::status::SyncStatus;
use crate::offline::store::PhotoMeta;

pub use counts::refresh_status;
pub use triggers::{request_sync, start};

/// What the engine remembers between cycles in this tab.
#[derive(Default)]
struct Engine {
    /// The status signal of the app root.
    status: Option<RwSignal<SyncStatus>>,
    /// A cycle runs in this tab.
    running: bool,
    /// Something asked for a sync while one ran: run again after it.
    rerun: bool,
    /// Failed attempts in a row, for the back-off.
    attempt: u32,
    /// No automatic cycle before this time (epoch ms).
    retry_at_ms: f64,
    /// The pending "shortly after a write" sync.
    debounce: Option<TimeoutHandle>,
    /// The pending retry after a failure.
    retry_timer: Option<TimeoutHandle>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

/// Changes the status shown on every page (no-op before [`start`]).
fn update_status(change: impl FnOnce(&mut SyncStatus)) {
    if let Some(status) = ENGINE.with_borrow(|engine| engine.status) {
        status.try_update(change);
    }
}

/// Whether the browser believes it has a network.
fn browser_online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// Runs one full sync cycle now, unless one is running (then it runs once
/// more when that one ends). Across tabs only one syncs at a time.
pub async fn sync_now() {
    let started = ENGINE.with_borrow_mut(|engine| {
        if engine.running {
            engine.rerun = true;
            return false;
        }
        engine.running = true;
        true
    });
    if !started {
        return;
    }
    loop {
        run_locked().await;
        let again = ENGINE.with_borrow_mut(|engine| std::mem::take(&mut engine.rerun));
        if !again {
            break;
        }
    }
    ENGINE.with_borrow_mut(|engine| engine.running = false);
}

/// Clears a refused photo's error, so it is sent again, and syncs.
pub async fn retry_photo(id: &str) {
    let cleared = async {
        let transaction = db::write(&[PHOTO_META]).await?;
        let work = async {
            let store = db::store(&transaction, PHOTO_META)?;
            if let Some(mut meta) = db::get::<PhotoMeta>(&store, id).await? {
                meta.error = None;
                db::put(&store, &meta).await?;
            }
            Ok(())
        }
        .await;
        db::finish(transaction, work).await
    }
    .await;
    if let Err(message) = cleared {
        update_status(|status| status.last_error = Some(message));
    }
    refresh_status().await;
    sync_now().await;
}

/// Removes a refused photo from the device at the person's request.
pub async fn dismiss_photo(id: &str) {
    if let Err(message) = crate::offline::photos::dismiss_photo(id).await {
        update_status(|status| status.last_error = Some(message));
    }
    refresh_status().await;
}

/// Forgets the person at logout ([`crate::offline::store::forget_person`])
/// once no sync cycle runs in any tab (under the cycles' Web Lock): an
/// answer to a request made with the old session must not write their
/// data back after it was removed.
pub async fn forget_person() -> Result<(), String> {
    let Some((locks, request)) = web_locks() else {
        return crate::offline::store::forget_person().await;
    };
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        wasm_bindgen_futures::future_to_promise(async {
            crate::offline::store::forget_person()
                .await
                .map(|()| JsValue::TRUE)
                .map_err(|message| JsValue::from_str(&message))
        })
        .into()
    });
    let requested = request
        .call2(&locks, &"vern-sync".into(), &callback)
        .ok()
        .and_then(|value| value.dyn_into::<js_sys::Promise>().ok());
    match requested {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|error| error.as_string().unwrap_or_default()),
        None => crate::offline::store::forget_person().await,
    }
}

/// Runs a cycle under the Web Lock `vern-sync` when the browser has Web
/// Locks (skipping it when another tab holds the lock), else directly.
async fn run_locked() {
    let Some((locks, request)) = web_locks() else {
        cycle::run().await;
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            return js_sys::Promise::resolve(&JsValue::FALSE).into();
        }
        wasm_bindgen_futures::future_to_promise(async {
            cycle::run().await;
            Ok(JsValue::TRUE)
        })
        .into()
    });
    let requested = request
        .call3(&locks, &"vern-sync".into(), &options, &callback)
        .ok()
        .and_then(|value| value.dyn_into::<js_sys::Promise>().ok());
    match requested {
        Some(promise) => match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(ran) if ran.as_bool() == Some(true) => {}
            // Another tab is syncing: show what it has done so far.
            Ok(_) => refresh_status().await,
            // The lock itself failed: sync without it rather than not at all.
            Err(_) => cycle::run().await,
        },
        None => cycle::run().await,
    }
}

/// `navigator.locks` and its `request` function, where they exist.
fn web_locks() -> Option<(JsValue, js_sys::Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((locks, request))
}
