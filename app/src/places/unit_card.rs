//! One unit on the organisation page: its own forms, its verneområder (with
//! their verneombud), its buildings, and forms to add to it.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::change_load::{CreatePlace, SetVerneombud};
use super::place_forms::{PlaceActions, PlaceForms, PlaceRef};
use super::structure::{AreaView, BuildingView, OrgAdmin, PlaceKind};
use crate::domain::units::{UnitKind, UnitView};
use crate::i18n::{t, use_i18n};
use crate::layout::labels::KindName;

/// Every action of the organisation page.
#[derive(Clone, Copy)]
pub struct OrgActions {
    /// Rename, move, retire.
    pub places: PlaceActions,
    /// A new unit, area or building.
    pub create: ServerAction<CreatePlace>,
    /// An area's verneombud.
    pub verneombud: ServerAction<SetVerneombud>,
}

/// A unit's card.
#[component]
pub fn UnitCard(
    unit: UnitView,
    admin: StoredValue<OrgAdmin>,
    actions: OrgActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let (areas, buildings, units) = admin.with_value(|admin| {
        let here = |id: &String| *id == unit.id;
        (
            admin
                .areas
                .iter()
                .filter(|a| here(&a.unit_id))
                .cloned()
                .collect::<Vec<_>>(),
            admin
                .buildings
                .iter()
                .filter(|b| here(&b.unit_id))
                .cloned()
                .collect::<Vec<_>>(),
            admin.units.clone(),
        )
    });
    let all_units: Vec<(String, String)> = units
        .iter()
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    let parents: Vec<(String, String)> = units
        .iter()
        .filter(|parent| unit.kind.may_sit_below(Some(parent.kind)))
        .map(|parent| (parent.id.clone(), parent.name.clone()))
        .collect();
    // Moving is offered only where the admin also manages the current parent,
    // so the list never opens on a parent the unit does not have.
    let in_reach = parents
        .iter()
        .any(|(id, _)| Some(id) == unit.parent_id.as_ref());
    let targets = if in_reach { parents } else { Vec::new() };
    let heading_id = format!("unit-{}", unit.id);
    let place = PlaceRef {
        kind: PlaceKind::Unit,
        id: unit.id.clone(),
        name: unit.name.clone(),
        address: None,
        parent: unit.parent_id.clone(),
    };
    let depth = format!("--depth: {}", unit.depth);
    let (labelled_by, kind) = (heading_id.clone(), unit.kind);
    let (data_name, unit_name) = (unit.name.clone(), unit.name.clone());
    view! {
        <section class="card unit-card" style=depth aria-labelledby=labelled_by data-unit=data_name>
            <h2 id=heading_id>{unit_name} " " <small><KindName kind /></small></h2>
            <PlaceForms place targets actions=actions.places />
            <h3>{t!(i18n, org_areas)}</h3>
            <AreaList areas targets=all_units.clone() admin actions />
            <h3>{t!(i18n, org_buildings)}</h3>
            <BuildingList buildings targets=all_units actions=actions.places />
            <AddForms unit admin create=actions.create />
        </section>
    }
}

#[component]
fn AreaList(
    areas: Vec<AreaView>,
    targets: Vec<(String, String)>,
    admin: StoredValue<OrgAdmin>,
    actions: OrgActions,
) -> impl IntoView {
    let i18n = use_i18n();
    if areas.is_empty() {
        return view! { <p class="hint">{t!(i18n, org_no_areas)}</p> }.into_any();
    }
    let items = areas.into_iter().map(|area| {
        let place = PlaceRef {
            kind: PlaceKind::Area,
            id: area.id.clone(),
            name: area.name.clone(),
            address: None,
            parent: Some(area.unit_id.clone()),
        };
        let who = area.verneombud_name.clone();
        let select_id = format!("vo-{}", area.id);
        view! {
            <li data-area=area.name.clone()>
                <strong>{area.name.clone()}</strong> " – " {t!(i18n, org_verneombud)} ": "
                {match who {
                    Some(name) => view! { <span>{name}</span> }.into_any(),
                    None => view! { <em>{t!(i18n, org_no_verneombud)}</em> }.into_any(),
                }}
                <ActionForm action=actions.verneombud attr:class="inline-form">
                    <input type="hidden" name="id" value=area.id.clone() />
                    <label for=select_id.clone()>{t!(i18n, org_verneombud)}</label>
                    <PersonSelect id=select_id name="user_id" admin current=area.verneombud_id.clone() />
                    <button type="submit" class="small">{t!(i18n, rooms_save)}</button>
                </ActionForm>
                <PlaceForms place targets=targets.clone() actions=actions.places />
            </li>
        }
    });
    view! { <ul class="place-list">{items.collect_view()}</ul> }.into_any()
}

