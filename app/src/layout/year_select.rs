//! Choosing a year in a page's plain GET form (sent as `aar`).

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// The label and the select; `years` newest first, `year` chosen.
#[component]
pub fn YearSelect(
    /// The select's id (unique on the page).
    field_id: &'static str,
    years: Vec<i32>,
    year: i32,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = years
        .into_iter()
        .map(|choice| view! { <option value=choice selected=choice == year>{choice}</option> })
        .collect_view();
    view! {
        <label for=field_id>{t!(i18n, year)}</label>
        <select id=field_id name="aar">{options}</select>
    }
}
