//! The browser side of new versions: following the registration, and the
//! reload the person chooses.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

use super::NewVersion;
use crate::pwa::page_shown::on_page_shown;

/// How often an open page asks the server for a newer build (besides
/// when the network comes back and when the page is shown again).
const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);
/// How long the reload waits for the new worker to take over (the old one
/// first finishes what it is doing, such as keeping a page); it reloads
/// anyway after that, when the worker may have been replaced.
const TAKE_OVER_WAIT: Duration = Duration::from_secs(10);
/// What the service worker takes as "take over now".
const SKIP_WAITING: &str = "skip-waiting";

thread_local! {
    /// This tab asked for the new version (and reloads when it arrives).
    static RELOAD_ASKED: Cell<bool> = const { Cell::new(false) };
    /// A worker controls this tab: a change of controller is then a new
    /// build, not the first install claiming the page.
    static CONTROLLED: Cell<bool> = const { Cell::new(false) };
    /// The reload that follows if the new worker never takes over.
    static FALLBACK: Cell<Option<TimeoutHandle>> = const { Cell::new(None) };
}

/// Follows the registration `registered` resolves to: a worker already
/// waiting or installing, one installed later, or one another tab let
/// take over.
pub async fn watch(
    container: ServiceWorkerContainer,
    registered: js_sys::Promise,
    new_version: NewVersion,
) {
    // Before the first await: the first install may claim the page meanwhile.
    CONTROLLED.set(container.controller().is_some());
    on_controller_change(&container, new_version);
    let Ok(registration) = JsFuture::from(registered).await else {
        // No worker (blocked, or not allowed here): online only, no versions.
        return;
    };
    let registration: ServiceWorkerRegistration = registration.unchecked_into();
    if registration.waiting().is_some() && is_controlled() {
        new_version.0.set(true);
    }
    if let Some(worker) = registration.installing() {
        on_installed(worker, new_version);
    }
    on_update_found(&registration, new_version);
    check_now_and_then(registration);
}

fn is_controlled() -> bool {
    web_sys::window()
        .is_some_and(|window| window.navigator().service_worker().controller().is_some())
}

fn on_update_found(registration: &ServiceWorkerRegistration, new_version: NewVersion) {
    let found = registration.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(worker) = found.installing() {
            on_installed(worker, new_version);
        }
    });
    // Adding a listener fails only for a non-function, which this is not.
    let _ = registration
        .add_event_listener_with_callback("updatefound", callback.as_ref().unchecked_ref());
    callback.forget();
}

fn on_installed(worker: ServiceWorker, new_version: NewVersion) {
    let installing = worker.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        // Installed while a worker controls this page: it waits. Without
        // one, it is the first install and takes over by itself.
        if installing.state() == ServiceWorkerState::Installed && is_controlled() {
            new_version.0.set(true);
        }
    });
    let _ =
        worker.add_event_listener_with_callback("statechange", callback.as_ref().unchecked_ref());
    callback.forget();
}

fn on_controller_change(container: &ServiceWorkerContainer, new_version: NewVersion) {
    let callback = Closure::<dyn FnMut()>::new(move || {
        if RELOAD_ASKED.get() {
            if let Some(fallback) = FALLBACK.take() {
                fallback.clear();
            }
            reload();
        } else if CONTROLLED.get() {
            // Another tab chose the new version; this one still runs the
            // old build and offers the reload too.
            new_version.0.set(true);
        }
        CONTROLLED.set(true);
    });
    let _ = container
        .add_event_listener_with_callback("controllerchange", callback.as_ref().unchecked_ref());
    callback.forget();
}

/// Asks for a newer build now and then, when the network comes back,
/// and when the page is shown again.
fn check_now_and_then(registration: ServiceWorkerRegistration) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let check = move || {
        let registration = registration.clone();
        leptos::task::spawn_local(async move {
            // Offline, or the server is down: the next occasion asks again.
            if let Ok(promise) = registration.update() {
                let _ = JsFuture::from(promise).await;
            }
        });
    };
    on_page_shown(check.clone());
    let on_online = Closure::<dyn FnMut()>::new(check.clone());
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    // A failing interval only costs the periodic check; the events remain.
    let _interval = set_interval_with_handle(check, CHECK_EVERY);
}

/// Lets the waiting worker take over and reloads this tab on the new
/// build (or reloads at once when another tab already let it in).
pub fn reload_to_new_version() {
    RELOAD_ASKED.set(true);
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    leptos::task::spawn_local(async move {
        match waiting_worker(&container).await {
            Some(worker) => {
                // Posting a string cannot fail to clone.
                let _ = worker.post_message(&JsValue::from_str(SKIP_WAITING));
                FALLBACK.set(set_timeout_with_handle(reload, TAKE_OVER_WAIT).ok());
            }
            None => reload(),
        }
    });
}

async fn waiting_worker(container: &ServiceWorkerContainer) -> Option<ServiceWorker> {
    let registration = JsFuture::from(container.get_registration()).await.ok()?;
    let registration: ServiceWorkerRegistration = registration.dyn_into().ok()?;
    registration.waiting()
}

fn reload() {
    if let Some(window) = web_sys::window() {
        // Reloading fails only in a detached document, where nothing is shown.
        let _ = window.location().reload();
    }
}
