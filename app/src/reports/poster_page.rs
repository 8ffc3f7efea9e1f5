//! `/admin/plakat?rom=…`: one room's A4 poster, and replacing its code.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::Poster;
use super::load::{RegenerateRoomCode, load_room_poster};
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_frame::PageFrame;
use crate::layout::print_button::PrintButton;

/// The poster as it prints, with print and "new code" controls beside it.
#[component]
pub fn PosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let room_id = move || query.read().get("rom").unwrap_or_default();
    let regenerate = ServerAction::<RegenerateRoomCode>::new();
    let poster = Resource::new(
        move || (room_id(), regenerate.version().get()),
        |(room_id, _)| load_room_poster(room_id),
    );
    let regenerated = move || matches!(regenerate.value().get(), Some(Ok(())));
    let refused = move || regenerate.value().get().and_then(Result::err);

    view! {
        <PageFrame>
            <main id="main" class="page poster-page">
                <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                    {move || Suspend::new(async move {
                        match poster.await {
                            Ok(poster) => {
                                let room_id = poster.room_id.clone();
                                view! {
                                    <div class="no-print stack">
                                        <p><a href="/admin/rom">{t!(i18n, posters_back)}</a></p>
                                        <Show when=regenerated>
                                            <p class="ok" role="status">{t!(i18n, poster_regenerated)}</p>
                                        </Show>
                                        <div role="alert" class="alert-slot">
                                            {move || refused().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
                                        </div>
                                    </div>
                                    <PosterSheet poster />
                                    <div class="no-print poster-actions">
                                        <details>
                                            <summary>{t!(i18n, poster_regenerate)}</summary>
                                            <p>{t!(i18n, poster_regenerate_hint)}</p>
                                            <ActionForm action=regenerate>
                                                <input type="hidden" name="room_id" value=room_id />
                                                <button type="submit" class="secondary">{t!(i18n, poster_regenerate_confirm)}</button>
                                            </ActionForm>
                                        </details>
                                    </div>
                                }
                                    .into_any()
                            }
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

/// A room's QR code as the server drew it, named for screen readers.
#[component]
pub fn QrImage(svg: String, room: String, class: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    // The server made this SVG from the room's address alone (no text a
    // person typed), so it is inserted as markup; from `<svg` on, leaving
    // out the XML declaration.
    let markup = svg
        .find("<svg")
        .map(|start| svg[start..].to_owned())
        .unwrap_or_default();
    let label = move || {
        format!(
            "{} {}",
            td_string!(i18n.get_locale(), poster_qr_label),
            room
        )
    };
    view! { <div class=class role="img" aria-label=label inner_html=markup></div> }
}

/// The printed A4 sheet: where, the one line, the code and the address.
#[component]
fn PosterSheet(poster: Poster) -> impl IntoView {
    let i18n = use_i18n();
    let place = if poster.floor.is_empty() {
        poster.building.clone()
    } else {
        format!("{} · {}", poster.building, poster.floor)
    };
    view! {
        <article class="poster">
            <p class="poster-unit">{poster.unit.clone()}</p>
            <h1 class="poster-room">{poster.room.clone()}</h1>
            <p class="poster-place">{place}</p>
            <p class="poster-line">{t!(i18n, poster_line)}</p>
            <QrImage svg=poster.qr_svg.clone() room=poster.room.clone() class="poster-qr" />
            <p class="poster-type">{t!(i18n, poster_or_type)}</p>
            <p class="poster-url">{poster.url.clone()}</p>
        </article>
        <PrintButton>{t!(i18n, poster_print)}</PrintButton>
    }
}