#[component]
fn BuildingList(
    buildings: Vec<BuildingView>,
    targets: Vec<(String, String)>,
    actions: PlaceActions,
) -> impl IntoView {
    let i18n = use_i18n();
    if buildings.is_empty() {
        return view! { <p class="hint">{t!(i18n, org_no_buildings)}</p> }.into_any();
    }
    let items = buildings.into_iter().map(|building| {
        let place = PlaceRef {
            kind: PlaceKind::Building,
            id: building.id.clone(),
            name: building.name.clone(),
            address: Some(building.address.clone()),
            parent: Some(building.unit_id.clone()),
        };
        let rooms = format!("{}", building.room_count);
        view! {
            <li data-building=building.name.clone()>
                <strong>{building.name.clone()}</strong> " " {building.address.clone()} " – "
                {rooms} " " {t!(i18n, org_rooms)}
                <PlaceForms place targets=targets.clone() actions />
            </li>
        }
    });
    view! { <ul class="place-list">{items.collect_view()}</ul> }.into_any()
}

/// The verneombud to choose from, with "nobody yet" first.
#[component]
fn PersonSelect(
    id: String,
    name: &'static str,
    admin: StoredValue<OrgAdmin>,
    current: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let people = admin.with_value(|admin| admin.verneombud.clone());
    view! {
        <select id=id name=name>
            <option value="">{t!(i18n, org_no_verneombud)}</option>
            {people
                .into_iter()
                .map(|person| {
                    let selected = current.as_ref() == Some(&person.id);
                    view! { <option value=person.id selected=selected>{person.name}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// A new child unit (not below an avdeling), verneområde or building.
#[component]
fn AddForms(
    unit: UnitView,
    admin: StoredValue<OrgAdmin>,
    create: ServerAction<CreatePlace>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = |name: &str| format!("{name}-{}", unit.id);
    let (unit_name, area_name, area_vo, building_name, building_address) = (
        field("new-unit"),
        field("new-area"),
        field("new-area-vo"),
        field("new-building"),
        field("new-building-address"),
    );
    let (for_unit, for_area, for_building) = (unit.id.clone(), unit.id.clone(), unit.id.clone());
    let child_unit = (unit.kind != UnitKind::Avdeling).then(|| {
        view! {
            <ActionForm action=create attr:class="stack">
                <input type="hidden" name="kind" value="unit" />
                <input type="hidden" name="unit_id" value=for_unit />
                <label for=unit_name.clone()>{t!(i18n, org_new_unit)}</label>
                <input id=unit_name name="name" required maxlength="200" />
                <button type="submit" class="small">{t!(i18n, org_create)}</button>
            </ActionForm>
        }
    });
    view! {
        <details class="add-forms">
            <summary>{t!(i18n, org_add)}</summary>
            {child_unit}
            <ActionForm action=create attr:class="stack">
                <input type="hidden" name="kind" value="area" />
                <input type="hidden" name="unit_id" value=for_area />
                <label for=area_name.clone()>{t!(i18n, org_new_area)}</label>
                <input id=area_name name="name" required maxlength="200" />
                <label for=area_vo.clone()>{t!(i18n, org_verneombud)}</label>
                <PersonSelect id=area_vo name="verneombud_id" admin current=None />
                <button type="submit" class="small">{t!(i18n, org_create)}</button>
            </ActionForm>
            <ActionForm action=create attr:class="stack">
                <input type="hidden" name="kind" value="building" />
                <input type="hidden" name="unit_id" value=for_building />
                <label for=building_name.clone()>{t!(i18n, org_new_building)}</label>
                <input id=building_name name="name" required maxlength="200" />
                <label for=building_address.clone()>{t!(i18n, org_address)}</label>
                <input id=building_address name="detail" maxlength="200" />
                <button type="submit" class="small">{t!(i18n, org_create)}</button>
            </ActionForm>
        </details>
    }
}
