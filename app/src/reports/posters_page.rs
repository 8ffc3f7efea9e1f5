//! `/admin/plakater`: the rooms whose QR posters the admin may print.

use leptos::prelude::*;

use super::PosterRoom;
use super::load::load_poster_rooms;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_frame::PageFrame;

/// Rooms by unit and building, each with a link to its poster.
#[component]
pub fn PostersPage() -> impl IntoView {
    let i18n = use_i18n();
    let rooms = Resource::new(|| (), |_| load_poster_rooms());
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, posters_title)}</h1>
                <p>{t!(i18n, posters_intro)}</p>
                <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                    {move || Suspend::new(async move {
                        match rooms.await {
                            Ok(rooms) => view! { <RoomTable rooms /> }.into_any(),
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
fn RoomTable(rooms: Vec<PosterRoom>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="users rooms">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, posters_unit)}</th>
                    <th scope="col">{t!(i18n, posters_building)}</th>
                    <th scope="col">{t!(i18n, posters_room)}</th>
                    <th scope="col">{t!(i18n, posters_floor)}</th>
                </tr>
            </thead>
            <tbody>
                {rooms
                    .into_iter()
                    .map(|room| {
                        let href = format!("/admin/plakat?rom={}", room.id);
                        view! {
                            <tr>
                                <td>{room.unit}</td>
                                <td>{room.building}</td>
                                <td><a href=href>{room.room}</a></td>
                                <td>{room.floor}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
