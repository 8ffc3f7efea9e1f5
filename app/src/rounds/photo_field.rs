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

/// Loads the photos of a round into `photos`. Photos already shown keep
/// their object URL (no new URL and no flicker at every sync); the URLs of
/// photos no longer shown are revoked, so their images can be freed.
#[cfg(feature = "hydrate")]
pub async fn load_photos(round_id: &str, photos: RwSignal<Vec<PhotoView>>) -> Result<(), String> {
    // The page may be gone by now (its signals with it): then show nothing.
    let Some(shown) = photos.try_with_untracked(|list| {
        list.iter()
            .filter_map(|view| Some((view.id.clone(), view.url.clone()?)))
            .collect::<std::collections::HashMap<String, String>>()
    }) else {
        return Ok(());
    };
    let mut views = Vec::new();
    for photo in crate::offline::store::photos_of_round(round_id).await? {
        let kept = shown
            .get(&photo.id)
            .filter(|url| photo.has_blob && url.starts_with("blob:"));
        views.push(match kept {
            Some(url) => PhotoView {
                url: Some(url.clone()),
                ..view_without_url(photo)
            },
            None => view_of(photo).await,
        });
    }
    let unused = shown
        .values()
        .filter(|url| !views.iter().any(|view| view.url.as_ref() == Some(*url)));
    revoke_local_urls(unused);
    if let Some(views) = photos.try_set(views) {
        // Not shown after all: free the URLs made for them.
        revoke_local_urls(views.iter().filter_map(|view| view.url.as_ref()));
    }
    Ok(())
}

/// Revokes the local object URLs among `urls` (server URLs need nothing).
#[cfg(feature = "hydrate")]
pub fn revoke_local_urls<'a>(urls: impl IntoIterator<Item = &'a String>) {
    for url in urls.into_iter().filter(|url| url.starts_with("blob:")) {
        // A URL that is already gone needs no revoking.
        let _ = web_sys::Url::revoke_object_url(url);
    }
}

#[cfg(feature = "hydrate")]
async fn view_of(photo: crate::offline::store::LocalPhoto) -> PhotoView {
    PhotoView {
        url: crate::offline::photos::photo_url(&photo).await,
        ..view_without_url(photo)
    }
}

#[cfg(feature = "hydrate")]
fn view_without_url(photo: crate::offline::store::LocalPhoto) -> PhotoView {
    PhotoView {
        url: None,
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
                        Err(problem) => {
                            error.set(Some(problem.text(i18n.get_locale_untracked())));
                        }
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
