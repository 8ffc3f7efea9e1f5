//! `/admin/etiketter?enhet=…` or `?bygg=…`: a unit's or a building's rooms
//! as sheets of 3 × 8 labels
//! (70 × 37 mm, A4), each with its QR code, room, building and address.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::Poster;
use super::load::load_label_sheet;
use super::poster_page::QrImage;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_frame::PageFrame;
use crate::places::structure::PlaceKind;

/// Labels on one A4 sheet.
const PER_SHEET: usize = 24;

/// The sheets, with a print button.
#[component]
pub fn LabelsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sheet_of = move || {
        let query = query.read();
        match query.get("bygg") {
            Some(building) => (PlaceKind::Building, building),
            None => (PlaceKind::Unit, query.get("enhet").unwrap_or_default()),
        }
    };
    let labels = Resource::new(sheet_of, |(kind, id)| load_label_sheet(kind, id));
    view! {
        <PageFrame>
            <main id="main" class="page labels-page">
                <div class="no-print">
                    <h1>{t!(i18n, labels_title)}</h1>
                    <p>{t!(i18n, labels_intro)}</p>
                    <p><a href="/admin/rom">{t!(i18n, posters_back)}</a></p>
                </div>
                <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                    {move || Suspend::new(async move {
                        match labels.await {
                            Ok(labels) if labels.is_empty() => {
                                view! { <p>{t!(i18n, labels_none)}</p> }.into_any()
                            }
                            Ok(labels) => view! { <Sheets labels /> }.into_any(),
                            Err(error) => {
                                view! { <p class="error" role="alert"><ErrorMessage error /></p> }
                                    .into_any()
                            }
                        }
                    })}
                </Suspense>
            </main>
        </PageFrame>
    }
}

#[component]
fn Sheets(labels: Vec<Poster>) -> impl IntoView {
    let sheets: Vec<Vec<Poster>> = labels.chunks(PER_SHEET).map(<[Poster]>::to_vec).collect();
    sheets
        .into_iter()
        .map(|sheet| {
            view! {
                <div class="label-sheet">
                    {sheet.into_iter().map(|label| view! { <Label label /> }).collect_view()}
                </div>
            }
        })
        .collect_view()
}

#[component]
fn Label(label: Poster) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="label">
            <QrImage svg=label.qr_svg.clone() room=label.room.clone() class="label-qr" />
            <div class="label-text">
                <strong>{label.room.clone()}</strong>
                <span>{label.building.clone()}</span>
                <span class="label-line">{t!(i18n, labels_line)}</span>
                <span class="label-url">{label.url.clone()}</span>
            </div>
        </div>
    }
}
