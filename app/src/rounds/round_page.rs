//! `/runde?id=…`: walk a round room by room, section by section.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::photo_field::PhotoView;
use super::point::Point;
use super::progress::{room_progress, section_progress};
use crate::i18n::{t, use_i18n};
use crate::layout::page_frame::PageFrame;
use crate::sync::records::{FindingRecord, RoundRecord, RoundStatus};
use crate::sync::reference::{ChecklistRef, RoomRef};

/// A round with what the device has for walking it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedRound {
    /// The round.
    pub round: RoundRecord,
    /// Its checklist version, if the device has it.
    pub checklist: Option<ChecklistRef>,
    /// The rooms of its area.
    pub rooms: Vec<RoomRef>,
    /// The area's name.
    pub area_name: String,
}

/// Loads a round, its checklist, rooms, findings and photos from the device.
#[cfg(feature = "hydrate")]
pub async fn load_round(
    id: &str,
    findings: RwSignal<Vec<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
) -> Result<LoadedRound, String> {
    use crate::offline::store;
    let round = store::round(id).await?.ok_or(
        "Fant ikke runden på denne enheten. Synkroniser med nett, eller start en ny runde.",
    )?;
    let checklist = store::checklist(&round.checklist_version_id).await?;
    let reference = store::reference().await?.unwrap_or_default();
    let area = reference
        .areas
        .into_iter()
        .find(|area| Some(&area.id) == round.verneomrade_id.as_ref());
    findings.set(store::findings_of_round(id).await?);
    super::photo_field::load_photos(id, photos).await?;
    Ok(LoadedRound {
        area_name: area.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
        rooms: area.map(|a| a.rooms).unwrap_or_default(),
        checklist,
        round,
    })
}

/// The round named by `?id=`, loaded from the device (in the browser only,
/// so the server's HTML never depends on the query), with its findings and
/// photos put into the given signals.
pub fn use_round_from_query(
    findings: RwSignal<Vec<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
) -> RwSignal<Option<Result<LoadedRound, String>>> {
    let query = use_query_map();
    let loaded = RwSignal::new(None);
    Effect::new(move |_| {
        let id = query.read().get("id").unwrap_or_default();
        #[cfg(feature = "hydrate")]
        super::in_browser(async move {
            loaded.set(Some(load_round(&id, findings, photos).await));
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (id, findings, photos);
    });
    // Leaving the page frees the images shown from the device.
    #[cfg(feature = "hydrate")]
    on_cleanup(move || {
        photos.try_with_untracked(|list| {
            super::photo_field::revoke_local_urls(list.iter().filter_map(|view| view.url.as_ref()))
        });
    });
    loaded
}

/// The round page.
#[component]
pub fn RoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let findings = RwSignal::new(Vec::<FindingRecord>::new());
    let photos = RwSignal::new(Vec::<PhotoView>::new());
    let loaded = use_round_from_query(findings, photos);
    super::refresh::refresh_after_sync(findings, photos);
    view! {
        <PageFrame>
            <main id="main" class="page narrow round">
                {move || match loaded.get() {
                    None => view! { <h1>{t!(i18n, round_title)}</h1><p>{t!(i18n, loading)}</p> }.into_any(),
                    Some(Err(message)) => view! {
                        <h1>{t!(i18n, round_title)}</h1>
                        <p class="error" role="alert">{message}</p>
                        <p><a href="/runder">{t!(i18n, rounds_back)}</a></p>
                    }.into_any(),
                    Some(Ok(data)) => view! { <RoundWalk data findings photos /> }.into_any(),
                }}
            </main>
        </PageFrame>
    }
}

#[component]
fn RoundWalk(
    data: LoadedRound,
    findings: RwSignal<Vec<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let room = RwSignal::new(String::new());
    let read_only = data.round.status == RoundStatus::Finished;
    let finish_href = format!("/runde/avslutt?id={}", data.round.id);
    let round_id = data.round.id.clone();
    let Some(checklist) = data.checklist.clone() else {
        return view! {
            <h1>{data.round.title.clone()}</h1>
            <p class="error" role="alert">{t!(i18n, round_no_checklist)}</p>
        }
        .into_any();
    };
    let progress_of = {
        let checklist = checklist.clone();
        move |room_id: Option<&str>| {
            let (done, total) = findings.with(|list| room_progress(&checklist, list, room_id));
            format!("{done}/{total}")
        }
    };
    let room_options = {
        let progress_of = progress_of.clone();
        let rooms = data.rooms.clone();
        move || {
            rooms
                .iter()
                .map(|r| {
                    let label = format!("{} ({})", r.name, progress_of(Some(&r.id)));
                    view! { <option value=r.id.clone()>{label}</option> }
                })
                .collect_view()
        }
    };
    let general_label = move || {
        format!(
            "{} ({})",
            crate::i18n::td_string!(i18n.get_locale(), round_general),
            progress_of(None)
        )
    };
    let room_signal = Signal::derive(move || room.get());
    let report_href = format!("{}?id={}", super::report::REPORT_PATH, data.round.id);
    view! {
        <h1>{data.round.title.clone()}</h1>
        <p class="muted">{data.round.date.clone()} " · " {data.area_name.clone()}</p>
        <Show when=move || read_only>
            <p class="notice">
                {t!(i18n, round_read_only)} " "
                <a href=report_href.clone()>{t!(i18n, round_report_title)}</a>
            </p>
        </Show>
        <div class="stack room-picker">
            <label for="room">{t!(i18n, round_room)}</label>
            <select id="room" prop:value=move || room.get() on:change=move |ev| room.set(event_target_value(&ev))>
                <option value="">{general_label}</option>
                {room_options}
            </select>
        </div>
        {checklist.sections.into_iter().map(|section| {
            let heading = section.title.clone();
            let counted = section.clone();
            let count = move || {
                let room_id = room.get();
                let room_id = (!room_id.is_empty()).then_some(room_id);
                let (done, total) = findings.with(|list| section_progress(&counted, list, room_id.as_deref()));
                format!("{done}/{total}")
            };
            let round_id = round_id.clone();
            view! {
                <details class="section card">
                    <summary><span>{heading}</span> <span class="progress">{count}</span></summary>
                    <ol class="points">
                        {section.items.into_iter().map(|item| view! {
                            <Point round_id=round_id.clone() room=room_signal item findings photos read_only />
                        }).collect_view()}
                    </ol>
                </details>
            }
        }).collect_view()}
        <Show when=move || !read_only>
            <p><a class="button" href=finish_href.clone()>{t!(i18n, round_finish)}</a></p>
        </Show>
        <p><a href="/runder">{t!(i18n, rounds_back)}</a></p>
    }
    .into_any()
}
