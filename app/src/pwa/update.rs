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
mod browser {
    use std::cell::Cell;
    use std::time::Duration;

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
        VisibilityState,
    };

    use super::NewVersion;

    /// How often an open page asks the server for a newer build (besides
    /// when the network comes back and when the page is shown again).
    const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);
    /// How long the reload waits for the new worker to take over; it
    /// reloads anyway after that (the worker may have been replaced).
    const TAKE_OVER_WAIT: Duration = Duration::from_secs(3);
    /// What the service worker takes as "take over now".
    const SKIP_WAITING: &str = "skip-waiting";

    thread_local! {
        /// This tab asked for the new version (and reloads when it arrives).
        static RELOAD_ASKED: Cell<bool> = const { Cell::new(false) };
        /// A worker controlled this tab: a later change of controller is a
        /// new build, not the first install claiming the page.
        static HAD_CONTROLLER: Cell<bool> = const { Cell::new(false) };
    }

    /// Follows the registration `registered` resolves to: a worker already
    /// waiting, one installed later, or one another tab let take over.
    pub async fn watch(
        container: ServiceWorkerContainer,
        registered: js_sys::Promise,
        new_version: NewVersion,
    ) {
        HAD_CONTROLLER.set(container.controller().is_some());
        let Ok(registration) = JsFuture::from(registered).await else {
            // No worker (blocked, or not allowed here): online only, no versions.
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        if registration.waiting().is_some() && HAD_CONTROLLER.get() {
            new_version.0.set(true);
        }
        on_update_found(&registration, new_version);
        on_controller_change(&container, new_version);
        check_now_and_then(registration);
    }

    fn on_update_found(registration: &ServiceWorkerRegistration, new_version: NewVersion) {
        let found = registration.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = found.installing() {
                on_installed(worker, new_version);
            }
        });
        registration.set_onupdatefound(Some(callback.as_ref().unchecked_ref()));
        callback.forget();
    }

    fn on_installed(worker: ServiceWorker, new_version: NewVersion) {
        let installing = worker.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            // Installed while a worker controls this page: it waits. Without
            // one, it is the first install and takes over by itself.
            if installing.state() == ServiceWorkerState::Installed && HAD_CONTROLLER.get() {
                new_version.0.set(true);
            }
        });
        worker.set_onstatechange(Some(callback.as_ref().unchecked_ref()));
        callback.forget();
    }

    fn on_controller_change(container: &ServiceWorkerContainer, new_version: NewVersion) {
        let callback = Closure::<dyn FnMut()>::new(move || {
            if RELOAD_ASKED.get() {
                reload();
            } else if HAD_CONTROLLER.get() {
                // Another tab chose the new version; this one still runs the
                // old build and offers the reload too.
                new_version.0.set(true);
            }
            HAD_CONTROLLER.set(true);
        });
        container.set_oncontrollerchange(Some(callback.as_ref().unchecked_ref()));
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
        let shown = check.clone();
        let on_online = Closure::<dyn FnMut()>::new(check.clone());
        let on_visible = Closure::<dyn FnMut()>::new(move || {
            let visible = web_sys::window()
                .and_then(|window| window.document())
                .is_some_and(|document| document.visibility_state() == VisibilityState::Visible);
            if visible {
                shown();
            }
        });
        // Adding a listener fails only for a non-function, which these are not.
        let _ =
            window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                on_visible.as_ref().unchecked_ref(),
            );
        }
        on_online.forget();
        on_visible.forget();
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
                    // The controller change reloads; this covers a worker
                    // that never took over.
                    let _ = set_timeout_with_handle(reload, TAKE_OVER_WAIT);
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
}
