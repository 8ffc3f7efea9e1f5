//! `/admin/rom`: the rooms the HMS-ansvarlig manages, their posters, one
//! new room, and an import of many rooms at once.

use leptos::prelude::*;

use super::RoomsAdmin;
use super::change_load::{CreatePlace, MoveRoom, RenamePlace, RetirePlace};
use super::load::{ImportRooms, load_rooms_admin};
use super::room_import_form::RoomImportForm;
use super::room_new_form::NewRoomForm;
use super::room_row::{RoomActions, RoomRow};
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_frame::PageFrame;

/// The room list beside the forms that add rooms; all refresh after a change.
#[component]
pub fn RoomsPage() -> impl IntoView {
    let i18n = use_i18n();
    let import = ServerAction::<ImportRooms>::new();
    let create = ServerAction::<CreatePlace>::new();
    let actions = RoomActions {
        rename: ServerAction::<RenamePlace>::new(),
        relocate: ServerAction::<MoveRoom>::new(),
        retire: ServerAction::<RetirePlace>::new(),
    };
    let admin = Resource::new(
        move || {
            (
                import.version().get(),
                create.version().get(),
                actions.rename.version().get(),
                actions.relocate.version().get(),
                actions.retire.version().get(),
            )
        },
        |_| load_rooms_admin(),
    );
    let failed = move || {
        let rename = actions.rename.value().get().and_then(Result::err);
        let relocate = move || actions.relocate.value().get().and_then(Result::err);
        let retire = move || actions.retire.value().get().and_then(Result::err);
        rename.or_else(relocate).or_else(retire)
    };

    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, rooms_title)}</h1>
                <p>{t!(i18n, posters_intro)}</p>
                <div role="alert" class="alert-slot">
                    {move || failed().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
                </div>
                <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                    {move || {
                        admin
                            .get()
                            .map(|result| match result {
                                Ok(admin) => {
                                    view! {
                                        <div class="two-pane">
                                            <RoomTable admin=admin.clone() actions />
                                            <div class="stack">
                                                <NewRoomForm admin=admin.clone() create />
                                                <RoomImportForm units=admin.units.clone() import />
                                                <LabelLinks admin />
                                            </div>
                                        </div>
                                    }
                                        .into_any()
                                }
                                Err(error) => {
                                    view! { <p class="error" role="alert"><ErrorMessage error /></p> }
                                        .into_any()
                                }
                            })
                    }}
                </Transition>
            </main>
        </PageFrame>
    }
}

#[component]
fn RoomTable(admin: RoomsAdmin, actions: RoomActions) -> impl IntoView {
    let i18n = use_i18n();
    let rooms = admin.rooms.clone();
    let admin = StoredValue::new(admin);
    view! {
        <section aria-labelledby="rooms-heading">
            <h2 id="rooms-heading">{t!(i18n, rooms_list)}</h2>
            <table class="users rooms">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, posters_room)}</th>
                        <th scope="col">{t!(i18n, posters_building)}</th>
                        <th scope="col">{t!(i18n, posters_unit)}</th>
                        <th scope="col">{t!(i18n, rooms_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rooms
                        .into_iter()
                        .map(|room| view! { <RoomRow room admin actions /> })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Links to each unit's and each building's sheet of room labels.
#[component]
fn LabelLinks(admin: RoomsAdmin) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="labels-heading">
            <h2 id="labels-heading">{t!(i18n, labels_title)}</h2>
            <ul class="units">
                {admin
                    .units
                    .into_iter()
                    .map(|unit| {
                        let href = format!("/admin/etiketter?enhet={}", unit.id);
                        let depth = format!("--depth: {}", unit.depth);
                        view! {
                            <li style=depth>
                                <a href=href>{t!(i18n, labels_for)} " " {unit.name.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ul>
                {admin
                    .buildings
                    .into_iter()
                    .filter(|building| building.room_count > 0)
                    .map(|building| {
                        let href = format!("/admin/etiketter?bygg={}", building.id);
                        view! {
                            <li>
                                <a href=href>{t!(i18n, labels_for)} " " {building.name.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
