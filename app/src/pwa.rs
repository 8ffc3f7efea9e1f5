//! Progressive web app glue: the service worker, its new versions, and the
//! hydration marker.

#[cfg(feature = "hydrate")]
pub mod page_shown;
pub mod update;

use leptos::prelude::*;

/// Registers `/sw.js` once the app runs in a browser that supports service
/// workers, and follows its new versions into `new_version`.
pub fn register_service_worker(new_version: update::NewVersion) {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let container = window.navigator().service_worker();
            // A browser without service workers still runs Vern, online only.
            let registered = container.register("/sw.js");
            leptos::task::spawn_local(update::watch(container.clone(), registered, new_version));
            // The login page has no session to keep pages with. Worse, a
            // warm-up it began just before the worker saw the login (the
            // worker may only take the page over mid-login) would keep the
            // form for any room without the person's name, and mark the
            // pages as freshly kept, so the next page's warm-up is skipped.
            if !crate::auth::is_login_page() {
                leptos::task::spawn_local(warm_field_pages(container));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = new_version;
    });
}

/// Asks the active service worker to keep the field pages (with this
/// person's session) for offline use.
#[cfg(feature = "hydrate")]
async fn warm_field_pages(container: web_sys::ServiceWorkerContainer) {
    let Ok(ready) = container.ready() else {
        return;
    };
    let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
        return;
    };
    let registration: web_sys::ServiceWorkerRegistration =
        wasm_bindgen::JsCast::unchecked_into(registration);
    if let Some(worker) = registration.active() {
        // Posting only fails for values that cannot be cloned; a string can.
        let _ = worker.post_message(&wasm_bindgen::JsValue::from_str("warm"));
    }
}

/// The service worker's caches of pages: the field pages and the review
/// pages read offline on a tablet (`PAGE_CACHE` and `REVIEW_CACHE` in
/// `public/sw.js`).
#[cfg(feature = "hydrate")]
const PAGE_CACHES: [&str; 2] = ["vern-pages-v1", "vern-review-v1"];

/// Drops the pages the service worker kept: they carry the name and roles
/// of the person who logged out, and the cases they read. The worker is told too, so that a
/// copy it is still making (with the old session) is not kept. The next
/// person's visit keeps the pages again, with their own session.
#[cfg(feature = "hydrate")]
pub async fn forget_pages() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(worker) = window.navigator().service_worker().controller() {
        // Posting a string cannot fail to clone.
        let _ = worker.post_message(&wasm_bindgen::JsValue::from_str("forget"));
    }
    let Ok(caches) = window.caches() else {
        return;
    };
    // Deleting a cache that does not exist resolves to false, not an error;
    // a failure leaves pages that the next visit replaces.
    for cache in PAGE_CACHES {
        let _ = wasm_bindgen_futures::JsFuture::from(caches.delete(cache)).await;
    }
}

/// Marks `<body data-hydrated>` once the wasm app is live, so browser tests
/// (and people's clicks) never race hydration.
pub fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.body())
        {
            // Setting an attribute only fails for invalid names; this one is valid.
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
