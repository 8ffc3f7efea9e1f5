//! The forms that change one unit, area or building: a new name (and
//! address), a move to another unit, and retirement.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::change_load::{MovePlace, RenamePlace, RetirePlace};
use super::structure::PlaceKind;
use crate::i18n::{t, td_string, use_i18n};

/// The actions the place forms send; shared by every card of a page.
#[derive(Clone, Copy)]
pub struct PlaceActions {
    /// New name.
    pub rename: ServerAction<RenamePlace>,
    /// Under another unit.
    pub relocate: ServerAction<MovePlace>,
    /// Out of use.
    pub retire: ServerAction<RetirePlace>,
}

/// What the forms are about.
#[derive(Clone, Debug)]
pub struct PlaceRef {
    /// Unit, area or building.
    pub kind: PlaceKind,
    /// Its id.
    pub id: String,
    /// Its name now.
    pub name: String,
    /// A building's address now (`None` for units and areas).
    pub address: Option<String>,
    /// The unit it hangs under now.
    pub parent: Option<String>,
}

/// Rename, move and retire forms for one place, folded under "Endre".
/// `targets` are the units it may move to (none: no move form).
#[component]
pub fn PlaceForms(
    place: PlaceRef,
    targets: Vec<(String, String)>,
    actions: PlaceActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = place.kind.as_str();
    let field = |name: &str| format!("{name}-{}", place.id);
    let (name_id, address_id, move_id) = (field("name"), field("address"), field("move"));
    let label = place.name.clone();
    let retire_label = move || format!("{} {}", td_string!(i18n.get_locale(), org_retire), label);
    let summary_label = {
        let name = place.name.clone();
        move || format!("{} {}", td_string!(i18n.get_locale(), org_change), name)
    };
    let address = place.address.clone().map(|address| {
        view! {
            <label for=address_id.clone()>{t!(i18n, org_address)}</label>
            <input id=address_id name="detail" maxlength="200" value=address />
        }
    });
    let (rename_id, move_id_value, retire_id) = (place.id.clone(), place.id.clone(), place.id);
    let move_form = (!targets.is_empty()).then(|| {
        let current = place.parent.clone().unwrap_or_default();
        view! {
            <ActionForm action=actions.relocate attr:class="stack">
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="id" value=move_id_value />
                <label for=move_id.clone()>{t!(i18n, org_move_to)}</label>
                <select id=move_id name="to_unit">
                    {targets
                        .into_iter()
                        .map(|(id, name)| {
                            let selected = id == current;
                            view! { <option value=id selected=selected>{name}</option> }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="small">{t!(i18n, org_move)}</button>
            </ActionForm>
        }
    });
    view! {
        <details class="place-forms">
            <summary aria-label=summary_label>{t!(i18n, org_change)}</summary>
            <ActionForm action=actions.rename attr:class="stack">
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="id" value=rename_id />
                <label for=name_id.clone()>{t!(i18n, org_name)}</label>
                <input id=name_id name="name" required maxlength="200" value=place.name />
                {address}
                <button type="submit" class="small">{t!(i18n, rooms_save)}</button>
            </ActionForm>
            {move_form}
            <ActionForm action=actions.retire>
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="id" value=retire_id />
                <p class="hint">{t!(i18n, org_retire_hint)}</p>
                <button type="submit" class="small secondary" aria-label=retire_label>
                    {t!(i18n, org_retire)}
                </button>
            </ActionForm>
        </details>
    }
}
