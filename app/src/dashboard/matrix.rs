//! The open cases on the risk matrix: each cell with cases is a link to the
//! list of them.

use leptos::prelude::*;

use super::model::cell_link;
use crate::avvik::count_matrix::CountMatrix;
use crate::avvik::rating::MatrixCount;
use crate::i18n::{t, td_string, use_i18n};

/// The matrix with the count in each cell, and the open cases outside it.
#[component]
pub fn OpenMatrix(
    matrix: Vec<MatrixCount>,
    unrated: i64,
    open: i64,
    unit_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let noun = td_string!(i18n.get_locale_untracked(), dashboard_cell_cases);
    view! {
        <p>{t!(i18n, dashboard_open, count = move || open)}</p>
        <CountMatrix matrix noun link=move |rating| Some(cell_link(&unit_id, rating)) />
        <p class="hint">{t!(i18n, dashboard_matrix_hint)}</p>
        {(unrated > 0).then(|| view! { <p>{t!(i18n, dashboard_unrated, count = move || unrated)}</p> })}
    }
}
