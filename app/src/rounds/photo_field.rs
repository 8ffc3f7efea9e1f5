//! Photos of a finding: taken with the camera, downscaled and kept on the
//! device at once, shown as thumbnails with their upload state.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// A photo as a page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoView {
    /// Photo id.
    pub id: String,
    /// The finding it belongs to.
    pub finding_id: String,
    /// Where to load the thumbnail from (a local blob URL or the server).
    pub url: Option<String>,
    /// On the server.
    pub uploaded: bool,
    /// Why the upload was refused.
    pub error: Option<String>,
}

/// The photos of a round as views.
#[cfg(feature = "hydrate")]
pub async fn load_photos(round_id: &str) -> Result<Vec<PhotoView>, String> {
    let mut views = Vec::new();
    for photo in crate::offline::store::photos_of_round(round_id).await? {
        views.push(view_of(photo).await);
    }
    Ok(views)
}

#[cfg(feature = "hydrate")]
async fn view_of(photo: crate::offline::store::LocalPhoto) -> PhotoView {
    PhotoView {
        url: crate::offline::photos::photo_url(&photo).await,
        id: photo.id,
        finding_id: photo.finding_id,
        uploaded: photo.uploaded,
        error: photo.error,
    }
}

/// The camera button and the thumbnails of one finding.
#[component]
pub fn PhotoField(
    round_id: String,
    finding_id: Signal<String>,
    photos: RwSignal<Vec<PhotoView>>,
    read_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    let input_id = move || format!("photo-{}", finding_id.get());
    let on_change = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let files: Vec<web_sys::File> = input
                .files()
                .map(|list| (0..list.length()).filter_map(|n| list.get(n)).collect())
                .unwrap_or_default();
            input.set_value("");
            let round_id = round_id.clone();
            let finding = finding_id.get_untracked();
            busy.update(|n| *n += files.len());
            super::in_browser(async move {
                for file in files {
                    match crate::offline::photos::add_photo(&round_id, &finding, file).await {
                        Ok(photo) => {
                            let view = view_of(photo).await;
                            photos.update(|list| list.push(view));
                        }
                        Err(message) => error.set(Some(message)),
                    }
                    busy.update(|n| *n = n.saturating_sub(1));
                }
                crate::offline::engine::request_sync();
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, &round_id);
    };
    let mine = move || {
        let finding = finding_id.get();
        photos.with(|list| {
            list.iter()
                .filter(|p| p.finding_id == finding)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="photos">
            <ul class="thumbs">
                {move || mine().into_iter().enumerate().map(|(n, photo)| {
                    let alt = format!("{} {}", crate::i18n::td_string!(i18n.get_locale(), photo_alt), n + 1);
                    let state = match (&photo.error, photo.uploaded) {
                        (Some(message), _) => view! { <span class="error">{message.clone()}</span> }.into_any(),
                        (None, true) => view! { <span class="ok">{t!(i18n, photo_uploaded)}</span> }.into_any(),
                        (None, false) => view! { <span class="muted">{t!(i18n, photo_waiting)}</span> }.into_any(),
                    };
                    view! {
                        <li data-photo-id=photo.id.clone()>
                            <img src=photo.url.clone().unwrap_or_default() alt=alt width="96" height="96" />
                            {state}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || { busy.get() > 0 }>
                <p class="muted" role="status">{t!(i18n, photo_processing)}</p>
            </Show>
            {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <Show when=move || !read_only>
                <label class="button secondary photo-button" for=input_id>{t!(i18n, photo_take)}</label>
                <input id=input_id class="visually-hidden" type="file" accept="image/*" capture="environment"
                    multiple on:change=on_change.clone() />
            </Show>
        </div>
    }
}
