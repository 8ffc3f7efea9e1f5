//! A case's photos on its page: thumbnails that open the full photo.

use leptos::prelude::*;

use crate::i18n::{t, td_string, use_i18n};

/// The photos of the finding or the report (nothing when there are none).
#[component]
pub fn CasePhotos(photos: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if photos.is_empty() {
        return ().into_any();
    }
    let items = photos
        .into_iter()
        .enumerate()
        .map(|(index, id)| {
            let alt = format!("{} {}", td_string!(locale, avvik_photo_alt), index + 1);
            view! {
                <li>
                    <a href=format!("/api/v1/photos/{id}") target="_blank" rel="noopener">
                        <img src=format!("/api/v1/photos/{id}/thumb") alt=alt loading="lazy" />
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="case-photos">
            <h2 id="case-photos">{t!(i18n, avvik_photos_title)}</h2>
            <ul class="case-photos">{items}</ul>
        </section>
    }
    .into_any()
}
