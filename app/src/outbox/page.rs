//! `/synk`: the outbox — what waits, what failed and why, retry, log in again.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::layout::page_frame::PageFrame;
use crate::offline::status::use_sync_status;
use crate::reports::refused::RefusedReports;

/// The sync page.
#[component]
pub fn SyncPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let last_sync = move || {
        status.get().last_sync_ms.map(|ms| {
            #[cfg(feature = "hydrate")]
            return String::from(
                js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
                    .to_locale_string("nb-NO", &wasm_bindgen::JsValue::UNDEFINED),
            );
            #[cfg(not(feature = "hydrate"))]
            ms.to_string()
        })
    };
    let sync_now = move |_| {
        #[cfg(feature = "hydrate")]
        crate::rounds::in_browser(crate::offline::engine::sync_now());
    };
    view! {
        <PageFrame>
            <main id="main" class="page narrow">
                <h1>{t!(i18n, sync_title)}</h1>
                <dl class="stats card">
                    <dt>{t!(i18n, sync_pending_changes)}</dt><dd data-testid="pending-changes">{move || status.get().pending_changes}</dd>
                    <dt>{t!(i18n, sync_pending_photos)}</dt><dd data-testid="pending-photos">{move || status.get().pending_photos}</dd>
                    <dt>{t!(i18n, sync_last)}</dt>
                    <dd data-testid="last-sync" data-ms=move || status.get().last_sync_ms.map(|ms| ms.to_string())>{move || last_sync().unwrap_or_else(|| "–".to_owned())}</dd>
                </dl>
                <Show when=move || { status.get().held_for_others > 0 }>
                    <p class="notice" data-testid="held-for-others">
                        {move || status.get().held_for_others} " "
                        {move || if status.get().held_for_others == 1 {
                            t!(i18n, sync_held_single).into_any()
                        } else {
                            t!(i18n, sync_held).into_any()
                        }} ". "
                        {t!(i18n, sync_held_why)}
                    </p>
                </Show>
                <Show when=move || status.get().need_login>
                    <p class="notice" role="alert">
                        {t!(i18n, sync_need_login)} " "
                        <a href="/login?next=/synk">{t!(i18n, login_submit)}</a>
                    </p>
                </Show>
                {move || status.get().last_error.map(|message| view! { <p class="muted">{message}</p> })}
                <p>
                    <button type="button" class="primary" on:click=sync_now disabled=move || status.get().syncing>
                        {t!(i18n, sync_now)}
                    </button>
                </p>
                <section class="card">
                    <h2>{t!(i18n, sync_failures)}</h2>
                    <Show when=move || status.get().failures.is_empty()>
                        <p class="muted">{t!(i18n, sync_no_failures)}</p>
                    </Show>
                    <ul class="failures">
                        {move || status.get().failures.into_iter().map(|failure| {
                            let can_retry = failure.retry;
                            let retry = failure.photo_id.clone().map(|id| {
                                let on_retry = on_photo(id.clone(), PhotoAction::Retry);
                                let on_dismiss = on_photo(id, PhotoAction::Dismiss);
                                view! {
                                    <Show when=move || can_retry>
                                        <button type="button" class="small secondary" on:click=on_retry.clone()>{t!(i18n, sync_retry)}</button>
                                        " "
                                    </Show>
                                    <button type="button" class="small secondary" on:click=on_dismiss>{t!(i18n, sync_dismiss)}</button>
                                }
                            });
                            view! { <li><strong>{failure.what}</strong> ": " {failure.message} " " {retry}</li> }
                        }).collect_view()}
                    </ul>
                </section>
                <RefusedReports />
            </main>
        </PageFrame>
    }
}

/// What a person can do with a photo that failed.
#[derive(Clone, Copy)]
enum PhotoAction {
    /// Send it again.
    Retry,
    /// Remove it from the device.
    Dismiss,
}

/// A click handler that does `action` on the photo `id` (in the browser).
fn on_photo(id: String, action: PhotoAction) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
    move |_| {
        #[cfg(feature = "hydrate")]
        {
            let id = id.clone();
            crate::rounds::in_browser(async move {
                match action {
                    PhotoAction::Retry => crate::offline::engine::retry_photo(&id).await,
                    PhotoAction::Dismiss => crate::offline::engine::dismiss_photo(&id).await,
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&id, action);
    }
}
