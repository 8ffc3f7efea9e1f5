//! The open cases on the 5×5 matrix (sannsynlighet up, konsekvens across,
//! as on the round's risk picker): each cell with cases is a link to the
//! list of them.

use leptos::prelude::*;

use super::model::{MatrixCount, cell_link};
use crate::avvik::rating::Rating;
use crate::i18n::{t, td_string, use_i18n};
use crate::sync::rules::RiskLevel;

/// Open cases in one cell.
fn in_cell(matrix: &[MatrixCount], rating: Rating) -> i64 {
    matrix
        .iter()
        .find(|cell| cell.rating == rating)
        .map_or(0, |cell| cell.count)
}

/// The matrix with the count in each cell, and the open cases outside it.
#[component]
pub fn OpenMatrix(
    matrix: Vec<MatrixCount>,
    unrated: i64,
    open: i64,
    unit_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let cells = (1..=5u8)
        .rev()
        .map(|probability| {
            let row = (1..=5u8)
                .map(|consequence| {
                    let rating = Rating {
                        probability,
                        consequence,
                    };
                    let class = format!("cell {}", RiskLevel::of(probability, consequence).css());
                    let count = in_cell(&matrix, rating);
                    if count == 0 {
                        return view! { <span class=class></span> }.into_any();
                    }
                    let label = format!(
                        "{} {probability}, {} {consequence}: {count} {}",
                        td_string!(locale, risk_probability),
                        td_string!(locale, risk_consequence),
                        td_string!(locale, dashboard_cell_cases)
                    );
                    view! {
                        <a class=class href=cell_link(&unit_id, rating) aria-label=label>{count}</a>
                    }
                    .into_any()
                })
                .collect_view();
            view! { <span class="axis-n" aria-hidden="true">{probability}</span> {row} }
        })
        .collect_view();
    view! {
        <p>{t!(i18n, dashboard_open, count = move || open)}</p>
        <div class="risk-grid dash-matrix">
            <span class="axis axis-y" aria-hidden="true">{t!(i18n, risk_probability)}</span>
            {cells}
            <span></span>
            {(1..=5u8).map(|c| view! { <span class="axis-n" aria-hidden="true">{c}</span> }).collect_view()}
            <span class="axis axis-x" aria-hidden="true">{t!(i18n, risk_consequence)}</span>
        </div>
        <p class="hint">{t!(i18n, dashboard_matrix_hint)}</p>
        {(unrated > 0).then(|| view! { <p>{t!(i18n, dashboard_unrated, count = move || unrated)}</p> })}
    }
}
