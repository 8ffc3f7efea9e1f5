//! One room in the list: its poster, a new name or floor, or retirement.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::load::{RenameRoom, RetireRoom};
use crate::i18n::{t, td_string, use_i18n};
use crate::reports::PosterRoom;

/// A row of the room table.
#[component]
pub fn RoomRow(
    room: PosterRoom,
    rename: ServerAction<RenameRoom>,
    retire: ServerAction<RetireRoom>,
) -> impl IntoView {
    let i18n = use_i18n();
    let poster = format!("/admin/plakat?rom={}", room.id);
    let name_id = format!("name-{}", room.id);
    let floor_id = format!("floor-{}", room.id);
    let label = room.room.clone();
    let retire_label = move || format!("{} {}", td_string!(i18n.get_locale(), rooms_retire), label);
    let place = if room.floor.is_empty() {
        room.room.clone()
    } else {
        format!("{} ({})", room.room, room.floor)
    };
    let (rename_id, retire_id) = (room.id.clone(), room.id.clone());
    let (name, floor) = (room.room.clone(), room.floor.clone());
    view! {
        <tr data-room=room.room.clone()>
            <td>{place}</td>
            <td>{room.building.clone()}</td>
            <td>{room.unit.clone()}</td>
            <td class="room-actions">
                <a href=poster>{t!(i18n, rooms_poster)}</a>
                <details>
                    <summary>{t!(i18n, rooms_change)}</summary>
                    <ActionForm action=rename attr:class="stack">
                        <input type="hidden" name="room_id" value=rename_id />
                        <label for=name_id.clone()>{t!(i18n, posters_room)}</label>
                        <input id=name_id name="name" required maxlength="200" value=name />
                        <label for=floor_id.clone()>{t!(i18n, posters_floor)}</label>
                        <input id=floor_id name="floor" maxlength="200" value=floor />
                        <button type="submit" class="small">{t!(i18n, rooms_save)}</button>
                    </ActionForm>
                    <ActionForm action=retire>
                        <input type="hidden" name="room_id" value=retire_id />
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
