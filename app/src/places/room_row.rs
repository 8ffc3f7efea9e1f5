//! One room in the list: its poster, a new name or floor, a move to
//! another building or unit, or retirement.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::change_load::{MoveRoom, RenamePlace, RetirePlace};
use super::{AdminRoom, RoomsAdmin};
use crate::i18n::{t, td_string, use_i18n};

/// The actions a room row can send.
#[derive(Clone, Copy)]
pub struct RoomActions {
    /// New name and floor.
    pub rename: ServerAction<RenamePlace>,
    /// Another building and unit.
    pub relocate: ServerAction<MoveRoom>,
    /// Out of use.
    pub retire: ServerAction<RetirePlace>,
}

/// A row of the room table; `admin` gives the buildings and units it may move to.
#[component]
pub fn RoomRow(
    room: AdminRoom,
    admin: StoredValue<RoomsAdmin>,
    actions: RoomActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let AdminRoom {
        room,
        building_id,
        unit_id,
    } = room;
    let poster = format!("/admin/plakat?rom={}", room.id);
    let field = |name: &str| format!("{name}-{}", room.id);
    let (name_id, floor_id, building_field, unit_field) = (
        field("name"),
        field("floor"),
        field("building"),
        field("unit"),
    );
    let label = room.room.clone();
    let retire_label = move || format!("{} {}", td_string!(i18n.get_locale(), rooms_retire), label);
    let place = if room.floor.is_empty() {
        room.room.clone()
    } else {
        format!("{} ({})", room.room, room.floor)
    };
    let (rename_id, move_id, retire_id) = (room.id.clone(), room.id.clone(), room.id.clone());
    let (row_name, room_name) = (room.room.clone(), room.room.clone());
    let buildings = admin.with_value(|admin| admin.buildings.clone());
    let units = admin.with_value(|admin| admin.units.clone());
    view! {
        <tr data-room=row_name>
            <td>{place}</td>
            <td>{room.building.clone()}</td>
            <td>{room.unit.clone()}</td>
            <td class="room-actions">
                <a href=poster>{t!(i18n, rooms_poster)}</a>
                <details>
                    <summary>{t!(i18n, rooms_change)}</summary>
                    <ActionForm action=actions.rename attr:class="stack">
                        <input type="hidden" name="kind" value="room" />
                        <input type="hidden" name="id" value=rename_id />
                        <label for=name_id.clone()>{t!(i18n, posters_room)}</label>
                        <input id=name_id name="name" required maxlength="200" value=room_name />
                        <label for=floor_id.clone()>{t!(i18n, posters_floor)}</label>
                        <input id=floor_id name="detail" maxlength="200" value=room.floor.clone() />
                        <button type="submit" class="small">{t!(i18n, rooms_save)}</button>
                    </ActionForm>
                    <ActionForm action=actions.relocate attr:class="stack">
                        <input type="hidden" name="id" value=move_id />
                        <label for=building_field.clone()>{t!(i18n, rooms_move_building)}</label>
                        <select id=building_field name="building_id">
                            {buildings
                                .into_iter()
                                .map(|building| {
                                    let selected = building.id == building_id;
                                    view! {
                                        <option value=building.id selected=selected>{building.name}</option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <label for=unit_field.clone()>{t!(i18n, rooms_move_unit)}</label>
                        <select id=unit_field name="unit_id">
                            {units
                                .into_iter()
                                .map(|unit| {
                                    let selected = unit.id == unit_id;
                                    view! { <option value=unit.id selected=selected>{unit.name}</option> }
                                })
                                .collect_view()}
                        </select>
                        <button type="submit" class="small">{t!(i18n, rooms_move)}</button>
                    </ActionForm>
                    <ActionForm action=actions.retire>
                        <input type="hidden" name="kind" value="room" />
                        <input type="hidden" name="id" value=retire_id />
                        <p class="hint">{t!(i18n, rooms_retire_hint)}</p>
                        <button type="submit" class="small secondary" aria-label=retire_label>
                            {t!(i18n, rooms_retire)}
                        </button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}
