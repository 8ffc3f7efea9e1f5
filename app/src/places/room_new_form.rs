//! One new room without a file: the unit that uses it, its building, its
//! name and floor. The new room's poster is one tap away.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::RoomsAdmin;
use super::change_load::CreatePlace;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;

/// The form, with what became of the last room it sent.
#[component]
pub fn NewRoomForm(admin: RoomsAdmin, create: ServerAction<CreatePlace>) -> impl IntoView {
    let i18n = use_i18n();
    let created = move || create.value().get().and_then(Result::ok);
    let refused = move || create.value().get().and_then(Result::err);
    let RoomsAdmin {
        units, buildings, ..
    } = admin;
    let unit_options = units
        .iter()
        .map(|unit| {
            let indent = "\u{a0}\u{a0}".repeat(unit.depth);
            view! { <option value=unit.id.clone()>{indent}{unit.name.clone()}</option> }
        })
        .collect_view();
    let unit_name = |unit_id: &str| {
        units
            .iter()
            .find(|unit| unit.id == unit_id)
            .map(|unit| unit.name.clone())
            .unwrap_or_default()
    };
    // The unit beside each building's name: two schools may both have a
    // "Hovedbygg".
    let building_options = buildings
        .iter()
        .map(|building| {
            let label = format!("{} ({})", building.name, unit_name(&building.unit_id));
            view! { <option value=building.id.clone()>{label}</option> }
        })
        .collect_view();
    let form = if buildings.is_empty() {
        view! {
            <p>
                {t!(i18n, rooms_new_no_building)} " "
                <a href="/admin/steder">{t!(i18n, rooms_new_org_link)}</a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=create attr:class="stack">
                <input type="hidden" name="kind" value="room" />
                <label for="new-room-unit">{t!(i18n, rooms_move_unit)}</label>
                <select id="new-room-unit" name="unit_id">{unit_options}</select>
                <label for="new-room-building">{t!(i18n, posters_building)}</label>
                <select id="new-room-building" name="building_id">{building_options}</select>
                <label for="new-room-name">{t!(i18n, posters_room)}</label>
                <input id="new-room-name" name="name" required maxlength="200" />
                <label for="new-room-floor">{t!(i18n, posters_floor)}</label>
                <input id="new-room-floor" name="detail" maxlength="200" />
                <button type="submit" disabled=move || create.pending().get()>
                    {t!(i18n, rooms_new_save)}
                </button>
            </ActionForm>
        }
        .into_any()
    };

    view! {
        <section class="card" aria-labelledby="new-room-heading">
            <h2 id="new-room-heading">{t!(i18n, rooms_new_title)}</h2>
            {form}
            <div role="alert" class="alert-slot">
                {move || refused().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
            </div>
            <div role="status" class="alert-slot">
                {move || {
                    created()
                        .map(|id| {
                            let poster = format!("/admin/plakat?rom={id}");
                            view! {
                                <p class="ok">
                                    {t!(i18n, rooms_new_saved)} " "
                                    <a href=poster>{t!(i18n, rooms_new_poster)}</a>
                                </p>
                            }
                        })
                }}
            </div>
        </section>
    }
}
