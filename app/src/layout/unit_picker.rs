//! Narrowing a page to one unit and those below it: a plain GET form with
//! the units a person reads, indented as in the tree, so it works before
//! the app has loaded.

use leptos::prelude::*;

use crate::domain::units::UnitView;
use crate::i18n::{t, use_i18n};

/// The form; sending it reloads `action` with `?enhet=…`.
#[component]
pub fn UnitPicker(
    /// The page the form reloads.
    action: &'static str,
    /// The select's id (unique on the page).
    field_id: &'static str,
    units: Vec<UnitView>,
    /// The unit chosen now (empty: all).
    unit_id: String,
    /// Whether "all" is a choice (a page of one unit has none).
    #[prop(default = true)]
    all: bool,
    /// The button's text.
    #[prop(into)]
    button: String,
    /// More fields sent with the unit (after it).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = units
        .into_iter()
        .map(|unit| {
            let selected = unit.id == unit_id;
            let indent = "\u{a0}\u{a0}".repeat(unit.depth);
            view! { <option value=unit.id selected=selected>{indent}{unit.name}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=action class="row plan-filter">
            <label for=field_id>{t!(i18n, posters_unit)}</label>
            <select id=field_id name="enhet">
                {all.then(|| view! { <option value="" selected=unit_id.is_empty()>{t!(i18n, avvik_all)}</option> })}
                {options}
            </select>
            {children.map(|children| children())}
            <button type="submit" class="secondary">{button}</button>
        </form>
    }
}
