//! A saved avvik under its checklist point.

use leptos::prelude::*;

use super::photo_field::{PhotoField, PhotoView};
use crate::i18n::{t, use_i18n};
use crate::sync::records::FindingRecord;

/// A saved avvik: what was seen, the risk, conflict copies and photos.
#[component]
pub fn AvvikSummary(
    current: Memo<Option<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
    photo_finding: Signal<String>,
    round_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let finding = move || current.get();
    view! {
        <div class="avvik-summary">
            <p>{move || finding().map(|f| f.observation)}</p>
            <p class="muted">{move || finding().and_then(|f| Some(format!("{} × {}", f.probability?, f.consequence?)))}</p>
            {move || finding().map(|f| f.conflicts).unwrap_or_default().into_iter().map(|copy| view! {
                <div class="conflict notice" role="note">
                    <strong>{t!(i18n, conflict_title)}</strong>
                    <p>{copy.author} ": " {copy.text}</p>
                </div>
            }).collect_view()}
            <PhotoField round_id finding_id=photo_finding photos read_only=true />
        </div>
    }
}
